/**
 * Series: `/series <rule> …` starts one, `/series` lists them, `/series skip`
 * and `/series stop`; and the scheduler's step that opens each occurrence's vote.
 */
import type { Community } from "../domain/community.js";
import { parseMobDuration } from "../domain/duration.js";
import { all, fail, ok, type Result } from "../domain/errors.js";
import { AMOUNT_LIMITS, parseAmount } from "../domain/money.js";
import { firstOccurrence, parseVoteLead, type Series } from "../domain/series.js";
import { parseSeriesRule } from "../domain/series-rule.js";
import { LIMITS, parseOptionalLabel } from "../domain/text.js";
import { closingTime, VOTE_MAX_OPTIONS } from "../domain/vote.js";
import type { Command } from "../ports/inbound.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, ensureChat } from "./context.js";
import { optionalAmount, parseCapacity } from "./mob-create.js";
import { moveOn, planOccurrence, tellNoShop } from "./series-plan.js";
import { defaultPledgeMinor, inCommunity, type UseCaseDeps } from "./use-case-kit.js";
import { abandonVote, startVote } from "./vote.js";

/** What a `/series` command did; `community` is the series'. */
export type SeriesOutcome = { readonly community: Community } & (
  | { readonly kind: "series_created"; readonly series: Series }
  | { readonly kind: "series_list"; readonly series: readonly Series[] }
  /** `skipped`: the occurrence skipped; the series' `nextAt` is the one after. */
  | { readonly kind: "series_skipped"; readonly series: Series; readonly skipped: number }
  | { readonly kind: "series_stopped"; readonly series: Series }
);

type SeriesCommand = Extract<Command, { type: "series" }>;

/** A vote waiting for another to close tries again this much later. */
const BUSY_RETRY_MS = 3_600_000;

/** `/series …`: the action the command names. */
export function seriesCommand(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  cmd: SeriesCommand,
): Promise<Result<SeriesOutcome>> {
  switch (cmd.action) {
    case "list":
      return listSeries(tx, ctx);
    case "new":
      return createSeries(tx, deps, ctx, cmd);
    case "skip":
    case "stop":
      return endOccurrence(tx, deps, ctx, cmd.action, cmd.id);
  }
}

/** `/series <rule> …` (organizers): a series of mobs by a rule; its first occurrence is planned. */
const createSeries = inCommunity<[cmd: Extract<SeriesCommand, { action: "new" }>], SeriesOutcome>(
  { organizers: true },
  async (tx, deps, ctx, community, cmd) => {
    const currency = community.currency;
    const input = all({
      rule: parseSeriesRule(cmd.rule),
      pledge: cmd.pledge
        ? parseAmount(cmd.pledge, currency, "pledge")
        : ok(defaultPledgeMinor(currency)),
      meetingPoint: parseOptionalLabel(cmd.meetingPoint, "meetingPoint", LIMITS.meetingPoint),
      party: parseOptionalLabel(cmd.party, "party", LIMITS.party),
      capacity: parseCapacity(cmd.capacity),
      duration: cmd.duration ? parseMobDuration(cmd.duration) : ok(deps.settings.mobDurationMs),
      goal: optionalAmount(cmd.goal, currency, "goal", AMOUNT_LIMITS.perMob),
      voteLead: parseVoteLead(cmd.vote),
    });
    if (!input.ok) return input;
    const v = input.value;
    const first = firstOccurrence(v.rule, ctx.now, community.timezone);
    await ensureChat(tx, ctx, community);
    const series = await tx.insertSeries(
      {
        communityId: community.id,
        rule: v.rule,
        anchorAt: first,
        nextAt: first,
        voteLeadMs: v.voteLead,
        pledgeMinor: v.pledge,
        currency,
        meetingPoint: v.meetingPoint,
        party: v.party,
        capacity: v.capacity,
        durationMs: v.duration,
        goalMinor: v.goal,
        createdBy: ctx.member.id,
      },
      ctx.now,
    );
    await planOccurrence(tx, series, first, ctx.now);
    return ok({ kind: "series_created", community, series });
  },
);

async function listSeries(tx: Tx, ctx: Context): Promise<Result<SeriesOutcome>> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  return ok({ kind: "series_list", community, series: await tx.activeSeries(community.id) });
}

/** A series number as typed: a positive whole number. */
function parseSeriesId(text: string): Result<number> {
  const t = text.trim().replace(/^#/, "");
  if (!/^\d{1,9}$/.test(t) || Number(t) === 0) return fail("NUMBER_INVALID", "series");
  return ok(Number(t));
}

/**
 * `/series skip <id>`: the next occurrence will not be held (its vote, if
 * open, closes without a winner and the shops stay queued); the one after is
 * planned. `/series stop <id>`: no occurrence any more. Mobs already made
 * stay as they are.
 */
const endOccurrence = inCommunity<[action: "skip" | "stop", idText: string], SeriesOutcome>(
  { organizers: true },
  async (tx, deps, ctx, community, action, idText) => {
    const id = parseSeriesId(idText);
    if (!id.ok) return id;
    const series = await tx.getSeries(id.value);
    if (!series || series.communityId !== community.id)
      return fail("SERIES_NOT_FOUND", undefined, { id: id.value });
    if (series.status !== "active") return fail("SERIES_STOPPED", undefined, { id: series.id });
    const vote = await tx.openVoteOfSeries(series.id);
    if (vote) await abandonVote(tx, deps, vote, ctx.member.id, ctx.now);
    if (action === "stop") {
      if (!(await tx.stopSeries(series.id, ctx.now)))
        throw new ConcurrentChange(`series ${series.id}`);
      await tx.withdrawPending("series", series.id, ctx.now);
      return ok({ kind: "series_stopped", community, series: { ...series, status: "stopped" } });
    }
    const next = await moveOn(tx, series, series.nextAt, ctx.now);
    return ok({
      kind: "series_skipped",
      community,
      series: { ...series, nextAt: next },
      skipped: series.nextAt,
    });
  },
);

/**
 * The scheduler's step for the occurrence at `at` (a `series_open` row): a
 * vote opens among the queued shops, for a mob at `at`. With an empty queue,
 * or too late for a vote (the bot was down), the creator hears privately and
 * the series moves on; while another vote is open, this one waits an hour.
 */
export async function openOccurrenceVote(
  tx: Tx,
  series: Series,
  at: number,
  now: number,
): Promise<void> {
  const current = await tx.getSeries(series.id);
  if (current?.status !== "active" || current.nextAt !== at) return;
  const closesAt = closingTime(now, at, null);
  const queue = await tx.queuedNominations(current.communityId, VOTE_MAX_OPTIONS);
  if (!closesAt.ok || queue.length === 0) {
    await tellNoShop(tx, current, at, closesAt.ok ? "empty_queue" : "too_late", now);
    await moveOn(tx, current, at, now);
    return;
  }
  if ((await tx.openVotes(current.communityId)).length > 0) {
    await planOccurrence(tx, current, at, now, now + BUSY_RETRY_MS);
    return;
  }
  await startVote(
    tx,
    {
      communityId: current.communityId,
      mobAt: at,
      closesAt: closesAt.value,
      openedBy: current.createdBy,
      seriesId: current.id,
    },
    queue.map((n) => n.id),
    now,
  );
}
