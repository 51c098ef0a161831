import {
  type ClientRequest,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { type FilePart, multipartBoundary, parseMultipart } from "./multipart.js";
import { TelegramSpec } from "./spec/telegram.js";
import { type SpecViolation, watch } from "./spec/violations.js";
import { parseTelegramHtml } from "./telegram-html.js";

/**
 * A fake Telegram Bot API on 127.0.0.1: `/bot<token>/<method>`, getUpdates
 * with real offset semantics and long polling, messages checked like
 * Telegram checks HTML, 403s for people who never started the bot or blocked
 * it, and optional rate limits answering 429 with retry_after. With a webhook
 * set (setWebhook), updates are POSTed to it instead, as Telegram does: one at
 * a time per chat, in order, again and again until answered 2xx; getUpdates
 * then answers 409. It posts to 127.0.0.1 only. Every call is
 * first checked against the Bot API's own description, as Telegram checks it.
 * Tests read back what a person would see.
 */

export interface TgUser {
  readonly id: number;
  readonly is_bot: boolean;
  readonly first_name: string;
  readonly username?: string;
  readonly language_code?: string;
}

export interface TgChat {
  readonly id: number;
  readonly type: "private" | "group" | "supergroup";
  readonly title?: string;
  readonly first_name?: string;
}

export interface SentMessage {
  readonly message_id: number;
  readonly chat_id: number;
  html: string;
  /** What a person reads: tags gone, entities decoded. */
  text: string;
  links: string[];
  reply_markup:
    | { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] }
    | undefined;
  edits: number;
  readonly date: number;
  /** A photo message: the picture as uploaded (the text is its caption). */
  readonly photo?: UploadedFile;
  /** A document message (a CSV sent privately): the file as uploaded. */
  readonly document?: UploadedFile;
  /** Messages sent together as an album share this id. */
  readonly mediaGroupId?: string;
}

/** A message a person typed in a chat, as the others there read it. */
/**
 * The @usernames Telegram itself finds (and links, and notifies) in a text,
 * as tdlib's match_mentions does: an `@` not after a letter, digit or `_`,
 * then 2 to 32 of `[A-Za-z0-9_]`, then no letter, digit or `_`.
 */
export function mentionsIn(text: string): string[] {
  const mentions = /(?<![\p{L}\p{N}_])@([A-Za-z0-9_]{2,32})(?![\p{L}\p{N}_])/gu;
  return [...text.matchAll(mentions)].map(([, name = ""]) => name);
}

/**
 * A message's text as a person reads it: the word joiner the bot puts after
 * an `@` in user text (so Telegram links no one) shows as nothing.
 */
export const asRead = (text: string) => text.replaceAll("\u2060", "");

export interface TypedMessage {
  readonly message_id: number;
  readonly chat_id: number;
  readonly from_id: number;
  readonly text: string;
}

/** A file the bot uploaded, as the recipient can save it. */
export interface UploadedFile {
  readonly filename: string;
  readonly data: Buffer;
}

/** What a person may send the bot with a photo. */
export interface IncomingPhoto {
  readonly caption?: string;
  /** The bot's message this one replies to. */
  readonly replyTo?: SentMessage;
  /** Sent "as a file" rather than as a photo: a document with this name and type. */
  readonly asDocument?: { readonly filename: string; readonly mimeType: string };
  /** The size Telegram reports (default: the real one), to act as a huge file without sending one. */
  readonly reportedSize?: number;
}

/** The Bot API's limits on what the bot uploads and downloads. */
export const TELEGRAM_FILE_LIMITS = {
  photoBytes: 10 * 1024 * 1024,
  photoSides: 10_000,
  photoRatio: 20,
  documentBytes: 50 * 1024 * 1024,
  downloadBytes: 20 * 1024 * 1024,
  caption: 1024,
  album: [2, 10],
} as const;

export interface TelegramRateLimits {
  /** Messages per second, all chats together (Telegram: about 30). */
  readonly globalPerSecond: number;
  /** Messages per minute to one group (Telegram: 20). */
  readonly groupPerMinute: number;
  /** Messages per second to one private chat (Telegram: 1). */
  readonly privatePerSecond: number;
  /** The window `groupPerMinute` counts over (default a minute), shorter for tests that must not wait one. */
  readonly groupWindowMs?: number;
}

export const TELEGRAM_LIMITS: TelegramRateLimits = {
  globalPerSecond: 30,
  groupPerMinute: 20,
  privatePerSecond: 1,
};

export interface FakeTelegramOptions {
  readonly token?: string;
  readonly rateLimits?: TelegramRateLimits;
  /** Longest a getUpdates call waits for an update, whatever timeout it asks (default 250 ms). */
  readonly maxPollMs?: number;
  /**
   * Where webhook updates are really posted (an `http://127.0.0.1:<port>/…` address, e.g. a
   * test's proxy or load balancer), whatever URL the bot set: lets a bot set an https URL.
   * Without it, the URL set must itself be http on 127.0.0.1 or localhost.
   */
  readonly webhookTarget?: string;
  /** How long a webhook call may take before it counts as failed (default 10 s). */
  readonly webhookTimeoutMs?: number;
  /** Wait before posting an update again after a failed webhook call (default 100 ms). */
  readonly webhookRetryMs?: number;
}

/** The webhook as set by setWebhook. */
export interface FakeWebhook {
  readonly url: string;
  readonly secretToken: string | undefined;
  readonly allowedUpdates: readonly string[] | undefined;
}

/** One webhook call: the update posted and the answer's status (0: no answer, a timeout or a refused connection). */
export interface WebhookCall {
  readonly updateId: number;
  readonly status: number;
}

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const err = (status: number, description: string, parameters?: Json): Answer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

export class FakeTelegram {
  readonly token: string;
  readonly bot: TgUser = {
    id: 7000000001,
    is_bot: true,
    first_name: "Cashmob",
    username: "cashmob_test_bot",
  };
  readonly users = new Map<number, TgUser>();
  readonly chats = new Map<number, TgChat>();
  /** People who opened a private chat with the bot. */
  readonly started = new Set<number>();
  readonly blocked = new Set<number>();
  readonly admins = new Map<number, Set<number>>();
  /** Groups where the bot is an admin allowed to delete messages (can_delete_messages). */
  readonly botMayDelete = new Set<number>();
  /** What people typed, as each chat still shows it (deleted messages gone). */
  readonly #typed = new Map<number, TypedMessage[]>();
  readonly messages = new Map<number, SentMessage[]>();
  readonly callbackAnswers: { id: string; text: string | undefined }[] = [];
  readonly commands = new Map<string, { command: string; description: string }[]>();
  /** Every call: method and HTTP status. */
  readonly calls: { method: string; status: number }[] = [];
  /**
   * Calls refused because the Bot API description refuses them (answered
   * 400 "Bad Request: …"). The test setup fails a test that leaves any here.
   */
  readonly specViolations: SpecViolation[] = [];
  /** Update ids the bot confirmed (by asking for a later offset). */
  confirmedUpTo = 0;
  /** Files people sent the bot, by file_id: what getFile and the file URL serve. */
  readonly #files = new Map<string, { path: string; data: Buffer; size: number }>();
  /** Every file download the bot made (file paths). */
  readonly downloads: string[] = [];
  #nextMediaGroup = 1;
  readonly #updates: Json[] = [];
  /** Every update ever queued, to redeliver after a simulated crash. */
  readonly #history: Json[] = [];
  #nextUpdateId = 1;
  #nextMessageId = 1;
  #nextCallbackId = 1;
  readonly #pollers = new Set<() => void>();
  /** Set by `conflict()`: the next getUpdates answer is 409. */
  #conflict = false;
  /** Methods held unanswered by `stall()`, with the calls waiting on each. */
  readonly #stalled = new Map<string, (() => void)[]>();
  readonly #limits: TelegramRateLimits | undefined;
  readonly #sentAt: number[] = [];
  readonly #chatSentAt = new Map<number, number[]>();
  readonly #maxPollMs: number;
  #server: Server | null = null;
  #webhook: FakeWebhook | null = null;
  readonly #webhookTarget: string | undefined;
  readonly #webhookTimeoutMs: number;
  readonly #webhookRetryMs: number;
  /** Updates being posted to the webhook, and when each failed one may be posted again. */
  readonly #posting = new Map<number, ClientRequest>();
  readonly #retryAt = new Map<number, number>();
  #retryTimer: NodeJS.Timeout | null = null;
  #lastWebhookError: { date: number; message: string } | null = null;
  /** Every webhook call, in the order they were answered. */
  readonly webhookCalls: WebhookCall[] = [];
  /** Connections open and requests being answered, to know when a killed bot's last request is in. */
  #connections = 0;
  #answering = 0;
  #port = 0;
  #spec: TelegramSpec | null = null;

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? "123456789:AAFakeTelegramTokenForTests0123456789";
    this.#limits = options.rateLimits;
    this.#maxPollMs = options.maxPollMs ?? 250;
    this.#webhookTarget = options.webhookTarget;
    this.#webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
    this.#webhookRetryMs = options.webhookRetryMs ?? 100;
    if (options.webhookTarget !== undefined && !isLocal(options.webhookTarget))
      throw new Error("the fake Telegram posts webhooks to http://127.0.0.1 or localhost only");
  }

  /** The webhook set, or null while the bot polls. */
  get webhook(): FakeWebhook | null {
    return this.#webhook;
  }

  /** The Bot API root to give grammY (`client.apiRoot`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** True between start and stop. */
  get listening(): boolean {
    return this.#server !== null;
  }

  /** Listens on `port` (default: any free one); started again after stop(), keeps its state. */
  async start(port = 0): Promise<this> {
    // Null (after one loud warning) when ../shared/specs is absent; throws on CI.
    this.#spec = TelegramSpec.load();
    watch(this);
    const server = createServer((req, res) => void this.#onRequest(req, res));
    server.on("connection", (socket) => {
      this.#connections++;
      socket.once("close", () => this.#connections--);
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.#pollers) wake();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    for (const call of this.#posting.values()) call.destroy();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── People and places ────────────────────────────────────────────

  addUser(id: number, firstName: string, languageCode?: string, username?: string): TgUser {
    const user: TgUser = {
      id,
      is_bot: false,
      first_name: firstName,
      ...(languageCode ? { language_code: languageCode } : {}),
      ...(username ? { username } : {}),
    };
    this.users.set(id, user);
    return user;
  }

  addGroup(id: number, title: string, adminIds: readonly number[] = []): TgChat {
    const chat: TgChat = { id, type: "supergroup", title };
    this.chats.set(id, chat);
    this.admins.set(id, new Set(adminIds));
    return chat;
  }

  // ── What people do ───────────────────────────────────────────────

  /** A message typed by `fromId` in a group, or in their private chat when `chatId` is their id. */
  type(fromId: number, chatId: number, text: string): number {
    const from = this.#user(fromId);
    const chat =
      chatId === fromId
        ? this.#privateChat(from)
        : (this.chats.get(chatId) ?? this.addGroup(chatId, `Group ${chatId}`));
    const command = /^\/\S+/.exec(text);
    const message_id = this.#nextMessageId++;
    const typed = this.#typed.get(chat.id) ?? [];
    typed.push({ message_id, chat_id: chat.id, from_id: fromId, text });
    this.#typed.set(chat.id, typed);
    return this.#push({
      message: {
        message_id,
        from,
        chat,
        date: Math.floor(Date.now() / 1000),
        text,
        ...(command
          ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }
          : {}),
      },
    });
  }

  /**
   * A photo sent by `fromId` (in their private chat when `chatId` is their id),
   * with a caption and maybe as a reply. Telegram offers it in two sizes, the
   * largest last, both served by getFile; a document when sent "as a file".
   */
  sendPhotoFrom(fromId: number, chatId: number, data: Buffer, photo: IncomingPhoto = {}): number {
    const from = this.#user(fromId);
    // Writing to the bot in private needs the chat opened first (Start).
    if (chatId === fromId) this.started.add(fromId);
    const chat =
      chatId === fromId
        ? this.#privateChat(from)
        : (this.chats.get(chatId) ?? this.addGroup(chatId, `Group ${chatId}`));
    const file = (suffix: string, bytes: Buffer, folder: string, name: string) => {
      const id = `file-${this.#nextMessageId}-${suffix}`;
      const size = photo.reportedSize ?? bytes.length;
      this.#files.set(id, { path: `${folder}/${name}`, data: bytes, size });
      return { file_id: id, file_unique_id: `u${id}`, file_size: size };
    };
    const n = this.#nextMessageId;
    const media = photo.asDocument
      ? {
          document: {
            ...file("doc", data, "documents", `file_${n}`),
            file_name: photo.asDocument.filename,
            mime_type: photo.asDocument.mimeType,
          },
        }
      : {
          photo: [
            // A thumbnail: Telegram's smallest size is a few kilobytes of the same picture.
            {
              ...file("s", data.subarray(0, 64), "photos", `file_${n}_s.jpg`),
              width: 90,
              height: 68,
            },
            { ...file("x", data, "photos", `file_${n}.jpg`), width: 1280, height: 960 },
          ],
        };
    const command = photo.caption ? /^\/\S+/.exec(photo.caption) : null;
    const reply = photo.replyTo;
    return this.#push({
      message: {
        message_id: this.#nextMessageId++,
        from,
        chat,
        date: Math.floor(Date.now() / 1000),
        ...media,
        ...(photo.caption ? { caption: photo.caption } : {}),
        ...(command
          ? { caption_entities: [{ type: "bot_command", offset: 0, length: command[0].length }] }
          : {}),
        ...(reply
          ? {
              reply_to_message: {
                message_id: reply.message_id,
                from: this.bot,
                chat,
                date: reply.date,
                text: reply.text,
                ...(reply.reply_markup ? { reply_markup: reply.reply_markup } : {}),
              },
            }
          : {}),
      },
    });
  }

  /** `/start <payload>` in a private chat: the person opens the chat with the bot. */
  startPrivate(userId: number, payload?: string): number {
    this.started.add(userId);
    this.blocked.delete(userId);
    return this.type(userId, userId, payload ? `/start ${payload}` : "/start");
  }

  /** A press on an inline button of a message the bot sent. */
  press(fromId: number, message: SentMessage, data: string): number {
    const from = this.#user(fromId);
    const chat = this.chats.get(message.chat_id) ?? this.#privateChat(from);
    return this.#push({
      callback_query: {
        id: String(this.#nextCallbackId++),
        from,
        chat_instance: String(message.chat_id),
        data,
        message: { message_id: message.message_id, chat, date: message.date, text: message.text },
      },
    });
  }

  /**
   * A press as Telegram sends it when the bot may not be able to act on it:
   * `query` completes or overrides the callback query (no `message` and an
   * `inline_message_id` for a message that is gone, `date: 0` for one too old
   * to show, `game_short_name` instead of `data`). Returns the callback id.
   */
  pressRaw(fromId: number, query: Record<string, unknown>): string {
    const id = String(this.#nextCallbackId++);
    this.#push({
      callback_query: { id, from: this.#user(fromId), chat_instance: "1", ...query },
    });
    return id;
  }

  /**
   * As if the bot had crashed after fetching updates but before confirming
   * them: Telegram hands out again every update from `fromUpdateId` on.
   */
  redeliverFrom(fromUpdateId: number): void {
    this.confirmedUpTo = fromUpdateId - 1;
    const again = this.#history.filter((u) => (u.update_id as number) >= fromUpdateId);
    this.#updates.splice(0, this.#updates.length, ...again);
    for (const wake of [...this.#pollers]) wake();
    // With a webhook set: posted again, as Telegram does with updates not answered 2xx.
    this.#deliver();
  }

  /**
   * As if another program started polling with the same token: Telegram ends
   * the pending getUpdates (or, if none is pending, the next one) with 409
   * Conflict. One call, one 409.
   */
  conflict(): void {
    this.#conflict = true;
    for (const wake of [...this.#pollers]) wake();
  }

  /**
   * Holds every call to `method` unanswered until `release(method)`, as a
   * Telegram slow to answer: the bot's handling of an update that makes the
   * call (getChatMember for an organizer's command) stays under way.
   */
  stall(method: string): void {
    if (!this.#stalled.has(method)) this.#stalled.set(method, []);
  }

  /** Calls to a stalled method waiting for their answer. */
  stalledCalls(method: string): number {
    return this.#stalled.get(method)?.length ?? 0;
  }

  /** Answers the held calls to `method`, and the next ones at once. */
  release(method: string): void {
    const waiting = this.#stalled.get(method) ?? [];
    this.#stalled.delete(method);
    for (const resolve of waiting) resolve();
  }

  block(userId: number): void {
    this.blocked.add(userId);
  }

  // ── What the bot sent ─────────────────────────────────────────────

  chatMessages(chatId: number): SentMessage[] {
    return this.messages.get(chatId) ?? [];
  }

  /** What people typed in a chat (`type`), as it still shows: deleted messages are gone. */
  typedIn(chatId: number): TypedMessage[] {
    return this.#typed.get(chatId) ?? [];
  }

  /** Every message in one private chat with a user. */
  dms(userId: number): SentMessage[] {
    return this.chatMessages(userId);
  }

  /**
   * Whom Telegram notifies by name for a message: a `tg://user?id=` link
   * pings that user, and an @username in the text (`mentionsIn`) pings the
   * user who has it. Returns user ids.
   */
  pinged(m: SentMessage): string[] {
    const out = new Set<string>();
    for (const link of m.links) {
      const id = /^tg:\/\/user\?id=(\d+)$/.exec(link)?.[1];
      if (id) out.add(id);
    }
    for (const name of mentionsIn(m.text))
      for (const user of this.users.values())
        if (user.username?.toLowerCase() === name.toLowerCase()) out.add(String(user.id));
    return [...out];
  }

  /**
   * No client connected and no request being answered. Once the bot's process
   * is dead, this says every request it sent is stored (or dropped): what the
   * fake holds is final for that process.
   */
  get idle(): boolean {
    return this.#connections === 0 && this.#answering === 0;
  }

  /** Updates queued and not yet confirmed. */
  get pendingUpdates(): number {
    return this.#updates.filter((u) => (u.update_id as number) > this.confirmedUpTo).length;
  }

  get rateLimited(): number {
    return this.calls.filter((c) => c.status === 429).length;
  }

  // ── The API ──────────────────────────────────────────────────────

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#answering++;
    try {
      await this.#answer(req, res);
    } catch (error) {
      // A bot killed while sending its request: nothing reached Telegram, no one to answer.
      if (!req.destroyed) throw error;
    } finally {
      this.#answering--;
    }
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? "");
    if (download) return this.#download(download[1] ?? "", download[2] ?? "", res);
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    let answer: Answer;
    if (!m || m[1] !== this.token) {
      answer = err(401, "Unauthorized");
    } else {
      const method = m[2] ?? "";
      const params = await readParams(req);
      const stalled = this.#stalled.get(method);
      if (stalled) await new Promise<void>((resolve) => stalled.push(resolve));
      answer = await this.#checked(method, params);
      this.calls.push({ method, status: answer.status });
    }
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  }

  async #checked(method: string, read: ReadParams | null): Promise<Answer> {
    if (!read) return err(400, "Bad Request: can't parse request body");
    const verdict = this.#spec?.check({
      method,
      params: read.raw,
      files: read.files.map((f) => f.name),
    });
    if (verdict && !verdict.ok) {
      this.specViolations.push({ platform: "telegram", request: method, errors: verdict.errors });
      return err(verdict.status, verdict.description);
    }
    return this.#call(method, read.params, read.files);
  }

  /** `<apiRoot>/file/bot<token>/<file_path>`: the bytes of a file people sent, as getFile named it. */
  #download(token: string, path: string, res: ServerResponse): void {
    const file = [...this.#files.values()].find((f) => f.path === decodeURIComponent(path));
    if (token !== this.token || !file) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    this.downloads.push(file.path);
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(file.data);
  }

  async #call(method: string, p: Json, files: readonly FilePart[] = []): Promise<Answer> {
    switch (method) {
      case "getMe":
        return ok({
          ...this.bot,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        });
      case "deleteWebhook":
        this.#webhook = null;
        if (p.drop_pending_updates === true) this.#dropPending();
        return ok(true);
      case "setWebhook":
        return this.#setWebhook(p);
      case "getWebhookInfo":
        return ok(this.#webhookInfo());
      case "getUpdates": {
        if (this.#webhook) return webhookConflict();
        const updates = await this.#getUpdates(p);
        // A webhook set while this call waited ends it as Telegram does.
        if (this.#webhook) return webhookConflict();
        if (!this.#conflict) return ok(updates);
        this.#conflict = false;
        return err(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        );
      }
      case "setMyCommands": {
        const language = typeof p.language_code === "string" ? p.language_code : "";
        this.commands.set(
          language,
          (p.commands as { command: string; description: string }[]) ?? [],
        );
        return ok(true);
      }
      case "getChatMember": {
        const chatId = Number(p.chat_id);
        const userId = Number(p.user_id);
        const status = this.admins.get(chatId)?.has(userId) ? "administrator" : "member";
        return ok({
          status,
          user: this.users.get(userId) ?? { id: userId, is_bot: false, first_name: "?" },
        });
      }
      case "answerCallbackQuery":
        this.callbackAnswers.push({
          id: String(p.callback_query_id),
          text: p.text as string | undefined,
        });
        return ok(true);
      case "sendMessage":
        return this.#sendMessage(p);
      case "editMessageText":
        return this.#editMessageText(p);
      case "deleteMessage":
        return this.#deleteMessage(p);
      case "sendPhoto":
        return this.#sendPhoto(p, files);
      case "sendMediaGroup":
        return this.#sendMediaGroup(p, files);
      case "sendDocument":
        return this.#sendDocument(p, files);
      case "getFile": {
        const id = String(p.file_id);
        const file = this.#files.get(id);
        if (!file) return err(400, "Bad Request: invalid file_id");
        if (file.size > TELEGRAM_FILE_LIMITS.downloadBytes)
          return err(400, "Bad Request: file is too big");
        return ok({
          file_id: id,
          file_unique_id: `u${id}`,
          file_size: file.size,
          file_path: file.path,
        });
      }
      default:
        return err(404, "Not Found: method not found");
    }
  }

  async #getUpdates(p: Json): Promise<Json[]> {
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Number(p.limit ?? 100));
    if (offset > 0) this.confirmedUpTo = Math.max(this.confirmedUpTo, offset - 1);
    // Confirmed updates are forgotten, as Telegram does.
    while (
      this.#updates.length > 0 &&
      (this.#updates[0]?.update_id as number) <= this.confirmedUpTo
    ) {
      this.#updates.shift();
    }
    const timeoutMs = Math.min(Number(p.timeout ?? 0) * 1000, this.#maxPollMs);
    if (this.#updates.length === 0 && timeoutMs > 0 && !this.#conflict) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#pollers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        this.#pollers.add(wake);
      });
    }
    return this.#updates.slice(0, limit);
  }

  #sendMessage(p: Json): Answer {
    const chatId = Number(p.chat_id);
    const blocked = this.#refuseSend(chatId);
    if (blocked) return blocked;
    const parsed = this.#messageText("sendMessage", p);
    if ("status" in parsed) return parsed;
    const message: SentMessage = {
      message_id: this.#nextMessageId++,
      chat_id: chatId,
      html: String(p.text ?? ""),
      text: parsed.text,
      links: parsed.links,
      reply_markup: p.reply_markup as SentMessage["reply_markup"],
      edits: 0,
      date: Math.floor(Date.now() / 1000),
    };
    const list = this.messages.get(chatId) ?? [];
    list.push(message);
    this.messages.set(chatId, list);
    const chat = this.chats.get(chatId) ?? { id: chatId, type: "private" };
    return ok({ message_id: message.message_id, chat, date: message.date, text: message.text });
  }

  /** The file part an `attach://<name>` value (or a part under the field's own name) names. */
  #part(value: unknown, field: string, files: readonly FilePart[]): FilePart | null {
    const m = typeof value === "string" ? /^attach:\/\/(.+)$/.exec(value) : null;
    return files.find((f) => f.name === (m ? m[1] : field)) ?? null;
  }

  /** What Telegram says of a picture it cannot take as a photo; null when it can. */
  #refusePicture(method: string, field: string, file: FilePart | null): Answer | null {
    const refuse = (message: string, description: string) => {
      this.specViolations.push({
        platform: "telegram",
        request: method,
        errors: [{ path: [field], keyword: "photo", message }],
      });
      return err(400, `Bad Request: ${description}`);
    };
    if (!file) return refuse("is not an uploaded file", "wrong file identifier/HTTP URL specified");
    if (file.data.length > TELEGRAM_FILE_LIMITS.photoBytes)
      return refuse("is over 10 MB", "PHOTO_INVALID_DIMENSIONS");
    const picture = pictureOf(file.data);
    if (!picture) return refuse("is not a JPEG, PNG or WebP picture", "IMAGE_PROCESS_FAILED");
    const { width, height } = picture;
    if (
      width !== null &&
      height !== null &&
      (width + height > TELEGRAM_FILE_LIMITS.photoSides ||
        Math.max(width, height) / Math.min(width, height) > TELEGRAM_FILE_LIMITS.photoRatio)
    )
      return refuse("has sides over 10,000 pixels or a ratio over 20", "PHOTO_INVALID_DIMENSIONS");
    return null;
  }

  /** A caption as Telegram parses it: at most 1,024 characters after entities parsing. */
  #caption(method: string, p: Json): { text: string; links: string[] } | Answer {
    const parsed =
      p.caption === undefined
        ? { ok: true as const, text: "", links: [] }
        : this.#parse({ ...p, text: p.caption });
    if (!parsed.ok) return err(400, `Bad Request: can't parse entities: ${parsed.error}`);
    if ([...parsed.text].length > TELEGRAM_FILE_LIMITS.caption) {
      this.specViolations.push({
        platform: "telegram",
        request: method,
        errors: [
          {
            path: ["caption"],
            keyword: "maxLength",
            limit: 1024,
            message: "is over 1024 characters after entities parsing",
          },
        ],
      });
      return err(400, "Bad Request: message caption is too long");
    }
    return { text: parsed.text, links: parsed.links };
  }

  #store(chatId: number, message: Omit<SentMessage, "message_id" | "chat_id" | "edits" | "date">) {
    const stored: SentMessage = {
      message_id: this.#nextMessageId++,
      chat_id: chatId,
      edits: 0,
      date: Math.floor(Date.now() / 1000),
      ...message,
    };
    const list = this.messages.get(chatId) ?? [];
    list.push(stored);
    this.messages.set(chatId, list);
    const chat = this.chats.get(chatId) ?? { id: chatId, type: "private" };
    return {
      stored,
      json: {
        message_id: stored.message_id,
        chat,
        date: stored.date,
        ...(stored.text ? { caption: stored.text } : {}),
        ...(stored.mediaGroupId ? { media_group_id: stored.mediaGroupId } : {}),
        ...(stored.photo
          ? {
              photo: [
                {
                  file_id: `sent-${stored.message_id}`,
                  file_unique_id: `us${stored.message_id}`,
                  width: 1200,
                  height: 630,
                },
              ],
            }
          : {}),
        ...(stored.document
          ? {
              document: {
                file_id: `sent-${stored.message_id}`,
                file_unique_id: `us${stored.message_id}`,
                file_name: stored.document.filename,
              },
            }
          : {}),
      },
    };
  }

  #sendPhoto(p: Json, files: readonly FilePart[]): Answer {
    const chatId = Number(p.chat_id);
    const blocked = this.#refuseSend(chatId);
    if (blocked) return blocked;
    const file = this.#part(p.photo, "photo", files);
    const refused = this.#refusePicture("sendPhoto", "photo", file);
    if (refused || !file)
      return refused ?? err(400, "Bad Request: there is no photo in the request");
    const caption = this.#caption("sendPhoto", p);
    if ("status" in caption) return caption;
    return this.#storeFile(chatId, p, caption, { photo: file });
  }

  /** Stores a photo or document sent with its checked caption; answers with the message. */
  #storeFile(
    chatId: number,
    p: Json,
    caption: { text: string; links: string[] },
    file: { photo: FilePart } | { document: FilePart },
  ): Answer {
    const [key, part] = "photo" in file ? ["photo", file.photo] : ["document", file.document];
    const { json } = this.#store(chatId, {
      html: String(p.caption ?? ""),
      text: caption.text,
      links: caption.links,
      reply_markup: p.reply_markup as SentMessage["reply_markup"],
      [key]: { filename: part.filename, data: part.data },
    });
    return ok(json);
  }

  #sendMediaGroup(p: Json, files: readonly FilePart[]): Answer {
    const chatId = Number(p.chat_id);
    const target = this.#checkTarget(chatId);
    if (target) return target;
    const media = Array.isArray(p.media) ? (p.media as Json[]) : [];
    const [min, max] = TELEGRAM_FILE_LIMITS.album;
    if (media.length < min || media.length > max) {
      this.specViolations.push({
        platform: "telegram",
        request: "sendMediaGroup",
        errors: [{ path: ["media"], keyword: "items", message: "must include 2-10 items" }],
      });
      return err(400, "Bad Request: wrong number of media in the album");
    }
    const checked: { file: FilePart; caption: { text: string; links: string[] }; html: string }[] =
      [];
    for (const [i, item] of media.entries()) {
      if (item.type !== "photo") return err(400, "Bad Request: only photos are expected here");
      const file = this.#part(item.media, "", files);
      const refused = this.#refusePicture("sendMediaGroup", `media.${i}.media`, file);
      if (refused || !file) return refused ?? err(400, "Bad Request: no file");
      const caption = this.#caption("sendMediaGroup", item);
      if ("status" in caption) return caption;
      checked.push({ file, caption, html: String(item.caption ?? "") });
    }
    const limited = this.#rateLimit(chatId);
    if (limited) return limited;
    const group = `album-${this.#nextMediaGroup++}`;
    const sent = checked.map(
      ({ file, caption, html }) =>
        this.#store(chatId, {
          html,
          text: caption.text,
          links: caption.links,
          reply_markup: undefined,
          photo: { filename: file.filename, data: file.data },
          mediaGroupId: group,
        }).json,
    );
    return ok(sent);
  }

  #sendDocument(p: Json, files: readonly FilePart[]): Answer {
    const chatId = Number(p.chat_id);
    const blocked = this.#refuseSend(chatId);
    if (blocked) return blocked;
    const file = this.#part(p.document, "document", files);
    if (!file) return err(400, "Bad Request: there is no document in the request");
    if (file.data.length > TELEGRAM_FILE_LIMITS.documentBytes)
      return err(400, "Bad Request: file is too big");
    const caption = this.#caption("sendDocument", p);
    if ("status" in caption) return caption;
    return this.#storeFile(chatId, p, caption, { document: file });
  }

  #editMessageText(p: Json): Answer {
    const chatId = Number(p.chat_id);
    const message = this.chatMessages(chatId).find((m) => m.message_id === Number(p.message_id));
    if (!message) return err(400, "Bad Request: message to edit not found");
    const limited = this.#rateLimit(chatId);
    if (limited) return limited;
    const parsed = this.#messageText("editMessageText", p);
    if ("status" in parsed) return parsed;
    const markup = p.reply_markup as SentMessage["reply_markup"];
    if (
      message.html === String(p.text) &&
      JSON.stringify(message.reply_markup) === JSON.stringify(markup)
    ) {
      return err(
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    message.html = String(p.text ?? "");
    message.text = parsed.text;
    message.links = parsed.links;
    message.reply_markup = markup;
    message.edits++;
    return ok({
      message_id: message.message_id,
      chat: { id: chatId },
      date: message.date,
      text: message.text,
    });
  }

  /**
   * As Telegram allows: the bot deletes its own messages anywhere, people's in
   * a private chat, and people's in a group only as an admin allowed to delete
   * messages there (`botMayDelete`).
   */
  #deleteMessage(p: Json): Answer {
    const chatId = Number(p.chat_id);
    const id = Number(p.message_id);
    const own = this.chatMessages(chatId);
    const typed = this.typedIn(chatId);
    const ownAt = own.findIndex((m) => m.message_id === id);
    const typedAt = typed.findIndex((m) => m.message_id === id);
    if (ownAt < 0 && typedAt < 0) return err(400, "Bad Request: message to delete not found");
    if (ownAt >= 0) {
      own.splice(ownAt, 1);
      return ok(true);
    }
    if (this.chats.has(chatId) && !this.botMayDelete.has(chatId))
      return err(400, "Bad Request: message can't be deleted");
    typed.splice(typedAt, 1);
    return ok(true);
  }

  /** A message's text as Telegram parses it: entities that parse, 1 to 4,096 characters after. */
  #messageText(method: string, p: Json): { text: string; links: string[] } | Answer {
    const parsed = this.#parse(p);
    if (!parsed.ok) return err(400, `Bad Request: can't parse entities: ${parsed.error}`);
    return this.#checkLength(method, parsed.text) ?? { text: parsed.text, links: parsed.links };
  }

  /**
   * The Bot API's "1-4096 characters after entities parsing": the spec check
   * cannot measure text before the markup is parsed, so it is checked here,
   * and recorded as a spec violation like the others.
   */
  #checkLength(method: string, text: string): Answer | null {
    const [error, description] =
      text.trim() === ""
        ? [
            { keyword: "minLength", limit: 1, message: "is empty after entities parsing" },
            "message text is empty",
          ]
        : [...text].length > 4096
          ? [
              {
                keyword: "maxLength",
                limit: 4096,
                message: "is over 4096 characters after entities parsing",
              },
              "message is too long",
            ]
          : [null, ""];
    if (!error) return null;
    this.specViolations.push({
      platform: "telegram",
      request: method,
      errors: [{ path: ["text"], ...error }],
    });
    return err(400, `Bad Request: ${description}`);
  }

  #parse(p: Json) {
    const text = String(p.text ?? "");
    return p.parse_mode === "HTML"
      ? parseTelegramHtml(text)
      : { ok: true as const, text, links: [] };
  }

  /** Who may receive: groups the bot is in; private chats of people who started it and did not block it. */
  /** Why a send to `chatId` is refused now (no such chat, blocked, rate-limited), if it is. */
  #refuseSend(chatId: number): Answer | null {
    return this.#checkTarget(chatId) ?? this.#rateLimit(chatId);
  }

  #checkTarget(chatId: number): Answer | null {
    if (this.chats.has(chatId)) return null;
    if (!this.users.has(chatId)) return err(400, "Bad Request: chat not found");
    if (this.blocked.has(chatId)) return err(403, "Forbidden: bot was blocked by the user");
    if (!this.started.has(chatId))
      return err(403, "Forbidden: bot can't initiate conversation with a user");
    return null;
  }

  #rateLimit(chatId: number): Answer | null {
    const limits = this.#limits;
    if (!limits) return null;
    const now = Date.now();
    const group = this.chats.has(chatId);
    const window = group ? (limits.groupWindowMs ?? 60_000) : 1_000;
    const max = group ? limits.groupPerMinute : limits.privatePerSecond;
    const inChat = (this.#chatSentAt.get(chatId) ?? []).filter((t) => t > now - window);
    while (this.#sentAt.length > 0 && (this.#sentAt[0] ?? 0) <= now - 1_000) this.#sentAt.shift();
    let retryAfterMs = 0;
    if (this.#sentAt.length >= limits.globalPerSecond)
      retryAfterMs = (this.#sentAt[0] ?? now) + 1_000 - now;
    if (inChat.length >= max)
      retryAfterMs = Math.max(retryAfterMs, (inChat[0] ?? now) + window - now);
    if (retryAfterMs > 0) {
      const retry_after = Math.max(1, Math.ceil(retryAfterMs / 1000));
      return err(429, `Too Many Requests: retry after ${retry_after}`, { retry_after });
    }
    this.#sentAt.push(now);
    inChat.push(now);
    this.#chatSentAt.set(chatId, inChat);
    return null;
  }

  #user(id: number): TgUser {
    return this.users.get(id) ?? this.addUser(id, `user${id}`);
  }

  #privateChat(user: TgUser): TgChat {
    return { id: user.id, type: "private", first_name: user.first_name };
  }

  #push(update: Json): number {
    const update_id = this.#nextUpdateId++;
    const full = { update_id, ...update };
    this.#updates.push(full);
    this.#history.push(full);
    for (const wake of [...this.#pollers]) wake();
    this.#deliver();
    return update_id;
  }

  // ── The webhook ──────────────────────────────────────────────────

  #setWebhook(p: Json): Answer {
    const url = String(p.url ?? "");
    const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      this.specViolations.push({
        platform: "telegram",
        request: "setWebhook",
        errors: [
          {
            path: ["secret_token"],
            keyword: "pattern",
            message: "must be 1-256 of A-Z, a-z, 0-9, _ and -",
          },
        ],
      });
      return err(400, "Bad Request: secret token contains unallowed characters");
    }
    if (p.drop_pending_updates === true) this.#dropPending();
    if (url === "") {
      this.#webhook = null;
      return ok(true);
    }
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (parsed === null || (parsed.protocol !== "https:" && parsed.protocol !== "http:"))
      return err(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    // Telegram wants https; the fake also takes plain http on this machine, and posts nowhere else.
    if (this.#webhookTarget === undefined && !isLocal(url))
      return err(
        400,
        "Bad Request: bad webhook: the fake Telegram posts to http://127.0.0.1 or localhost only (or to its webhookTarget)",
      );
    const allowed = Array.isArray(p.allowed_updates)
      ? (p.allowed_updates as unknown[]).map(String)
      : (this.#webhook?.allowedUpdates ?? undefined);
    this.#webhook = { url, secretToken: secret, allowedUpdates: allowed };
    this.#lastWebhookError = null;
    for (const wake of [...this.#pollers]) wake();
    this.#deliver();
    return ok(true);
  }

  #webhookInfo(): Json {
    const hook = this.#webhook;
    return {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.pendingUpdates,
      ...(this.#lastWebhookError
        ? {
            last_error_date: this.#lastWebhookError.date,
            last_error_message: this.#lastWebhookError.message,
          }
        : {}),
      ...(hook ? { max_connections: 40 } : {}),
      ...(hook?.allowedUpdates ? { allowed_updates: hook.allowedUpdates } : {}),
    };
  }

  #dropPending(): void {
    const last = this.#updates.at(-1);
    if (last) this.confirmedUpTo = Math.max(this.confirmedUpTo, last.update_id as number);
    this.#updates.splice(0);
    this.#retryAt.clear();
  }

  /**
   * Posts what can go now: for each chat its oldest pending update, unless one of that chat
   * is still being posted or waits to be posted again. Updates of other chats go side by side.
   */
  #deliver(): void {
    const hook = this.#webhook;
    if (!hook || !this.#server) return;
    const now = Date.now();
    const held = new Set<string>();
    let nextRetry = Number.POSITIVE_INFINITY;
    for (const update of [...this.#updates]) {
      const id = update.update_id as number;
      if (id <= this.confirmedUpTo) continue;
      const kind = Object.keys(update).find((k) => k !== "update_id") ?? "";
      if (
        hook.allowedUpdates &&
        hook.allowedUpdates.length > 0 &&
        !hook.allowedUpdates.includes(kind)
      ) {
        this.#updates.splice(this.#updates.indexOf(update), 1);
        continue;
      }
      const chat = chatKey(update);
      if (held.has(chat)) continue;
      held.add(chat);
      if (this.#posting.has(id)) continue;
      const retryAt = this.#retryAt.get(id) ?? 0;
      if (retryAt > now) {
        nextRetry = Math.min(nextRetry, retryAt);
        continue;
      }
      this.#post(hook, update);
    }
    if (nextRetry !== Number.POSITIVE_INFINITY && this.#retryTimer === null) {
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        this.#deliver();
      }, nextRetry - now);
    }
  }

  #post(hook: FakeWebhook, update: Json): void {
    const id = update.update_id as number;
    const target = new URL(this.#webhookTarget ?? hook.url);
    const body = JSON.stringify(update);
    let settled = false;
    const done = (status: number, error: string | null) => {
      if (settled) return;
      settled = true;
      this.#posting.delete(id);
      this.webhookCalls.push({ updateId: id, status });
      if (error === null) {
        this.#retryAt.delete(id);
        const at = this.#updates.findIndex((u) => u.update_id === id);
        if (at >= 0) this.#updates.splice(at, 1);
      } else {
        this.#lastWebhookError = { date: Math.floor(Date.now() / 1000), message: error };
        this.#retryAt.set(id, Date.now() + this.#webhookRetryMs);
      }
      this.#deliver();
    };
    const call = httpRequest(
      {
        // Never anything but this machine, whatever the URL says (checked when it was set).
        host: "127.0.0.1",
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: "POST",
        timeout: this.#webhookTimeoutMs,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          Host: target.host,
          ...(hook.secretToken !== undefined
            ? { "X-Telegram-Bot-Api-Secret-Token": hook.secretToken }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          done(
            status,
            status >= 200 && status < 300
              ? null
              : `Wrong response from the webhook: ${status} ${res.statusMessage ?? ""}`.trim(),
          );
        });
        res.on("error", () => done(0, "Connection reset by peer"));
      },
    );
    call.on("timeout", () => {
      call.destroy();
      done(0, "Read timeout expired");
    });
    call.on("error", (error: NodeJS.ErrnoException) =>
      done(0, error.code === "ECONNREFUSED" ? "Connection refused" : "Connection failed"),
    );
    this.#posting.set(id, call);
    call.end(body);
  }
}

const webhookConflict = (): Answer =>
  err(
    409,
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  );

/** An http address on this machine: the only kind the fake posts to. */
function isLocal(url: string): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return (
    parsed !== null &&
    parsed.protocol === "http:" &&
    (parsed.hostname === "127.0.0.1" || parsed.hostname === "localhost")
  );
}

/** The chat an update belongs to, for in-order delivery: its message's, else its sender's. */
function chatKey(update: Json): string {
  const message = (update.message ?? (update.callback_query as Json | undefined)?.message) as
    | { chat?: { id?: number } }
    | undefined;
  const from = ((update.callback_query ?? update.message) as { from?: { id?: number } } | undefined)
    ?.from;
  return String(message?.chat?.id ?? from?.id ?? update.update_id);
}

/**
 * Whether Telegram could read the bytes as a picture, by their signature (the
 * fake's own check, not the bot's): JPEG, PNG or WebP; the size for a PNG.
 */
function pictureOf(data: Buffer): { width: number | null; height: number | null } | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return data.length >= 24
      ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
      : null;
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return { width: null, height: null };
  if (
    data.subarray(0, 4).toString("latin1") === "RIFF" &&
    data.subarray(8, 12).toString("latin1") === "WEBP"
  )
    return { width: null, height: null };
  return null;
}

interface ReadParams {
  /** As the handlers read them: JSON values, text that parses as JSON parsed. */
  readonly params: Json;
  /** As they came (text for forms and the query string), for the spec check. */
  readonly raw: Json;
  readonly files: readonly FilePart[];
}

/** Query string, then a JSON, urlencoded or multipart body; null when the body cannot be read. */
async function readParams(req: IncomingMessage): Promise<ReadParams | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  const query = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
  let raw: Json = query;
  let files: FilePart[] = [];
  const boundary = multipartBoundary(type);
  if (body.length === 0) return { params: query, raw: query, files };
  if (boundary !== null) {
    const parts = parseMultipart(body, boundary);
    if (!parts) return null;
    raw = { ...query, ...parts.fields };
    files = parts.files;
  } else if (type.includes("application/json")) {
    try {
      const json = { ...query, ...(JSON.parse(body.toString("utf8")) as Json) };
      return { params: json, raw: json, files };
    } catch {
      return null;
    }
  } else {
    raw = { ...query, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  const params: Json = {};
  for (const [k, v] of Object.entries(raw)) params[k] = typeof v === "string" ? jsonOrText(v) : v;
  return { params, raw, files };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
