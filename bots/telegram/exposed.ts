import type { Context } from "grammy";
import type { Reply } from "../../src/ports/inbound.js";
import { toFailure } from "./failures.js";
import { renderNotice } from "./render.js";
import type { SecretDeps } from "./secrets.js";

/**
 * A command typed in a group that shows what only organizers may see (a secret
 * shop before its reveal, the usual takings, the merchant's note) is deleted
 * first thing: Telegram lets a bot delete others' messages when it is a group
 * admin allowed to delete messages. True when there was nothing to delete.
 */
export async function deleteExposed(
  ctx: Context,
  deps: SecretDeps,
  answer: Reply,
): Promise<boolean> {
  const message = ctx.message;
  const chat = ctx.chat;
  if (!answer.exposed || !message || !chat || chat.type === "private") return true;
  try {
    await ctx.api.deleteMessage(chat.id, message.message_id);
    return true;
  } catch (error) {
    deps.logger.info(
      { failure: toFailure(error, chat.id).failure },
      "a command showing private data could not be deleted; asking the organizer to",
    );
    return false;
  }
}

/**
 * When the command could not be deleted: the organizer is told privately, in
 * one sentence naming what shows, to delete it; without a private chat, the
 * group hears that sentence without the data (queued after the answer).
 */
export function warnExposed(ctx: Context, deps: SecretDeps, answer: Reply): void {
  const exposed = answer.exposed;
  const message = ctx.message;
  const chat = ctx.chat;
  if (!exposed || !message || !chat || !ctx.from) return;
  const warning = renderNotice(exposed.privately, deps.username);
  const said = renderNotice(exposed.publicly, deps.username);
  deps.replies.privatelyOr(
    { chatId: ctx.from.id, text: warning.text },
    { chatId: chat.id, text: said.text, replyTo: message.message_id },
  );
}
