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
  tx: Pick<MobRepository, "updateMob">,
  mob: Mob,
  now: number,
): Promise<void> {
  if (mob.status === "announced") await tx.updateMob(mob.id, { status: "tallied" }, now);
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
  // What the chat may see; an organizer gets a hidden shop privately, with the check-in code
  // (a Telegram group sees the answer to a command).
  const revealed = shopShown(deps, mob, ctx.now);
  const c = catalog(ctx.locale).t;
  const recordedBy = mob.merchant.recordedBy;
  const view = organizer
    ? {
        merchantRecorder:
          recordedBy === null ? null : ((await tx.getMember(recordedBy))?.displayName ?? null),
      }
    : null;
  const counts = await tx.counts(mob.id);
  const photos = (await tx.photosOf(mob.id)).length;
  return ok({
    audience: "personal",
    notice: b.info(mob, state, counts, revealed, view, photos),
    ...(organizer
      ? {
          secret: b.reply(
            c.checkinCodeTitle(mob.id),
            [
              c.checkinCodeLine(mob.checkinCode),
              ...(revealed
                ? []
                : [c.secretShopPrivate([mob.shopName, mob.address].filter(Boolean).join(", "))]),
            ],
            "info",
          ),
        }
      : {}),
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
  return ok({ audience: "channel", notice: builder(ctx, community).list(rows) });
}
