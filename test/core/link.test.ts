import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports/inbound.js";
import { groupActor, HOUR, MINUTE, reply, say } from "../fakes/core-harness.js";
import { type Harness, recordingHarness } from "../fakes/core-scene.js";
import type { RecordingPlatform } from "../fakes/recording-platform.js";

let h: Harness;
let p: RecordingPlatform;
afterEach(() => h.close());

function setup() {
  ({ h, platform: p } = recordingHarness({ capabilities: { editIntervalMs: 0 } }));
}

/** Someone in a console room (a room is its own chat, like a Telegram group). */
const inRoom = (room: string, user: string, isOrganizer = false): Actor =>
  groupActor(user, {
    community: { id: room, name: room, channelId: room },
    isOrganizer,
  });
const lille = (user = "olga", org = true) => inRoom("lille", user, org);
const roubaix = (user = "rob", org = true) => inRoom("roubaix", user, org);

async function codeFrom(actor: Actor): Promise<string> {
  const answer = await reply(h.core, actor, { type: "link" });
  const code = /Link code: (\S+)/.exec(answer.secret?.title ?? "")?.[1];
  if (!code) throw new Error(`no code in ${answer.notice.title}`);
  return code;
}

/** The tables a refused command must leave as they were. */
function snapshot(): Promise<string> {
  return h.snapshot(["communities", "chats", "spaces", "mobs", "link_codes", "outbox"]);
}

describe("linking chats into one community", () => {
  it("the code is told only to the organizer; the other chat joins, bringing its mobs with their ids", async () => {
    setup();
    await say(h.core, lille(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, roubaix(), { type: "create", shop: "Épicerie", when: "2026-12-06 18:00" });
    await h.drain();
    const asked = await reply(h.core, lille(), { type: "link" });
    expect(asked.notice.title).toBe("I've sent you a link code privately.");
    expect(asked.secret?.title).toMatch(/^Link code: [A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    // Typed in lower case without the dash: still the code.
    const joined = await reply(h.core, roubaix(), {
      type: "link",
      code: code.toLowerCase().replace("-", ""),
    });
    expect(joined.notice.title).toBe("Linked! This chat is now part of lille.");
    expect(
      joined.notice.lines
        .flat()
        .map((l) => ("text" in l ? l.text : ""))
        .join(""),
    ).toBe("Chats: console lille, console roubaix");

    const listed = async (actor: Actor) =>
      (await reply(h.core, actor, { type: "list" })).notice.lines.map((l) =>
        l.map((x) => ("text" in x ? x.text : "")).join(""),
      );
    expect(await listed(lille("ann", false))).toEqual(await listed(roubaix("ann", false)));
    expect((await listed(roubaix("ann", false))).map((l) => l.split(" · ")[0])).toEqual([
      "#1 Cave",
      "#2 Épicerie",
    ]);
    // Each chat now has the call-to-action of each mob, once.
    p.clear();
    await h.drain();
    expect(p.log().sort()).toEqual([
      "channel lille call_to_action",
      "channel roubaix call_to_action",
    ]);
    await h.drain();
    expect(p.log()).toHaveLength(2);
    // The merged community is gone; every mob belongs to Lille's.
    expect(await h.count("communities")).toBe(1);
  });

  it("every post of the mob goes to every chat, in each chat's language", async () => {
    setup();
    await say(h.core, roubaix(), { type: "settings", locale: "fr" });
    await say(h.core, roubaix(), { type: "link", code: await codeFrom(lille()) });
    await say(h.core, lille(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, roubaix("zoe", false), { type: "join", id: "1" });
    await h.advance(Date.UTC(2026, 11, 4, 18, 1) - h.clock.now(), HOUR);
    const reminders = p.sent.filter((s) => s.notice.kind === "reminder" && s.via === "channel");
    expect(reminders.map((s) => [s.to, s.notice.locale]).sort()).toEqual([
      ["lille", "en"],
      ["roubaix", "fr"],
    ]);
    // Zoe joined from Roubaix: her DM is in French too.
    expect(p.sent.find((s) => s.via === "dm" && s.to === "zoe")?.notice.locale).toBe("fr");
  });

  it("a join in one chat edits the call-to-action in every chat", async () => {
    setup();
    await say(h.core, roubaix(), { type: "link", code: await codeFrom(lille()) });
    await say(h.core, lille(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.drain();
    // The two posts are due together and may go out in either order; the recording
    // platform numbers its messages in the order they went.
    const posted = (chat: string) =>
      `${chat}:${p.sent.findIndex((s) => s.to === chat && s.notice.kind === "call_to_action") + 1}`;
    const edits = [
      `edit ${posted("lille")} call_to_action`,
      `edit ${posted("roubaix")} call_to_action`,
    ];
    p.clear();
    await say(h.core, roubaix("zoe", false), { type: "join", id: "1" });
    await h.drain();
    expect(p.log().sort()).toEqual(edits.sort());
  });

  it("refuses an expired, used or mistyped code, its own community, and a non-organizer, changing nothing", async () => {
    setup();
    const code = await codeFrom(lille());
    await say(h.core, roubaix(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    const before = await snapshot();
    expect(await say(h.core, roubaix("ann", false), { type: "link", code })).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    expect(await say(h.core, roubaix(), { type: "link", code: "ZZZZ-ZZZZ" })).toBe(
      "That is not a link code I gave; in the other chat an organizer types /link to get one.",
    );
    expect(await say(h.core, roubaix(), { type: "link", code: "not a code!" })).toMatch(
      /^That is not a link code I gave/,
    );
    expect(await say(h.core, lille(), { type: "link", code })).toBe(
      "This chat is already part of that community; nothing changed.",
    );
    expect(await say(h.core, lille("ann", false), { type: "link" })).toMatch(/^Only organizers/);
    expect(await snapshot()).toBe(before);

    h.clock.advance(15 * MINUTE);
    expect(await say(h.core, roubaix(), { type: "link", code })).toBe(
      "That link code has expired (codes last 15 minutes); ask for a new one with /link in the other chat.",
    );
    expect(await snapshot()).toBe(before);

    const fresh = await codeFrom(lille());
    await say(h.core, roubaix(), { type: "link", code: fresh });
    // Tourcoing's first word makes its community; the refused link must change nothing after that.
    await say(h.core, inRoom("tourcoing", "tom", true), { type: "list" });
    const linked = await snapshot();
    expect(await say(h.core, inRoom("tourcoing", "tom", true), { type: "link", code: fresh })).toBe(
      "That link code was already used; ask for a new one with /link in the other chat.",
    );
    expect(await snapshot()).toBe(linked);
  });

  it("unlinking makes the chat a community of its own; the mobs stay, and the last chat cannot leave", async () => {
    setup();
    await say(h.core, roubaix(), { type: "link", code: await codeFrom(lille()) });
    await say(h.core, lille(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    expect(await say(h.core, roubaix("ann", false), { type: "unlink" })).toMatch(
      /^Only organizers/,
    );
    expect(await say(h.core, roubaix(), { type: "unlink" })).toBe(
      "This chat has left lille; it is now a community of its own.",
    );
    expect((await reply(h.core, roubaix(), { type: "list" })).notice.lines.flat()).toEqual([
      { kind: "text", text: "No upcoming mobs. Organizers create one with /newmob." },
    ]);
    expect(await say(h.core, roubaix("ann", false), { type: "info", id: "1" })).toMatch(
      /^There is no mob #1 here/,
    );
    expect(await say(h.core, lille(), { type: "unlink" })).toBe(
      "This is the community's only chat, so there is nothing to unlink it from.",
    );
    // The reminders of mob #1 now go to Lille only.
    p.clear();
    await h.advance(Date.UTC(2026, 11, 4, 18, 1) - h.clock.now(), HOUR);
    expect(p.log().filter((l) => l.includes("reminder"))).toEqual(["channel lille reminder"]);
  });

  it("a member without a DM channel is mentioned in the chat they joined from only", async () => {
    setup();
    await say(h.core, roubaix(), { type: "link", code: await codeFrom(lille()) });
    await say(h.core, lille(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, roubaix("zoe", false), { type: "join", id: "1" });
    await say(h.core, lille("lou", false), { type: "join", id: "1" });
    p.noDm.add("zoe");
    await h.advance(Date.UTC(2026, 11, 4, 18, 1) - h.clock.now(), HOUR);
    const mentions = p.sent.filter((s) => s.notice.kind === "unreachable_mentions");
    expect(mentions.map((s) => s.to)).toEqual(["roubaix"]);
    expect(p.sent.filter((s) => s.via === "dm").map((s) => s.to)).toEqual(["lou"]);
  });
});

describe("linking from a Discord channel that is not a chat yet", () => {
  it("the channel the code was asked in becomes a chat, so the linked community speaks there too", async () => {
    setup();
    const inServer = (user: string, channel: string): Actor =>
      groupActor(user, {
        community: { id: "guild1", name: "Lyon", channelId: channel },
        isOrganizer: true,
      });
    // A command in #random makes the server's community but no chat (no posts go to #random).
    await say(h.core, inServer("dora", "random"), { type: "list" });
    const code = await codeFrom(inServer("dora", "mobs"));
    await say(h.core, roubaix(), { type: "link", code });
    await say(h.core, roubaix(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.drain();
    expect(p.log().sort()).toEqual([
      "channel mobs call_to_action",
      "channel roubaix call_to_action",
    ]);
  });
});
