import { afterEach, describe, expect, it } from "vitest";
import type { Actor, Command, Reply } from "../../src/ports/inbound.js";
import type {
  ChannelAddress,
  DeliveryResult,
  MessageRef,
  NativeEventSpec,
} from "../../src/ports/platform.js";
import { cardContent } from "../../src/render/card.js";
import { createWebApp } from "../../src/web/app.js";
import {
  groupActor,
  type Harness,
  HOUR,
  MINUTE,
  makeHarness,
  organizer,
  reply,
} from "../fakes/core-harness.js";
import { coreWebPort } from "../fakes/core-web.js";
import { noticeText, RecordingPlatform } from "../fakes/recording-platform.js";

/**
 * A secret mob and the same shop in the nominations queue, seen by a member
 * of two linked chats (Telegram and Discord) and by the public: every output
 * is searched for the shop's name and address (and after-party). None may
 * tie them to the mob before the reveal; from the reveal on, all say it.
 */
const SHOP = "Le Petit Torréfacteur";
const ADDRESS = "8 rue des Grillons";
const PARTY = "Le Zinc du Coin";
const START = Date.UTC(2026, 11, 19, 18, 0);
const REVEAL = START - HOUR;
/** The shop's name, address and after-party, as any output could spell them. */
const GIVEAWAYS = ["Torréfacteur", "Torr%C3%A9facteur", "Torr&#233;facteur", "Grillons", "Zinc"];
/** What would tie a queued shop to the secret mob: its date, or "a mob is planned there". */
const TIES = ["19 Dec", "Dec 19", "2026-12-19", "planned"];

/** Discord's scheduled events, as the platform received them. */
class EventPlatform extends RecordingPlatform {
  readonly events: NativeEventSpec[] = [];
  async syncEvent(
    _channel: ChannelAddress,
    event: NativeEventSpec,
    existing: MessageRef | null,
  ): Promise<DeliveryResult> {
    this.events.push(event);
    return { ok: true, ref: existing ?? `event-${this.events.length}` };
  }
}

let h: Harness;
afterEach(() => h.close());

const tg = (user: string, isOrganizer = false): Actor =>
  groupActor(user, { isOrganizer }, "telegram");
const dc = (user: string, isOrganizer = false): Actor =>
  groupActor(
    user,
    { isOrganizer, community: { id: "guild", name: "Guild", channelId: "dchan" } },
    "discord",
  );

const both = (r: Reply) => [noticeText(r.notice), r.secret ? noticeText(r.secret) : ""].join("\n");

async function setup() {
  h = makeHarness({ settings: { publicUrl: "https://mobs.example.org" } });
  const telegram = new RecordingPlatform({ now: () => h.clock.now() }, "telegram");
  const discord = new EventPlatform({ now: () => h.clock.now() }, "discord", {
    nativeEvents: true,
  });
  h.core.attach(telegram);
  h.core.attach(discord);
  const asked = await reply(h.core, tg("org", true), { type: "link" });
  const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
  await reply(h.core, dc("dora", true), { type: "link", code });
  // The shop is in the queue before the secret mob is made there.
  await reply(h.core, tg("zoe"), {
    type: "nominate",
    shop: SHOP,
    address: ADDRESS,
    why: "Best coffee",
  });
  await reply(h.core, dc("yan"), { type: "nominate", shop: "Cave à Bières" });
  const created = await reply(h.core, organizer("org", "telegram"), {
    type: "create",
    shop: SHOP,
    when: "2026-12-19 18:00",
    address: ADDRESS,
    meetingPoint: "Fontaine Place Carnot",
    party: PARTY,
    secret: "yes",
  });
  expect(created.notice.title).toBe("Mob #1 is announced.");
  await reply(h.core, tg("zoe"), { type: "join", id: "1" });
  await reply(h.core, dc("yan"), { type: "join", id: "1" });
  // Another secret mob there, moved then called off: its posts and DMs keep the secret too.
  await reply(h.core, organizer("org", "telegram"), {
    type: "create",
    shop: SHOP,
    when: "2026-12-12 18:00",
    address: ADDRESS,
    secret: "yes",
  });
  await reply(h.core, tg("zoe"), { type: "join", id: "2" });
  await h.drain();
  await reply(h.core, tg("org", true), { type: "edit", id: "2", when: "2026-12-13 18:00" });
  await h.drain();
  await reply(h.core, tg("org", true), { type: "cancel", id: "2", reason: "the roaster is away" });
  // A vote among the queue (the secret shop in it) for another date, won by the other shop.
  await reply(h.core, tg("org", true), { type: "vote", when: "2027-01-09 18:00" });
  await reply(h.core, dc("yan"), { type: "ballot", voteId: "1", nominationId: "2" });
  await reply(h.core, tg("zoe"), { type: "ballot", voteId: "1", nominationId: "2" });
  await h.drain();
  await reply(h.core, tg("org", true), { type: "closevote", id: "1" });
  await h.drain();
  const port = coreWebPort(h);
  const app = createWebApp({
    port,
    clock: h.clock,
    publicUrl: "https://mobs.example.org",
    linkSecret: "x".repeat(32),
  });
  const mob = await h.store.getMob(1);
  const community = await h.store.getCommunity(mob?.communityId ?? 0);
  if (!mob || !community) throw new Error("no mob");
  return { telegram, discord, port, app, mobId: mob.publicId, communityId: community.publicId };
}

type Rig = Awaited<ReturnType<typeof setup>>;

/** What a member of either chat gets from the commands they may type about the mob. */
async function memberCommands(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const commands: [string, Command][] = [
    ["/mobs", { type: "list" }],
    ["/mob 1", { type: "info", id: "1" }],
    ["/tally 1", { type: "tally", id: "1" }],
    ["/history", { type: "history" }],
    ["/export 1", { type: "export", id: "1" }],
    ["/checkin 1", { type: "checkin", id: "1", code: "WRONG1" }],
    ["/leave 1", { type: "leave", id: "1" }],
  ];
  for (const [platform, member] of [
    ["telegram", tg("zoe")],
    ["discord", dc("yan")],
  ] as const) {
    for (const [name, command] of commands)
      out[`${platform} ${name}`] = both(await reply(h.core, member, command));
    // Leaving and joining again: the answer names the mob as members see it.
    out[`${platform} /join 1`] = both(await reply(h.core, member, { type: "join", id: "1" }));
  }
  // The organizer's answer to /mob is seen by a whole Telegram group; only its private part names the shop.
  out["organizer /mob 1 (in the group)"] = noticeText(
    (await reply(h.core, tg("org", true), { type: "info", id: "1" })).notice,
  );
  out.autocomplete = (await h.core.handler.openMobs("discord", "guild", "dchan"))
    .map((m) => m.label)
    .join("\n");
  return out;
}

/** What the queue says to members: the shop may be named, never tied to the mob. */
async function queueCommands(): Promise<Record<string, string>> {
  return {
    "/nominations": both(await reply(h.core, tg("zoe"), { type: "nominations" })),
    "/nominate (a second)": both(
      await reply(h.core, dc("yan"), { type: "nominate", shop: "le petit torrefacteur" }),
    ),
  };
}

/** The public web: page, calendar, card, community page and feed. */
async function web(rig: Rig): Promise<Record<string, string>> {
  const get = async (path: string) => (await rig.app.request(path)).text();
  const view = await rig.port.mobPage(rig.mobId, h.clock.now() + 1_000);
  return {
    page: await get(`/m/${rig.mobId}`),
    "page .ics": await get(`/m/${rig.mobId}.ics`),
    card: JSON.stringify(view && cardContent(view)),
    community: await get(`/c/${rig.communityId}`),
    "community .ics": await get(`/c/${rig.communityId}.ics`),
  };
}

function posts(rig: Rig, before = Number.POSITIVE_INFINITY): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of [rig.telegram, rig.discord])
    p.sent
      .filter((s) => s.at < before)
      .forEach((s, i) => {
        out[`${p.name} ${s.via} ${s.to} ${s.notice.kind} #${i}`] = noticeText(s.notice);
      });
  rig.discord.events.forEach((e, i) => {
    out[`discord event #${i}`] = `${e.name}\n${e.description}\n${e.location}`;
  });
  return out;
}

function giveaways(outputs: Record<string, string>, words: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([what, text]) =>
    words.filter((w) => text.includes(w)).map((w) => `${what}: ${w}`),
  );
}

describe("a secret shop before its reveal", () => {
  it("nothing a member or the public sees ties the shop to the mob, though the shop is in the queue", async () => {
    const rig = await setup();
    const queue = await queueCommands();
    expect(queue["/nominations"]).toContain(SHOP);
    const seen: Record<string, string> = { ...(await memberCommands()), ...(await web(rig)) };
    await h.advance(REVEAL - MINUTE - h.clock.now(), HOUR);
    Object.assign(
      seen,
      prefixed("late ", await memberCommands()),
      prefixed("late ", await web(rig)),
    );
    const late = await queueCommands();
    Object.assign(seen, posts(rig, REVEAL));

    // The vote post and its result list the queued shop, as the queue does: never with the mob.
    const votes = Object.fromEntries(
      Object.entries(seen).filter(([k]) => / vote(_result)? /.test(k)),
    );
    expect(Object.keys(votes).length).toBe(6);
    const aboutTheMob = Object.fromEntries(Object.entries(seen).filter(([k]) => !(k in votes)));
    expect(giveaways(aboutTheMob, GIVEAWAYS)).toEqual([]);
    expect(giveaways({ ...votes, ...queue, ...prefixed("late ", late) }, TIES)).toEqual([]);
    // What each member saw, at a glance: the secret kept, the rest intact.
    expect(seen["telegram /mobs"]).toContain("#1 a secret shop");
    expect(seen["late discord /mob 1"]).toContain("Address: revealed shortly before the start");
    expect(seen.page).toContain("Fontaine Place Carnot");
    for (const kind of ["reminder", "rescheduled", "cancelled", "call_to_action"])
      expect(Object.keys(seen).filter((k) => k.includes(` ${kind} `)).length, kind).toBeGreaterThan(
        2,
      );
  });

  it("an organizer still sees the secret shop, privately", async () => {
    await setup();
    const answer = await reply(h.core, tg("org", true), { type: "info", id: "1" });
    expect(noticeText(answer.notice)).not.toContain("Torréfacteur");
    expect(answer.secret && noticeText(answer.secret)).toContain(
      `The secret shop (organizers only, until the reveal): ${SHOP}, ${ADDRESS}`,
    );
  });
});

describe("a secret shop from its reveal on", () => {
  it("every chat's call-to-action is edited to show it, and /mobs, /mob, the page and the event agree", async () => {
    const rig = await setup();
    await h.advance(REVEAL - MINUTE - h.clock.now(), HOUR);
    const icsBefore = await (await rig.app.request(`/m/${rig.mobId}.ics`)).text();
    await h.advance(MINUTE);
    for (const p of [rig.telegram, rig.discord]) {
      const edits = p.sent.filter(
        (s) => s.via === "edit" && s.notice.kind === "call_to_action" && s.at >= REVEAL,
      );
      expect(edits.length, p.name).toBe(1);
      const edited = noticeText(edits[0]?.notice ?? rig.telegram.sent[0]!.notice);
      expect(edited, p.name).toContain(`Cash mob: ${SHOP}`);
      expect(edited, p.name).toContain(`Address: ${ADDRESS}`);
      expect(edited, p.name).toContain(`After-party: ${PARTY}`);
      expect(edited, p.name).not.toContain("a secret shop");
    }
    const event = rig.discord.events.at(-1);
    expect(event && [event.name, event.location]).toEqual([`Cash mob: ${SHOP}`, ADDRESS]);

    const seen = await memberCommands();
    for (const platform of ["telegram", "discord"]) {
      expect(seen[`${platform} /mobs`]).toContain(`#1 ${SHOP}`);
      expect(seen[`${platform} /mob 1`]).toContain(`#1 Cash mob: ${SHOP}`);
      expect(seen[`${platform} /mob 1`]).toContain(`Address: ${ADDRESS}`);
      expect(seen[`${platform} /join 1`]).toContain(SHOP);
    }
    expect(seen.autocomplete).toContain(`#1 ${SHOP}`);
    const pages = await web(rig);
    for (const what of ["page", "page .ics", "card", "community", "community .ics"])
      expect(pages[what], what).toContain("Torréfacteur");
    expect(pages.page).toContain(ADDRESS);
    // The calendar apps that hold the event take the revealed one (SEQUENCE rose).
    const sequence = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1]);
    expect(sequence(pages["page .ics"] ?? "")).toBeGreaterThan(sequence(icsBefore));
    // Now public, the queue may say a mob is planned there.
    expect((await queueCommands())["/nominations"]).toContain("a mob is planned there");

    // During the mob, the list names it too.
    await h.advance(START + 30 * MINUTE - h.clock.now());
    const live = noticeText((await reply(h.core, tg("zoe"), { type: "list" })).notice);
    expect(live).toContain(`#1 ${SHOP}`);
    expect(live).toContain("live");
  });

  it("a reveal set longer than the last reminder names the shop in that reminder", async () => {
    h = makeHarness({ settings: { revealBeforeMs: 3 * HOUR } });
    const p = new RecordingPlatform({ now: () => h.clock.now() }, "telegram");
    h.core.attach(p);
    await reply(h.core, organizer("org", "telegram"), {
      type: "create",
      shop: SHOP,
      when: "2026-12-19 18:00",
      secret: "yes",
    });
    await h.advance(START - 2 * HOUR - h.clock.now(), HOUR);
    const reminders = p.sent.filter((s) => s.notice.kind === "reminder").map((s) => s.notice.title);
    expect(reminders).toEqual([
      "Reminder: cash mob at a secret shop",
      `Reminder: cash mob at ${SHOP}`,
    ]);
  });
});

function prefixed(prefix: string, o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}${k}`, v]));
}
