import { afterEach, describe, expect, it } from "vitest";
import type { Actor, Command } from "../../src/ports/inbound.js";
import type { Notice } from "../../src/ports/platform.js";
import {
  groupActor,
  type Harness,
  HOUR,
  MINUTE,
  makeHarness,
  reply,
  say,
  T0,
} from "../fakes/core-harness.js";
import { noticeText, RecordingPlatform, type Sent } from "../fakes/recording-platform.js";

/**
 * One community in a console room (Lille) and a Telegram group, linked: a vote
 * is posted in both, presses from both count once per member, the close runs
 * from the outbox on the fake clock.
 */
let h: Harness;
let konsole: RecordingPlatform;
let telegram: RecordingPlatform;
afterEach(() => h.close());

const GROUP = "-100123";
const lille = (user: string, isOrganizer = false): Actor =>
  groupActor(user, { community: { id: "lille", name: "Lille", channelId: "lille" }, isOrganizer });
const tg = (user: string, isOrganizer = false): Actor =>
  groupActor(
    user,
    { community: { id: GROUP, name: "Mobbers", channelId: GROUP }, isOrganizer },
    "telegram",
  );
const org = () => lille("olga", true);

async function setup(): Promise<void> {
  h = makeHarness();
  konsole = new RecordingPlatform({ now: () => h.clock.now() }, "console", { editIntervalMs: 0 });
  telegram = new RecordingPlatform({ now: () => h.clock.now() }, "telegram");
  h.core.attach(konsole);
  h.core.attach(telegram);
  const asked = await reply(h.core, org(), { type: "link" });
  const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
  expect(await say(h.core, tg("tom", true), { type: "link", code })).toMatch(/^Linked!/);
}

const nominate = (actor: Actor, shop: string, address?: string): Promise<string> =>
  say(h.core, actor, { type: "nominate", shop, ...(address ? { address } : {}) });
const press = (actor: Actor, voteId: number, nominationId: number): Promise<string> =>
  say(h.core, actor, { type: "action", actionId: `vote:${voteId}:${nominationId}` });

/** Everything posted or edited about votes, per platform, as people read it. */
const about = (p: RecordingPlatform, kind: Notice["kind"]): Sent[] =>
  p.sent.filter((s) => s.notice.kind === kind);
const lastBoard = (p: RecordingPlatform): Notice | undefined => about(p, "vote").at(-1)?.notice;
const buttonIds = (n: Notice | undefined) => (n?.actions ?? []).flat().map((a) => a.id);

function snapshot(): Promise<string> {
  return h.snapshot([
    "nominations",
    "seconds",
    "votes",
    "vote_options",
    "ballots",
    "mobs",
    "outbox",
  ]);
}

/**
 * The set-up, then each `[member, shop]` nominates in Lille and the organizer opens a vote
 * on them for 2026-12-12 18:00 (closing when `closes` says, else by /closevote).
 */
async function voteOn(
  nominations: readonly (readonly [string, string])[],
  closes?: string,
): Promise<void> {
  await setup();
  for (const [member, shop] of nominations) await nominate(lille(member), shop);
  await say(h.core, org(), {
    type: "vote",
    when: "2026-12-12 18:00",
    ...(closes ? { closes } : {}),
  });
}

describe("the vote", () => {
  it("an organizer opens it: one post per linked chat with one button per queued shop (ten at most), closing 48 h later", async () => {
    await setup();
    for (let i = 1; i <= 12; i++) await nominate(lille(`m${i}`), `Shop ${i}`);
    // Shop 12 is the most seconded: it comes first on the vote.
    await nominate(tg("sam"), "shop 12");
    expect(
      await say(h.core, org(), { type: "vote", when: "2026-12-12 18:00" } satisfies Command),
    ).toBe("Vote #1 is open until Thu 3 Dec 2026, 12:00 (UTC); the vote is posted in every chat.");
    await h.drain();
    const posts = [...about(konsole, "vote"), ...about(telegram, "vote")];
    expect(posts.map((s) => `${s.via} ${s.to}`)).toEqual(["channel lille", `channel ${GROUP}`]);
    const board = posts[0]?.notice;
    expect(board?.title).toBe("Vote: where do we mob on Sat 12 Dec 2026, 18:00 (UTC)?");
    expect(buttonIds(board)).toEqual([
      "vote:1:12",
      "vote:1:1",
      "vote:1:2",
      "vote:1:3",
      "vote:1:4",
      "vote:1:5",
      "vote:1:6",
      "vote:1:7",
      "vote:1:8",
      "vote:1:9",
    ]);
    // Five rows of two: what Discord allows (5 × 5) and what reads well on a phone.
    expect(board?.actions.map((row) => row.length)).toEqual([2, 2, 2, 2, 2]);
    expect(noticeText(board as Notice)).toContain("1. Shop 12: 0 votes");
    expect(noticeText(board as Notice)).not.toContain("Shop 10");
  });

  it("presses from both platforms count once per member, a vote can move, and every post shows the merged counts", async () => {
    await voteOn([
      ["ann", "Librairie du Parc"],
      ["bob", "Fromagerie"],
    ]);
    await h.drain();
    expect(await press(lille("ann"), 1, 1)).toBe("You voted for Librairie du Parc.");
    expect(await press(tg("tom"), 1, 1)).toBe("You voted for Librairie du Parc.");
    expect(await press(tg("tom"), 1, 1)).toBe("You already voted for Librairie du Parc.");
    expect(await press(lille("ann"), 1, 2)).toBe(
      "You moved your vote to Fromagerie (from Librairie du Parc).",
    );
    // A burst of presses on Telegram: its post is edited at most once per interval.
    for (let i = 0; i < 20; i++) await press(tg(`t${i}`), 1, i % 2 === 0 ? 1 : 2);
    await h.advance(10_000, 500);
    for (const p of [konsole, telegram]) {
      expect(noticeText(lastBoard(p) as Notice)).toContain(
        ["1. Librairie du Parc: 11 votes", "2. Fromagerie: 11 votes", "22 members voted."].join(
          "\n",
        ),
      );
    }
    const tgEdits = telegram.sent.filter((s) => s.via === "edit");
    expect(tgEdits.length).toBeGreaterThan(0);
    expect(tgEdits.length).toBeLessThanOrEqual(3);
    expect(await h.count("ballots")).toBe(22);
  });

  it("closes at its time from the scheduler: the winner becomes a draft mob at the vote's time and leaves the queue, the result goes to every chat", async () => {
    await setup();
    await nominate(lille("ann"), "Librairie du Parc", "3 rue des Lilas");
    await nominate(lille("bob"), "Fromagerie");
    await nominate(lille("cem"), "Cave Rouge");
    await say(h.core, org(), { type: "vote", when: "2026-12-12 18:00", closes: "in 24h" });
    await h.drain();
    await press(lille("ann"), 1, 1);
    await press(tg("tom"), 1, 1);
    await press(tg("ugo"), 1, 2);
    await h.advance(24 * HOUR - MINUTE);
    expect(about(konsole, "vote_result")).toEqual([]);
    expect((await h.store.getVote(1))?.status).toBe("open");
    await h.advance(2 * MINUTE);

    for (const p of [konsole, telegram]) {
      const result = about(p, "vote_result");
      expect(result).toHaveLength(1);
      expect(noticeText(result[0]?.notice as Notice)).toBe(
        [
          "The vote chose Librairie du Parc!",
          "1. Librairie du Parc: 2 votes",
          "2. Fromagerie: 1 vote",
          "3. Cave Rouge: 0 votes",
          "3 members voted.",
          "3 rue des Lilas",
          "Mob #1 on Sat 12 Dec 2026, 18:00 (UTC) is a draft: the organizers ask the merchant before it is announced.",
        ].join("\n"),
      );
      // The posts lose their buttons.
      expect(buttonIds(lastBoard(p))).toEqual([]);
      expect(noticeText(lastBoard(p) as Notice)).toContain("The vote is closed.");
    }
    const mob = await h.store.getMob(1);
    expect(mob).toMatchObject({
      shopName: "Librairie du Parc",
      address: "3 rue des Lilas",
      startsAt: Date.UTC(2026, 11, 12, 18),
      status: "draft",
      pledgeMinor: 1500,
      currency: "EUR",
    });
    expect((await h.store.getMember(mob?.createdBy ?? 0))?.userId).toBe("olga");
    // Nothing of the draft is announced.
    expect(konsole.sent.some((s) => s.notice.kind === "call_to_action")).toBe(false);
    const queue = noticeText(
      (await reply(h.core, lille("zoe"), { type: "nominations" })).notice,
    ).split("\n");
    expect(queue.slice(0, 3)).toEqual([
      "Shops in the queue (2)",
      "#2 Fromagerie · no second yet · nominated by bob",
      "#3 Cave Rouge · no second yet · nominated by cem",
    ]);
    // A late press is refused.
    expect(await press(tg("vic"), 1, 2)).toBe("Vote #1 is closed; votes can no longer change.");
    // Nothing more happens later.
    const sent = konsole.sent.length + telegram.sent.length;
    await h.advance(3 * 24 * HOUR, HOUR);
    expect(konsole.sent.length + telegram.sent.length).toBe(sent);
    expect(await h.count("mobs")).toBe(1);
  });

  it("after /closevote, every chat's vote post keeps every shop's final count, the winner marked", async () => {
    await voteOn([
      ["ann", "Librairie du Parc"],
      ["bob", "Fromagerie"],
      ["cem", "Cave Rouge"],
    ]);
    await h.drain();
    await press(lille("ann"), 1, 2);
    await press(tg("tom"), 1, 2);
    await press(tg("ugo"), 1, 1);
    await say(h.core, org(), { type: "closevote", id: "1" });
    await h.advance(5_000, 1_000);
    for (const p of [konsole, telegram]) {
      expect(noticeText(lastBoard(p) as Notice)).toContain(
        [
          "1. Librairie du Parc: 1 vote",
          "2. Fromagerie: 2 votes ✓ chosen",
          "3. Cave Rouge: 0 votes",
          "3 members voted.",
          "The vote is closed.",
        ].join("\n"),
      );
    }
  });

  it("a press after the closing time counts for nothing, even before the close is delivered", async () => {
    await voteOn([["ann", "Fromagerie"]], "in 2h");
    h.clock.advance(2 * HOUR);
    expect(await press(lille("ann"), 1, 1)).toBe("Vote #1 is closed; votes can no longer change.");
    expect(await h.count("ballots")).toBe(0);
  });

  it("ties go to the most seconded shop, then to the earliest nominated", async () => {
    await voteOn([
      ["ann", "Early Bird"],
      ["bob", "Well Seconded"],
      ["cem", "well seconded"],
    ]);
    await press(lille("x"), 1, 1);
    await press(lille("y"), 1, 2);
    await say(h.core, org(), { type: "closevote", id: "1" });
    // A minute: a post that follows another in its chat may wait a second for it.
    await h.advance(MINUTE);
    expect(about(konsole, "vote_result")[0]?.notice.title).toBe("The vote chose Well Seconded!");
    expect(noticeText(about(konsole, "vote_result")[0]?.notice as Notice)).toContain(
      "Tied on votes: the most seconded shop (then the earliest nominated) wins.",
    );

    await nominate(lille("dan"), "Later");
    await say(h.core, org(), { type: "vote", when: "2026-12-19 18:00" });
    await press(lille("x"), 2, 3);
    await press(lille("y"), 2, 1);
    await say(h.core, org(), { type: "closevote", id: "2" });
    await h.drain();
    expect(about(konsole, "vote_result")[1]?.notice.title).toBe("The vote chose Early Bird!");
  });

  it("a vote nobody voted in closes without a winner, and the shops stay queued", async () => {
    await voteOn([["ann", "Fromagerie"]]);
    await h.advance(48 * HOUR + MINUTE, HOUR);
    expect(noticeText(about(telegram, "vote_result")[0]?.notice as Notice)).toBe(
      [
        "The vote closed without a winner",
        "1. Fromagerie: 0 votes",
        "0 members voted.",
        "Nobody voted, so the shops stay in the queue for the next vote.",
      ].join("\n"),
    );
    expect(await h.store.getMob(1)).toBeNull();
    expect((await h.store.getNomination(1))?.status).toBe("queued");
  });

  it("/closevote closes it early, once: the close planned for later does nothing", async () => {
    await voteOn([["ann", "Fromagerie"]]);
    await press(tg("tom"), 1, 1);
    expect(await say(h.core, tg("tom", true), { type: "closevote", id: "1" })).toBe(
      "Vote #1 is closed; the result is posted in every chat.",
    );
    await h.advance(3 * 24 * HOUR, HOUR);
    expect(about(konsole, "vote_result")).toHaveLength(1);
    expect(about(telegram, "vote_result")).toHaveLength(1);
    expect(await h.store.getVote(1)).toMatchObject({ status: "closed", winnerId: 1, mobId: 1 });
    expect((await h.store.getMember((await h.store.getVote(1))?.closedBy ?? 0))?.userId).toBe(
      "tom",
    );
    expect((await h.store.rowsFor("vote", 1)).find((r) => r.kind === "vote_close")?.state).toBe(
      "withdrawn",
    );
  });

  it("closes 48 h after opening, but no later than an hour before the mob", async () => {
    await setup();
    await nominate(lille("ann"), "Fromagerie");
    expect(await say(h.core, org(), { type: "vote", when: "in 30h" })).toBe(
      "Vote #1 is open until Wed 2 Dec 2026, 17:00 (UTC); the vote is posted in every chat.",
    );
    expect((await h.store.getVote(1))?.closesAt).toBe(T0 + 29 * HOUR);
  });

  it("a nomination dropped during the vote loses its button and cannot win", async () => {
    await voteOn([
      ["ann", "MegaStore"],
      ["bob", "Fromagerie"],
    ]);
    await h.drain();
    await press(lille("x"), 1, 1);
    await press(lille("y"), 1, 1);
    await press(lille("z"), 1, 2);
    await say(h.core, org(), { type: "dropshop", id: "1", reason: "a chain" });
    await h.advance(5_000, 1_000);
    expect(buttonIds(lastBoard(telegram))).toEqual(["vote:1:2"]);
    expect(await press(lille("w"), 1, 1)).toBe(
      "That shop is not on vote #1 any more; pick another one on the vote post.",
    );
    await say(h.core, org(), { type: "closevote", id: "1" });
    await h.drain();
    expect(about(konsole, "vote_result")[0]?.notice.title).toBe("The vote chose Fromagerie!");
  });

  it("a chat linked while the vote is open gets the vote post", async () => {
    await voteOn([["ann", "Fromagerie"]]);
    await h.drain();
    const roubaix = (user: string, isOrganizer = false) =>
      groupActor(user, {
        community: { id: "roubaix", name: "Roubaix", channelId: "roubaix" },
        isOrganizer,
      });
    const asked = await reply(h.core, org(), { type: "link" });
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    await say(h.core, roubaix("rob", true), { type: "link", code });
    await h.drain();
    expect(about(konsole, "vote").map((s) => `${s.via} ${s.to}`)).toEqual([
      "channel lille",
      "channel roubaix",
    ]);
    expect(await press(roubaix("rita"), 1, 1)).toBe("You voted for Fromagerie.");
  });
});

describe("the vote refuses bad input with one sentence and changes nothing", () => {
  it("no nomination, a second open vote, a closed vote, a non-member, an unknown vote or shop, a non-organizer, bad times", async () => {
    await setup();
    const other = groupActor("zed", {
      community: { id: "elsewhere", name: "Elsewhere", channelId: "elsewhere" },
      isOrganizer: true,
    });
    const dm: Actor = { ...lille("ann"), community: undefined, inPrivateChat: true } as Actor;
    for (const a of [lille("ann"), tg("tom"), other, dm]) await say(h.core, a, { type: "list" });

    let before = await snapshot();
    expect(await say(h.core, org(), { type: "vote", when: "2026-12-12 18:00" })).toBe(
      "There is no shop in the queue to vote on; members put one forward with /nominate <shop> | <address> | <why>.",
    );
    expect(await snapshot()).toBe(before);

    await nominate(lille("ann"), "Fromagerie");
    await nominate(lille("ann"), "Cave");
    await say(h.core, org(), { type: "vote", when: "2026-12-12 18:00" });
    await say(h.core, other, { type: "nominate", shop: "Elsewhere Books" });
    await say(h.core, other, { type: "vote", when: "2026-12-12 18:00" });
    await press(lille("ann"), 1, 1);
    before = await snapshot();
    const cases: [Actor, Command, string][] = [
      [
        org(),
        { type: "vote", when: "2026-12-19 18:00" },
        "Vote #1 is still open (it closes Thu 3 Dec 2026, 12:00 (UTC)); close it with /closevote 1 before opening another.",
      ],
      [
        tg("tom", true),
        { type: "vote", when: "2026-12-19 18:00" },
        "Vote #1 is still open (it closes Thu 3 Dec 2026, 12:00 (UTC)); close it with /closevote 1 before opening another.",
      ],
      [
        lille("ann"),
        { type: "vote", when: "2026-12-19 18:00" },
        "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
      ],
      [
        org(),
        { type: "vote", when: "someday" },
        "I can't read that date; write it like 2026-12-05 18:00 (your community's time zone), tomorrow 18:00, or in 2h.",
      ],
      [
        org(),
        { type: "vote", when: "2020-01-01 10:00" },
        "That time is already past; pick a time in the future.",
      ],
      [
        lille("ann"),
        { type: "closevote", id: "1" },
        "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
      ],
      [org(), { type: "closevote", id: "x" }, "The vote number is a whole number, like 3."],
      [org(), { type: "closevote", id: "9" }, "There is no vote #9 here."],
      // Another community's vote is not found here.
      [org(), { type: "closevote", id: "2" }, "There is no vote #2 here."],
      [
        other,
        { type: "action", actionId: "vote:1:1" },
        "This vote belongs to another community; vote in one of that community's chats.",
      ],
      [
        dm,
        { type: "action", actionId: "vote:1:2" },
        "This vote belongs to another community; vote in one of that community's chats.",
      ],
      [lille("ann"), { type: "action", actionId: "vote:9:1" }, "There is no vote #9 here."],
      [
        lille("ann"),
        { type: "action", actionId: "vote:1:3" },
        "That is not one of vote #1's shops; pick one on the vote post.",
      ],
      [
        lille("ann"),
        { type: "action", actionId: "vote:1:9" },
        "That is not one of vote #1's shops; pick one on the vote post.",
      ],
      [lille("ann"), { type: "action", actionId: "vote:1:x" }, "That button is no longer valid."],
      [
        tg("tom"),
        { type: "ballot", voteId: "0", nominationId: "1" },
        "The vote number is a whole number, like 3.",
      ],
    ];
    for (const [actor, command, sentence] of cases) {
      expect(await say(h.core, actor, command)).toBe(sentence);
    }
    expect(await snapshot()).toBe(before);

    await say(h.core, org(), { type: "closevote", id: "1" });
    before = await snapshot();
    expect(await press(tg("tom"), 1, 2)).toBe("Vote #1 is closed; votes can no longer change.");
    expect(await say(h.core, org(), { type: "closevote", id: "1" })).toBe(
      "Vote #1 is closed; votes can no longer change.",
    );
    expect(await snapshot()).toBe(before);
  });

  it("a closing time too late, or a mob too soon for a vote", async () => {
    await setup();
    await nominate(lille("ann"), "Fromagerie");
    await say(h.core, lille("ann"), { type: "list" });
    const before = await snapshot();
    expect(
      await say(h.core, org(), {
        type: "vote",
        when: "2026-12-05 18:00",
        closes: "2026-12-05 17:30",
      }),
    ).toBe(
      "The vote must close at least an hour before the mob, so the merchant can be asked; pick an earlier closing time.",
    );
    expect(await say(h.core, org(), { type: "vote", when: "in 50m" })).toBe(
      "That mob is too soon for a vote: a vote closes at least an hour before the mob; pick a later time.",
    );
    expect(
      await say(h.core, org(), { type: "vote", when: "2026-12-12 18:00", closes: "yesterday" }),
    ).toMatch(/^I can't read that date/);
    expect(await snapshot()).toBe(before);
  });
});
