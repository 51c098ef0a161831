import { type Api, type Context, HttpError } from "grammy";
import type { Message } from "grammy/types";
import { commandOf, parseTextCommand } from "../../src/app/parse-command.js";
import { USAGE } from "../../src/app/parse-usage.js";
import { decodeButtonId } from "../../src/domain/codecs/button-id.js";
import { PHOTO_LIMITS } from "../../src/domain/photo.js";
import { catalog, errorSentence } from "../../src/i18n/index.js";
import type {
  Actor,
  Command,
  CommandHandler,
  PhotoUpload,
  Reply,
} from "../../src/ports/inbound.js";
import type { Fetched } from "../shared/fetch-capped.js";
import { NEEDS_ADMIN_CHECK } from "./commands.js";
import { deleteExposed, warnExposed } from "./exposed.js";
import { toFailure } from "./failures.js";
import { escapeText, renderNotice } from "./render.js";
import type { ReplyQueue } from "./replies.js";
import { codesGroup, codesPayload, type SecretDeps, sendSecret } from "./secrets.js";

/** Telegram's account that speaks for anonymous group admins. */
const ANONYMOUS_ADMIN = 1087968824;
const ADMIN_CACHE_MS = 60_000;
/** Tries at an answer to a press whose request never reached Telegram. */
const PRESS_ATTEMPTS = 3;

export interface UpdateDeps extends SecretDeps {
  readonly api: Api;
  /** Answers go out through it, never awaited: handling an update never waits for a chat's budget. */
  readonly replies: ReplyQueue;
  readonly handler: CommandHandler;
  /** Downloads a file by its `file_path` (from getFile), reading at most `maxBytes`. */
  readonly download: (filePath: string, maxBytes: number) => Promise<Fetched>;
}

/** Whether people are admins of a group, asked of Telegram (getChatMember) and remembered a minute. */
export class AdminCache {
  readonly #known = new Map<string, { admin: boolean; until: number }>();

  constructor(private readonly api: Api) {}

  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const now = Date.now();
    const known = this.#known.get(key);
    if (known && known.until > now) return known.admin;
    const member = await this.api.getChatMember(chatId, userId);
    const admin = member.status === "creator" || member.status === "administrator";
    this.#known.set(key, { admin, until: now + ADMIN_CACHE_MS });
    return admin;
  }
}

const yes = () => true;

const nameOf = (from: NonNullable<Context["from"]>) =>
  [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username || String(from.id);

function actorOf(ctx: Context, isOrganizer: boolean): Actor | null {
  const from = ctx.from;
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!from || !chat) return null;
  const name = nameOf(from);
  const inPrivateChat = chat.type === "private";
  return {
    platform: "telegram",
    user: {
      id: String(from.id),
      displayName: name,
      ...(from.language_code ? { locale: from.language_code } : {}),
    },
    ...(inPrivateChat
      ? {}
      : {
          community: {
            id: String(chat.id),
            name: (chat as { title?: string }).title ?? String(chat.id),
            channelId: String(chat.id),
          },
        }),
    isOrganizer,
    inPrivateChat,
  };
}

/** Handles a typed command: parse, ask the core, answer in the same chat. */
export async function onMessage(ctx: Context, deps: UpdateDeps, admins: AdminCache): Promise<void> {
  const message = ctx.message;
  const text = message?.text;
  if (!message || !text || !ctx.chat || !ctx.from) return;
  const inPrivate = ctx.chat.type === "private";
  const addressed = /^\/\w+@(\w+)/.exec(text)?.[1];
  // In a group, commands meant for another bot are not ours to answer.
  if (addressed && addressed.toLowerCase() !== deps.username.toLowerCase()) return;
  const parsed = parseTextCommand(text);
  // Chatter in a group is not for us; in a private chat, any text gets the help.
  if (parsed === null && !inPrivate) return;
  // An unknown command in a group may belong to another bot: answer it only when addressed to us.
  if (parsed && !parsed.ok && parsed.code === "UNKNOWN_COMMAND" && !inPrivate && !addressed) return;
  const command: Command = parsed === null ? { type: "help" } : commandOf(parsed);
  if (inPrivate && command.type === "start") return onPrivateStart(ctx, deps, admins, command);
  let isOrganizer = false;
  if (!inPrivate && NEEDS_ADMIN_CHECK.has(command.type)) {
    const anonymous = ctx.from.id === ANONYMOUS_ADMIN && message.sender_chat?.id === ctx.chat.id;
    isOrganizer = anonymous || (await admins.isAdmin(ctx.chat.id, ctx.from.id));
  }
  reply(ctx, deps, await ask(deps, ctx, command, isOrganizer));
}

/**
 * A photo sent to the bot for a mob's album: with the caption `/photo <id>`,
 * or as a reply to the bot's spend question (whose buttons name the mob).
 * A photo sent "as a file" (a document with an image type) counts too. In a
 * group, photos without the command are people sharing pictures: not ours.
 */
export async function onPhoto(ctx: Context, deps: UpdateDeps): Promise<void> {
  const message = ctx.message;
  if (!message || !ctx.chat || !ctx.from) return;
  const inPrivate = ctx.chat.type === "private";
  const caption = (message.caption ?? "").trim();
  const addressed = /^\/\w+@(\w+)/.exec(caption)?.[1];
  if (addressed && addressed.toLowerCase() !== deps.username.toLowerCase()) return;
  const typed = /^\/photo(?:@\w+)?(?:\s+(\S+))?\s*$/i.exec(caption);
  const id = typed ? typed[1] : spendQuestionMob(message.reply_to_message, ctx.me.id);
  const file = message.photo
    ? message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a))
    : // A file sent for the album is checked by its bytes, whatever type it claims.
      message.document && (typed || message.document.mime_type?.startsWith("image/"))
      ? message.document
      : null;
  if (!file || (!typed && id === undefined && !inPrivate)) return;
  const command: Command =
    id === undefined
      ? { type: "malformed", usage: USAGE.photo }
      : { type: "photo", id, upload: await fetchPhoto(deps, file) };
  reply(ctx, deps, await ask(deps, ctx, command, false));
}

/** The mob a message of the bot asks the spend for, from its buttons (`mob:12:spent:1500`). */
function spendQuestionMob(message: Message | undefined, botId: number): string | undefined {
  if (!message || message.from?.id !== botId) return undefined;
  for (const row of message.reply_markup?.inline_keyboard ?? [])
    for (const button of row) {
      const pressed = "callback_data" in button ? decodeButtonId(button.callback_data) : null;
      if (pressed?.kind === "spent") return String(pressed.mobId);
    }
  return undefined;
}

/** The file's bytes, unless Telegram says it is larger than the album takes (then it is not fetched). */
async function fetchPhoto(
  deps: UpdateDeps,
  file: { readonly file_id: string; readonly file_size?: number },
): Promise<PhotoUpload> {
  if ((file.file_size ?? 0) > PHOTO_LIMITS.maxBytes) return { ok: false, reason: "too_large" };
  try {
    const found = await deps.api.getFile(file.file_id);
    if (!found.file_path) return { ok: false, reason: "unreadable" };
    return await deps.download(found.file_path, PHOTO_LIMITS.maxBytes);
  } catch (error) {
    deps.logger.warn({ failure: toFailure(error, 0).failure }, "fetching a photo failed");
    return { ok: false, reason: "unreadable" };
  }
}

/**
 * `/start` in the private chat: the core's answer, then the check-in codes
 * withheld while the chat was closed. `codes_<group>` is checked against the
 * person's role in that group, so only its organizers get its codes.
 */
async function onPrivateStart(
  ctx: Context,
  deps: UpdateDeps,
  admins: AdminCache,
  command: Extract<Command, { type: "start" }>,
): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const organizes = (group: number) => admins.isAdmin(group, userId).catch(() => false);
  const asked = codesGroup(command.payload);
  reply(ctx, deps, await ask(deps, ctx, command, asked !== null && (await organizes(asked))));
  const owed = await Promise.resolve(deps.withheld.take(userId)).catch((err: unknown) => {
    deps.logger.error({ err }, "reading the withheld check-in codes failed");
    return [];
  });
  for (const group of owed) {
    if (group === asked) continue;
    const actor = actorOf(ctx, await organizes(group));
    if (!actor) continue;
    const answer = await deps.handler.handle(
      actor,
      { type: "start", payload: codesPayload(group) },
      `update:${ctx.update.update_id}:codes:${group}`,
    );
    if (!answer.duplicate) sendSecret(ctx, deps, answer);
  }
}

/**
 * Handles a button press: the core decides, the person gets a short toast.
 * Every press is answered, even one the bot cannot act on (its message gone,
 * data it does not know, a failure on the way), so no button keeps spinning.
 */
export async function onCallback(ctx: Context, deps: UpdateDeps): Promise<void> {
  const query = ctx.callbackQuery;
  if (!query) return;
  const locale = query.from.language_code ?? "en";
  let answer: Reply | null = null;
  let toast: string | undefined;
  try {
    answer = query.data
      ? await ask(deps, ctx, { type: "action", actionId: query.data }, false)
      : null;
    if (answer === null) toast = errorSentence({ code: "UNKNOWN_ACTION" }, locale, "telegram");
    // A press handled before a crash: its answer may not have gone out; stop the spinner quietly.
    else if (!answer.duplicate) toast = answer.notice.title.slice(0, 200);
  } catch (error) {
    deps.logger.error({ err: error }, "handling a button press failed");
    toast = catalog(locale).t.bug;
  }
  // Not awaited: the next update need not wait for Telegram's acknowledgement. A connection
  // lost on the way (a reset keep-alive socket) is tried again, or the button keeps spinning.
  const answerPress = (attempt: number): Promise<unknown> =>
    ctx.answerCallbackQuery(toast === undefined ? {} : { text: toast }).catch((err: unknown) => {
      if (err instanceof HttpError && attempt < PRESS_ATTEMPTS) return answerPress(attempt + 1);
      deps.logger.debug({ err }, "answering a button press failed");
      return undefined;
    });
  void answerPress(1);
  if (answer?.secret && !answer.duplicate) sendSecret(ctx, deps, answer);
}

/** The core's answer; the update id makes a redelivered update a no-op. */
async function ask(
  deps: UpdateDeps,
  ctx: Context,
  command: Command,
  isOrganizer: boolean,
): Promise<Reply | null> {
  const actor = actorOf(ctx, isOrganizer);
  return actor ? deps.handler.handle(actor, command, `update:${ctx.update.update_id}`) : null;
}

/**
 * Queues the answer in the chat the command came from. In a busy group, an
 * answer meant for the person alone goes to their private chat when they
 * opened one (the group's budget is kept for what everyone must see); an
 * answer for everyone may go out merged with the next ones.
 */
function reply(ctx: Context, deps: UpdateDeps, answer: Reply | null): void {
  if (!answer || answer.duplicate || !ctx.chat || !ctx.message) return;
  // A command that shows private data is deleted at once, when the bot may, ahead of any
  // queue; the answer in the chat waits for that, and the organizer is warned when it stays.
  const deletion = answer.exposed ? deleteExposed(ctx, deps, answer) : null;
  const rendered = renderNotice(answer.notice, deps.username);
  const chatId = ctx.chat.id;
  const inGroup = ctx.chat.type !== "private";
  const inChat = {
    chatId,
    text: rendered.text,
    replyTo: ctx.message.message_id,
    ...(rendered.reply_markup ? { replyMarkup: rendered.reply_markup } : {}),
    ...(deletion ? { only: deletion.then(yes, yes) } : {}),
  };
  const from = ctx.from;
  if (inGroup && answer.audience === "personal" && from && deps.replies.busy(chatId)) {
    // Never opened (or blocked) the private chat: the group it is, after all, in its turn,
    // merged with the answers waiting with it, each under the name of whom it answers.
    deps.replies.privatelyOr(
      {
        chatId: from.id,
        text: rendered.text,
        ...(rendered.reply_markup ? { replyMarkup: rendered.reply_markup } : {}),
      },
      { ...inChat, mergeable: true, label: escapeText(nameOf(from)) },
    );
  } else {
    deps.replies.enqueue({ ...inChat, mergeable: inGroup && answer.audience === "channel" });
  }
  if (answer.secret) sendSecret(ctx, deps, answer);
  void deletion
    ?.then((deleted) => deleted || warnExposed(ctx, deps, answer))
    .catch((err: unknown) => deps.logger.warn({ err }, "warning about an exposed command failed"));
}
