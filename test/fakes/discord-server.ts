/**
 * A fake Discord on 127.0.0.1, port 0: REST under /api/v10 and a v10 JSON
 * gateway on the same port. The real discord.js client talks to it; tests
 * inject interactions and read back everything the bot sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readDiscordBody } from "./discord-body.js";
import { FakeGateway } from "./discord-gateway.js";
import { HttpInteractions } from "./discord-http-delivery.js";
import {
  attachmentJson,
  type FakeChannel,
  type FakeRole,
  type FakeUser,
  fakeUser,
  type InteractionRecord,
  messageJson,
  type StoredAttachment,
  type StoredEvent,
  type StoredMessage,
  snowflake,
} from "./discord-model.js";
import { RateLimiter, type RateLimitOptions } from "./discord-ratelimit.js";
import { bucketOf, interactionToken, type RestState, route } from "./discord-routes.js";
import { DiscordSpec, invalidFormBody } from "./spec/discord.js";
import { type SpecViolation, watch } from "./spec/violations.js";

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly channels: readonly { readonly id: string; readonly name: string }[];
  readonly roles?: readonly FakeRole[];
}

export interface FakeDiscordOptions {
  readonly token?: string;
  readonly applicationId?: string;
  readonly guild?: FakeGuild;
  /** Members people can be (id → name); more can be added with `addUser`. */
  readonly users?: Readonly<Record<string, string>>;
  /** Users whose DMs are closed: messages to their DM channel answer 403 / 50007. */
  readonly closedDms?: readonly string[];
  /** Off unless given. */
  readonly rateLimits?: RateLimitOptions;
  /** "Now" for scheduled-event validation (events may not start in the past). */
  readonly now?: () => number;
  /** Discord gives 3 s to acknowledge an interaction. */
  readonly interactionTimeoutMs?: number;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** Permission bits the tests use. */
export const PERMISSIONS = {
  none: "0",
  /** View channel, send messages, read history: an ordinary member. */
  member: String(0x400n | 0x800n | 0x10000n),
  manageEvents: String(0x400n | 0x800n | 0x10000n | (1n << 33n)),
  administrator: String(0x8n),
} as const;

export interface SlashOptions {
  readonly user: string;
  readonly subcommand: string;
  readonly options?: Readonly<Record<string, string | number | boolean>>;
  /** The member's permissions in the channel (default: an ordinary member). */
  readonly permissions?: string;
  readonly locale?: string;
  readonly channelId?: string;
  /** In a DM with the bot rather than in the guild. */
  readonly dm?: boolean;
  readonly command?: string;
}

export interface AutocompleteOptions extends SlashOptions {
  /** The option being typed. */
  readonly focused: string;
}

export interface PressOptions {
  readonly user: string;
  readonly messageId: string;
  readonly customId: string;
  readonly permissions?: string;
  readonly locale?: string;
}

export interface ComponentOptions {
  readonly user: string;
  readonly messageId: string;
  readonly customId: string;
  /** Discord's component type: 3 a string select menu (default), 2 a button, … */
  readonly componentType?: number;
  /** The options chosen in a select menu. */
  readonly values?: readonly string[];
  readonly locale?: string;
}

/** `answered` stops waiting, loudly, once the person saw the interaction fail. */
function fail(failure: string | undefined): false {
  if (failure !== undefined) throw new Error(`fake Discord: ${failure}`);
  return false;
}

const OPTION_TYPE = {
  subcommand: 1,
  string: 3,
  integer: 4,
  boolean: 5,
  number: 10,
  attachment: 11,
} as const;

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly guild: FakeGuild;
  readonly bot: FakeUser;
  readonly state: RestState;
  /** Every REST request, in order. */
  readonly requests: RequestLogEntry[] = [];
  /**
   * Requests refused because Discord's OpenAPI description refuses them
   * (answered 400 / 50035). The test setup fails a test that leaves any here.
   */
  readonly specViolations: SpecViolation[] = [];
  readonly gateway: FakeGateway;
  /**
   * HTTP-interactions mode (off until `useHttpInteractions`): its key pair, raw signed posts,
   * PING and replays.
   */
  readonly http: HttpInteractions;
  /** HTTP deliveries in flight, by interaction id. */
  readonly #deliveries = new Map<string, Promise<void>>();
  readonly limiter: RateLimiter | null;
  #server: Server | null = null;
  #port = 0;
  #spec: DiscordSpec | null = null;
  /** Scripted failures: the next matching requests answer this status. */
  readonly #failures: { match: RegExp; status: number; body: unknown; left: number }[] = [];
  readonly #lost: { match: RegExp; left: number }[] = [];

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? "fake-bot-token-0123456789";
    this.applicationId = options.applicationId ?? "900000000000000001";
    this.bot = fakeUser("900000000000000001", "Cashmob", true);
    this.guild = options.guild ?? {
      id: "800000000000000001",
      name: "Bookworms",
      channels: [{ id: "810000000000000001", name: "general" }],
    };
    const channels = new Map<string, FakeChannel>();
    for (const c of this.guild.channels)
      channels.set(c.id, { id: c.id, type: 0, name: c.name, guild_id: this.guild.id });
    const users = new Map<string, FakeUser>();
    for (const [id, name] of Object.entries(options.users ?? {})) users.set(id, fakeUser(id, name));
    this.state = {
      applicationId: this.applicationId,
      bot: this.bot,
      gatewayUrl: () => `ws://127.0.0.1:${this.#port}`,
      now: options.now ?? Date.now,
      interactionTimeoutMs: options.interactionTimeoutMs ?? 3_000,
      channels,
      users,
      messages: new Map(),
      byChannel: new Map(),
      nonces: new Map(),
      dmChannelOf: new Map(),
      closedDms: new Set(options.closedDms ?? []),
      forbiddenChannels: new Set(),
      commands: new Map(),
      events: new Map(),
      interactions: new Map(),
      interactionsByToken: new Map(),
      attachmentBase: () => `http://127.0.0.1:${this.#port}`,
      attachments: new Map(),
    };
    this.http = new HttpInteractions(this.state);
    this.limiter = options.rateLimits ? new RateLimiter(options.rateLimits) : null;
    this.gateway = new FakeGateway(
      {
        token: this.token,
        heartbeatIntervalMs: 41_250,
        ready: (sessionId, resumeUrl) => ({
          v: 10,
          user: this.bot,
          guilds: [{ id: this.guild.id, unavailable: true }],
          session_id: sessionId,
          resume_gateway_url: resumeUrl,
          application: { id: this.applicationId, flags: 0 },
          shard: [0, 1],
        }),
        afterReady: () => [{ t: "GUILD_CREATE", d: this.#guildJson() }],
      },
      () => this.state.gatewayUrl(),
    );
  }

  /** The REST base to give discord.js (`rest.api`), like `https://discord.com/api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** True between start and stop. */
  get listening(): boolean {
    return this.#server !== null;
  }

  /** Listens on `port` (default: any free one), e.g. where a bot was told Discord is. */
  async start(port = 0): Promise<this> {
    // Null (after one loud warning) when ../shared/specs is absent; throws on CI.
    this.#spec = DiscordSpec.load();
    watch(this);
    const server = createServer((req, res) => void this.#onRequest(req, res));
    server.keepAliveTimeout = 1_000;
    this.gateway.attach(server);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  /**
   * From now on interactions are POSTed, signed with `http.publicKey`, to the bot's endpoint at
   * `url` (127.0.0.1 only) instead of coming down the gateway, as once the developer portal has
   * an Interactions Endpoint URL. The same helpers (`slash`, `press`, `autocomplete`, …) and
   * `answered` work; an interaction nobody answered in time gets `failure`. Null: the gateway again.
   */
  useHttpInteractions(url: string | null): void {
    this.http.use(url);
  }

  async stop(): Promise<void> {
    await Promise.all(this.#deliveries.values());
    await this.gateway.close();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * A file a person attaches to a command (`/mob photo image:`): Discord keeps
   * it and serves it at its URL; give its id as the option's value.
   */
  upload(data: Buffer, filename: string, contentType: string, reportedSize?: number): string {
    const id = snowflake();
    this.state.attachments.set(id, {
      id,
      filename,
      content_type: contentType,
      size: reportedSize ?? data.length,
      url: `${this.state.attachmentBase()}/attachments/uploads/${id}/${encodeURIComponent(filename)}`,
      data,
    });
    return id;
  }

  /** Attachment downloads, by URL path, in order. */
  readonly downloads: string[] = [];

  addUser(id: string, name: string): FakeUser {
    const user = fakeUser(id, name);
    this.state.users.set(id, user);
    return user;
  }

  /**
   * The next `count` matching requests are carried out but their responses
   * are lost (the connection drops), as when Discord times out after posting.
   */
  loseResponses(match: RegExp, count = 1): void {
    this.#lost.push({ match, left: count });
  }

  /** The next `count` requests whose `METHOD /path` matches answer `status` (default 500). */
  failNext(
    match: RegExp,
    count = 1,
    status = 500,
    body: unknown = { code: 0, message: "boom" },
  ): void {
    this.#failures.push({ match, status, body, left: count });
  }

  // ── What the bot sent ─────────────────────────────────────────────

  /** Messages in a channel, oldest first (default: the guild's first channel). */
  channelMessages(channelId = this.guild.channels[0]?.id ?? ""): StoredMessage[] {
    return (this.state.byChannel.get(channelId) ?? []).filter((m) => !m.interactionId);
  }

  /** Messages delivered to a user's DM channel. */
  dmMessages(userId: string): StoredMessage[] {
    const channel = this.state.dmChannelOf.get(userId);
    return channel ? (this.state.byChannel.get(channel) ?? []) : [];
  }

  message(id: string): StoredMessage | undefined {
    return this.state.messages.get(id);
  }

  /** Slash commands registered for a guild, or globally (`"global"`). */
  commands(scope: string = this.guild.id): Record<string, unknown>[] {
    return this.state.commands.get(scope) ?? [];
  }

  events(): StoredEvent[] {
    return [...this.state.events.values()];
  }

  // ── Interactions ──────────────────────────────────────────────────

  /** Injects a `/mob <subcommand>` interaction, typed against the registered command. */
  slash(options: SlashOptions): InteractionRecord {
    const sub = this.#subcommand(options);
    const typed = Object.entries(options.options ?? {}).map(([name, value]) =>
      this.#typedOption(sub, name, value),
    );
    // Attachment options carry an id; the file itself comes in `resolved`, as Discord sends it.
    const files = typed
      .filter((o) => o.type === OPTION_TYPE.attachment)
      .map((o) => this.state.attachments.get(String(o.value)))
      .filter((a): a is StoredAttachment => a !== undefined);
    return this.#inject(2, options, {
      id: String(sub.commandId),
      name: options.command ?? "mob",
      type: 1,
      ...(options.dm ? {} : { guild_id: this.guild.id }),
      options: [{ type: OPTION_TYPE.subcommand, name: options.subcommand, options: typed }],
      ...(files.length > 0
        ? {
            resolved: {
              attachments: Object.fromEntries(files.map((a) => [a.id, attachmentJson(a)])),
            },
          }
        : {}),
    });
  }

  /** Injects an autocomplete request while `focused` is being typed. */
  autocomplete(options: AutocompleteOptions): InteractionRecord {
    const sub = this.#subcommand(options);
    const typed = Object.entries(options.options ?? {}).map(([name, value]) => ({
      ...this.#typedOption(sub, name, value),
      // Discord sends the partial text of the focused option as a string.
      ...(name === options.focused ? { value: String(value), focused: true } : {}),
    }));
    return this.#inject(4, options, {
      id: String(sub.commandId),
      name: options.command ?? "mob",
      type: 1,
      options: [{ type: OPTION_TYPE.subcommand, name: options.subcommand, options: typed }],
    });
  }

  /** Presses a button on a message the bot sent; throws if it has no such button. */
  press(options: PressOptions): InteractionRecord {
    const message = this.state.messages.get(options.messageId);
    if (!message) throw new Error(`no message ${options.messageId}`);
    const ids = message.components.flatMap((row) =>
      ((row.components as { custom_id?: string }[] | undefined) ?? []).map((b) => b.custom_id),
    );
    if (!ids.includes(options.customId))
      throw new Error(
        `message ${message.id} has no button ${options.customId} (has ${ids.join(", ")})`,
      );
    return this.#inject(
      3,
      { ...options, channelId: message.channel_id },
      { custom_id: options.customId, component_type: 2 },
      messageJson(message),
    );
  }

  /**
   * Injects an interaction with `data` exactly as given and no message, for
   * payloads real Discord never sends (a button press without the message it
   * sits on, a context-menu command without its resolved target).
   */
  malformed(type: number, who: { user: string }, data: Record<string, unknown>): InteractionRecord {
    return this.#inject(type, who, data);
  }

  /**
   * A component interaction on a message the bot sent, whatever components the
   * message has now: a select menu, or a button from an older version of it.
   */
  component(options: ComponentOptions): InteractionRecord {
    const message = this.state.messages.get(options.messageId);
    if (!message) throw new Error(`no message ${options.messageId}`);
    const componentType = options.componentType ?? 3;
    return this.#inject(
      3,
      { ...options, channelId: message.channel_id },
      {
        custom_id: options.customId,
        component_type: componentType,
        ...(componentType === 2 ? {} : { values: [...(options.values ?? [])] }),
      },
      messageJson(message),
    );
  }

  /** Waits until the interaction got its answer (and `followups` follow-ups). */
  async answered(
    record: InteractionRecord,
    followups = 0,
    timeoutMs = 5_000,
  ): Promise<InteractionRecord> {
    await this.waitFor(
      () =>
        fail(record.failure) ||
        record.callbacks.some((c) => c.type === 4 || c.type === 8 || c.type === 7) ||
        (record.callbacks.some((c) => c.type === 5) && (record.original?.edits ?? 0) > 0),
      timeoutMs,
    );
    if (followups > 0) await this.waitFor(() => record.followups.length >= followups, timeoutMs);
    // Over HTTP, also the bot's answer to the POST (it may come just after the callback).
    await this.#deliveries.get(record.id);
    return record;
  }

  /** Polls `predicate` until true; throws after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error("fake Discord: timed out waiting");
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  #subcommand(options: SlashOptions): {
    commandId: unknown;
    options: { name: string; type: number }[];
  } {
    const name = options.command ?? "mob";
    const cmd = [
      ...(this.state.commands.get(this.guild.id) ?? []),
      ...(this.state.commands.get("global") ?? []),
    ].find((c) => c.name === name);
    if (!cmd) throw new Error(`command /${name} is not registered`);
    const subs =
      (cmd.options as {
        name: string;
        type: number;
        options?: { name: string; type: number }[];
      }[]) ?? [];
    const sub = subs.find(
      (s) => s.name === options.subcommand && s.type === OPTION_TYPE.subcommand,
    );
    if (!sub) throw new Error(`/${name} has no subcommand ${options.subcommand}`);
    return { commandId: cmd.id, options: sub.options ?? [] };
  }

  #typedOption(
    sub: { options: { name: string; type: number }[] },
    name: string,
    value: string | number | boolean,
  ): { name: string; type: number; value: string | number | boolean } {
    const declared = sub.options.find((o) => o.name === name);
    if (!declared) throw new Error(`option ${name} is not declared`);
    const typed =
      declared.type === OPTION_TYPE.boolean
        ? value === true || value === "true"
        : declared.type === OPTION_TYPE.integer || declared.type === OPTION_TYPE.number
          ? Number(value)
          : String(value);
    return { name, type: declared.type, value: typed };
  }

  #inject(
    type: number,
    who: { user: string; permissions?: string; locale?: string; channelId?: string; dm?: boolean },
    data: Record<string, unknown>,
    message?: Record<string, unknown>,
  ): InteractionRecord {
    const user = this.state.users.get(who.user) ?? this.addUser(who.user, `user${who.user}`);
    const id = snowflake();
    const token = interactionToken();
    let channel: Record<string, unknown>;
    if (who.dm) {
      let dmId = this.state.dmChannelOf.get(user.id);
      if (!dmId) {
        dmId = snowflake();
        this.state.dmChannelOf.set(user.id, dmId);
        this.state.channels.set(dmId, { id: dmId, type: 1, recipientId: user.id });
      }
      channel = { id: dmId, type: 1 };
    } else {
      const channelId = who.channelId ?? this.guild.channels[0]?.id ?? "";
      const c = this.state.channels.get(channelId);
      channel = { id: channelId, type: c?.type ?? 0, guild_id: this.guild.id, name: c?.name ?? "" };
    }
    const record: InteractionRecord = {
      id,
      token,
      type,
      userId: user.id,
      channelId: String(channel.id),
      createdAt: Date.now(),
      callbacks: [],
      original: null,
      followups: [],
    };
    this.state.interactions.set(id, record);
    this.state.interactionsByToken.set(token, record);
    const permissions = who.permissions ?? PERMISSIONS.member;
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data,
      locale: who.locale ?? "en-US",
      channel,
      channel_id: channel.id,
      app_permissions: PERMISSIONS.administrator,
      entitlements: [],
      authorizing_integration_owners: who.dm ? { "1": user.id } : { "0": this.guild.id },
      context: who.dm ? 1 : 0,
      attachment_size_limit: 8_388_608,
      ...(message ? { message } : {}),
      ...(who.dm
        ? { user }
        : {
            guild_id: this.guild.id,
            guild_locale: "en-US",
            guild: { id: this.guild.id, locale: "en-US", features: [] },
            member: {
              user,
              nick: null,
              avatar: null,
              roles: [],
              joined_at: "2025-01-01T00:00:00.000Z",
              deaf: false,
              mute: false,
              flags: 0,
              permissions,
            },
          }),
    };
    if (this.http.url === null) {
      this.gateway.dispatch("INTERACTION_CREATE", payload);
    } else {
      const delivery = this.http.deliver(record, payload);
      this.#deliveries.set(id, delivery);
      void delivery.finally(() => this.#deliveries.delete(id));
    }
    return record;
  }

  #guildJson(): Record<string, unknown> {
    const everyone: FakeRole = {
      id: this.guild.id,
      name: "@everyone",
      permissions: PERMISSIONS.member,
    };
    return {
      id: this.guild.id,
      name: this.guild.name,
      icon: null,
      owner_id: "1",
      unavailable: false,
      member_count: this.state.users.size + 1,
      large: false,
      joined_at: "2025-01-01T00:00:00.000Z",
      features: [],
      preferred_locale: "en-US",
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      premium_tier: 0,
      nsfw_level: 0,
      system_channel_flags: 0,
      roles: [everyone, ...(this.guild.roles ?? [])].map((r, position) => ({
        ...r,
        color: 0,
        hoist: false,
        position,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      emojis: [],
      stickers: [],
      channels: this.guild.channels.map((c, position) => ({
        id: c.id,
        type: 0,
        name: c.name,
        position,
        permission_overwrites: [],
        guild_id: this.guild.id,
      })),
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path, status });
      const text = status === 204 || body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, {
        ...headers,
        ...(text ? { "content-type": "application/json" } : {}),
      });
      res.end(text);
    };
    if (method === "GET" && url.pathname.startsWith("/attachments/")) {
      const id = url.pathname.split("/")[3] ?? "";
      const file = this.state.attachments.get(id);
      if (!file) return send(404, { code: 0, message: "404: Not Found" });
      this.downloads.push(url.pathname);
      this.requests.push({ method, path: url.pathname, status: 200 });
      res.writeHead(200, { "content-type": file.content_type, "content-length": file.data.length });
      res.end(file.data);
      return;
    }
    if (!url.pathname.startsWith("/api/v10/"))
      return send(404, { code: 0, message: "404: Not Found" });
    const isInteraction = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (!isInteraction && req.headers.authorization !== `Bot ${this.token}`)
      return send(401, { code: 0, message: "401: Unauthorized" });
    const body = readDiscordBody(req.headers["content-type"] ?? "", Buffer.concat(chunks));
    if (!body)
      return send(400, { code: 50109, message: "The request body contains invalid JSON." });
    // Discord checks every request against its schemas before doing anything with it.
    const verdict = this.#spec?.check({ method, path, query: url.searchParams, body: body.spec });
    if (verdict && !verdict.ok) {
      this.specViolations.push({
        platform: "discord",
        request: `${method} ${path}`,
        errors: verdict.errors,
      });
      if (verdict.status === 400) return send(400, invalidFormBody(verdict.errors));
      return send(verdict.status, {
        code: 0,
        message: verdict.status === 404 ? "404: Not Found" : "405: Method Not Allowed",
      });
    }
    const failure = this.#failures.find((f) => f.left > 0 && f.match.test(`${method} ${path}`));
    if (failure) {
      failure.left--;
      const retryAfter = (failure.body as { retry_after?: number } | null)?.retry_after;
      return send(
        failure.status,
        failure.body,
        retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
      );
    }
    // Interaction endpoints are exempt from the global limit on Discord too.
    const decision =
      this.limiter && !isInteraction ? this.limiter.check(bucketOf(method, path)) : null;
    if (decision?.limited) {
      const seconds = decision.limited.retryAfterMs / 1_000;
      return send(
        429,
        {
          message: "You are being rate limited.",
          retry_after: seconds,
          global: decision.limited.global,
        },
        { ...decision.headers, "retry-after": String(Math.max(seconds, 0.001).toFixed(3)) },
      );
    }
    const answer = route(this.state, {
      method,
      path,
      query: url.searchParams,
      body: body.json,
      files: body.files,
    });
    const lost = this.#lost.find((l) => l.left > 0 && l.match.test(`${method} ${path}`));
    if (lost) {
      lost.left--;
      this.requests.push({ method, path, status: 0 });
      res.socket?.destroy();
      return;
    }
    send(answer.status, answer.body, decision?.headers ?? {});
  }
}
