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
 * group hears that sentence without the data.
 */
export async function warnExposed(ctx: Context, deps: SecretDeps, answer: Reply): Promise<void> {
  const exposed = answer.exposed;
  const message = ctx.message;
  const chat = ctx.chat;
  if (!exposed || !message || !chat || !ctx.from) return;
  try {
    const warning = renderNotice(exposed.privately, deps.username);
    await ctx.api.sendMessage(ctx.from.id, warning.text, { parse_mode: "HTML" });
    return;
  } catch (error) {
    const failure = toFailure(error, ctx.from.id).failure;
    if (failure !== "no_dm_channel") {
      deps.logger.warn({ failure }, "warning an organizer privately failed");
      return;
    }
  }
  const said = renderNotice(exposed.publicly, deps.username);
  await ctx.api
    .sendMessage(chat.id, said.text, {
      parse_mode: "HTML",
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    })
    .catch((err: unknown) => deps.logger.warn({ err }, "warning in the group failed"));
}
