/**
 * The web port on the core's storage: the public pages' view models, built so
 * that nothing private can reach them (no member names, codes, chat ids or
 * takings; a secret shop stays null until its reveal time). Each page is built
 * in its file (web-mob-page.ts, web-community-page.ts, web-merchant-page.ts) by
 * the rules of web-public.ts.
 */

import type { Chat } from "../domain/community.js";
import { type Mob, stateAt } from "../domain/mob.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import type {
  Awaitable,
  CheckinPageView,
  CommunityPageView,
  HealthView,
  MerchantAnswerInput,
  MerchantAnswerResult,
  MerchantProposalView,
  MobPageView,
  PhotoFile,
  WebPort,
} from "../ports/web.js";
import { RecentViews } from "./recent-views.js";
import type { CoreSettings } from "./settings.js";
import { checkinPageView } from "./web-checkin.js";
import { communityPageIn } from "./web-community-page.js";
import { merchantProposalIn } from "./web-merchant-page.js";
import { buildMobPage } from "./web-mob-page.js";
import { mobPhotoFile } from "./web-photos.js";
import { publicState } from "./web-public.js";

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

export class CoreWebPort implements WebPort {
  readonly #mobs = new RecentViews<MobPageView | null>();
  readonly #communities = new RecentViews<CommunityPageView | null>();

  constructor(private readonly deps: WebViewDeps) {}

  mobPage(publicId: string, now: number): Promise<MobPageView | null> {
    return this.#mobs.get(publicId, now, () => buildMobPage(this.deps, publicId, now));
  }

  mobPhoto(publicId: string, number: number, now: number): Promise<PhotoFile | null> {
    return this.deps.uow.run(async (tx) => {
      const mob = await tx.getMobByPublicId(publicId);
      if (!mob || !publicState(stateAt(mob, now))) return null;
      return mobPhotoFile(tx, mob.id, number);
    });
  }

  communityPage(publicId: string, now: number): Promise<CommunityPageView | null> {
    return this.#communities.get(publicId, now, () =>
      this.deps.uow.run((tx) => communityPageIn(tx, this.deps.settings, publicId, now)),
    );
  }

  checkinPage(publicId: string, code: string, now: number): Promise<CheckinPageView | null> {
    return this.deps.uow.run((tx) => checkinPageView(tx, this.deps.settings, publicId, code, now));
  }

  merchantProposal(mobId: number, now: number): Promise<MerchantProposalView | null> {
    return this.deps.uow.run((tx) => merchantProposalIn(tx, mobId, now));
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
