/**
 * An in-memory WebPort with the real port's rules: drafts are not public, a
 * secret shop (and its after-party) stays null until the reveal, `live` and
 * `ended` follow the clock, and every change bumps SEQUENCE. It serves the
 * tests of how pages render; whether private data (member names, codes, chat
 * ids, takings, a secret shop) can leak is checked on the real store, through
 * the real core (test/web/privacy.test.ts), whose views hold all of it.
 */
import { randomBytes } from "node:crypto";
import type {
  CheckinPageView,
  CommunityPageView,
  HealthView,
  JoinLink,
  MerchantAnswerInput,
  MerchantAnswerResult,
  MerchantProposalView,
  MerchantStatus,
  MobPageView,
  MobSummaryView,
  PhotoFile,
  PhotoView,
  PublicMobState,
  TallyView,
  WebLocale,
  WebPort,
} from "../../src/ports/web.js";

const H = 3_600_000;

export interface FakeCommunity {
  readonly publicId: string;
  name: string;
  timezone: string;
  locale: WebLocale;
  currency: string;
}

export interface FakeMob {
  readonly id: number;
  readonly publicId: string;
  readonly communityPublicId: string;
  status: "draft" | "announced" | "cancelled" | "tallied";
  shopName: string;
  address: string | null;
  secret: boolean;
  revealBeforeMs: number;
  meetingPoint: string | null;
  party: string | null;
  startsAt: number;
  endsAt: number;
  pledgeMinor: number;
  currency: string;
  goalMinor: number | null;
  capacity: number | null;
  going: number;
  maybe: number;
  waiting: number;
  pledgedMinor: number;
  join: JoinLink[];
  tally: TallyView | null;
  /** The album: what the page shows, and the bytes its photo route serves. */
  photos: (PhotoView & { bytes: Uint8Array; contentType: string })[];
  cancelReason: string | null;
  sequence: number;
  updatedAt: number;
  /** What the organizer gives at the shop (the check-in page compares the link's with it). */
  checkinCode: string;
  /** The merchant's answer, as the merchant page shows it to them. */
  merchant: {
    status: MerchantStatus;
    note: string | null;
    at: number | null;
    usualTakingsMinor: number | null;
  };
}

/** A URL-safe id nobody can guess, as the real store makes them. */
/** A tallied mob's results: no average, goal or usual day unless `more` gives them. */
export const tallyOf = (
  mobbers: number,
  totalMinor: number,
  more: Partial<TallyView> = {},
): TallyView => ({
  mobbers,
  totalMinor,
  averageMinor: null,
  goalRatio: null,
  vsUsualDay: null,
  ...more,
});

/** A mob that went well: 31 mobbers, €1,240.50 (€40.02 each), 248% of its goal, ×1.84 a usual day. */
export const GOOD_TALLY = tallyOf(31, 124_050, {
  averageMinor: 4002,
  goalRatio: 2.481,
  vsUsualDay: 1.84,
});

export const newPublicId = () => randomBytes(9).toString("base64url");

export class InMemoryWebPort implements WebPort {
  readonly communities = new Map<string, FakeCommunity>();
  readonly mobs = new Map<number, FakeMob>();
  /** Every answer the core was asked to record, in order. */
  readonly answers: MerchantAnswerInput[] = [];
  healthView: HealthView = {
    database: "ok",
    engine: "sqlite",
    platforms: { telegram: "connected" },
  };
  /** Counts calls, so tests can tell a cached answer from a fresh one. */
  mobPageCalls = 0;
  #nextId = 1;

  constructor(private readonly clock: { now(): number }) {}

  addCommunity(patch: Partial<FakeCommunity> = {}): FakeCommunity {
    const community: FakeCommunity = {
      publicId: newPublicId(),
      name: "Quartier des Lilas",
      timezone: "Europe/Paris",
      locale: "en",
      currency: "EUR",
      ...patch,
    };
    this.communities.set(community.publicId, community);
    return community;
  }

  addMob(community: FakeCommunity, patch: Partial<FakeMob> = {}): FakeMob {
    const now = this.clock.now();
    const startsAt = patch.startsAt ?? now + 7 * 24 * H;
    const mob: FakeMob = {
      id: this.#nextId++,
      publicId: newPublicId(),
      communityPublicId: community.publicId,
      status: "announced",
      shopName: "Librairie du Parc",
      address: "3 rue des Lilas, Paris",
      secret: false,
      revealBeforeMs: H,
      meetingPoint: "Fontaine de la place",
      party: "Café des Amis",
      startsAt,
      endsAt: startsAt + 2 * H,
      pledgeMinor: 1500,
      currency: community.currency,
      goalMinor: 50_000,
      capacity: null,
      going: 12,
      maybe: 3,
      waiting: 0,
      pledgedMinor: 18_000,
      join: [
        {
          platform: "telegram",
          chatName: "Lilas Telegram",
          url: "https://t.me/cashmob_bot?start=mob_1",
        },
        {
          platform: "discord",
          chatName: "#cash-mobs",
          url: "https://discord.com/channels/111111111111111111/222222222222222222/333333333333333333",
        },
      ],
      tally: null,
      photos: [],
      cancelReason: null,
      sequence: 0,
      updatedAt: now,
      checkinCode: "K7QX2M",
      merchant: { status: "asked", note: null, at: null, usualTakingsMinor: null },
      ...patch,
    };
    this.mobs.set(mob.id, mob);
    return mob;
  }

  /** A change people would notice: SEQUENCE rises, as in the real store. */
  update(mob: FakeMob, patch: Partial<FakeMob>): void {
    Object.assign(mob, patch, { sequence: mob.sequence + 1, updatedAt: this.clock.now() });
  }

  #state(mob: FakeMob, now: number): PublicMobState | "draft" {
    if (mob.status !== "announced") return mob.status;
    if (now < mob.startsAt) return "announced";
    return now < mob.endsAt ? "live" : "ended";
  }

  #hidden(mob: FakeMob, now: number): boolean {
    return mob.secret && now < mob.startsAt - mob.revealBeforeMs;
  }

  #summary(mob: FakeMob, now: number, state: PublicMobState): MobSummaryView {
    const hidden = this.#hidden(mob, now);
    return {
      publicId: mob.publicId,
      state,
      shop: hidden ? null : { name: mob.shopName, address: mob.address },
      meetingPoint: mob.meetingPoint,
      startsAt: mob.startsAt,
      endsAt: mob.endsAt,
      pledgeMinor: mob.pledgeMinor,
      currency: mob.currency,
      going: mob.going,
      tally: mob.tally ? { mobbers: mob.tally.mobbers, totalMinor: mob.tally.totalMinor } : null,
      cancelReason: mob.cancelReason,
      sequence: mob.sequence,
      updatedAt: mob.updatedAt,
    };
  }

  mobPage(publicId: string, now: number): MobPageView | null {
    this.mobPageCalls++;
    const mob = [...this.mobs.values()].find((m) => m.publicId === publicId);
    if (!mob) return null;
    const state = this.#state(mob, now);
    if (state === "draft") return null;
    const community = this.communities.get(mob.communityPublicId);
    if (!community) return null;
    const hidden = this.#hidden(mob, now);
    return {
      ...this.#summary(mob, now, state),
      mobId: mob.id,
      community: {
        publicId: community.publicId,
        name: community.name,
        timezone: community.timezone,
        locale: community.locale,
      },
      party: hidden ? null : mob.party,
      goalMinor: mob.goalMinor,
      maybe: mob.maybe,
      waiting: mob.waiting,
      capacity: mob.capacity,
      pledgedMinor: mob.pledgedMinor,
      join: mob.join,
      tally: mob.tally,
      photos: mob.photos.map(({ number, width, height }) => ({ number, width, height })),
    };
  }

  mobPhoto(publicId: string, number: number, now: number): PhotoFile | null {
    const mob = [...this.mobs.values()].find((m) => m.publicId === publicId);
    if (!mob || this.#state(mob, now) === "draft") return null;
    const photo = mob.photos.find((p) => p.number === number);
    return photo ? { bytes: photo.bytes, contentType: photo.contentType } : null;
  }

  communityPage(publicId: string, now: number): CommunityPageView | null {
    const community = this.communities.get(publicId);
    if (!community) return null;
    const upcoming: MobSummaryView[] = [];
    const past: MobSummaryView[] = [];
    for (const mob of this.mobs.values()) {
      if (mob.communityPublicId !== publicId) continue;
      const state = this.#state(mob, now);
      if (state === "draft") continue;
      const summary = this.#summary(mob, now, state);
      if (state === "ended" || state === "tallied") past.push(summary);
      else if (state !== "cancelled" || mob.startsAt > now) upcoming.push(summary);
    }
    upcoming.sort((a, b) => a.startsAt - b.startsAt);
    past.sort((a, b) => b.startsAt - a.startsAt);
    return {
      publicId: community.publicId,
      name: community.name,
      locale: community.locale,
      timezone: community.timezone,
      upcoming,
      past,
      totals: {
        mobs: past.length,
        mobbers: past.reduce((n, m) => n + (m.tally?.mobbers ?? 0), 0),
        totalMinor: past.reduce((n, m) => n + (m.tally?.totalMinor ?? 0), 0),
        currency: community.currency,
      },
    };
  }

  checkinPage(publicId: string, code: string, now: number): CheckinPageView | null {
    const page = this.mobPage(publicId, now);
    const mob = this.mobs.get(page?.mobId ?? 0);
    if (!page || !mob) return null;
    if (code.trim().toUpperCase() !== mob.checkinCode)
      return { kind: "wrong_code", locale: page.community.locale };
    const opensAt = mob.startsAt - H;
    const ended = mob.status === "tallied" || now >= mob.endsAt + 12 * H;
    return {
      kind: "right_code",
      community: page.community,
      mobId: mob.id,
      code: mob.checkinCode,
      shop: page.shop,
      startsAt: mob.startsAt,
      endsAt: mob.endsAt,
      checkin:
        mob.status === "cancelled"
          ? "cancelled"
          : now < opensAt
            ? "not_yet"
            : ended
              ? "closed"
              : "open",
      opensAt,
    };
  }

  merchantProposal(mobId: number, now: number): MerchantProposalView | null {
    const mob = this.mobs.get(mobId);
    const community = mob && this.communities.get(mob.communityPublicId);
    if (!mob || !community) return null;
    return {
      mobId: mob.id,
      shop: { name: mob.shopName, address: mob.address },
      communityName: community.name,
      locale: community.locale,
      timezone: community.timezone,
      startsAt: mob.startsAt,
      endsAt: mob.endsAt,
      expectedCrowd: mob.going + mob.maybe > 0 ? mob.going + mob.maybe : null,
      usualTurnout: null,
      pledgeMinor: mob.pledgeMinor,
      currency: mob.currency,
      cancelled: mob.status === "cancelled",
      answer: { status: mob.merchant.status, note: mob.merchant.note, at: mob.merchant.at },
      canAnswer: mob.status !== "cancelled" && now < mob.startsAt,
    };
  }

  recordMerchantAnswer(input: MerchantAnswerInput): MerchantAnswerResult {
    const mob = this.mobs.get(input.mobId);
    if (!mob) return { ok: false, code: "MOB_NOT_FOUND" };
    if (mob.status === "cancelled" || input.now >= mob.startsAt) {
      return { ok: false, code: "ANSWER_CLOSED" };
    }
    this.answers.push(input);
    mob.merchant = {
      status: input.answer,
      note: input.note,
      at: input.now,
      usualTakingsMinor: input.usualTakingsMinor,
    };
    return { ok: true };
  }

  health(): HealthView {
    return this.healthView;
  }
}
