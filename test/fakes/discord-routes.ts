/**
 * The fake Discord's REST routes (under /api/v10): each takes the parsed
 * request and the server's state and answers like Discord, error codes included.
 */
import { randomUUID } from "node:crypto";
import {
  EPHEMERAL,
  eventJson,
  type FakeChannel,
  type FakeUser,
  type InteractionRecord,
  messageJson,
  type StoredAttachment,
  type StoredEvent,
  type StoredMessage,
  snowflake,
} from "./discord-model.js";
import type { FilePart } from "./multipart.js";

export interface RestRequest {
  readonly method: string;
  /** Path after /api/v10, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  /** File parts of a multipart request (`files[n]`), in order. */
  readonly files: readonly FilePart[];
}

export interface RestAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** What the routes read and write; the server owns it. */
export interface RestState {
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly gatewayUrl: () => string;
  readonly now: () => number;
  readonly interactionTimeoutMs: number;
  readonly channels: Map<string, FakeChannel>;
  readonly users: Map<string, FakeUser>;
  readonly messages: Map<string, StoredMessage>;
  readonly byChannel: Map<string, StoredMessage[]>;
  /** `${author}:${channel}:${nonce}` → message id and when it was created. */
  readonly nonces: Map<string, { id: string; at: number }>;
  readonly dmChannelOf: Map<string, string>;
  readonly closedDms: Set<string>;
  /** Channels the bot may not post in (Missing Permissions). */
  readonly forbiddenChannels: Set<string>;
  readonly commands: Map<string, Record<string, unknown>[]>;
  readonly events: Map<string, StoredEvent>;
  readonly interactions: Map<string, InteractionRecord>;
  readonly interactionsByToken: Map<string, InteractionRecord>;
  /** Where attachments are served: `<base>/attachments/<channel>/<id>/<filename>`. */
  readonly attachmentBase: () => string;
  /** Every attachment, by id: the bot's and those people upload with a command. */
  readonly attachments: Map<string, StoredAttachment>;
}

/** An unboosted server's upload limit per file, as the fake's interactions announce it. */
export const ATTACHMENT_SIZE_LIMIT = 8 * 1024 * 1024;
/** Files one message may carry. */
export const ATTACHMENTS_PER_MESSAGE = 10;

/** How long Discord remembers a nonce for `enforce_nonce`. */
const NONCE_WINDOW_MS = 5 * 60_000;

const error = (status: number, code: number, message: string): RestAnswer => ({
  status,
  body: { code, message },
});

export const ERRORS = {
  unknownChannel: error(404, 10003, "Unknown Channel"),
  unknownMessage: error(404, 10008, "Unknown Message"),
  unknownInteraction: error(404, 10062, "Unknown interaction"),
  unknownEvent: error(404, 10070, "Unknown Guild Scheduled Event"),
  unknownWebhook: error(404, 10015, "Unknown Webhook"),
  alreadyAcknowledged: error(400, 40060, "Interaction has already been acknowledged."),
  cannotDm: error(403, 50007, "Cannot send messages to this user"),
  missingPermissions: error(403, 50013, "Missing Permissions"),
  invalidForm: (message: string) => error(400, 50035, `Invalid Form Body: ${message}`),
  tooLarge: error(413, 40005, "Request entity too large"),
  notFound: error(404, 0, "404: Not Found"),
} as const;

/** The REST bucket a request counts against: route shape, then `|` and its major parameter if any. */
export function bucketOf(method: string, path: string): string {
  const major = /^\/(channels|guilds|webhooks|interactions)\/(\d+|[^/]+)/.exec(path);
  const shape = path.replace(/\/\d{5,}/g, "/:id");
  return `${method} ${shape}${major ? `|${major[2]}` : ""}`;
}

export function route(state: RestState, req: RestRequest): RestAnswer {
  const { method, path } = req;
  const parts = path.split("/").filter(Boolean);
  const [a, b, c, d, e] = parts;
  if (method === "GET" && path === "/gateway/bot") return gatewayBot(state);
  if (method === "GET" && path === "/users/@me") return { status: 200, body: state.bot };
  if (method === "POST" && path === "/users/@me/channels") return openDm(state, req.body);
  if (a === "applications" && b === state.applicationId && method === "PUT") {
    if (c === "commands" && parts.length === 3) return putCommands(state, "global", req.body);
    if (c === "guilds" && d && e === "commands") return putCommands(state, d, req.body);
  }
  if (a === "applications" && method === "GET" && c === "commands")
    return { status: 200, body: state.commands.get("global") ?? [] };
  if (a === "channels" && b && c === "messages") {
    if (method === "POST" && parts.length === 3)
      return createMessage(state, b, req.body, req.files);
    if (method === "PATCH" && d) return editMessage(state, b, d, req.body);
    if (method === "GET" && d) {
      const m = state.messages.get(d);
      return m && m.channel_id === b
        ? { status: 200, body: messageJson(m) }
        : ERRORS.unknownMessage;
    }
  }
  if (a === "interactions" && b && c && d === "callback" && method === "POST")
    return interactionCallback(state, b, c, req);
  if (a === "webhooks" && b === state.applicationId && c) return webhook(state, c, parts, req);
  if (a === "guilds" && b && c === "scheduled-events") return scheduledEvents(state, b, d, req);
  return ERRORS.notFound;
}

function gatewayBot(state: RestState): RestAnswer {
  return {
    status: 200,
    body: {
      url: state.gatewayUrl(),
      shards: 1,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 86_400_000,
        max_concurrency: 1,
      },
    },
  };
}

function openDm(state: RestState, body: Record<string, unknown>): RestAnswer {
  const userId = String(body.recipient_id ?? "");
  const user = state.users.get(userId);
  if (!user) return error(400, 50033, "Invalid Recipient(s)");
  let id = state.dmChannelOf.get(userId);
  if (!id) {
    id = snowflake();
    state.dmChannelOf.set(userId, id);
    state.channels.set(id, { id, type: 1, recipientId: userId });
  }
  return {
    status: 200,
    body: { id, type: 1, last_message_id: null, flags: 0, recipients: [user] },
  };
}

function putCommands(state: RestState, scope: string, body: unknown): RestAnswer {
  if (!Array.isArray(body)) return ERRORS.invalidForm("expected an array of commands");
  const stored: Record<string, unknown>[] = body.map((cmd: Record<string, unknown>) => ({
    ...cmd,
    id: snowflake(),
    application_id: state.applicationId,
    version: snowflake(),
    type: cmd.type ?? 1,
    ...(scope === "global" ? {} : { guild_id: scope }),
  }));
  for (const cmd of stored) {
    if (typeof cmd.name !== "string" || !/^[-_\p{L}\p{N}]{1,32}$/u.test(cmd.name))
      return ERRORS.invalidForm("name");
    if (typeof cmd.description !== "string" || cmd.description.length > 100)
      return ERRORS.invalidForm("description");
    // A limit the OpenAPI description does not state: the command's texts together.
    if (commandSize(cmd) > COMMAND_SIZE_LIMIT)
      return ERRORS.invalidForm(`${cmd.name}: Command exceeds maximum size (8000)`);
  }
  state.commands.set(scope, stored);
  return { status: 200, body: stored };
}

/** Discord's limit on one command's name, description and value texts, options and choices included. */
const COMMAND_SIZE_LIMIT = 8_000;

/**
 * The size Discord counts for a command: every name, description and choice
 * text, each field at its longest localization (the default included).
 */
function commandSize(o: Record<string, unknown>): number {
  const longest = (field: string) =>
    Math.max(
      typeof o[field] === "string" ? (o[field] as string).length : 0,
      ...Object.values(
        (o[`${field}_localizations`] as Record<string, string> | undefined) ?? {},
      ).map((t) => t.length),
    );
  const choices = (o.choices as { name: string; value: unknown }[] | undefined) ?? [];
  const options = (o.options as Record<string, unknown>[] | undefined) ?? [];
  return (
    longest("name") +
    longest("description") +
    choices.reduce((n, c) => n + c.name.length + String(c.value).length, 0) +
    options.reduce((n, x) => n + commandSize(x), 0)
  );
}

/**
 * The files of a message: each `attachments` entry names its part (`files[<id>]`);
 * without entries, the parts in order. Null with the answer when Discord would
 * refuse them: a missing part, more than ten, a file over the upload limit.
 */
function attachmentsOf(
  state: RestState,
  channelId: string,
  body: Record<string, unknown>,
  files: readonly FilePart[],
): { ok: StoredAttachment[] } | { refused: RestAnswer } {
  type Declared = { id?: unknown; filename?: string; description?: string };
  const declared: Declared[] = Array.isArray(body.attachments)
    ? (body.attachments as Declared[])
    : files.map((_, i) => ({ id: String(i) }));
  if (declared.length > ATTACHMENTS_PER_MESSAGE || files.length > ATTACHMENTS_PER_MESSAGE)
    return { refused: ERRORS.invalidForm("attachments: Must be 10 or fewer in length.") };
  const out: StoredAttachment[] = [];
  for (const [i, entry] of declared.entries()) {
    const part = files.find((f) => f.name === `files[${String(entry.id)}]`);
    if (!part)
      return {
        refused: ERRORS.invalidForm(`attachments.${i}: no file part files[${String(entry.id)}]`),
      };
    if (part.data.length > ATTACHMENT_SIZE_LIMIT) return { refused: ERRORS.tooLarge };
    const id = snowflake();
    const filename = entry.filename ?? part.filename;
    const attachment: StoredAttachment = {
      id,
      filename,
      ...(entry.description ? { description: entry.description } : {}),
      content_type: part.contentType,
      size: part.data.length,
      url: `${state.attachmentBase()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
      data: part.data,
    };
    state.attachments.set(id, attachment);
    out.push(attachment);
  }
  return { ok: out };
}

/**
 * An embed image `attachment://name` is shown from the file of that name, its URL
 * rewritten as Discord does. A name no file has would show no picture: refused
 * here, so that mistake cannot pass a test.
 */
function resolveEmbedImages(
  embeds: Record<string, unknown>[],
  attachments: readonly StoredAttachment[],
): { ok: Record<string, unknown>[] } | { refused: RestAnswer } {
  const out: Record<string, unknown>[] = [];
  for (const [i, embed] of embeds.entries()) {
    const image = embed.image as { url?: string } | undefined;
    const named = image?.url?.startsWith("attachment://") ? image.url.slice(13) : null;
    if (named === null) {
      out.push(embed);
      continue;
    }
    const file = attachments.find((a) => a.filename === named);
    if (!file)
      return { refused: ERRORS.invalidForm(`embeds.${i}.image.url: no attachment named ${named}`) };
    out.push({ ...embed, image: { ...image, url: file.url } });
  }
  return { ok: out };
}

/** Checks the shapes Discord checks before storing a message. */
function invalidMessage(body: Record<string, unknown>, files = 0): RestAnswer | null {
  const content = typeof body.content === "string" ? body.content : "";
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  const components = Array.isArray(body.components) ? body.components : [];
  if (content.length > 2000) return ERRORS.invalidForm("content: Must be 2000 or fewer in length.");
  if (content === "" && embeds.length === 0 && components.length === 0 && files === 0)
    return error(400, 50006, "Cannot send an empty message");
  if (embeds.length > 10) return ERRORS.invalidForm("embeds");
  for (const embed of embeds as Record<string, unknown>[]) {
    const title = typeof embed.title === "string" ? embed.title : "";
    const description = typeof embed.description === "string" ? embed.description : "";
    if (title.length > 256) return ERRORS.invalidForm("embeds.0.title");
    if (description.length > 4096) return ERRORS.invalidForm("embeds.0.description");
  }
  if (components.length > 5) return ERRORS.invalidForm("components");
  for (const row of components as Record<string, unknown>[]) {
    const buttons = Array.isArray(row.components) ? row.components : [];
    if (buttons.length === 0 || buttons.length > 5) return ERRORS.invalidForm("components.row");
    for (const button of buttons as Record<string, unknown>[]) {
      const id = String(button.custom_id ?? "");
      if (id.length === 0 || id.length > 100) return ERRORS.invalidForm("custom_id");
      if (String(button.label ?? "").length > 80) return ERRORS.invalidForm("label");
    }
  }
  const nonce = body.nonce;
  if (typeof nonce === "string" && nonce.length > 25) return ERRORS.invalidForm("nonce");
  return null;
}

function store(
  state: RestState,
  channelId: string,
  body: Record<string, unknown>,
  extra: {
    flags?: number;
    interactionId?: string;
    attachments?: StoredAttachment[];
    embeds?: Record<string, unknown>[];
  } = {},
): StoredMessage {
  const channel = state.channels.get(channelId);
  const nonce = body.nonce as string | number | undefined;
  const message: StoredMessage = {
    id: snowflake(),
    channel_id: channelId,
    ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
    author: state.bot,
    content: typeof body.content === "string" ? body.content : "",
    embeds: extra.embeds ?? (body.embeds as Record<string, unknown>[] | undefined) ?? [],
    components: (body.components as Record<string, unknown>[] | undefined) ?? [],
    attachments: extra.attachments ?? [],
    ...(body.allowed_mentions
      ? { allowed_mentions: body.allowed_mentions as StoredMessage["allowed_mentions"] }
      : {}),
    flags: (extra.flags ?? 0) | (Number(body.flags ?? 0) & EPHEMERAL),
    ...(nonce === undefined ? {} : { nonce }),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    edits: 0,
    ...(extra.interactionId ? { interactionId: extra.interactionId } : {}),
  };
  state.messages.set(message.id, message);
  let list = state.byChannel.get(channelId);
  if (!list) {
    list = [];
    state.byChannel.set(channelId, list);
  }
  list.push(message);
  return message;
}

/** A message's files and embeds as Discord stores them, or its refusal. */
function withFiles(
  state: RestState,
  channelId: string,
  body: Record<string, unknown>,
  files: readonly FilePart[],
): { attachments: StoredAttachment[]; embeds: Record<string, unknown>[] } | RestAnswer {
  const invalid = invalidMessage(body, files.length);
  if (invalid) return invalid;
  const attachments = attachmentsOf(state, channelId, body, files);
  if ("refused" in attachments) return attachments.refused;
  const embeds = resolveEmbedImages(
    (body.embeds as Record<string, unknown>[] | undefined) ?? [],
    attachments.ok,
  );
  if ("refused" in embeds) return embeds.refused;
  return { attachments: attachments.ok, embeds: embeds.ok };
}

function createMessage(
  state: RestState,
  channelId: string,
  body: Record<string, unknown>,
  files: readonly FilePart[] = [],
): RestAnswer {
  const channel = state.channels.get(channelId);
  if (!channel) return ERRORS.unknownChannel;
  if (state.forbiddenChannels.has(channelId)) return ERRORS.missingPermissions;
  if (channel.recipientId && state.closedDms.has(channel.recipientId)) return ERRORS.cannotDm;
  const stored = withFiles(state, channelId, body, files);
  if ("status" in stored) return stored;
  const now = Date.now();
  const nonceKey =
    body.nonce !== undefined && body.enforce_nonce === true
      ? `${state.bot.id}:${channelId}:${String(body.nonce)}`
      : null;
  if (nonceKey) {
    const seen = state.nonces.get(nonceKey);
    const existing = seen && now - seen.at < NONCE_WINDOW_MS && state.messages.get(seen.id);
    if (existing) return { status: 200, body: messageJson(existing) };
  }
  const message = store(state, channelId, body, stored);
  if (nonceKey) state.nonces.set(nonceKey, { id: message.id, at: now });
  return { status: 200, body: messageJson(message) };
}

function applyEdit(message: StoredMessage, body: Record<string, unknown>): RestAnswer | null {
  const merged = {
    content: body.content ?? message.content,
    embeds: body.embeds ?? message.embeds,
    components: body.components ?? message.components,
  };
  const invalid = invalidMessage(merged);
  if (invalid) return invalid;
  if (typeof body.content === "string") message.content = body.content;
  if (Array.isArray(body.embeds)) message.embeds = body.embeds;
  if (Array.isArray(body.components)) message.components = body.components;
  if (body.allowed_mentions)
    message.allowed_mentions = body.allowed_mentions as StoredMessage["allowed_mentions"];
  message.edited_timestamp = new Date().toISOString();
  message.edits++;
  return null;
}

function editMessage(
  state: RestState,
  channelId: string,
  messageId: string,
  body: Record<string, unknown>,
): RestAnswer {
  if (!state.channels.has(channelId)) return ERRORS.unknownChannel;
  const message = state.messages.get(messageId);
  if (!message || message.channel_id !== channelId) return ERRORS.unknownMessage;
  return applyEdit(message, body) ?? { status: 200, body: messageJson(message) };
}

function interactionCallback(
  state: RestState,
  id: string,
  token: string,
  req: RestRequest,
): RestAnswer {
  const record = state.interactions.get(id);
  if (!record || record.token !== token) return ERRORS.unknownInteraction;
  const now = Date.now();
  if (now - record.createdAt > state.interactionTimeoutMs) return ERRORS.unknownInteraction;
  if (record.callbacks.length > 0) return ERRORS.alreadyAcknowledged;
  const type = Number(req.body.type);
  const data = (req.body.data as Record<string, unknown> | undefined) ?? {};
  if (type === 4 || type === 5) {
    const invalid = type === 4 ? invalidMessage(data) : null;
    if (invalid) return invalid;
    record.original = store(state, record.channelId, type === 4 ? data : { content: "" }, {
      flags: Number(data.flags ?? 0) & EPHEMERAL,
      interactionId: record.id,
    });
  } else if (type === 8) {
    const choices = Array.isArray(data.choices) ? data.choices : [];
    if (choices.length > 25) return ERRORS.invalidForm("choices");
  } else if (![6, 7].includes(type)) {
    return ERRORS.invalidForm(`type ${type}`);
  }
  record.callbacks.push({ type, data, at: now });
  if (req.query.get("with_response") === "true")
    return { status: 200, body: { interaction: { id, type: record.type } } };
  return { status: 204 };
}

function webhook(state: RestState, token: string, parts: string[], req: RestRequest): RestAnswer {
  const record = state.interactionsByToken.get(token);
  if (!record) return ERRORS.unknownWebhook;
  if (record.callbacks.length === 0) return ERRORS.unknownWebhook;
  const [, , , what, messageId] = parts;
  if (req.method === "POST" && parts.length === 3) {
    const stored = withFiles(state, record.channelId, req.body, req.files);
    if ("status" in stored) return stored;
    const m = store(state, record.channelId, req.body, {
      interactionId: record.id,
      ...stored,
    });
    record.followups.push(m);
    return { status: 200, body: messageJson(m) };
  }
  if (what === "messages" && messageId) {
    const target =
      messageId === "@original"
        ? record.original
        : (record.followups.find((m) => m.id === messageId) ?? null);
    if (!target) return ERRORS.unknownMessage;
    if (req.method === "PATCH")
      return applyEdit(target, req.body) ?? { status: 200, body: messageJson(target) };
    if (req.method === "GET") return { status: 200, body: messageJson(target) };
    if (req.method === "DELETE") {
      state.messages.delete(target.id);
      if (messageId === "@original") record.original = null;
      return { status: 204 };
    }
  }
  return ERRORS.notFound;
}

function scheduledEvents(
  state: RestState,
  guildId: string,
  eventId: string | undefined,
  req: RestRequest,
): RestAnswer {
  if (req.method === "GET" && !eventId) {
    const list = [...state.events.values()].filter((e) => e.guild_id === guildId);
    return { status: 200, body: list.map(eventJson) };
  }
  if (req.method === "POST" && !eventId) return createEvent(state, guildId, req.body);
  const event = eventId ? state.events.get(eventId) : undefined;
  if (!event || event.guild_id !== guildId) return ERRORS.unknownEvent;
  if (req.method === "GET") return { status: 200, body: eventJson(event) };
  if (req.method === "PATCH") return updateEvent(state, event, req.body);
  return ERRORS.notFound;
}

function createEvent(state: RestState, guildId: string, body: Record<string, unknown>): RestAnswer {
  const invalid = invalidEvent(state, body, true);
  if (invalid) return invalid;
  const event: StoredEvent = {
    id: snowflake(),
    guild_id: guildId,
    name: String(body.name),
    description: typeof body.description === "string" ? body.description : null,
    scheduled_start_time: String(body.scheduled_start_time),
    scheduled_end_time:
      typeof body.scheduled_end_time === "string" ? body.scheduled_end_time : null,
    privacy_level: Number(body.privacy_level),
    status: 1,
    entity_type: Number(body.entity_type),
    entity_metadata: (body.entity_metadata as StoredEvent["entity_metadata"]) ?? null,
    creator_id: state.bot.id,
    history: [body],
  };
  state.events.set(event.id, event);
  return { status: 200, body: eventJson(event) };
}

function updateEvent(
  state: RestState,
  event: StoredEvent,
  body: Record<string, unknown>,
): RestAnswer {
  event.history.push(body);
  if (event.status === 4 || event.status === 3) {
    // Discord refuses to touch a finished event; cancelling twice is harmless here.
    if (body.status === 4 && Object.keys(body).length === 1)
      return { status: 200, body: eventJson(event) };
    return ERRORS.invalidForm("Cannot modify a finished event");
  }
  const invalid = invalidEvent(state, body, false);
  if (invalid) return invalid;
  if (typeof body.name === "string") event.name = body.name;
  if (typeof body.description === "string") event.description = body.description;
  if (typeof body.scheduled_start_time === "string")
    event.scheduled_start_time = body.scheduled_start_time;
  if (typeof body.scheduled_end_time === "string")
    event.scheduled_end_time = body.scheduled_end_time;
  if (body.entity_metadata)
    event.entity_metadata = body.entity_metadata as StoredEvent["entity_metadata"];
  if (typeof body.status === "number") {
    if (body.status === 4 && event.status !== 1)
      return ERRORS.invalidForm("Only scheduled events can be cancelled");
    event.status = body.status;
  }
  return { status: 200, body: eventJson(event) };
}

function invalidEvent(
  state: RestState,
  body: Record<string, unknown>,
  creating: boolean,
): RestAnswer | null {
  if (creating) {
    for (const key of ["name", "privacy_level", "scheduled_start_time", "entity_type"])
      if (body[key] === undefined) return ERRORS.invalidForm(`${key} is required`);
    if (body.privacy_level !== 2) return ERRORS.invalidForm("privacy_level");
    if (body.entity_type === 3) {
      const location = (body.entity_metadata as { location?: unknown } | undefined)?.location;
      if (typeof location !== "string" || location.length === 0 || location.length > 100)
        return ERRORS.invalidForm("entity_metadata.location");
      if (typeof body.scheduled_end_time !== "string")
        return ERRORS.invalidForm("scheduled_end_time is required for external events");
    }
  }
  if (typeof body.name === "string" && (body.name.length === 0 || body.name.length > 100))
    return ERRORS.invalidForm("name");
  if (typeof body.description === "string" && body.description.length > 1000)
    return ERRORS.invalidForm("description");
  const start =
    typeof body.scheduled_start_time === "string" ? Date.parse(body.scheduled_start_time) : null;
  const end =
    typeof body.scheduled_end_time === "string" ? Date.parse(body.scheduled_end_time) : null;
  if (start !== null && Number.isNaN(start)) return ERRORS.invalidForm("scheduled_start_time");
  if (start !== null && creating && start < state.now())
    return ERRORS.invalidForm("Cannot schedule event in the past.");
  if (start !== null && end !== null && end <= start)
    return ERRORS.invalidForm("scheduled_end_time");
  return null;
}

/** A fresh interaction token (Discord's are long opaque strings). */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${randomUUID().replaceAll("-", "")}`;
}
