/** Rows most contract tests start from, written through a unit of work. */
import type { Chat, Community, Member } from "../../../src/domain/community.js";
import type { Mob, NewMob } from "../../../src/domain/mob.js";
import type { NewNomination } from "../../../src/domain/nomination.js";
import type { NewOutboxRow } from "../../../src/domain/outbox.js";
import type { NewSeries } from "../../../src/domain/series.js";
import type { Tx, UnitOfWork } from "../../../src/ports/unit-of-work.js";

export const T = Date.UTC(2026, 11, 1, 12, 0);
export const H = 3_600_000;

export interface World {
  readonly community: Community;
  readonly chat: Chat;
  readonly org: Member;
  readonly ann: Member;
  readonly bob: Member;
  readonly mob: Mob;
}

export async function newCommunity(tx: Tx, name = "Quartier"): Promise<Community> {
  return tx.insertCommunity(
    { name, timezone: "Europe/Paris", locale: "fr", currency: "EUR", organizerRule: "platform" },
    T,
  );
}

export function mobOf(
  community: Community,
  shopId: number,
  createdBy: number,
  over: Partial<NewMob> = {},
): NewMob {
  return {
    communityId: community.id,
    shopId,
    address: "3 rue des Lilas",
    meetingPoint: "Fontaine",
    party: null,
    startsAt: T + 96 * H,
    durationMs: 2 * H,
    pledgeMinor: 1500,
    currency: "EUR",
    secret: false,
    capacity: null,
    goalMinor: null,
    status: "announced",
    createdBy,
    checkinCode: "ABC234",
    now: T,
    ...over,
  };
}

export function world(uow: UnitOfWork): Promise<World> {
  return uow.run(async (tx) => {
    const community = await newCommunity(tx);
    const chat = await tx.insertChat(
      {
        communityId: community.id,
        platform: "telegram",
        spaceId: "-100",
        externalId: "-100",
        name: "Quartier group",
        locale: "fr",
      },
      T,
    );
    const org = await tx.upsertMember("telegram", "42", "Org", "fr", T);
    const ann = await tx.upsertMember("telegram", "43", "Ann", null, T);
    const bob = await tx.upsertMember("discord", "44", "Bob", "en", T);
    const shopId = await tx.insertShop(
      community.id,
      "Librairie du Parc",
      "3 rue des Lilas",
      null,
      T,
    );
    const mob = await tx.insertMob(mobOf(community, shopId, org.id));
    return { community, chat, org, ann, bob, mob };
  });
}

/** An outbox row for a mob, to one chat unless said otherwise. */
export function row(
  w: World,
  key: string,
  dueAt: number,
  over: Partial<NewOutboxRow> = {},
): NewOutboxRow {
  return {
    key,
    communityId: w.community.id,
    subject: "mob",
    subjectId: w.mob.id,
    kind: "reminder",
    target: "chat",
    chatId: w.chat.id,
    dueAt,
    ...over,
  };
}

/** A series of `community` by `createdBy`: every 2 weeks on Saturday at 18:30, first in four days. */
export function seriesOf(
  community: Community,
  createdBy: number,
  over: Partial<NewSeries> = {},
): NewSeries {
  return {
    communityId: community.id,
    rule: { kind: "weekly", weeks: 2, weekday: 6, time: { hour: 18, minute: 30 } },
    anchorAt: T + 96 * H,
    nextAt: T + 96 * H,
    voteLeadMs: 72 * H,
    pledgeMinor: 2000,
    currency: "EUR",
    meetingPoint: "fontaine",
    party: null,
    capacity: 12,
    durationMs: 2 * H,
    goalMinor: null,
    createdBy,
    ...over,
  };
}

/** A nomination of `name` (its key the name in lower case) by member `by`, nothing else said. */
export const nominationOf = (w: World, name: string, by: number): NewNomination => ({
  communityId: w.community.id,
  name,
  nameKey: name.toLowerCase(),
  address: null,
  why: null,
  nominatedBy: by,
});
