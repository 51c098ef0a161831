import { outboxKey } from "../domain/codecs/outbox-key.js";
import type { Community } from "../domain/community.js";
import { fail, ok, type Result } from "../domain/errors.js";
import {
  type MerchantSource,
  type MerchantStatus,
  nextMerchantAnswer,
  parseMerchantStatus,
} from "../domain/merchant.js";
import { createMerchantLink } from "../domain/merchant-link.js";
import { type Mob, stateAt } from "../domain/mob.js";
import { cleanText, LIMITS, parseBoolean, parseOptionalLabel } from "../domain/text.js";
import type { Command } from "../ports/inbound.js";
import type { Tx } from "../ports/unit-of-work.js";
import type {
  MerchantAnswerInput,
  MerchantAnswerResult,
  MerchantProposalView,
} from "../ports/web.js";
import { type Exposed, exposedBy } from "./exposed.js";
import { onMob, onMobCommand } from "./use-case-kit.js";

/** What `/merchant` and `/merchantlink` did; `mob` as it was when the command came. */
export type MerchantOutcome = {
  readonly mob: Mob;
  readonly community: Community;
} & (
  | {
      /** Only whether the takings may be published (`publish`; null: unchanged). */
      readonly kind: "publish_set";
      readonly publish: boolean | null;
    }
  | {
      /** The merchant's answer is recorded; `nextConfirm`: a draft they agreed to may be confirmed. */
      readonly kind: "merchant_recorded";
      readonly status: MerchantStatus;
      readonly publish: boolean | null;
      readonly nextConfirm: boolean;
      readonly exposed: Exposed;
    }
  | {
      /** The merchant's private link, told privately; `publicUrl`: PUBLIC_URL is set. */
      readonly kind: "merchant_link";
      readonly url: string;
      readonly expiresAt: number;
      readonly publicUrl: boolean;
    }
);

/** An answer to record, and who gives it. */
export interface MerchantAnswerRecord {
  readonly status: MerchantStatus;
  readonly note: string | null;
  readonly source: MerchantSource;
  /** The organizer recording it; null when the merchant answers through their link. */
  readonly recordedBy: number | null;
  /** The merchant agreed (true) or refused (false) to publish the comparison with their takings. */
  readonly publishTakings?: boolean;
}

/**
 * Records the merchant's answer on a mob: the one state machine both the
 * organizers' `/merchant` and the merchant's private link go through. An
 * organizer records asked / agreed / declined; the link agreed / declined /
 * other_date. Run inside the caller's unit of work; returns the mob as it is now.
 */
export async function recordMerchantAnswer(
  tx: Tx,
  mob: Mob,
  input: MerchantAnswerRecord,
  now: number,
): Promise<Result<Mob>> {
  const next = nextMerchantAnswer(
    { id: mob.id, state: stateAt(mob, now) },
    input.status,
    input.source,
  );
  if (!next.ok) return next;
  await tx.setMerchantAnswer(mob.id, {
    status: next.value,
    note: input.note,
    recordedBy: input.source === "organizer" ? input.recordedBy : null,
    recordedAt: now,
    source: input.source,
  });
  if (input.publishTakings !== undefined) await tx.setTakingsPublic(mob.id, input.publishTakings);
  const updated = await tx.getMob(mob.id);
  if (!updated) throw new Error(`mob ${mob.id} vanished`);
  return ok(updated);
}

/**
 * `/merchant <id> asked|agreed|declined [note]` and `/merchant <id> publish yes|no`
 * (organizers): the merchant's answer, and whether the tally may compare the
 * spend with their usual daily takings.
 */
export const merchantCommand = onMobCommand<
  Extract<Command, { type: "merchant" }>,
  MerchantOutcome
>({ locked: true, organizers: true }, async (tx, _deps, ctx, { mob, community }, cmd) => {
  if (cmd.status === undefined && cmd.publish === undefined)
    return fail("MERCHANT_STATUS_INVALID", "status");
  const status = cmd.status === undefined ? null : parseMerchantStatus(cmd.status);
  if (cmd.status !== undefined && status === null) return fail("MERCHANT_STATUS_INVALID", "status");
  const note = parseOptionalLabel(cmd.note, "note", LIMITS.note);
  if (!note.ok) return note;
  const publish = parseBoolean(cmd.publish, "publish");
  if (!publish.ok) return publish;
  const state = stateAt(mob, ctx.now);
  if (state !== "draft" && state !== "announced" && status !== null)
    return fail("MERCHANT_TOO_LATE", undefined, { id: mob.id, state });

  let result: Result<Mob>;
  if (status === null) {
    await tx.setTakingsPublic(mob.id, publish.value === true);
    result = ok(mob);
  } else {
    result = await recordMerchantAnswer(
      tx,
      mob,
      {
        status,
        note: note.value,
        source: "organizer",
        recordedBy: ctx.member.id,
        ...(publish.value === null ? {} : { publishTakings: publish.value }),
      },
      ctx.now,
    );
  }
  if (!result.ok) return result;
  if (status === null) return ok({ kind: "publish_set", mob, community, publish: publish.value });
  return ok({
    kind: "merchant_recorded",
    mob,
    community,
    status,
    publish: publish.value,
    nextConfirm: status === "agreed" && mob.status === "draft",
    exposed: exposedBy("/merchant", [note.value === null ? null : { kind: "note" }]),
  });
});

/**
 * The merchant's private link (the web side): their answer, and their usual
 * daily takings if they gave them, through the same state machine as
 * organizers' `/merchant`. An answer after the mob started, or on a cancelled
 * mob, is refused as closed. The caller runs it as one unit of work.
 */
export async function answerFromMerchantLink(
  tx: Tx,
  input: MerchantAnswerInput,
): Promise<MerchantAnswerResult> {
  // Held, as an organizer's /merchant holds it: answers and edits of the mob take turns.
  const mob = await tx.lockMob(input.mobId);
  if (!mob) return { ok: false, code: "MOB_NOT_FOUND" };
  // The same rule as every chat text, whatever adapter the note came through.
  const note = input.note === null ? null : cleanText(input.note, { lines: true }) || null;
  const recorded = await recordMerchantAnswer(
    tx,
    mob,
    { status: input.answer, note, source: "merchant_link", recordedBy: null },
    input.now,
  );
  if (!recorded.ok) return { ok: false, code: "ANSWER_CLOSED" };
  if (input.usualTakingsMinor !== null)
    await tx.setShopTakings(mob.shopId, input.usualTakingsMinor);
  await tellOrganizer(tx, mob, input.now);
  return { ok: true };
}

/** The organizer hears of a mob's merchant answers at most this often; answers in between are merged. */
export const MERCHANT_NOTICE_GAP_MS = 60_000;

/**
 * Tells the organizer who made the mob, privately (a DM; never a chat: a
 * draft's shop is not public). The notice renders the mob as it is when it
 * goes, so one row waiting is enough whatever is answered meanwhile: a burst
 * of answers is one DM with the latest, and the next one waits a minute after
 * the last that went.
 */
async function tellOrganizer(tx: Tx, mob: Mob, now: number): Promise<void> {
  const scope = {
    subject: "mob",
    subjectId: mob.id,
    kind: "merchant_answer",
    chatId: null,
  } as const;
  if (await tx.hasPending(scope)) return;
  const last = await tx.lastActivityAt(scope);
  const dueAt = last === null ? now : Math.max(now, last + MERCHANT_NOTICE_GAP_MS);
  await tx.enqueue(
    [
      {
        key: outboxKey.row("mob", mob.id, "merchant_answer", String(dueAt)),
        communityId: mob.communityId,
        subject: "mob",
        subjectId: mob.id,
        kind: "merchant_answer",
        target: "dm",
        memberId: mob.createdBy,
        dueAt,
      },
    ],
    now,
  );
}

/**
 * `/merchantlink <id>` (organizers): the merchant's private, signed link,
 * told privately. Asking for it records that the merchant was asked.
 */
export const merchantLinkCommand = onMob<[], MerchantOutcome>(
  { organizers: true },
  async (tx, deps, ctx, { mob, community }) => {
    const secret = deps.settings.linkSecret;
    if (!secret) return fail("MERCHANT_LINK_OFF");
    const state = stateAt(mob, ctx.now);
    if (state === "cancelled") return fail("MOB_NOT_OPEN", undefined, { id: mob.id, state });
    if (mob.startsAt <= ctx.now) return fail("MOB_ALREADY_STARTED", undefined, { id: mob.id });
    const publicUrl = deps.settings.publicUrl ?? null;
    const link = createMerchantLink({
      secret,
      mobId: mob.id,
      startsAt: mob.startsAt,
      now: ctx.now,
      publicUrl,
    });
    if (mob.merchant.status === "not_asked") {
      await recordMerchantAnswer(
        tx,
        mob,
        { status: "asked", note: null, source: "organizer", recordedBy: ctx.member.id },
        ctx.now,
      );
    }
    return ok({
      kind: "merchant_link",
      mob,
      community,
      url: link.url,
      expiresAt: link.expiresAt,
      publicUrl: Boolean(publicUrl),
    });
  },
);

/** The merchant's current answer, as their private page shows it. */
export function merchantAnswerView(mob: Mob): MerchantProposalView["answer"] {
  return { status: mob.merchant.status, note: mob.merchant.note, at: mob.merchant.recordedAt };
}
