import { afterEach, describe, expect, it } from "vitest";
import type { Actor, PhotoUpload } from "../../src/ports/inbound.js";
import { groupActor, HOUR, MINUTE, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { GPS_MARK, jpeg, png, webp } from "../fakes/images.js";
import { noticeText, type RecordingPlatform, type Sent } from "../fakes/recording-platform.js";

let h: Harness;
afterEach(() => h?.close());

function setup(settings: { publicUrl?: string } = {}) {
  let platform: RecordingPlatform;
  ({ h, platform } = recordingHarness({ settings, capabilities: { editIntervalMs: 0 } }));
  return platform;
}

const START = Date.UTC(2026, 11, 5, 18, 0);
const END = START + 2 * HOUR;
const TALLY = END + 12 * HOUR;

const upload = (bytes: Uint8Array): PhotoUpload => ({ ok: true, bytes });
const photo = (actor: Actor, bytes: Uint8Array, id = "1") =>
  say(h.core, actor, { type: "photo", id, upload: upload(bytes) });

/** Width and height of a PNG, from its IHDR. */
function pngSize(bytes: Uint8Array): [number, number] {
  const b = Buffer.from(bytes);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

const photoRows = () =>
  h.query(
    "SELECT number, member_id, CASE WHEN dropped_at IS NULL THEN 1 ELSE 0 END AS kept FROM photos ORDER BY id",
  );

async function mobWithPeople(extra: Record<string, string> = {}) {
  await orgCreates(h.core, {
    shop: "Librairie du Parc",
    when: "2026-12-05 18:00",
    goal: "100",
    takings: "50",
    ...extra,
  });
  for (const who of ["alice", "bob"]) await say(h.core, groupActor(who), { type: "join", id: "1" });
  await h.drain();
}

describe("the after-party", () => {
  it("shows with a map link on the call-to-action, the reminders, the start post and /mob", async () => {
    const p = setup();
    await mobWithPeople({ party: "Bar du Coin, 5 rue des Lilas" });
    await h.advance(START + MINUTE - h.clock.now());
    const link =
      "https://www.openstreetmap.org/search?query=Bar%20du%20Coin%2C%205%20rue%20des%20Lilas";
    for (const kind of ["call_to_action", "reminder", "start"]) {
      const post = p.sent.find((s) => s.notice.kind === kind && s.via === "channel");
      expect(post && noticeText(post.notice), kind).toContain(
        "After-party: Bar du Coin, 5 rue des Lilas",
      );
      expect(post?.notice.lines.flat()).toContainEqual({
        kind: "link",
        text: "Bar du Coin, 5 rue des Lilas",
        url: link,
      });
    }
    const info = await reply(h.core, groupActor("alice"), { type: "info", id: "1" });
    expect(noticeText(info.notice)).toContain("After-party: Bar du Coin");
  });

  it("of a secret shop stays secret until the reveal, and can be changed with /editmob", async () => {
    const p = setup();
    await mobWithPeople({ secret: "yes", party: "Le Zinc" });
    expect(
      await say(h.core, organizer(), { type: "edit", id: "1", party: "Café de la Gare" }),
    ).toBe("Mob #1 is updated.");
    await h.advance(START - HOUR - MINUTE - h.clock.now());
    const info = async () =>
      noticeText((await reply(h.core, groupActor("alice"), { type: "info", id: "1" })).notice);
    expect(await info()).not.toContain("Café");
    await h.advance(2 * MINUTE);
    const before = p.sent.filter((s) => s.at < START - HOUR);
    expect(before.map((s) => noticeText(s.notice)).join("\n")).not.toMatch(/Zinc|Café/);
    const reveal = p.sent.find((s) => s.notice.kind === "reveal" && s.via === "channel");
    expect(reveal && noticeText(reveal.notice)).toContain("After-party: Café de la Gare");
    // From the reveal on, /mob says it too.
    expect(await info()).toContain("After-party: Café de la Gare");
  });

  it("a place too long is refused with one sentence, changing nothing", async () => {
    setup();
    await mobWithPeople();
    expect(await say(h.core, organizer(), { type: "edit", id: "1", party: "x".repeat(201) })).toBe(
      "The after-party is too long (201 characters); keep it under 200.",
    );
    expect((await h.store.getMob(1))?.party).toBeNull();
  });
});

describe("photos", () => {
  it("participants add them from the start until the tally; the tally carries the card and the recap album follows", async () => {
    const p = setup();
    await mobWithPeople();
    const alice = groupActor("alice");
    expect(await photo(alice, jpeg(1280, 960))).toBe(
      "Photos for mob #1 are taken from its start until the tally; this is not the time.",
    );
    h.clock.set(START + 30 * MINUTE);
    expect(await photo(alice, jpeg(1280, 960))).toBe(
      "Photo #1 is in mob #1's album (1 of your 5).",
    );
    expect(await photo(groupActor("bob"), png(800, 600))).toBe(
      "Photo #2 is in mob #1's album (1 of your 5).",
    );
    expect(await photo(alice, webp(1000, 1000))).toBe(
      "Photo #3 is in mob #1's album (2 of your 5).",
    );
    // What is kept is the picture without its GPS position.
    const kept = await h.store.photoBytes(1, 1);
    expect(kept && Buffer.from(kept).includes(Buffer.from(GPS_MARK))).toBe(false);
    await say(h.core, alice, { type: "spent", id: "1", amount: "40" });
    await say(h.core, groupActor("bob"), { type: "spent", id: "1", amount: "20" });

    await h.advance(TALLY + MINUTE - h.clock.now());
    expect(await photo(alice, png(10, 10, 9))).toBe(
      "Photos for mob #1 are taken from its start until the tally; this is not the time.",
    );
    const afterTally = p.sent.filter((s) => s.at >= TALLY && s.via === "channel");
    expect(afterTally.map((s) => (s.album ? "album" : s.notice.kind))).toEqual(["tally", "album"]);
    const [tally, album] = afterTally as [Sent, Sent];
    expect(pngSize(tally.notice.image?.bytes ?? new Uint8Array())).toEqual([1200, 630]);
    expect(tally.notice.image).toMatchObject({ filename: "card.png", mime: "image/png" });
    expect(tally.notice.image?.alt).toContain("Librairie du Parc");
    expect(tally.notice.image?.alt).toContain("2 came");
    expect(album.album?.caption).toBe("Photos from the cash mob at Librairie du Parc");
    expect(album.album?.pictures.map((x) => [x.filename, x.mime, x.alt])).toEqual([
      ["photo-1.jpg", "image/jpeg", "Photo #1"],
      ["photo-2.png", "image/png", "Photo #2"],
      ["photo-3.webp", "image/webp", "Photo #3"],
    ]);
  });

  it("a mob without photos gets its tally with the card and no album", async () => {
    const p = setup();
    await mobWithPeople();
    await h.advance(TALLY + MINUTE - h.clock.now());
    const posts = p.sent.filter((s) => s.at >= TALLY);
    expect(posts.map((s) => (s.album ? "album" : s.notice.kind))).toEqual(["tally"]);
    expect(posts[0]?.notice.image?.bytes.length).toBeGreaterThan(1000);
  });

  it("refuses, with one sentence and nothing stored, bad files, outsiders, repeats and one too many", async () => {
    setup();
    await mobWithPeople();
    h.clock.set(START + 10 * MINUTE);
    const alice = groupActor("alice");
    const cases: [Actor, PhotoUpload | null, string][] = [
      [
        alice,
        upload(Buffer.from("#!/bin/sh\nrm -rf /")),
        "That file is not a photo I can take; send a JPEG, PNG or WebP picture.",
      ],
      [
        alice,
        upload(Buffer.concat([jpeg(100, 100), Buffer.alloc(5 * 1024 * 1024)])),
        "That photo is too large; send one of at most 5 MB.",
      ],
      [
        alice,
        { ok: false, reason: "too_large" },
        "That photo is too large; send one of at most 5 MB.",
      ],
      [
        alice,
        { ok: false, reason: "unreadable" },
        "I couldn't fetch that photo; please send it again.",
      ],
      [
        alice,
        upload(png(5000, 200)),
        "That picture is too big or too narrow (at most 10,000 pixels wide and high together, 20 times longer than wide); send another.",
      ],
      [alice, null, "Send the photo itself: /photo 1 <file>."],
      [groupActor("mallory"), upload(png(10, 10)), "You are not in mob #1."],
    ];
    for (const [actor, up, sentence] of cases)
      expect(await say(h.core, actor, { type: "photo", id: "1", upload: up })).toBe(sentence);
    expect(await photoRows()).toEqual([]);

    expect(await photo(alice, png(10, 10, 1))).toMatch(/^Photo #1 /);
    expect(await photo(alice, png(10, 10, 1))).toBe("That photo is already in mob #1's album.");
    for (let i = 2; i <= 5; i++) await photo(alice, png(10, 10, i));
    expect(await photo(alice, png(10, 10, 6))).toBe(
      "You have already sent 5 photos for mob #1, the most one person can.",
    );
    expect(await photoRows()).toHaveLength(5);
  });

  it("an album holds thirty; the recap shows ten, everyone's first before anyone's second", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    const people = Array.from({ length: 7 }, (_, i) => groupActor(`m${i}`));
    for (const who of people) await say(h.core, who, { type: "join", id: "1" });
    h.clock.set(START + 10 * MINUTE);
    let seed = 1;
    for (const who of people.slice(0, 6))
      for (let i = 0; i < 5; i++) await photo(who, png(10, 10, seed++));
    expect(await photo(people[6] as Actor, png(10, 10, seed++))).toBe(
      "Mob #1's album is full (30 photos).",
    );
    await h.advance(TALLY + MINUTE - h.clock.now());
    const album = p.sent.find((s) => s.album)?.album;
    // m0 sent 1–5, m1 6–10, …: everyone's first, then the first four seconds.
    expect(album?.pictures.map((x) => x.filename)).toEqual(
      [1, 2, 6, 7, 11, 12, 16, 17, 21, 26].map((n) => `photo-${n}.png`),
    );
  });

  it("/dropphoto: organizers, or who sent it, take a photo out; its number is not given again", async () => {
    const p = setup();
    await mobWithPeople();
    h.clock.set(START + 10 * MINUTE);
    await photo(groupActor("alice"), png(10, 10, 1));
    await photo(groupActor("bob"), png(10, 10, 2));
    expect(await say(h.core, groupActor("bob"), { type: "dropphoto", id: "1", photo: "1" })).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    expect(await say(h.core, organizer(), { type: "dropphoto", id: "1", photo: "1" })).toBe(
      "Photo #1 is out of mob #1's album.",
    );
    expect(await say(h.core, groupActor("bob"), { type: "dropphoto", id: "1", photo: "2" })).toBe(
      "Photo #2 is out of mob #1's album.",
    );
    expect(await say(h.core, organizer(), { type: "dropphoto", id: "1", photo: "2" })).toBe(
      "Mob #1 has no photo #2.",
    );
    expect(await say(h.core, organizer(), { type: "dropphoto", id: "1", photo: "x" })).toBe(
      "Mob #1 has no photo #x.",
    );
    expect(await h.store.photoBytes(1, 1)).toBeNull();
    expect(await photo(groupActor("alice"), png(10, 10, 1))).toMatch(/^Photo #3 /);
    await h.advance(TALLY + MINUTE - h.clock.now());
    expect(p.sent.find((s) => s.album)?.album?.pictures.map((x) => x.filename)).toEqual([
      "photo-3.png",
    ]);
  });
});

describe("the tally card", () => {
  it("says 'a usual day' only when the merchant agreed to publish it", async () => {
    const p = setup();
    await mobWithPeople({ takings: "40" });
    h.clock.set(START + 10 * MINUTE);
    await say(h.core, groupActor("alice"), { type: "spent", id: "1", amount: "80" });
    await h.advance(TALLY + MINUTE - h.clock.now());
    const hidden = p.sent.find((s) => s.notice.kind === "tally")?.notice.image?.alt ?? "";
    expect(hidden).toContain("80% of the goal");
    expect(hidden).not.toContain("usual day");

    h.close();
    const q = setup();
    await mobWithPeople({ takings: "40" });
    h.clock.set(START + 10 * MINUTE);
    await say(h.core, groupActor("alice"), { type: "spent", id: "1", amount: "80" });
    // The merchant said yes after the mob: still in time before the tally.
    await say(h.core, organizer(), { type: "merchant", id: "1", publish: "yes" });
    expect((await h.store.getMob(1))?.takingsPublic).toBe(true);
    await h.advance(TALLY + MINUTE - h.clock.now());
    const shown = q.sent.find((s) => s.notice.kind === "tally")?.notice.image?.alt ?? "";
    expect(shown).toContain("×2 a usual day");
  });
});

describe("/thanks", () => {
  it("posts a thank-you with the card in the chat and hands the organizer the mob's page", async () => {
    const p = setup({ publicUrl: "https://mobs.example.org" });
    await mobWithPeople();
    expect(
      await say(h.core, organizer(), { type: "thanks", id: "1", message: "Merci Anne !" }),
    ).toBe("Mob #1 is not over yet; thank the merchant once it has ended.");
    h.clock.set(START + 10 * MINUTE);
    await say(h.core, groupActor("alice"), { type: "spent", id: "1", amount: "30" });
    h.clock.set(END + MINUTE);
    expect(await say(h.core, groupActor("alice"), { type: "thanks", id: "1", message: "hi" })).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    const answer = await reply(h.core, organizer(), {
      type: "thanks",
      id: "1",
      message: "Merci Anne, à bientôt !",
    });
    expect(answer.audience).toBe("personal");
    expect(noticeText(answer.notice)).toBe(
      [
        "Your thanks for mob #1 is posted in every chat.",
        `Pass the mob's page on to the shop: https://mobs.example.org/m/${(await h.store.getMob(1))?.publicId}`,
      ].join("\n"),
    );
    await h.drain();
    const thanks = p.sent.find((s) => s.notice.kind === "thanks");
    expect(thanks && noticeText(thanks.notice)).toBe(
      [
        "Thank you, Librairie du Parc!",
        "“Merci Anne, à bientôt !”",
        "1 of us came, and €30.00 was spent in your shop.",
      ].join("\n"),
    );
    expect(pngSize(thanks?.notice.image?.bytes ?? new Uint8Array())).toEqual([1200, 630]);
    // Only the chat: members are not DMed a thank-you meant for the shop.
    expect(p.sent.filter((s) => s.notice.kind === "thanks").map((s) => s.via)).toEqual(["channel"]);
  });

  it("without PUBLIC_URL says there is no link yet", async () => {
    setup();
    await mobWithPeople();
    h.clock.set(END + MINUTE);
    const answer = await reply(h.core, organizer(), { type: "thanks", id: "1" });
    expect(noticeText(answer.notice)).toContain("PUBLIC_URL is not set");
  });
});

describe("/history", () => {
  it("lists the shops mobbed with date, mobbers and total, and adds them up", async () => {
    setup();
    const org = organizer();
    expect(await say(h.core, org, { type: "history" })).toBe("Shops we've mobbed");
    expect(noticeText((await reply(h.core, org, { type: "history" })).notice)).toContain(
      "No mob has happened here yet.",
    );
    await say(h.core, org, { type: "create", shop: "Cave", when: "2026-12-02 18:00" });
    await say(h.core, org, { type: "create", shop: "Librairie", when: "2026-12-03 18:00" });
    await say(h.core, org, { type: "create", shop: "Fleuriste", when: "2026-12-04 18:00" });
    await say(h.core, org, { type: "create", shop: "Épicerie", when: "2026-12-20 18:00" });
    await say(h.core, org, {
      type: "create",
      shop: "Boucherie",
      when: "2026-12-03 19:00",
      currency: "CHF",
    });
    await say(h.core, org, { type: "cancel", id: "3" });
    const spend = async (id: string, who: string, amount: string) => {
      await say(h.core, groupActor(who), { type: "join", id });
      await say(h.core, groupActor(who), { type: "spent", id, amount });
    };
    h.clock.set(Date.UTC(2026, 11, 2, 18, 30));
    await spend("1", "a", "20");
    await spend("1", "b", "15.50");
    h.clock.set(Date.UTC(2026, 11, 3, 18, 30));
    await spend("2", "a", "30");
    await say(h.core, groupActor("c"), { type: "join", id: "2" });
    await say(h.core, groupActor("c"), {
      type: "checkin",
      id: "2",
      code: (await h.store.getMob(2))?.checkinCode ?? "",
    });
    await say(h.core, groupActor("d"), { type: "join", id: "2" });
    h.clock.set(Date.UTC(2026, 11, 3, 19, 30));
    await spend("5", "a", "12");
    await h.advance(Date.UTC(2026, 11, 5, 12, 0) - h.clock.now(), HOUR);

    const history = await reply(h.core, groupActor("anyone"), { type: "history" });
    expect(history.audience).toBe("channel");
    expect(noticeText(history.notice)).toBe(
      [
        "Shops we've mobbed",
        "3 mobs, 5 mobbers, €65.50 + CHF\u00a012.00 spent in local shops.",
        "3 Dec 2026 · Boucherie · 1 came · CHF\u00a012.00",
        "3 Dec 2026 · Librairie · 2 came · €30.00",
        "2 Dec 2026 · Cave · 2 came · €35.50",
      ].join("\n"),
    );
    // The same numbers the tally counted.
    expect(await h.store.pastTotals(1, h.clock.now())).toEqual({
      mobs: 3,
      mobbers: 5,
      spent: [
        { currency: "EUR", totalMinor: 6550 },
        { currency: "CHF", totalMinor: 1200 },
      ],
    });
  });
});

describe("/export", () => {
  it("sends organizers the participants as a spreadsheet-safe CSV, privately", async () => {
    setup();
    await mobWithPeople();
    await say(h.core, groupActor('=HYPERLINK("http://x")'), {
      type: "join",
      id: "1",
      pledge: "25",
    });
    await say(h.core, groupActor('Zoé, la "libraire"'), {
      type: "action",
      actionId: "mob:1:maybe",
    });
    h.clock.set(START + 10 * MINUTE);
    await say(h.core, groupActor("alice"), {
      type: "checkin",
      id: "1",
      code: (await h.store.getMob(1))?.checkinCode ?? "",
    });
    await say(h.core, groupActor("alice"), { type: "spent", id: "1", amount: "18.5" });

    expect(await say(h.core, groupActor("alice"), { type: "export", id: "1" })).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    const answer = await reply(h.core, organizer(), { type: "export", id: "1" });
    expect(answer.audience).toBe("personal");
    expect(answer.notice.title).toBe("I've sent you mob #1's participants privately, as a file.");
    expect(answer.secret?.title).toBe("Participants of mob #1 (Librairie du Parc)");
    const file = answer.secret?.file;
    expect(file).toMatchObject({ filename: "cashmob-1-participants.csv", mime: "text/csv" });
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(file?.bytes)).toBe(
      [
        "\ufeffname,platform,status,pledge (EUR),checked in,spent (EUR)",
        "alice,console,going,15.00,2026-12-05 18:10,18.50",
        "bob,console,going,15.00,,",
        `"'=HYPERLINK(""http://x"")",console,going,25.00,,`,
        `"Zoé, la ""libraire""",console,maybe,15.00,,`,
        "",
      ].join("\r\n"),
    );
  });
});
