import { decodeStartPayload } from "../domain/codecs/deep-link.js";
import type { DomainError } from "../domain/errors.js";
import { stateAt } from "../domain/mob.js";
import { catalog, errorSentence } from "../i18n/index.js";
import { errorNotice, plainNotice } from "../i18n/notices.js";
import type { Clock } from "../ports/clock.js";
import type { Actor, Command, CommandHandler, Reply } from "../ports/inbound.js";
import type { Logger } from "../ports/logger.js";
import type { Metrics } from "../ports/metrics.js";
import type { PlatformName } from "../ports/platform.js";
import { fatalStorageFailure } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import { actionToCommand } from "./action-ids.js";
import { organizerCodes } from "./checkin-codes.js";
import { type Context, resolveContext } from "./context.js";
import { exportParticipants } from "./export.js";
import { exposedOnFailure } from "./exposed.js";
import { showHistory } from "./history.js";
import * as link from "./link.js";
import { merchantCommand, merchantLinkCommand } from "./merchant.js";
import * as nominations from "./nominations.js";
import { addPhoto, dropPhoto } from "./photos.js";
import { thankMerchant } from "./thanks.js";
import * as uc from "./use-cases.js";
import * as vote from "./vote.js";

export { actionToCommand } from "./action-ids.js";

/** The core as adapters see it: one entry point for commands and button presses. */
export class CoreHandler implements CommandHandler {
  constructor(
    private readonly deps: uc.UseCaseDeps & {
      readonly clock: Clock;
      readonly logger: Logger;
      readonly metrics: Metrics;
      onChange(): void;
      /** Storage is unusable (disk full, read-only, corrupt): the process must stop. */
      onFatal(reason: string, error: unknown): void;
    },
  ) {}

  async handle(actor: Actor, command: Command, eventId?: string): Promise<Reply> {
    let locale = this.deps.settings.defaultLocale;
    const { uow, clock, metrics } = this.deps;
    const started = performance.now();
    try {
      // One unit of work: the member, the command's writes and the event's "handled" mark
      // land together, so a redelivered event is either new or fully done.
      const reply = await uow.run(async (tx): Promise<Reply> => {
        const now = clock.now();
        if (eventId !== undefined && !(await tx.markHandled(`${actor.platform}:${eventId}`, now))) {
          return { duplicate: true, audience: "personal", notice: errorNotice("", locale) };
        }
        const ctx = await resolveContext(tx, actor, this.deps.settings, now);
        locale = ctx.locale;
        const outcome = await this.run(tx, ctx, command);
        if (outcome.ok) return outcome.value;
        return {
          audience: "personal",
          notice: errorNotice(
            errorSentence(outcome as DomainError, ctx.locale, actor.platform),
            ctx.locale,
          ),
          // Refused or not, the command as typed may show what only organizers may see.
          ...(await exposedOnFailure(tx, this.deps, ctx, command)),
        };
      });
      this.deps.onChange();
      metrics.commandDuration(command.type, (performance.now() - started) / 1000);
      return reply;
    } catch (error) {
      this.deps.logger.error(
        { err: error, command: command.type, platform: actor.platform },
        "command failed",
      );
      const fatal = fatalStorageFailure(error);
      if (fatal) this.deps.onFatal(fatal, error);
      return { audience: "personal", notice: errorNotice(catalog(locale).t.bug, locale) };
    }
  }

  openMobs(
    platform: PlatformName,
    spaceId: string,
    chatId: string = spaceId,
    isOrganizer = false,
  ): Promise<{ id: number; label: string }[]> {
    return this.deps.uow.run(async (tx) => {
      const community =
        (await tx.findChat(platform, chatId))?.communityId ??
        (await tx.communityOfSpace(platform, spaceId));
      if (community === null) return [];
      const now = this.deps.clock.now();
      // Drafts are the organizers' business (the merchant may not have said yes), as on /mobs.
      const drafts = isOrganizer || (await tx.getCommunity(community))?.organizerRule === "anyone";
      return (await tx.listOpenMobs(community, now, drafts, 25)).map((mob) => ({
        id: mob.id,
        label: `#${mob.id} ${uc.shopShown(this.deps, mob, now) ? mob.shopName : "?"} (${stateAt(mob, now)})`,
      }));
    });
  }

  private async run(tx: Tx, ctx: Context, command: Command): Promise<uc.Outcome> {
    const d = this.deps;
    switch (command.type) {
      case "create":
        return uc.createMob(tx, d, ctx, command);
      case "edit":
        return uc.editMob(tx, d, ctx, command);
      case "list":
        return uc.listMobs(tx, d, ctx);
      case "info":
        return uc.showMob(tx, d, ctx, command.id);
      case "join":
      case "leave": {
        const choice = command.type === "leave" ? "leave" : command.maybe ? "maybe" : "going";
        const outcome = await uc.rsvp(
          tx,
          d,
          ctx,
          command.id,
          choice,
          command.type === "join" ? command.pledge : undefined,
        );
        if (outcome.ok) d.metrics.rsvp(choice);
        return outcome;
      }
      case "confirm":
        return uc.confirmMob(tx, d, ctx, command.id);
      case "cancel":
        return uc.cancelMob(tx, d, ctx, command.id, command.reason);
      case "spent":
        return uc.reportSpend(tx, d, ctx, command.id, command.amount);
      case "checkin":
        return uc.checkIn(tx, d, ctx, command.id, command.code);
      case "tally":
        return uc.showTally(tx, d, ctx, command.id);
      case "settings":
        return uc.settings(tx, d, ctx, command);
      case "link":
        return command.code === undefined
          ? link.createLinkCode(tx, d, ctx)
          : link.redeemLinkCode(tx, d, ctx, command.code);
      case "unlink":
        return link.unlinkChat(tx, d, ctx);
      case "nominate":
        return nominations.nominate(tx, d, ctx, command);
      case "nominations":
        return nominations.listNominations(tx, d, ctx);
      case "dropshop":
        return nominations.dropNomination(tx, d, ctx, command.id, command.reason);
      case "vote":
        return vote.openVote(tx, d, ctx, command);
      case "closevote":
        return vote.closeVoteNow(tx, d, ctx, command.id);
      case "ballot":
        return vote.castBallot(tx, d, ctx, command.voteId, command.nominationId);
      case "merchant":
        return merchantCommand(tx, d, ctx, command);
      case "merchantlink":
        return merchantLinkCommand(tx, d, ctx, command.id);
      case "photo":
        return addPhoto(tx, d, ctx, command.id, command.upload);
      case "dropphoto":
        return dropPhoto(tx, d, ctx, command.id, command.photo);
      case "thanks":
        return thankMerchant(tx, d, ctx, command.id, command.message);
      case "history":
        return showHistory(tx, d, ctx);
      case "export":
        return exportParticipants(tx, d, ctx, command.id);
      case "start":
        return this.start(tx, ctx, command.payload);
      case "help": {
        const c = catalog(ctx.locale).t;
        const platform = ctx.actor.platform;
        const own =
          platform === "console" ? c.helpConsole : platform === "telegram" ? c.helpTelegram : [];
        return {
          ok: true,
          value: {
            audience: "personal",
            notice: plainNotice(c.helpTitle, [...c.help, ...own], ctx.locale),
          },
        };
      }
      case "malformed":
        return command.usage
          ? { ok: false, code: "USAGE", params: { usage: command.usage } }
          : { ok: false, code: "UNKNOWN_COMMAND" };
      case "action": {
        const next = actionToCommand(command.actionId);
        if (!next) return { ok: false, code: "UNKNOWN_ACTION" };
        return this.run(tx, ctx, next);
      }
    }
  }

  /**
   * `/start` in a private chat: the DM channel is open; with `mob_<id>`, join
   * that mob too; with `codes_<community>`, the check-in codes they could not
   * be sent while the chat was closed come along, privately.
   */
  private async start(tx: Tx, ctx: Context, payload: string | undefined): Promise<uc.Outcome> {
    const c = catalog(ctx.locale).t;
    const asked = decodeStartPayload(payload);
    if (asked?.kind === "join") return uc.rsvp(tx, this.deps, ctx, String(asked.mobId), "going");
    const codes = asked?.kind === "codes" ? await organizerCodes(tx, ctx, asked.chatId) : null;
    return {
      ok: true,
      value: {
        audience: "personal",
        notice: plainNotice(c.welcome, [c.welcomeLine], ctx.locale),
        ...(codes ? { secret: codes } : {}),
      },
    };
  }
}
