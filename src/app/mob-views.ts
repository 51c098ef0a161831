import { fail, ok } from "../domain/errors.js";
import { computeTally, type Mob, stateAt } from "../domain/mob.js";
import { catalog } from "../i18n/index.js";
import type { TallyExtras } from "../i18n/notices.js";
import type { MobRepository, VoteRepository } from "../ports/repositories.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, canOrganize, findMob } from "./context.js";
import { builder, type Outcome, shopShown, type UseCaseDeps } from "./use-case-kit.js";

export async function showTally(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
): Promise<Outcome> {
  const found = await findMob(tx, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const tally = computeTally(mob, await tx.participants(mob.id));
  const b = builder(ctx, community);
  const notice = b.tally(mob, tally, await tallyExtras(tx, mob), shopShown(deps, mob, ctx.now));
  // Organizers see the comparison with the usual takings even while it is not public.
  const privately =
    canOrganize(ctx, community, mob) && !mob.takingsPublic && tally.takingsRatio !== null;
  if (!privately) return ok({ audience: "channel", notice });
  return ok({
    audience: "channel",
    notice,
    secret: b.reply(
      b.usualDay(tally.takingsRatio ?? 0),
      [catalog(ctx.locale).choose.takingsPrivate],
      "info",
    ),
  });
}

/** The tally went out to every chat: the mob is tallied (spends no longer change). */
export async function markTallied(
  tx: Pick<MobRepository, "updateMob" | "lockMob">,
  mob: Mob,
  now: number,
): Promise<void> {
  if (mob.status !== "announced") return;
  // Held and read again: a cancel or an edit in a unit beside this one has the last word.
  if ((await tx.lockMob(mob.id))?.status === "announced")
    await tx.updateMob(mob.id, { status: "tallied" }, now);
}

/** What the tally shows besides spends: the vote that chose the shop, and the takings if published. */
export async function tallyExtras(
  tx: Pick<VoteRepository, "voteOfMob">,
  mob: Mob,
): Promise<TallyExtras> {
  const vote = await tx.voteOfMob(mob.id);
  return {
    voted: vote ? { forShop: vote.forShop, total: vote.total } : null,
    showTakings: mob.takingsPublic,
  };
}

export async function showMob(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  id: string,
): Promise<Outcome> {
  const found = await findMob(tx, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  const organizer = canOrganize(ctx, community, mob);
  const state = stateAt(mob, ctx.now);
  if (state === "draft" && !organizer) return fail("MOB_NOT_FOUND", "id", { id: mob.id });
  const b = builder(ctx, community);
  const revealed = shopShown(deps, mob, ctx.now);
  const info = b.info(
    mob,
    state,
    await tx.counts(mob.id),
    revealed,
    (await tx.photosOf(mob.id)).length,
  );
  if (!organizer) return ok({ audience: "personal", notice: info });
  // A Telegram group sees the answer to a command: what only organizers may see (the check-in
  // code, a shop still secret, the usual takings, the merchant's answer) goes privately.
  const recordedBy = mob.merchant.recordedBy;
  const facts = b.organizerFacts(mob, revealed, {
    merchantRecorder:
      recordedBy === null ? null : ((await tx.getMember(recordedBy))?.displayName ?? null),
  });
  if (state !== "draft") return ok({ audience: "personal", notice: info, secret: facts });
  // A draft is the organizers' business (the merchant may not have said yes): all of it privately.
  return ok({
    audience: "personal",
    notice: b.reply(catalog(ctx.locale).privacy.draftPrivately(mob.id), [], "info"),
    secret: { ...info, lines: [...info.lines, ...facts.lines] },
  });
}

export async function listMobs(tx: Tx, deps: UseCaseDeps, ctx: Context): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const mobs = await tx.listOpenMobs(community.id, ctx.now, canOrganize(ctx, community), 20);
  const rows = [];
  for (const mob of mobs) {
    rows.push({
      mob,
      state: stateAt(mob, ctx.now),
      counts: await tx.counts(mob.id),
      revealed: shopShown(deps, mob, ctx.now),
    });
  }
  const b = builder(ctx, community);
  // The chat sees what members see; drafts are the organizers' business, listed privately.
  const drafts = rows.filter((r) => r.state === "draft");
  return ok({
    audience: "channel",
    notice: b.list(rows.filter((r) => r.state !== "draft")),
    ...(drafts.length > 0
      ? { secret: b.list(drafts, catalog(ctx.locale).privacy.draftsTitle) }
      : {}),
  });
}
