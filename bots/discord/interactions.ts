import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import { PHOTO_LIMITS } from "../../src/domain/photo.js";
import { errorSentence } from "../../src/i18n/index.js";
import type { CommandHandler, PhotoUpload, Reply } from "../../src/ports/inbound.js";
import type { Logger } from "../../src/ports/logger.js";
import type { Notice } from "../../src/ports/platform.js";
import { fetchCapped } from "../shared/fetch-capped.js";
import { toActor } from "./actor.js";
import { withPicture } from "./attachments.js";
import { suggest } from "./autocomplete.js";
import { PUBLIC_ANSWERS } from "./commands.js";
import { toFailure } from "./failures.js";
import { type MessageBody, renderMessage } from "./render.js";
import { toSeriesCommand } from "./series-command.js";
import { texts } from "./texts.js";
import { type RawOption, toCommand } from "./to-command.js";

/** What answering interactions needs: the core, a logger, the ack budget and a clock. */
export interface InteractionDeps {
  readonly handler: CommandHandler;
  readonly logger: Logger;
  /** An answer not ready after this long is deferred (Discord allows 3 s to acknowledge). */
  readonly ackAfterMs: number;
  readonly now: () => number;
}

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/**
 * Routes one interaction; never throws (failures are logged). Every one that
 * can be answered is, even when the bot cannot act on it, so nothing spins.
 */
export async function onInteraction(
  interaction: Interaction,
  deps: InteractionDeps,
): Promise<void> {
  try {
    if (interaction.isAutocomplete()) return await autocomplete(interaction, deps);
    if (interaction.isChatInputCommand()) return await command(interaction, deps);
    if (interaction.isButton()) return await button(interaction, deps);
    // A select menu, a form or a context-menu command this bot does not offer (any more).
    if (interaction.isRepliable()) return await cannotAct(interaction);
  } catch (error) {
    deps.logger.warn(
      { interactionId: interaction.id, type: interaction.type, failure: toFailure(error) },
      "could not answer an interaction",
    );
    if (interaction.isRepliable()) await apologize(interaction, deps);
  }
}

/** One ephemeral sentence for an interaction the bot has nothing to do with. */
async function cannotAct(interaction: RepliableInteraction): Promise<void> {
  const locale = interaction.locale;
  const sentence = interaction.isCommand()
    ? texts(locale).unknown
    : errorSentence({ code: "UNKNOWN_ACTION" }, locale, "discord");
  await interaction.reply({
    ...toOptions(renderMessage(adapterNotice(sentence, locale))),
    flags: MessageFlags.Ephemeral,
  });
}

/** Something broke before the answer went out (a bug, a Discord call): at least say sorry. */
async function apologize(interaction: RepliableInteraction, deps: InteractionDeps): Promise<void> {
  if (interaction.replied) return;
  const body = toOptions(
    renderMessage(adapterNotice(texts(interaction.locale).apology, interaction.locale)),
  );
  try {
    if (interaction.deferred) await interaction.editReply(body);
    else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  } catch (error) {
    deps.logger.warn(
      { interactionId: interaction.id, failure: toFailure(error) },
      "could not apologize for an interaction either",
    );
  }
}

async function autocomplete(
  interaction: AutocompleteInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  let choices: Awaited<ReturnType<typeof suggest>> = [];
  try {
    choices = await suggest({
      handler: deps.handler,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      isOrganizer: toActor(interaction).isOrganizer,
      option: focused.name,
      typed: String(focused.value ?? ""),
      now: deps.now(),
    });
  } catch (error) {
    deps.logger.error({ err: error, option: focused.name }, "autocomplete failed");
  }
  await interaction.respond(choices);
}

async function command(
  interaction: ChatInputCommandInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false) ?? "";
  const raw: RawOption[] = (interaction.options.data[0]?.options ?? []).map((o) => ({
    name: o.name,
    ...(o.value === undefined || o.value === null ? {} : { value: o.value }),
  }));
  const parsed =
    interaction.commandName === "mob"
      ? toCommand(subcommand, raw)
      : interaction.commandName === "series"
        ? toSeriesCommand(subcommand, raw)
        : null;
  if (!parsed) {
    await interaction.reply({
      ...toOptions(
        renderMessage(adapterNotice(texts(interaction.locale).unknown, interaction.locale)),
      ),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  // A photo is fetched first (Discord's attachment URLs expire): inside the work, so a slow
  // download defers the answer rather than miss Discord's 3 seconds.
  const work = async () =>
    deps.handler.handle(
      toActor(interaction),
      parsed.type === "photo" ? { ...parsed, upload: await fetchPhoto(interaction) } : parsed,
      eventId(interaction),
    );
  await answer(interaction, deps, work, {
    what: `${interaction.commandName} ${subcommand}`,
    publicIfSlow: interaction.commandName === "mob" && PUBLIC_ANSWERS.has(subcommand),
    alwaysPersonal: false,
  });
}

/** The `image:` of `/mob photo`, unless Discord says it is larger than the album takes. */
async function fetchPhoto(interaction: ChatInputCommandInteraction): Promise<PhotoUpload | null> {
  const attachment = interaction.options.getAttachment("image");
  if (!attachment) return null;
  if (attachment.size > PHOTO_LIMITS.maxBytes) return { ok: false, reason: "too_large" };
  return fetchCapped(attachment.url, PHOTO_LIMITS.maxBytes);
}

async function button(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const actionId = interaction.customId;
  await answer(
    interaction,
    deps,
    () =>
      deps.handler.handle(toActor(interaction), { type: "action", actionId }, eventId(interaction)),
    {
      what: "button",
      publicIfSlow: false,
      // A button answer is about the presser ("You're in!"), never a channel post.
      alwaysPersonal: true,
    },
  );
}

/**
 * The core's key for this interaction: one delivered twice (Discord's HTTP POST replayed to
 * another replica behind the load balancer) is handled once, and answered once.
 */
function eventId(interaction: Interaction): string {
  return `interaction:${interaction.id}`;
}

const SLOW = Symbol("slow");

/**
 * Runs the handler and answers within Discord's 3 seconds: directly when the
 * core is quick (the usual case), else deferred first and edited after.
 */
async function answer(
  interaction: Repliable,
  deps: InteractionDeps,
  work: () => Promise<Reply>,
  how: { what: string; publicIfSlow: boolean; alwaysPersonal: boolean },
): Promise<void> {
  const locale = interaction.locale;
  const outcome: Promise<{ reply: Reply } | { error: unknown }> = Promise.resolve()
    .then(work)
    .then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), deps.ackAfterMs);
  });
  let first = await Promise.race([outcome, slow]);
  clearTimeout(timer);
  let deferred: "public" | "personal" | null = null;
  if (first === SLOW) {
    deferred = how.publicIfSlow ? "public" : "personal";
    await interaction.deferReply(deferred === "personal" ? { flags: MessageFlags.Ephemeral } : {});
    first = await outcome;
  }
  if ("reply" in first && first.reply.duplicate) {
    // Handled and answered by whoever took it first; a second callback would only be refused
    // (40060). A "thinking…" this copy put up is taken down again.
    if (deferred !== null) await interaction.deleteReply().catch(() => {});
    return;
  }
  let reply: Reply;
  if ("error" in first) {
    // A bug: logged with context, answered with a generic apology, never a stack trace.
    deps.logger.error(
      {
        err: first.error,
        interactionId: interaction.id,
        command: how.what,
        userId: interaction.user.id,
      },
      "command handler failed",
    );
    reply = { audience: "personal", notice: adapterNotice(texts(locale).apology, locale) };
  } else {
    reply = first.reply;
  }
  const personal =
    how.alwaysPersonal || reply.audience === "personal" || reply.notice.tone === "error";
  const body = toOptions(renderMessage(reply.notice));
  if (deferred === null) {
    await interaction.reply({ ...body, ...(personal ? { flags: MessageFlags.Ephemeral } : {}) });
  } else if (deferred === "public" && personal) {
    // A public "thinking…" cannot turn private: remove it and answer privately.
    await interaction.deleteReply();
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.editReply(body);
  }
  const secret = "reply" in first ? first.reply.secret : undefined;
  if (secret) {
    // Only the actor sees it, the file (an export) or the picture (a check-in QR, shown in
    // the embed) included.
    const picture = secret.image;
    const attached = picture ?? secret.file;
    await interaction.followUp({
      ...toOptions(withPicture(renderMessage(secret), picture).body),
      flags: MessageFlags.Ephemeral,
      ...(attached
        ? {
            files: [
              {
                attachment: Buffer.from(attached.bytes),
                name: attached.filename,
                ...(picture ? { description: picture.alt } : {}),
              },
            ],
          }
        : {}),
    });
  }
}

/** A rendered message in discord.js's option shape. */
function toOptions(body: MessageBody) {
  return {
    content: body.content,
    embeds: body.embeds,
    components: body.components,
    allowedMentions: { parse: [] as [], users: body.allowed_mentions.users },
  };
}

/** A one-sentence error notice in the adapter's own words. */
function adapterNotice(title: string, locale: string): Notice {
  return {
    kind: "error",
    tone: "error",
    title,
    lines: [],
    actions: [],
    locale: locale.startsWith("fr") ? "fr" : "en",
  };
}
