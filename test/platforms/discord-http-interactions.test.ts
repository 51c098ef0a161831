import { Hono } from "hono";
import { describe, expect, it, onTestFinished } from "vitest";
import type { CommandHandler, Reply } from "../../src/ports/inbound.js";
import { startWebServer } from "../../src/web/server.js";
import { sampleNotice } from "../contract/platform-contract.js";
import { discordCore } from "../fakes/discord-core.js";
import { ALICE, type DiscordRig, discordRig, ORG, readable } from "../fakes/discord-harness.js";
import { DID_NOT_RESPOND } from "../fakes/discord-http-delivery.js";
import { EPHEMERAL, type InteractionRecord, type StoredMessage } from "../fakes/discord-model.js";
import { type FakeDiscord, PERMISSIONS } from "../fakes/discord-server.js";

/**
 * Discord's Interactions Endpoint URL: the fake POSTs each interaction, signed, to the bot's
 * real web server (DISCORD_PUBLIC_KEY set), which hands it to the real discord.js client; the
 * answers go back by REST as on the gateway.
 */
const setup = (publicUrl: string | null = null) =>
  discordCore({ http: true, harness: { settings: { publicUrl } } });

const organizer = { user: ORG, permissions: PERMISSIONS.manageEvents };

async function createMob(server: FakeDiscord, followups = 1): Promise<InteractionRecord> {
  const record = server.slash({
    ...organizer,
    subcommand: "create",
    options: { shop: "Librairie du Parc", when: "2026-12-05 18:00", pledge: 15 },
  });
  return server.answered(record, followups);
}

function cta(server: FakeDiscord): StoredMessage {
  const m = server
    .channelMessages()
    .find((x) => x.embeds[0]?.title === "Cash mob: Librairie du Parc");
  if (!m) throw new Error("no call-to-action in the channel");
  return m;
}

/** Callbacks the bot made for an interaction, by status (40060 would be a second one). */
function callbackStatuses(server: FakeDiscord, record: InteractionRecord): number[] {
  return server.requests
    .filter((r) => r.method === "POST" && r.path.startsWith(`/interactions/${record.id}/`))
    .map((r) => r.status);
}

describe("Discord interactions over HTTP (DISCORD_PUBLIC_KEY)", () => {
  it("answers Discord's PING with a PONG in the body, so the portal accepts the URL", async () => {
    const { server } = await setup();
    const pong = await server.http.ping();
    expect(pong.status).toBe(200);
    expect(JSON.parse(pong.body)).toEqual({ type: 1 });
  });

  it("a slash command arrives over HTTP and is answered: ephemerally, with the QR as a file", async () => {
    const { server, h } = await setup("https://mobs.example.org");
    const created = await createMob(server);
    expect(created.failure).toBeUndefined();
    expect(created.delivered?.status).toBe(202);
    expect(created.original?.flags).toBe(EPHEMERAL);
    expect(readable(created.original!)).toContain("Mob #1 is announced.");
    const secret = created.followups[0]!;
    expect(secret.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(secret.attachments.map((a) => a.filename)).toEqual(["checkin-1.png"]);
    expect(callbackStatuses(server, created)).toEqual([204]);
    await h.drain();
    expect(cta(server).components).not.toEqual([]);
  });

  it("a Join press arrives over HTTP, is answered ephemerally and counts the member", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const pressed = await server.answered(
      server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" }),
    );
    expect(pressed.failure).toBeUndefined();
    expect(pressed.delivered?.status).toBe(202);
    expect(pressed.original?.flags).toBe(EPHEMERAL);
    expect(readable(pressed.original!)).toMatch(/you're in/i);
    expect(await h.count("participants")).toBe(1);
  });

  it("autocomplete arrives over HTTP and gets its suggestions", async () => {
    const { server } = await setup();
    await createMob(server);
    const typed = await server.answered(
      server.autocomplete({ user: ALICE, subcommand: "join", options: { id: "" }, focused: "id" }),
    );
    expect(typed.callbacks[0]?.type).toBe(8);
    expect(JSON.stringify(typed.callbacks[0]?.data)).toContain("Librairie du Parc");
  });

  it("a forged signature is refused with 401 and nothing is stored or answered", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const before = await h.snapshot();
    server.http.forgeNext();
    const forged = server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" });
    await expect(server.answered(forged)).rejects.toThrow(DID_NOT_RESPOND);
    expect(forged.delivered?.status).toBe(401);
    expect(forged.callbacks).toEqual([]);
    expect(await h.snapshot()).toBe(before);
  });

  it("a request without the signature headers is refused with 401", async () => {
    const { server } = await setup();
    const body = JSON.stringify({ type: 1, id: "1", token: "t", version: 1 });
    const answer = await server.http.post({ body, headers: {} });
    expect(answer.status).toBe(401);
  });

  it("a replayed request signed 10 minutes ago is refused with 401 and nothing is stored", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const before = await h.snapshot();
    const old = Math.floor(Date.now() / 1000) - 600;
    server.http.tamperNext(({ body }) => ({ body, headers: server.http.sign(body, old) }));
    const stale = server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" });
    await expect(server.answered(stale)).rejects.toThrow(DID_NOT_RESPOND);
    expect(stale.delivered?.status).toBe(401);
    expect(await h.snapshot()).toBe(before);
  });

  it("a body over 1 MiB is refused with 413, even when signed", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const before = await h.snapshot();
    server.http.tamperNext(({ body }) => {
      const padded = `${String(body)}${" ".repeat(1024 * 1024)}`;
      return { body: padded, headers: server.http.sign(padded) };
    });
    const big = server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" });
    await expect(server.answered(big)).rejects.toThrow(DID_NOT_RESPOND);
    expect(big.delivered?.status).toBe(413);
    expect(await h.snapshot()).toBe(before);
  });

  it("the same signed interaction posted twice (another replica) is handled and answered once", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const pressed = await server.answered(
      server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" }),
    );
    const again = await server.http.replay(pressed);
    expect(again.status).toBe(202);
    expect(await h.count("participants")).toBe(1);
    expect(callbackStatuses(server, pressed)).toEqual([204]);
    expect(pressed.followups).toEqual([]);
  });

  it("a copy posted while the first is still being handled is answered once too", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const record = server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" });
    const [again] = await Promise.all([server.http.replay(record), server.answered(record)]);
    expect(again.status).toBe(202);
    expect(record.failure).toBeUndefined();
    expect(await h.count("participants")).toBe(1);
    expect(callbackStatuses(server, record)).toEqual([204]);
  });
});

/** A stand-in core whose answers take `delayMs`. */
class SlowHandler implements CommandHandler {
  constructor(readonly delayMs: number) {}
  async handle(): Promise<Reply> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    return { audience: "personal", notice: sampleNotice("Done.", { kind: "reply", actions: [] }) };
  }
  async openMobs() {
    return [];
  }
}

/** The adapter's endpoint alone on a web server, and the fake posting to it. */
async function endpointRig(ackAfterMs: number) {
  const rig = await discordRig({}, { ackAfterMs, httpInteractions: true });
  const endpoint = rig.adapter.endpoint!;
  const app = new Hono();
  app.post(endpoint.path, (c) => endpoint.handle(c.req.raw));
  const web = await startWebServer(app, { host: "127.0.0.1", port: 0 });
  rig.server.useHttpInteractions(`${web.url}${endpoint.path}`);
  onTestFinished(async () => {
    await rig.close();
    await web.stop();
  });
  return rig;
}

/** A call-to-action (Join / Maybe / Leave) the bot posted; its message id. */
async function postedMessage(rig: DiscordRig): Promise<string> {
  const sent = await rig.adapter.platform.publish(
    {
      platform: "discord",
      communityId: rig.server.guild.id,
      channelId: rig.server.guild.channels[0]!.id,
    },
    sampleNotice("Cash mob: Cave"),
    { idempotencyKey: `post-${Date.now()}` },
  );
  if (!sent.ok) throw new Error("publish failed");
  return sent.ref.split("/")[1]!;
}

describe("the HTTP endpoint's timing", () => {
  it("answers the POST once the callback is made, not when the work ends (a slow command is deferred)", async () => {
    const rig = await endpointRig(200);
    await rig.adapter.start(new SlowHandler(1_000));
    const record = await rig.server.answered(
      rig.server.slash({ user: ALICE, subcommand: "join", options: { id: 1 } }),
    );
    expect(record.callbacks.map((c) => c.type)).toEqual([5]);
    const deferredAt = record.callbacks[0]!.at;
    expect(record.delivered?.status).toBe(202);
    // The POST was still open when discord.js deferred, and answered well before the edit.
    expect(record.delivered!.at).toBeGreaterThanOrEqual(deferredAt);
    expect(record.delivered!.at - record.createdAt).toBeLessThan(900);
    expect(record.original?.edits).toBe(1);
    expect(record.failure).toBeUndefined();
  });

  it("before the adapter is started the endpoint answers 503, and the person sees the failure", async () => {
    const rig = await endpointRig(1_500);
    const messageId = await postedMessage(rig);
    const early = rig.server.press({ user: ALICE, messageId, customId: "mob:7:join" });
    await expect(rig.server.answered(early)).rejects.toThrow(DID_NOT_RESPOND);
    expect(early.delivered?.status).toBe(503);
    expect((await rig.server.http.ping()).status).toBe(200);
  });

  it("a select menu the bot does not offer is answered over HTTP too, ephemerally", async () => {
    const rig = await endpointRig(1_500);
    await rig.adapter.start(new SlowHandler(0));
    const picked = await rig.server.answered(
      rig.server.component({
        user: ALICE,
        messageId: await postedMessage(rig),
        customId: "old:menu",
        values: ["a"],
      }),
    );
    expect(picked.delivered?.status).toBe(202);
    expect(picked.original?.flags).toBe(EPHEMERAL);
  });
});
