/**
 * Command dispatch: each command runs its use case on the unit of work's `tx`,
 * and its presenter words the outcome for the actor. Failures stay `Result`
 * codes; the handler words them.
 */

import { actionToCommand } from "../app/action-ids.js";
import { organizerCodes } from "../app/checkin-codes.js";
import type { Context } from "../app/context.js";
import { exportParticipants } from "../app/export.js";
import { showHistory } from "../app/history.js";
import * as link from "../app/link.js";
import { merchantCommand, merchantLinkCommand } from "../app/merchant.js";
import * as nominations from "../app/nominations.js";
import { addPhoto, dropPhoto } from "../app/photos.js";
import { seriesCommand } from "../app/series.js";
import { thankMerchant } from "../app/thanks.js";
import * as uc from "../app/use-cases.js";
import * as vote from "../app/vote.js";
import { decodeStartPayload, type StartPayload } from "../domain/codecs/deep-link.js";
import type { Result } from "../domain/errors.js";
import type { Command, Reply } from "../ports/inbound.js";
import type { Metrics } from "../ports/metrics.js";
import type { Tx } from "../ports/unit-of-work.js";
import { presentHistory, presentPhoto, presentThanked } from "../presenters/after.js";
import type { CheckinLinks } from "../presenters/checkin-qr.js";
import { presentExport } from "../presenters/export.js";
import { presentHelp, presentWelcome } from "../presenters/help.js";
import { presentLink } from "../presenters/link.js";
import { presentMerchant } from "../presenters/merchant.js";
import { presentConfirmed, presentCreated } from "../presenters/mob-create.js";
import { presentCancelled, presentEdited } from "../presenters/mob-edit.js";
import { presentList, presentMob, presentTally } from "../presenters/mob-views.js";
import {
  presentNominated,
  presentNominationDropped,
  presentQueue,
} from "../presenters/nominations.js";
import { presentCheckin, presentRsvp, presentSpend } from "../presenters/rsvp.js";
import { presentSeries } from "../presenters/series.js";
import { presentSettings } from "../presenters/settings.js";
import { presentVote } from "../presenters/vote.js";

/** A command's reply, or the failure's code for the handler to word. */
export type Answer = Result<Reply>;

export type CommandDeps = uc.UseCaseDeps & {
  readonly metrics: Metrics;
  /** A platform's link that opens a private chat with the bot (the check-in QR's); absent: none. */
  readonly startLink?: (payload: StartPayload) => string | null;
};

/** A use case's outcome through its presenter; a failure passes as it is. */
async function shown<T>(
  outcome: Promise<Result<T>>,
  present: (ctx: Context, value: T) => Reply,
  ctx: Context,
): Promise<Answer> {
  const result = await outcome;
  return result.ok ? { ok: true, value: present(ctx, result.value) } : result;
}

/** Runs `command` for the actor of `ctx`: the reply, or the failure's code. */
export async function runCommand(
  tx: Tx,
  d: CommandDeps,
  ctx: Context,
  command: Command,
): Promise<Answer> {
  switch (command.type) {
    case "create":
      return shown(
        uc.createMob(tx, d, ctx, command),
        (ctx, created) => presentCreated(ctx, created, checkinLinks(d)),
        ctx,
      );
    case "edit":
      return shown(uc.editMob(tx, d, ctx, command), presentEdited, ctx);
    case "list":
      return shown(uc.listMobs(tx, d, ctx), presentList, ctx);
    case "info":
      return shown(
        uc.showMob(tx, d, ctx, command.id),
        (ctx, mob) => presentMob(ctx, mob, checkinLinks(d)),
        ctx,
      );
    case "join":
    case "leave": {
      const choice = command.type === "leave" ? "leave" : command.maybe ? "maybe" : "going";
      const outcome = await shown(
        uc.rsvp(
          tx,
          d,
          ctx,
          command.id,
          choice,
          command.type === "join" ? command.pledge : undefined,
        ),
        presentRsvp,
        ctx,
      );
      if (outcome.ok) d.metrics.rsvp(choice);
      return outcome;
    }
    case "confirm":
      return shown(uc.confirmMob(tx, d, ctx, command.id), presentConfirmed, ctx);
    case "cancel":
      return shown(uc.cancelMob(tx, d, ctx, command.id, command.reason), presentCancelled, ctx);
    case "spent":
      return shown(uc.reportSpend(tx, d, ctx, command.id, command.amount), presentSpend, ctx);
    case "checkin":
      return shown(uc.checkIn(tx, d, ctx, command.id, command.code), presentCheckin, ctx);
    case "tally":
      return shown(uc.showTally(tx, d, ctx, command.id), presentTally, ctx);
    case "settings":
      return shown(uc.settings(tx, d, ctx, command), presentSettings, ctx);
    case "link":
      return shown(
        command.code === undefined
          ? link.createLinkCode(tx, d, ctx)
          : link.redeemLinkCode(tx, d, ctx, command.code),
        presentLink,
        ctx,
      );
    case "unlink":
      return shown(link.unlinkChat(tx, d, ctx), presentLink, ctx);
    case "nominate":
      return shown(nominations.nominate(tx, d, ctx, command), presentNominated, ctx);
    case "nominations":
      return shown(nominations.listNominations(tx, d, ctx), presentQueue, ctx);
    case "dropshop":
      return shown(
        nominations.dropNomination(tx, d, ctx, command.id, command.reason),
        presentNominationDropped,
        ctx,
      );
    case "vote":
      return shown(vote.openVote(tx, d, ctx, command), presentVote, ctx);
    case "closevote":
      return shown(vote.closeVoteNow(tx, d, ctx, command.id), presentVote, ctx);
    case "ballot":
      return shown(
        vote.castBallot(tx, d, ctx, command.voteId, command.nominationId),
        presentVote,
        ctx,
      );
    case "series":
      return shown(seriesCommand(tx, d, ctx, command), presentSeries, ctx);
    case "merchant":
      return shown(merchantCommand(tx, d, ctx, command), presentMerchant, ctx);
    case "merchantlink":
      return shown(merchantLinkCommand(tx, d, ctx, command.id), presentMerchant, ctx);
    case "photo":
      return shown(addPhoto(tx, d, ctx, command.id, command.upload), presentPhoto, ctx);
    case "dropphoto":
      return shown(dropPhoto(tx, d, ctx, command.id, command.photo), presentPhoto, ctx);
    case "thanks":
      return shown(thankMerchant(tx, d, ctx, command.id, command.message), presentThanked, ctx);
    case "history":
      return shown(showHistory(tx, d, ctx), presentHistory, ctx);
    case "export":
      return shown(exportParticipants(tx, d, ctx, command.id), presentExport, ctx);
    case "start":
      return start(tx, d, ctx, command.payload);
    case "help":
      return { ok: true, value: presentHelp(ctx) };
    case "malformed":
      return command.usage
        ? { ok: false, code: "USAGE", params: { usage: command.usage } }
        : { ok: false, code: "UNKNOWN_COMMAND" };
    case "action": {
      const next = actionToCommand(command.actionId);
      if (!next) return { ok: false, code: "UNKNOWN_ACTION" };
      return runCommand(tx, d, ctx, next);
    }
  }
}

/** Where a check-in QR may point: the platform's deep link to the bot, or PUBLIC_URL's page. */
const checkinLinks = (d: CommandDeps): CheckinLinks => ({
  startLink: d.startLink,
  publicUrl: d.settings.publicUrl,
});

/**
 * `/start` in a private chat: the DM channel is open; with `mob_<id>`, join
 * that mob too; with `in_<id>_<code>` (a scanned check-in QR), check in there
 * as `/checkin` does; with `codes_<community>`, the check-in codes they could
 * not be sent while the chat was closed come along, privately.
 */
async function start(
  tx: Tx,
  d: CommandDeps,
  ctx: Context,
  payload: string | undefined,
): Promise<Answer> {
  const asked = decodeStartPayload(payload);
  if (asked?.kind === "join")
    return shown(uc.rsvp(tx, d, ctx, String(asked.mobId), "going"), presentRsvp, ctx);
  if (asked?.kind === "checkin")
    return shown(uc.checkIn(tx, d, ctx, String(asked.mobId), asked.code), presentCheckin, ctx);
  const codes = asked?.kind === "codes" ? await organizerCodes(tx, ctx, asked.chatId) : null;
  return { ok: true, value: presentWelcome(ctx, codes, checkinLinks(d)) };
}
