/**
 * The web port on the real store: the public pages' view models, built so
 * that nothing private can reach them (no member names, codes, chat ids or
 * takings; a secret shop stays null until its reveal time).
 */
import { computeTally, endsAt, type Mob, type MobState, stateAt } from "../domain/mob.js";
import { isShopRevealed, revealAt } from "../domain/reveal.js";
import { supportedLocale } from "../i18n/index.js";
import type { Chat, Community, Store } from "../ports/store.js";
import type {
  CommunityPageView,
  CommunityRef,
  HealthView,
  JoinLink,
  MerchantAnswerInput,
  MerchantAnswerResult,
  MerchantProposalView,
  MobPageView,
  MobSummaryView,
  PhotoFile,
  PublicMobState,
  WebPort,
} from "../ports/web.js";
import { merchantAnswerView } from "./merchant.js";
import type { CoreSettings } from "./settings.js";
import { mobPhotoFile, mobPhotoViews } from "./web-photos.js";

/** How a chat's members join a mob from the web: a Telegram deep link, a Discord message link. */
export type JoinLinkFor = (
  chat: Chat,
  mob: Mob,
  ctaRef: string | null,
) => Promise<string | null> | string | null;

export interface WebViewDeps {
  readonly store: Store;
  readonly settings: CoreSettings;
  readonly joinLink: JoinLinkFor;
  /** Each configured platform's connection, for the health check. */
  readonly platforms: () => Record<string, "connected" | string>;
  /** Records a merchant's answer from their private link (the merchant use case). */
  readonly recordMerchantAnswer: (input: MerchantAnswerInput) => MerchantAnswerResult;
}

const PAST_ON_PAGE = 50;
const UPCOMING_ON_PAGE = 50;
/**
 * A shared link can go viral: a page's view is built from the database at most
 * once a second, and counts on a public page may lag that long.
 */
const VIEW_FRESH_MS = 1_000;
const VIEWS_KEPT = 1_000;

/** Views built recently, by public id; the oldest is dropped past `VIEWS_KEPT`. */
class RecentViews<T> {
  readonly #views = new Map<string, { readonly at: number; readonly view: T }>();

  async get(key: string, now: number, build: () => T | Promise<T>): Promise<T> {
    const known = this.#views.get(key);
    if (known && now >= known.at && now - known.at < VIEW_FRESH_MS) return known.view;
    const view = await build();
    this.#views.delete(key);
    this.#views.set(key, { at: now, view });
    if (this.#views.size > VIEWS_KEPT) {
      const oldest = this.#views.keys().next().value;
      if (oldest !== undefined) this.#views.delete(oldest);
    }
    return view;
  }
}

/** The public's view of a mob's state; drafts are never public. */
const publicState = (state: MobState): PublicMobState | null => (state === "draft" ? null : state);

export class CoreWebPort implements WebPort {
  readonly #mobs = new RecentViews<MobPageView | null>();
  readonly #communities = new RecentViews<CommunityPageView | null>();

  constructor(private readonly deps: WebViewDeps) {}

  /** The shop is public from its reveal time (or was never secret): the rule every chat view follows. */
  private revealed(mob: Mob, now: number): boolean {
    return isShopRevealed(mob, now, this.deps.settings.revealBeforeMs);
  }

  /**
   * The mob's last change as the public saw it: the reveal is one (the shop's
   * name and address appear), so calendars that hold the event take the new one.
   */
  private changedAt(mob: Mob, now: number): number {
    if (!mob.secret || !this.revealed(mob, now)) return mob.updatedAt;
    return Math.max(mob.updatedAt, revealAt(mob, this.deps.settings.revealBeforeMs));
  }

  private ref(community: Community): CommunityRef {
    return {
      publicId: community.publicId,
      name: community.name,
      timezone: community.timezone,
      locale: supportedLocale(community.locale) ?? "en",
    };
  }

  /** Rises with each change of the mob (seconds since it was created at its last change). */
  private sequence(mob: Mob, now: number): number {
    return Math.max(0, Math.floor((this.changedAt(mob, now) - mob.createdAt) / 1000));
  }

  mobPage(publicId: string, now: number): Promise<MobPageView | null> {
    return this.#mobs.get(publicId, now, () => this.buildMobPage(publicId, now));
  }

  private async buildMobPage(publicId: string, now: number): Promise<MobPageView | null> {
    const { store } = this.deps;
    const mob = store.getMobByPublicId(publicId);
    const state = mob ? publicState(stateAt(mob, now)) : null;
    const community = mob ? store.getCommunity(mob.communityId) : null;
    if (!mob || !state || !community) return null;
    const counts = store.pledged(mob.id);
    // The whole tally only once there is one to show; the counts come from one aggregate read.
    const tally = state === "tallied" ? computeTally(mob, store.participants(mob.id)) : null;
    const shown = this.revealed(mob, now);
    return {
      publicId: mob.publicId,
      mobId: mob.id,
      community: this.ref(community),
      state,
      shop: shown ? { name: mob.shopName, address: mob.address } : null,
      meetingPoint: mob.meetingPoint,
      // A bar a block from a secret shop would give it away: revealed with it.
      party: shown ? mob.party : null,
      startsAt: mob.startsAt,
      endsAt: endsAt(mob),
      pledgeMinor: mob.pledgeMinor,
      currency: mob.currency,
      goalMinor: mob.goalMinor,
      going: counts.going,
      maybe: counts.maybe,
      capacity: mob.capacity,
      pledgedMinor: counts.pledgedMinor,
      join: state === "announced" || state === "live" ? await this.joinLinks(mob) : [],
      tally: tally
        ? {
            mobbers: tally.mobbers,
            totalMinor: tally.totalMinor,
            averageMinor: tally.averageMinor,
            goalRatio: tally.goalRatio,
            // The merchant's usual takings are theirs to publish.
            vsUsualDay: mob.takingsPublic ? tally.takingsRatio : null,
          }
        : null,
      photos: mobPhotoViews(store, mob.id),
      cancelReason: mob.status === "cancelled" ? mob.cancelReason : null,
      sequence: this.sequence(mob, now),
      updatedAt: this.changedAt(mob, now),
    };
  }

  mobPhoto(publicId: string, number: number, now: number): PhotoFile | null {
    const { store } = this.deps;
    const mob = store.getMobByPublicId(publicId);
    if (!mob || !publicState(stateAt(mob, now))) return null;
    return mobPhotoFile(store, mob.id, number);
  }

  private async joinLinks(mob: Mob): Promise<JoinLink[]> {
    const { store } = this.deps;
    const links: JoinLink[] = [];
    for (const chat of store.chatsOf(mob.communityId)) {
      if (chat.platform !== "telegram" && chat.platform !== "discord") continue;
      const ref = store.sentRef({
        subject: "mob",
        subjectId: mob.id,
        kind: "call_to_action",
        chatId: chat.id,
      });
      const url = await this.deps.joinLink(chat, mob, ref);
      if (url) links.push({ platform: chat.platform, chatName: chat.name, url });
    }
    return links;
  }

  private summary(mob: Mob, state: PublicMobState, now: number): MobSummaryView {
    const { store } = this.deps;
    const tally =
      state === "tallied" || state === "ended"
        ? computeTally(mob, store.participants(mob.id))
        : null;
    return {
      publicId: mob.publicId,
      state,
      shop: this.revealed(mob, now) ? { name: mob.shopName, address: mob.address } : null,
      meetingPoint: mob.meetingPoint,
      startsAt: mob.startsAt,
      endsAt: endsAt(mob),
      pledgeMinor: mob.pledgeMinor,
      currency: mob.currency,
      going: store.counts(mob.id).going,
      tally: tally ? { mobbers: tally.mobbers, totalMinor: tally.totalMinor } : null,
      cancelReason: mob.status === "cancelled" ? mob.cancelReason : null,
      sequence: this.sequence(mob, now),
      updatedAt: this.changedAt(mob, now),
    };
  }

  communityPage(publicId: string, now: number): Promise<CommunityPageView | null> {
    return this.#communities.get(publicId, now, () => this.buildCommunityPage(publicId, now));
  }

  private buildCommunityPage(publicId: string, now: number): CommunityPageView | null {
    const { store } = this.deps;
    const community = store.getCommunityByPublicId(publicId);
    if (!community) return null;
    const upcoming = store
      .listOpenMobs(community.id, now, false, UPCOMING_ON_PAGE)
      .map((mob) => this.summary(mob, publicState(stateAt(mob, now)) ?? "announced", now));
    const past = store
      .listPastMobs(community.id, now, PAST_ON_PAGE)
      .map((mob) => this.summary(mob, publicState(stateAt(mob, now)) ?? "ended", now));
    // Over every past mob, not only those listed: the numbers /history says. Spent in the
    // community's currency (a mob priced in another counts for mobs and mobbers only).
    const totals = store.pastTotals(community.id, now);
    return {
      ...this.ref(community),
      upcoming,
      past,
      totals: {
        mobs: totals.mobs,
        mobbers: totals.mobbers,
        totalMinor: totals.spent.find((s) => s.currency === community.currency)?.totalMinor ?? 0,
        currency: community.currency,
      },
    };
  }

  merchantProposal(mobId: number, now: number): MerchantProposalView | null {
    const { store } = this.deps;
    const mob = store.getMob(mobId);
    const community = mob ? store.getCommunity(mob.communityId) : null;
    if (!mob || !community) return null;
    const counts = store.counts(mob.id);
    const cancelled = mob.status === "cancelled";
    const crowd = counts.going + counts.maybe;
    const past = store.pastTotals(community.id, now);
    return {
      mobId: mob.id,
      shop: { name: mob.shopName, address: mob.address },
      communityName: community.name,
      locale: supportedLocale(community.locale) ?? "en",
      timezone: community.timezone,
      startsAt: mob.startsAt,
      endsAt: endsAt(mob),
      expectedCrowd: crowd > 0 ? crowd : null,
      usualTurnout: past.mobs > 0 ? Math.round(past.mobbers / past.mobs) : null,
      pledgeMinor: mob.pledgeMinor,
      currency: mob.currency,
      cancelled,
      answer: merchantAnswerView(mob),
      canAnswer: !cancelled && now < mob.startsAt,
    };
  }

  recordMerchantAnswer(input: MerchantAnswerInput): MerchantAnswerResult {
    return this.deps.recordMerchantAnswer(input);
  }

  health(): HealthView {
    let database: HealthView["database"] = "ok";
    try {
      this.deps.store.probeWrite();
    } catch (error) {
      database = `the database cannot take a write: ${(error as { code?: string }).code ?? "error"}`;
    }
    return { database, platforms: this.deps.platforms() };
  }
}
