/**
 * The web port on the core's storage: the public pages' view models, built so
 * that nothing private can reach them (no member names, codes, chat ids or
 * takings; a secret shop stays null until its reveal time).
 */

import type { Chat, Community } from "../domain/community.js";
import { supportedLocale } from "../domain/locale.js";
import { computeTally, endsAt, type Mob, type MobState, stateAt } from "../domain/mob.js";
import { isShopRevealed, revealAt } from "../domain/reveal.js";
import type { Tx, UnitOfWork } from "../ports/unit-of-work.js";
import type {
  Awaitable,
  CheckinPageView,
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
import { RecentViews } from "./recent-views.js";
import type { CoreSettings } from "./settings.js";
import { checkinPageView } from "./web-checkin.js";
import { mobPhotoFile, mobPhotoViews } from "./web-photos.js";

/** How a chat's members join a mob from the web: a Telegram deep link, a Discord message link. */
export type JoinLinkFor = (
  chat: Chat,
  mob: Mob,
  ctaRef: string | null,
) => Promise<string | null> | string | null;

export interface WebViewDeps {
  /** Each view is read in one unit of work (never waiting on a platform inside it). */
  readonly uow: UnitOfWork;
  readonly settings: CoreSettings;
  readonly joinLink: JoinLinkFor;
  /** Each configured platform's connection, for the health check. */
  readonly platforms: () => Record<string, "connected" | string>;
  /** Records a merchant's answer from their private link (the merchant use case). */
  readonly recordMerchantAnswer: (input: MerchantAnswerInput) => Awaitable<MerchantAnswerResult>;
}

const PAST_ON_PAGE = 50;
const UPCOMING_ON_PAGE = 50;

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
    const read = await this.deps.uow.run(async (tx) => {
      const mob = await tx.getMobByPublicId(publicId);
      const state = mob ? publicState(stateAt(mob, now)) : null;
      const community = mob ? await tx.getCommunity(mob.communityId) : null;
      if (!mob || !state || !community) return null;
      const counts = await tx.pledged(mob.id);
      // The whole tally only once there is one to show; the counts come from one aggregate read.
      const tally = state === "tallied" ? computeTally(mob, await tx.participants(mob.id)) : null;
      const joinable =
        state === "announced" || state === "live" ? await this.joinTargets(tx, mob) : [];
      const photos = await mobPhotoViews(tx, mob.id);
      return { mob, state, community, counts, tally, joinable, photos };
    });
    if (!read) return null;
    const { mob, state, community, counts, tally, photos } = read;
    // After the unit: a join link may ask the platform (the bot's Telegram username).
    const join = await this.joinLinks(mob, read.joinable);
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
      join,
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
      photos,
      cancelReason: mob.status === "cancelled" ? mob.cancelReason : null,
      sequence: this.sequence(mob, now),
      updatedAt: this.changedAt(mob, now),
    };
  }

  mobPhoto(publicId: string, number: number, now: number): Promise<PhotoFile | null> {
    return this.deps.uow.run(async (tx) => {
      const mob = await tx.getMobByPublicId(publicId);
      if (!mob || !publicState(stateAt(mob, now))) return null;
      return mobPhotoFile(tx, mob.id, number);
    });
  }

  /** The Telegram and Discord chats a mob's call-to-action went to, with its message there. */
  private async joinTargets(
    tx: Tx,
    mob: Mob,
  ): Promise<{ readonly chat: Chat; readonly ref: string | null }[]> {
    const targets: { chat: Chat; ref: string | null }[] = [];
    for (const chat of await tx.chatsOf(mob.communityId)) {
      if (chat.platform !== "telegram" && chat.platform !== "discord") continue;
      const ref = await tx.sentRef({
        subject: "mob",
        subjectId: mob.id,
        kind: "call_to_action",
        chatId: chat.id,
      });
      targets.push({ chat, ref });
    }
    return targets;
  }

  private async joinLinks(
    mob: Mob,
    targets: readonly { readonly chat: Chat; readonly ref: string | null }[],
  ): Promise<JoinLink[]> {
    const links: JoinLink[] = [];
    for (const { chat, ref } of targets) {
      if (chat.platform !== "telegram" && chat.platform !== "discord") continue;
      const url = await this.deps.joinLink(chat, mob, ref);
      if (url) links.push({ platform: chat.platform, chatName: chat.name, url });
    }
    return links;
  }

  private async summary(
    tx: Tx,
    mob: Mob,
    state: PublicMobState,
    now: number,
  ): Promise<MobSummaryView> {
    const tally =
      state === "tallied" || state === "ended"
        ? computeTally(mob, await tx.participants(mob.id))
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
      going: (await tx.counts(mob.id)).going,
      tally: tally ? { mobbers: tally.mobbers, totalMinor: tally.totalMinor } : null,
      cancelReason: mob.status === "cancelled" ? mob.cancelReason : null,
      sequence: this.sequence(mob, now),
      updatedAt: this.changedAt(mob, now),
    };
  }

  communityPage(publicId: string, now: number): Promise<CommunityPageView | null> {
    return this.#communities.get(publicId, now, () => this.buildCommunityPage(publicId, now));
  }

  private buildCommunityPage(publicId: string, now: number): Promise<CommunityPageView | null> {
    return this.deps.uow.run((tx) => this.communityPageIn(tx, publicId, now));
  }

  private async communityPageIn(
    tx: Tx,
    publicId: string,
    now: number,
  ): Promise<CommunityPageView | null> {
    const community = await tx.getCommunityByPublicId(publicId);
    if (!community) return null;
    const upcoming: MobSummaryView[] = [];
    for (const mob of await tx.listOpenMobs(community.id, now, false, UPCOMING_ON_PAGE))
      upcoming.push(
        await this.summary(tx, mob, publicState(stateAt(mob, now)) ?? "announced", now),
      );
    const past: MobSummaryView[] = [];
    for (const mob of await tx.listPastMobs(community.id, now, PAST_ON_PAGE))
      past.push(await this.summary(tx, mob, publicState(stateAt(mob, now)) ?? "ended", now));
    // Over every past mob, not only those listed: the numbers /history says. Spent in the
    // community's currency (a mob priced in another counts for mobs and mobbers only).
    const totals = await tx.pastTotals(community.id, now);
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

  checkinPage(publicId: string, code: string, now: number): Promise<CheckinPageView | null> {
    return this.deps.uow.run((tx) => checkinPageView(tx, this.deps.settings, publicId, code, now));
  }

  merchantProposal(mobId: number, now: number): Promise<MerchantProposalView | null> {
    return this.deps.uow.run((tx) => this.merchantProposalIn(tx, mobId, now));
  }

  private async merchantProposalIn(
    tx: Tx,
    mobId: number,
    now: number,
  ): Promise<MerchantProposalView | null> {
    const mob = await tx.getMob(mobId);
    const community = mob ? await tx.getCommunity(mob.communityId) : null;
    if (!mob || !community) return null;
    const counts = await tx.counts(mob.id);
    const cancelled = mob.status === "cancelled";
    const crowd = counts.going + counts.maybe;
    const past = await tx.pastTotals(community.id, now);
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

  async recordMerchantAnswer(input: MerchantAnswerInput): Promise<MerchantAnswerResult> {
    return this.deps.recordMerchantAnswer(input);
  }

  async health(): Promise<HealthView> {
    let database: HealthView["database"] = "ok";
    try {
      await this.deps.uow.probeWrite();
    } catch (error) {
      database = `the database cannot take a write: ${(error as { code?: string }).code ?? "error"}`;
    }
    return { database, engine: this.deps.uow.engine, platforms: this.deps.platforms() };
  }
}
