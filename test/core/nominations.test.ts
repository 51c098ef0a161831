import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Command } from "../../src/ports/inbound.js";
import { groupActor, HOUR, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { noticeText } from "../fakes/recording-platform.js";

let h: Harness;
beforeEach(() => {
  ({ h } = recordingHarness());
});
afterEach(() => h.close());

const nominate = (shop: string, address?: string, why?: string): Command => ({
  type: "nominate",
  shop,
  ...(address === undefined ? {} : { address }),
  ...(why === undefined ? {} : { why }),
});

/** The queue as people read it. */
async function queue(actor = groupActor("zoe")): Promise<string> {
  return noticeText((await reply(h.core, actor, { type: "nominations" })).notice);
}

/** The tables a refused command must leave as they were. */
function snapshot(): Promise<string> {
  return h.snapshot(["nominations", "seconds", "votes", "mobs", "outbox"]);
}

describe("nominations", () => {
  it("any member nominates a shop; the same shop again, in any case or accents, is a second, not a duplicate", async () => {
    expect(
      await say(
        h.core,
        groupActor("ann"),
        nominate("Épicerie du Marché", "", "the owner knows everyone"),
      ),
    ).toBe("Épicerie du Marché is nominated (#1); others second it by nominating it too.");
    expect(await say(h.core, groupActor("bob"), nominate("epicerie  DU marche"))).toBe(
      "Seconded! Épicerie du Marché now has 1 second.",
    );
    // A second may bring the address the first nomination left out.
    expect(
      await say(h.core, groupActor("cem"), nominate("ÉPICERIE DU MARCHÉ", "12 rue Haute")),
    ).toBe("Seconded! Épicerie du Marché now has 2 seconds.");
    expect(await say(h.core, groupActor("bob"), nominate("Epicerie du Marche"))).toBe(
      "You already seconded Épicerie du Marché; nothing changed.",
    );
    expect(await say(h.core, groupActor("ann"), nominate("épicerie du marché"))).toBe(
      "You nominated Épicerie du Marché yourself; others second it by nominating it too.",
    );
    expect(await h.count("nominations")).toBe(1);
    expect(await h.count("seconds")).toBe(2);
    expect(await queue()).toContain("12 rue Haute");
  });

  it("the queue lists the most seconded first, with address, why, who nominated, seconds and the eligibility checklist", async () => {
    await say(h.core, groupActor("ann"), nominate("Cave Rouge"));
    await say(
      h.core,
      groupActor("bob"),
      nominate("Librairie du Parc", "3 rue des Lilas", "best bookshop in town"),
    );
    await say(h.core, groupActor("cem"), nominate("Fromagerie"));
    await say(h.core, groupActor("dan"), nominate("librairie du parc"));
    await say(h.core, groupActor("eve"), nominate("LIBRAIRIE DU PARC"));
    await say(h.core, groupActor("eve"), nominate("fromagerie"));
    expect(await queue()).toBe(
      [
        "Shops in the queue (3)",
        "#2 Librairie du Parc · 2 seconds · nominated by bob",
        "   3 rue des Lilas",
        "   Why: best bookshop in town",
        "#3 Fromagerie · 1 second · nominated by cem",
        // Ties on seconds: the earliest nominated first.
        "#1 Cave Rouge · no second yet · nominated by ann",
        "Before a vote, organizers check that the shop is:",
        "☐ independent and locally owned",
        "☐ at most a few locations",
        "☐ room and staff for a crowd",
        "☐ selling goods people can carry home",
      ].join("\n"),
    );
    const address = (await reply(h.core, groupActor("zoe"), { type: "nominations" })).notice
      .lines[1];
    expect(address?.[1]).toEqual({
      kind: "link",
      text: "3 rue des Lilas",
      url: "https://www.openstreetmap.org/search?query=3%20rue%20des%20Lilas",
    });
  });

  it("a long queue shows the first fifteen and says how many more wait; long reasons are cut", async () => {
    for (let i = 1; i <= 17; i++)
      await say(h.core, groupActor(`m${i}`), nominate(`Shop ${i}`, "", "w".repeat(300)));
    const text = await queue();
    expect(text).toMatch(/^Shops in the queue \(17\)\n/);
    expect(text).toContain("#15 Shop 15");
    expect(text).not.toContain("#16 Shop 16");
    expect(text).toContain("… and 2 more.");
    expect(text).toContain(`Why: ${"w".repeat(139)}…\n`);
  });

  it("an empty queue says how to nominate, in the reader's platform's syntax", async () => {
    expect(await queue()).toMatch(
      /^Shops in the queue \(0\)\nNo shop in the queue yet; \/nominate <shop> \| <address> \| <why> puts one forward\./,
    );
    const discord = groupActor("zoe", {}, "discord");
    expect(await queue(discord)).toContain("/mob nominate shop:… address:… why:… puts one forward");
  });

  it("a shop already mobbed in this community says so, when nominated and in the queue", async () => {
    await orgCreates(h.core, { shop: "Cave Rouge", when: "2026-12-05 18:00" });
    expect((await reply(h.core, groupActor("ann"), nominate("cave rouge"))).notice.lines).toEqual([
      [{ kind: "text", text: "A mob is planned there on 5 Dec 2026" }],
    ]);
    h.clock.set(Date.UTC(2026, 11, 7, 12));
    expect(await queue()).toContain(
      "#1 cave rouge · no second yet · nominated by ann · mobbed on 5 Dec 2026",
    );
    expect((await reply(h.core, groupActor("bob"), nominate("Cave Rouge"))).notice.lines).toEqual([
      [{ kind: "text", text: "Mobbed on 5 Dec 2026" }],
    ]);
  });

  it("an organizer drops an ineligible nomination: it leaves the queue, and members cannot put it straight back", async () => {
    await say(h.core, groupActor("ann"), nominate("MegaStore"));
    await say(h.core, groupActor("bob"), nominate("Fromagerie"));
    expect(await say(h.core, groupActor("bob"), { type: "dropshop", id: "1" })).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    expect(
      await say(h.core, organizer(), { type: "dropshop", id: "#1", reason: "a national chain" }),
    ).toBe("Nomination #1 (MegaStore) is marked ineligible; it left the queue.");
    expect(await queue()).toMatch(/^Shops in the queue \(1\)\n#2 Fromagerie/);
    expect(await say(h.core, groupActor("cem"), nominate("megastore"))).toBe(
      "An organizer marked MegaStore ineligible (a national chain); only an organizer can nominate it again.",
    );
    expect(await say(h.core, organizer(), { type: "dropshop", id: "1" })).toBe(
      "Nomination #1 is no longer in the queue (it was dropped).",
    );
    // An organizer may put it back (the shop changed hands, say).
    expect(await say(h.core, organizer(), nominate("MegaStore"))).toBe(
      "MegaStore is nominated (#3); others second it by nominating it too.",
    );
  });

  it("each bad input gets one clear sentence and changes nothing", async () => {
    await say(h.core, groupActor("ann"), nominate("Fromagerie"));
    await say(h.core, groupActor("bob"), { type: "list" });
    await say(
      h.core,
      groupActor("inother", { community: { id: "g2", name: "Other", channelId: "g2" } }),
      {
        type: "list",
      },
    );
    const before = await snapshot();
    const cases: [Command, string, ReturnType<typeof groupActor>?][] = [
      [nominate("   "), "The shop name is empty; please write something."],
      [nominate("x".repeat(101)), "The shop name is too long (101 characters); keep it under 100."],
      [
        nominate("Cave", "a".repeat(201)),
        "The address is too long (201 characters); keep it under 200.",
      ],
      [
        nominate("Cave", "", "w".repeat(301)),
        "The reason to mob it is too long (301 characters); keep it under 300.",
      ],
      [{ type: "dropshop", id: "one" }, "The nomination number is a whole number, like 3."],
      [
        { type: "dropshop", id: "9" },
        "There is no nomination #9 here; /nominations lists the queue.",
      ],
      [
        { type: "dropshop", id: "1", reason: "r".repeat(301) },
        "The reason is too long (301 characters); keep it under 300.",
      ],
      [
        nominate("Cave"),
        "Use this command in the group or server, not in a private chat.",
        { ...groupActor("bob"), community: undefined, inPrivateChat: true } as ReturnType<
          typeof groupActor
        >,
      ],
    ];
    for (const [command, sentence, actor] of cases) {
      const who = actor ?? (command.type === "dropshop" ? organizer() : groupActor("bob"));
      expect(await say(h.core, who, command)).toBe(sentence);
    }
    // Another community's nomination is not found here.
    expect(
      await say(
        h.core,
        { ...organizer(), community: { id: "g2", name: "Other", channelId: "g2" } },
        { type: "dropshop", id: "1" },
      ),
    ).toBe("There is no nomination #1 here; /nominations lists the queue.");
    expect(await snapshot()).toBe(before);
  });
});

describe("nominations across linked chats", () => {
  it("linking two chats that both queued the same shop keeps one nomination with everyone's seconds", async () => {
    const room = (id: string, user: string, isOrganizer = false) =>
      groupActor(user, { community: { id, name: id, channelId: id }, isOrganizer });
    await say(h.core, room("lille", "ann"), nominate("Librairie du Parc"));
    await say(h.core, room("lille", "bob"), nominate("Librairie du Parc"));
    await say(h.core, room("roubaix", "cem"), nominate("librairie du parc"));
    await say(h.core, room("roubaix", "dan"), nominate("LIBRAIRIE DU PARC"));
    await say(h.core, room("roubaix", "eve"), nominate("Fromagerie"));
    const asked = await reply(h.core, room("lille", "org", true), { type: "link" });
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    await say(h.core, room("roubaix", "rob", true), { type: "link", code });
    h.clock.advance(HOUR);
    const lines = (await queue(room("roubaix", "zoe"))).split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "Shops in the queue (2)",
      // Bob seconded in Lille; Cem (who nominated it in Roubaix) and Dan are seconds now too.
      "#1 Librairie du Parc · 3 seconds · nominated by ann",
      "#3 Fromagerie · no second yet · nominated by eve",
    ]);
  });
});

describe("who nominated a shop", () => {
  it("'nominated by you' is said only to who nominated it; a member named 'you' is quoted for the others", async () => {
    // The console's organizer is called "you".
    await say(h.core, organizer("you"), nominate("Fromagerie"));
    await say(h.core, groupActor("ann"), nominate("Cave Rouge"));
    const seenByAnn = (await queue(groupActor("ann"))).split("\n");
    expect(seenByAnn.slice(1, 3)).toEqual([
      "#1 Fromagerie · no second yet · nominated by “you”",
      "#2 Cave Rouge · no second yet · nominated by you",
    ]);
    const seenByYou = (await queue(organizer("you"))).split("\n");
    expect(seenByYou.slice(1, 3)).toEqual([
      "#1 Fromagerie · no second yet · nominated by you",
      "#2 Cave Rouge · no second yet · nominated by ann",
    ]);
  });
});
