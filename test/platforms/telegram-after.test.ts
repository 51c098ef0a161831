import { describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "../fakes/core-harness.js";
import { GPS_MARK, jpeg, png } from "../fakes/images.js";
import { ALICE, BOB, CAROL, GROUP, ORG, until } from "../fakes/telegram-harness.js";
import type { IncomingPhoto, SentMessage } from "../fakes/telegram-server.js";
import { telegramScene } from "../fakes/telegram-talk.js";

/**
 * After the mob on Telegram, through the real grammY client and the fake Bot
 * API (which checks every upload as Telegram does): photos sent to the bot,
 * the tally as a photo with its caption, the recap album, the CSV in private.
 */
const START = Date.UTC(2026, 11, 5, 18, 0);
const TALLY = START + 2 * HOUR + 12 * HOUR;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const { rig, start, group, say, said } = telegramScene();

/** Sends a photo to the bot in private and returns the bot's answer there. */
async function sendPhoto(from: number, data: Buffer, photo: IncomingPhoto): Promise<string> {
  const before = rig().server.dms(from).length;
  rig().server.sendPhotoFrom(from, from, data, photo);
  await until(() => rig().server.dms(from).length > before, "an answer to the photo");
  return rig().server.dms(from)[before]?.text ?? "";
}

async function mobWithPeople(extra = "") {
  expect(await say(ORG, GROUP, `/newmob Librairie du Parc | 2026-12-05 18:00 | 15${extra}`)).toBe(
    "Mob #1 is announced.",
  );
  // The organizer has no private chat: the code's invitation follows in the group (chats run concurrently).
  await until(() => group().some((m) => m.text.startsWith("I can't send you")), "the invitation");
  for (const who of [ALICE, BOB]) {
    rig().server.startPrivate(who);
    await until(() => rig().server.dms(who).length > 0, "the welcome");
    expect(await say(who, GROUP, "/join 1")).toMatch(/^You're in!/);
  }
  await rig().h.drain();
}

describe("Telegram: after the mob", () => {
  it("a photo sent in private with /photo <id> joins the album; the tally is a 1200×630 photo with its caption, the album follows", async () => {
    const { server, h } = await start();
    await mobWithPeople(" | 3 rue des Lilas | party=Bar du Coin");
    const cta = group().find((m) => m.text.startsWith("Cash mob:"));
    expect(cta?.text).toContain("After-party: Bar du Coin");
    expect(cta?.links).toContain("https://www.openstreetmap.org/search?query=Bar%20du%20Coin");

    expect(await sendPhoto(ALICE, jpeg(1280, 960), { caption: "/photo 1" })).toBe(
      "Photos for mob #1 are taken from its start until the tally; this is not the time.",
    );
    await h.advance(START + 2 * HOUR + MINUTE - h.clock.now(), 10 * MINUTE);
    expect(await sendPhoto(ALICE, jpeg(1280, 960), { caption: "/photo 1" })).toBe(
      "Photo #1 is in mob #1's album (1 of your 5).",
    );
    // The bot took the largest size Telegram offered, through getFile and the file URL.
    expect(server.downloads.at(-1)).toMatch(/^photos\/file_\d+\.jpg$/);
    // A reply with a photo to the spend question is for that mob.
    await until(
      () => server.dms(BOB).some((m) => m.text.startsWith("Thanks for mobbing")),
      "Bob's spend question",
    );
    const question = server.dms(BOB).find((m) => m.text.startsWith("Thanks for mobbing"));
    expect(await sendPhoto(BOB, png(800, 600, 7), { replyTo: question })).toBe(
      "Photo #2 is in mob #1's album (1 of your 5).",
    );
    expect(await say(ALICE, ALICE, "/spent 1 40")).toBe("Thanks! €40.00 recorded.");

    await h.advance(TALLY + MINUTE - h.clock.now(), 30 * MINUTE);
    await until(() => group().some((m) => m.mediaGroupId !== undefined), "the album");
    const tally = group().find((m) => m.text.startsWith("Tally:")) as SentMessage;
    expect(tally.photo?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect([tally.photo?.data.readUInt32BE(16), tally.photo?.data.readUInt32BE(20)]).toEqual([
      1200, 630,
    ]);
    expect(tally.text).toBe(
      [
        "Tally: cash mob at Librairie du Parc",
        "Going: 2",
        "Came: 1",
        "Spent: €40.00 by 1 person",
        "Average: €40.00",
        "Pledged: €30.00 · 133% delivered",
      ].join("\n"),
    );
    const album = group().filter((m) => m.mediaGroupId !== undefined);
    expect(album.map((m) => m.photo?.filename)).toEqual(["photo-1.jpg", "photo-2.png"]);
    expect(album[0]?.text).toBe("Photos from the cash mob at Librairie du Parc");
    // What went out is the picture without its GPS position.
    expect(album[0]?.photo?.data.includes(Buffer.from(GPS_MARK))).toBe(false);
    // The album comes after the tally.
    expect(group().indexOf(album[0] as SentMessage)).toBeGreaterThan(group().indexOf(tally));
  });

  it("refuses a file that is no picture, one Telegram says is too large, and a photo without a mob, each with a sentence", async () => {
    const { server, h } = await start();
    await mobWithPeople();
    h.clock.set(START + 10 * MINUTE);
    expect(
      await sendPhoto(ALICE, Buffer.from("%PDF-1.7 not a photo"), {
        caption: "/photo 1",
        asDocument: { filename: "holiday.jpg", mimeType: "image/jpeg" },
      }),
    ).toBe("That file is not a photo I can take; send a JPEG, PNG or WebP picture.");
    const downloads = server.downloads.length;
    expect(
      await sendPhoto(ALICE, png(10, 10), { caption: "/photo 1", reportedSize: 12 * 1024 * 1024 }),
    ).toBe("That photo is too large; send one of at most 5 MB.");
    // Not downloaded: Telegram said how big it was.
    expect(server.downloads).toHaveLength(downloads);
    expect(await sendPhoto(ALICE, png(10, 10), {})).toBe(
      "Usage: /photo <id>, as the caption of a photo sent to me in private",
    );
    expect(await sendPhoto(CAROL, png(10, 10), { caption: "/photo 1" })).toBe(
      "Vous ne participez pas au mob n°1.",
    );
    expect(await h.store.photosOf(1)).toEqual([]);
    // Photos shared in the group without the command are not for the bot.
    const before = group().length;
    server.sendPhotoFrom(ALICE, GROUP, png(10, 10), { caption: "look!" });
    expect(await said(ALICE, GROUP, before)).toEqual([]);
  });

  it("/export sends the organizer the CSV as a document in private; without a private chat, an invitation in the group", async () => {
    const { server } = await start();
    await mobWithPeople();
    expect(await say(ALICE, GROUP, "/export 1")).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    expect(await say(ORG, GROUP, "/export 1")).toBe(
      "I've sent you mob #1's participants privately, as a file.",
    );
    await until(
      () => group().some((m) => m.text.startsWith("I can't send you the file")),
      "the invite",
    );
    server.startPrivate(ORG);
    await until(() => server.dms(ORG).length > 0, "the welcome");
    expect(await say(ORG, GROUP, "/export 1")).toBe(
      "I've sent you mob #1's participants privately, as a file.",
    );
    await until(() => server.dms(ORG).some((m) => m.document), "the file");
    const file = server.dms(ORG).find((m) => m.document) as SentMessage;
    expect(file.text).toBe(
      "Participants of mob #1 (Librairie du Parc)\n2 participants, as CSV (opens in any spreadsheet).",
    );
    expect(file.document?.filename).toBe("cashmob-1-participants.csv");
    expect(file.document?.data.toString("utf8")).toBe(
      "\ufeffname,platform,status,pledge (EUR),checked in,spent (EUR)\r\nAlice,Telegram,going,15.00,,\r\nBob,Telegram,going,15.00,,\r\n",
    );
    // Nothing of it in the group.
    expect(group().some((m) => m.document || m.text.includes("Alice,"))).toBe(false);
  });

  it("/thanks posts the card as a photo with the thank-you as caption; /history adds up", async () => {
    const { h } = await start({ harness: { settings: { publicUrl: "https://mobs.example.org" } } });
    await mobWithPeople();
    h.clock.set(START + 10 * MINUTE);
    expect(await say(ALICE, GROUP, "/spent 1 25")).toBe("Thanks! €25.00 recorded.");
    h.clock.set(START + 3 * HOUR);
    const answer = await say(ORG, GROUP, "/thanks 1 Merci <b>Anne</b> & toute l'équipe");
    expect(answer).toMatch(
      /^Your thanks for mob #1 is posted in every chat\.\nPass the mob's page on to the shop: https:\/\/mobs\.example\.org\/m\/[0-9a-f]{24}$/,
    );
    await h.drain();
    await until(() => group().some((m) => m.text.startsWith("Thank you")), "the thanks");
    const thanks = group().find((m) => m.text.startsWith("Thank you")) as SentMessage;
    expect(thanks.photo?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(thanks.text).toBe(
      [
        "Thank you, Librairie du Parc!",
        "“Merci <b>Anne</b> & toute l'équipe”",
        "1 of us came, and €25.00 was spent in your shop.",
      ].join("\n"),
    );
    expect(await say(BOB, GROUP, "/history")).toBe(
      [
        "Shops we've mobbed",
        "1 mob, 1 mobber, €25.00 spent in local shops.",
        "5 Dec 2026 · Librairie du Parc · 1 came · €25.00",
      ].join("\n"),
    );
  });

  it("a text too long for a caption goes right after the photo, with the buttons; one picture is a photo, not an album", async () => {
    await start();
    const platform = rig().adapter.platform;
    const channel = {
      platform: "telegram" as const,
      communityId: String(GROUP),
      channelId: String(GROUP),
    };
    const card = { bytes: png(1200, 630), filename: "card.png", mime: "image/png", alt: "card" };
    const long = await platform.publish(
      channel,
      {
        kind: "tally",
        tone: "success",
        title: "Tally: cash mob at Cave",
        lines: Array.from({ length: 60 }, (_, i) => [
          { kind: "text" as const, text: `Line ${i} of a long tally` },
        ]),
        actions: [[{ id: "mob:1:join", label: "Join", style: "success" }]],
        locale: "en",
        image: card,
      },
      { idempotencyKey: "k1" },
    );
    expect(long.ok).toBe(true);
    const [photo, text] = group().slice(-2);
    expect(photo?.photo?.filename).toBe("card.png");
    expect(photo?.text).toBe("");
    expect(photo?.reply_markup).toBeUndefined();
    expect(text?.text.startsWith("Tally: cash mob at Cave\nLine 0")).toBe(true);
    expect(text?.reply_markup?.inline_keyboard?.[0]?.[0]?.callback_data).toBe("mob:1:join");
    // The reference is the photo's: that is the post.
    expect(long.ok && long.ref).toBe(`${GROUP}:${photo?.message_id}`);

    const one = await platform.publishAlbum?.(
      channel,
      { caption: "Photos <of> the mob", pictures: [card], locale: "en" },
      { idempotencyKey: "k2" },
    );
    expect(one?.ok).toBe(true);
    expect(group().at(-1)?.text).toBe("Photos <of> the mob");
    expect(group().at(-1)?.photo?.filename).toBe("card.png");
    expect(group().at(-1)?.mediaGroupId).toBeUndefined();
  });
});
