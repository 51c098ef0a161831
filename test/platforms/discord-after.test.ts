import { describe, expect, it } from "vitest";
import { type Harness, HOUR, MINUTE } from "../fakes/core-harness.js";
import { discordCore } from "../fakes/discord-core.js";
import { ALICE, BOB, ORG, readable } from "../fakes/discord-harness.js";
import { EPHEMERAL, type InteractionRecord, type StoredMessage } from "../fakes/discord-model.js";
import { type FakeDiscord, PERMISSIONS, type SlashOptions } from "../fakes/discord-server.js";
import { GPS_MARK, jpeg, png } from "../fakes/images.js";

/**
 * After the mob on Discord, through the real discord.js client and the fake
 * Discord (which checks every request against Discord's OpenAPI description
 * and keeps the files of each message): `/mob photo` with an attachment, the
 * tally with its card, the recap album, the export only its asker sees.
 */
const START = Date.UTC(2026, 11, 5, 18);
const TALLY = START + 2 * HOUR + 12 * HOUR;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const setup = (settings: { publicUrl?: string } = {}) => discordCore({ harness: { settings } });

const organizer = { user: ORG, permissions: PERMISSIONS.manageEvents };

async function run(server: FakeDiscord, options: SlashOptions, followups = 0) {
  return server.answered(server.slash(options), followups);
}

const said = (record: InteractionRecord) => (record.original ? readable(record.original) : "");

async function mobWithPeople(
  server: FakeDiscord,
  h: Harness,
  extra: Record<string, string | number | boolean> = {},
) {
  await run(
    server,
    {
      ...organizer,
      subcommand: "create",
      options: { shop: "Librairie du Parc", when: "2026-12-05 18:00", pledge: 15, ...extra },
    },
    1,
  );
  for (const user of [ALICE, BOB])
    await run(server, { user, subcommand: "join", options: { id: 1 } });
  await h.drain();
}

const photo = (server: FakeDiscord, user: string, data: Buffer, name: string, type: string) =>
  run(server, {
    user,
    subcommand: "photo",
    options: { id: 1, image: server.upload(data, name, type) },
  });

describe("Discord: after the mob", () => {
  it("/mob photo takes the attachment into the album; the tally embed shows the card, the album follows with the photos", async () => {
    const { server, h } = await setup();
    await mobWithPeople(server, h, { party: "Bar du Coin" });
    const cta = server
      .channelMessages()
      .find((m) => m.embeds[0]?.title === "Cash mob: Librairie du Parc");
    expect(readable(cta as StoredMessage)).toContain("After-party: Bar du Coin");

    h.clock.set(START + 20 * MINUTE);
    const added = await photo(server, ALICE, jpeg(1600, 1200), "IMG_2041.JPG", "image/jpeg");
    expect(said(added)).toBe("Photo #1 is in mob #1's album (1 of your 5).");
    expect((added.original?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    // Fetched from Discord's attachment URL while it is valid.
    expect(server.downloads).toHaveLength(1);
    expect(said(await photo(server, BOB, png(640, 480, 3), "crowd.png", "image/png"))).toBe(
      "Photo #2 is in mob #1's album (1 of your 5).",
    );
    await run(server, { user: ALICE, subcommand: "spent", options: { id: 1, amount: 30 } });

    await h.advance(TALLY + MINUTE - h.clock.now(), 30 * MINUTE);
    await server.waitFor(() => server.channelMessages().some((m) => m.attachments.length === 2));
    const posts = server.channelMessages();
    const tally = posts.find(
      (m) => m.embeds[0]?.title === "Tally: cash mob at Librairie du Parc",
    ) as StoredMessage;
    const [card] = tally.attachments;
    expect(card).toMatchObject({ filename: "card.png", content_type: "image/png" });
    expect(card?.description).toContain("Librairie du Parc");
    expect(card?.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect([card?.data.readUInt32BE(16), card?.data.readUInt32BE(20)]).toEqual([1200, 630]);
    // The embed shows that very file.
    expect((tally.embeds[0]?.image as { url?: string } | undefined)?.url).toBe(card?.url);
    const album = posts.find((m) => m.attachments.length === 2) as StoredMessage;
    expect(album.content).toBe("Photos from the cash mob at Librairie du Parc");
    expect(album.attachments.map((a) => [a.filename, a.content_type, a.description])).toEqual([
      ["photo-1.jpg", "image/jpeg", "Photo #1"],
      ["photo-2.png", "image/png", "Photo #2"],
    ]);
    expect(album.attachments[0]?.data.includes(Buffer.from(GPS_MARK))).toBe(false);
    expect(posts.indexOf(album)).toBeGreaterThan(posts.indexOf(tally));
  });

  it("refuses a file that is not a picture, one too large (not even downloaded), and an outsider, each with one sentence", async () => {
    const { server, h } = await setup();
    await mobWithPeople(server, h);
    h.clock.set(START + 20 * MINUTE);
    expect(
      said(
        await photo(server, ALICE, Buffer.from("<svg onload=alert(1)>"), "cat.png", "image/png"),
      ),
    ).toBe("That file is not a photo I can take; send a JPEG, PNG or WebP picture.");
    const big = server.upload(png(20, 20), "huge.png", "image/png", 9 * 1024 * 1024);
    const downloads = server.downloads.length;
    expect(
      said(await run(server, { user: ALICE, subcommand: "photo", options: { id: 1, image: big } })),
    ).toBe("That photo is too large; send one of at most 5 MB.");
    expect(server.downloads).toHaveLength(downloads);
    expect(said(await photo(server, "100000000000000077", png(20, 20), "a.png", "image/png"))).toBe(
      "You are not in mob #1.",
    );
    expect(await h.store.photosOf(1)).toEqual([]);
    // An organizer removes a photo by its number.
    await photo(server, ALICE, png(20, 20, 5), "a.png", "image/png");
    expect(
      said(await run(server, { ...organizer, subcommand: "photo", options: { id: 1, remove: 1 } })),
    ).toBe("Photo #1 is out of mob #1's album.");
  });

  it("/mob export answers the organizer alone with the CSV attached; /mob thanks posts the card; /mob history adds up", async () => {
    const { server, h } = await setup({ publicUrl: "https://mobs.example.org" });
    await mobWithPeople(server, h);
    const refused = await run(server, { user: ALICE, subcommand: "export", options: { id: 1 } });
    expect(said(refused)).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    const exported = await run(
      server,
      { ...organizer, subcommand: "export", options: { id: 1 } },
      1,
    );
    expect(said(exported)).toBe("I've sent you mob #1's participants privately, as a file.");
    const file = exported.followups[0] as StoredMessage;
    expect(file.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(file.attachments.map((a) => a.filename)).toEqual(["cashmob-1-participants.csv"]);
    expect(file.attachments[0]?.data.toString("utf8")).toBe(
      "\ufeffname,platform,status,pledge (EUR),checked in,spent (EUR)\r\nalice,Discord,going,15.00,,\r\nbob,Discord,going,15.00,,\r\n",
    );
    // Nothing of it in the channel for everyone.
    expect(server.channelMessages().some((m) => m.attachments.length > 0)).toBe(false);

    h.clock.set(START + 20 * MINUTE);
    await run(server, { user: BOB, subcommand: "spent", options: { id: 1, amount: 22 } });
    h.clock.set(START + 3 * HOUR);
    const thanked = await run(server, {
      ...organizer,
      subcommand: "thanks",
      options: { id: 1, message: "Merci @everyone **Anne**" },
    });
    expect(said(thanked)).toMatch(
      /^Your thanks for mob #1 is posted in every chat\.\nPass the mob's page on to the shop: https:\/\/mobs\.example\.org\/m\//,
    );
    await h.drain();
    await server.waitFor(() =>
      server.channelMessages().some((m) => m.embeds[0]?.title === "Thank you, Librairie du Parc!"),
    );
    const thanks = server
      .channelMessages()
      .find((m) => m.embeds[0]?.title === "Thank you, Librairie du Parc!") as StoredMessage;
    expect(readable(thanks)).toBe(
      "Thank you, Librairie du Parc!\n“Merci @everyone **Anne**”\n1 of us came, and €22.00 was spent in your shop.",
    );
    expect(thanks.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(thanks.attachments[0]?.filename).toBe("card.png");

    const history = await run(server, { user: ALICE, subcommand: "history" });
    expect(said(history)).toBe(
      "Shops we've mobbed\n1 mob, 1 mobber, €22.00 spent in local shops.\n5 Dec 2026 · Librairie du Parc · 1 came · €22.00",
    );
    expect((history.original?.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it("/mob fits Discord's limits on one command (25 subcommands, 8,000 characters), which the fake enforces", async () => {
    const { server } = await setup();
    const [mob] = server.commands();
    expect((mob?.options as unknown[] | undefined)?.length ?? 99).toBeLessThanOrEqual(25);
    // The same registration, with a command over the size limit: refused as Discord refuses it.
    const option = (i: number) => ({ name: `o${i}`, description: "d".repeat(100), type: 3 });
    const sub = (i: number) => ({
      name: `s${i}`,
      description: "s".repeat(100),
      type: 1,
      options: Array.from({ length: 25 }, (_, j) => option(j)),
    });
    const res = await fetch(
      `${server.apiUrl}/v10/applications/${server.applicationId}/guilds/${server.guild.id}/commands`,
      {
        method: "PUT",
        headers: { authorization: `Bot ${server.token}`, "content-type": "application/json" },
        body: JSON.stringify([
          { name: "big", description: "too big", type: 1, options: [0, 1, 2, 3].map(sub) },
        ]),
      },
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain(
      "Command exceeds maximum size (8000)",
    );
  });

  it("an album heavier than one message may carry is split across messages", async () => {
    const { server, adapter } = await setup();
    const platform = adapter.platform;
    const heavy = (n: number) => ({
      bytes: Buffer.concat([png(10, 10, n), Buffer.alloc(3 * 1024 * 1024)]),
      filename: `photo-${n}.png`,
      mime: "image/png",
      alt: `Photo #${n}`,
    });
    const result = await platform?.publishAlbum?.(
      {
        platform: "discord",
        communityId: server.guild.id,
        channelId: server.guild.channels[0]?.id ?? "",
      },
      { caption: "Photos", pictures: [1, 2, 3, 4].map(heavy), locale: "en" },
      { idempotencyKey: "album-1" },
    );
    expect(result?.ok).toBe(true);
    expect(server.channelMessages().map((m) => m.attachments.map((a) => a.filename))).toEqual([
      ["photo-1.png", "photo-2.png"],
      ["photo-3.png", "photo-4.png"],
    ]);
    expect(server.channelMessages().map((m) => m.content)).toEqual(["Photos", ""]);
  });
});
