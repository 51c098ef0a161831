import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports/inbound.js";
import { cardContent } from "../../src/render/card.js";
import { createWebApp } from "../../src/web/app.js";
import { groupActor, HOUR, MINUTE, say } from "../fakes/core-harness.js";
import { type Harness, recordingHarness } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";
import { png } from "../fakes/images.js";

/**
 * The public pages' privacy, on the real store through the real core: what
 * the database holds of people (names, user and chat ids, check-in codes), of
 * the merchant (usual takings, note) and of a secret shop before its reveal
 * never reaches a page, a calendar, the card or a photo.
 */
const PUBLIC_URL = "https://mobs.example.org";
const CHAT = "-1009876543210";
const SECRET_SHOP = "Fromagerie Cachée";
const SECRET_ADDRESS = "12 impasse Secrète";
const SECRET_PARTY = "Bar du Coin Secret";
const PEOPLE = [
  { id: "70001234", name: "Zoé Martin-Privée" },
  { id: "70005678", name: "Yves Discret" },
];
const ORGANIZER = { id: "70009999", name: "Olga Organisatrice" };

let h: Harness;
afterEach(() => h.close());

const actor = (who: { id: string; name: string }, isOrganizer = false): Actor =>
  groupActor(
    who.id,
    {
      user: { id: who.id, displayName: who.name },
      community: { id: CHAT, name: "Quartier des Lilas", channelId: CHAT },
      isOrganizer,
    },
    "telegram",
  );
const org = () => actor(ORGANIZER, true);

/** A tallied mob with check-ins, spends, the merchant's private answer and photos; a secret one ahead; a draft. */
async function community() {
  ({ h } = recordingHarness({ on: "telegram", settings: { publicUrl: PUBLIC_URL } }));
  await say(h.core, org(), {
    type: "create",
    shop: "Librairie du Parc",
    when: "2026-12-02 18:00",
    goal: "100",
    takings: "1234.56",
  });
  await say(h.core, org(), { type: "merchant", id: "1", status: "agreed", note: "cash only" });
  await say(h.core, org(), {
    type: "create",
    shop: SECRET_SHOP,
    when: "2026-12-09 18:00",
    address: SECRET_ADDRESS,
    party: SECRET_PARTY,
    meetingPoint: "Fontaine de la place",
    secret: "yes",
  });
  await say(h.core, org(), {
    type: "create",
    shop: "Brouillon Discret",
    when: "2026-12-20 18:00",
    draft: "yes",
  });
  for (const person of PEOPLE) {
    await say(h.core, actor(person), { type: "join", id: "1" });
    await say(h.core, actor(person), { type: "join", id: "2" });
  }
  await h.advance(Date.UTC(2026, 11, 2, 18, 30) - h.clock.now(), HOUR);
  const code = (await h.store.getMob(1))?.checkinCode ?? "";
  const [zoe, yves] = PEOPLE.map((p) => actor(p));
  await say(h.core, zoe as Actor, { type: "checkin", id: "1", code });
  // A photo whose metadata carries its sender's name: the page serves it without.
  const photo = png(64, 48, 3, PEOPLE[0]?.name);
  expect(
    await say(h.core, zoe as Actor, { type: "photo", id: "1", upload: { ok: true, bytes: photo } }),
  ).toBe("Photo #1 is in mob #1's album (1 of your 5).");
  await say(h.core, zoe as Actor, { type: "spent", id: "1", amount: "40" });
  await say(h.core, yves as Actor, { type: "spent", id: "1", amount: "20" });
  await h.advance(Date.UTC(2026, 11, 3, 8, 1) - h.clock.now(), HOUR);
  expect((await h.store.getMob(1))?.status).toBe("tallied");

  const port = coreWebPort(h);
  const app = createWebApp({
    port,
    clock: h.clock,
    publicUrl: PUBLIC_URL,
    linkSecret: "x".repeat(32),
  });
  const mob = async (id: number) => (await h.store.getMob(id))?.publicId ?? "";
  const communityId =
    (await h.store.getCommunity((await h.store.getMob(1))?.communityId ?? 0))?.publicId ?? "";
  return { app, port, mob, communityId };
}

type Site = Awaited<ReturnType<typeof community>>;

/** A public answer as text; a picture's bytes as Latin-1, searched for both spellings of each word. */
async function body(site: Site, path: string): Promise<string> {
  const res = await site.app.request(path);
  expect(res.status, path).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return res.headers.get("content-type")?.startsWith("image/")
    ? bytes.toString("latin1")
    : bytes.toString("utf8");
}

/** Every public answer about the community: pages, calendars, the card (drawn and its content), a photo. */
async function everything(site: Site): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of [1, 2]) {
    const pid = await site.mob(id);
    for (const path of [`/m/${pid}`, `/m/${pid}.ics`, `/m/${pid}/card.png`]) {
      out[`mob ${id} ${path.slice(pid.length + 3) || "page"}`] = await body(site, path);
    }
    const view = await site.port.mobPage(pid, h.clock.now() + 1_000);
    out[`mob ${id} card content`] = JSON.stringify(view && cardContent(view));
  }
  out["mob 1 photo 1"] = await body(site, `/m/${await site.mob(1)}/photos/1`);
  out["community page"] = await body(site, `/c/${site.communityId}`);
  out["community feed"] = await body(site, `/c/${site.communityId}.ics`);
  return out;
}

function found(outputs: Record<string, string>, words: readonly string[]): string[] {
  return Object.entries(outputs).flatMap(([what, text]) =>
    words
      .filter((w) => text.includes(w) || text.includes(Buffer.from(w).toString("latin1")))
      .map((w) => `${what}: ${w}`),
  );
}

describe("the public pages on the real store", () => {
  it("never show member names or ids, chat ids, check-in codes, or the merchant's takings and note", async () => {
    const site = await community();
    const codes = await Promise.all(
      [1, 2, 3].map(async (id) => (await h.store.getMob(id))?.checkinCode ?? "?"),
    );
    const pages = await everything(site);
    expect(pages["mob 1 page"]).toContain("Librairie du Parc");
    expect(pages["mob 1 page"]).toContain("€60.00");
    const private_ = [
      ...[...PEOPLE, ORGANIZER].flatMap((p) => [p.id, p.name, p.name.split(" ")[0] ?? p.name]),
      CHAT,
      CHAT.slice(1),
      ...codes,
      "cash only",
      "1,234.56",
      "1234.56",
      "123456",
    ];
    expect(found(pages, private_)).toEqual([]);
  });

  it("name a secret shop, its address and after-party nowhere before the reveal, and everywhere after it", async () => {
    const site = await community();
    const secret = ["Fromagerie", "Cachée", "Cach&#233;e", "impasse", "Secrète", "Bar du Coin"];
    expect(found(await everything(site), secret)).toEqual([]);
    // A draft is not public at all.
    for (const path of [
      `/m/${await site.mob(3)}`,
      `/m/${await site.mob(3)}.ics`,
      `/m/${await site.mob(3)}/card.png`,
    ])
      expect((await site.app.request(path)).status, path).toBe(404);

    await h.advance(Date.UTC(2026, 11, 9, 17, 0) - MINUTE - h.clock.now(), HOUR);
    expect(found(await everything(site), secret)).toEqual([]);
    await h.advance(MINUTE);
    const after = await everything(site);
    for (const what of ["mob 2 page", "mob 2 .ics", "mob 2 card content", "community page"])
      expect(after[what], what).toContain(SECRET_SHOP);
    expect(after["mob 2 page"]).toContain(SECRET_ADDRESS);
    expect(after["mob 2 page"]).toContain(SECRET_PARTY);
    expect(found(after, ["Brouillon"])).toEqual([]);
  });
});
