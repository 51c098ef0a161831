/**
 * The data a fake Discord keeps, shaped like the v10 API objects discord.js
 * parses, so the real client accepts what the fake answers.
 */

/** Discord's epoch (2015-01-01), for snowflakes that decode to real timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, increasing snowflake id. */
export function snowflake(now = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly global_name: string | null;
  readonly discriminator: string;
  readonly avatar: null;
  readonly bot?: boolean;
}

export function fakeUser(id: string, username = `user${id}`, bot = false): FakeUser {
  return {
    id,
    username,
    global_name: username,
    discriminator: "0",
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export interface FakeChannel {
  readonly id: string;
  readonly type: number;
  readonly name?: string;
  readonly guild_id?: string;
  /** DM channels: the one person on the other side. */
  readonly recipientId?: string;
}

export interface FakeRole {
  readonly id: string;
  readonly name: string;
  /** Permission bits as a decimal string. */
  readonly permissions: string;
}

/** A file on a message (or one a person uploaded with a command), as Discord keeps it. */
export interface StoredAttachment {
  readonly id: string;
  readonly filename: string;
  readonly description?: string;
  readonly content_type: string;
  readonly size: number;
  /** Where Discord serves it (the fake, on 127.0.0.1). */
  readonly url: string;
  readonly data: Buffer;
}

export function attachmentJson(a: StoredAttachment): Record<string, unknown> {
  return {
    id: a.id,
    filename: a.filename,
    ...(a.description === undefined ? {} : { description: a.description }),
    content_type: a.content_type,
    size: a.size,
    url: a.url,
    proxy_url: a.url,
  };
}

/** A message as stored: what the bot sent, plus where and how. */
export interface StoredMessage {
  readonly id: string;
  readonly channel_id: string;
  readonly guild_id?: string;
  readonly author: FakeUser;
  content: string;
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  /** Files sent with it; an embed's `attachment://name` image points at one of them. */
  readonly attachments: StoredAttachment[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  flags: number;
  readonly nonce?: string | number;
  readonly timestamp: string;
  edited_timestamp: string | null;
  /** How many times it was edited (PATCH). */
  edits: number;
  /** The interaction it answers, for interaction replies and follow-ups. */
  readonly interactionId?: string;
}

/** The message object the API returns for a stored message. */
export function messageJson(m: StoredMessage): Record<string, unknown> {
  return {
    id: m.id,
    channel_id: m.channel_id,
    ...(m.guild_id ? { guild_id: m.guild_id } : {}),
    author: m.author,
    content: m.content,
    timestamp: m.timestamp,
    edited_timestamp: m.edited_timestamp,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: m.attachments.map(attachmentJson),
    embeds: m.embeds,
    components: m.components,
    pinned: false,
    type: 0,
    flags: m.flags,
    ...(m.nonce === undefined ? {} : { nonce: m.nonce }),
  };
}

/**
 * Whom Discord notifies for a message, as its Allowed Mentions rules say:
 * only `content` can ping (never an embed); without `allowed_mentions` every
 * mention in it does; with it, only the types in `parse` and the ids listed in
 * `users` / `roles`. Returns user ids, `role:<id>` and `everyone` (for
 * @everyone and @here).
 */
export function pinged(m: StoredMessage): string[] {
  const allowed = m.allowed_mentions;
  const parse = allowed ? (allowed.parse ?? []) : ["users", "roles", "everyone"];
  const out = new Set<string>();
  if (/@(everyone|here)\b/.test(m.content) && parse.includes("everyone")) out.add("everyone");
  for (const [, id = ""] of m.content.matchAll(/<@!?(\d+)>/g))
    if (parse.includes("users") || allowed?.users?.includes(id)) out.add(id);
  for (const [, id = ""] of m.content.matchAll(/<@&(\d+)>/g))
    if (parse.includes("roles") || allowed?.roles?.includes(id)) out.add(`role:${id}`);
  return [...out];
}

/** A Guild Scheduled Event as stored (the API object, plus its history). */
export interface StoredEvent {
  readonly id: string;
  readonly guild_id: string;
  name: string;
  description: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  privacy_level: number;
  /** 1 scheduled, 2 active, 3 completed, 4 cancelled. */
  status: number;
  entity_type: number;
  entity_metadata: { location?: string } | null;
  readonly creator_id: string;
  /** Every body received for it, creation first. */
  readonly history: Record<string, unknown>[];
}

export function eventJson(e: StoredEvent): Record<string, unknown> {
  const { history: _history, ...json } = e;
  return { ...json, channel_id: null, entity_id: null, creator: undefined, user_count: 0 };
}

export interface InteractionResponse {
  readonly type: number;
  readonly data?: Record<string, unknown>;
  readonly at: number;
}

/** One injected interaction and everything the bot answered to it. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly userId: string;
  readonly channelId: string;
  readonly createdAt: number;
  /** Callbacks (POST …/callback), in order: at most one is accepted. */
  readonly callbacks: InteractionResponse[];
  /** The reply people see (from the callback or an @original edit). */
  original: StoredMessage | null;
  readonly followups: StoredMessage[];
  /** HTTP-interactions mode: how the bot's endpoint answered the POST (0: no answer at all). */
  delivered?: { readonly status: number; readonly body: string; readonly at: number };
  /**
   * HTTP-interactions mode: what the person saw instead of an answer ("The application did
   * not respond"): no callback and no response body with a `type` within Discord's 3 s.
   */
  failure?: string;
}

/** Message flag: only the person who interacted sees it. */
export const EPHEMERAL = 64;
