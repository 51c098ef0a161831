import { describe, expect, it, onTestFinished } from "vitest";
import { createTelegramAdapter } from "../../bots/telegram/adapter.js";
import { silentLogger } from "../../src/ports/logger.js";
import { makeHarness } from "../fakes/core-harness.js";
import {
  ALICE,
  BOB,
  GROUP,
  ORG,
  serveWebhook,
  type TelegramRig,
  until,
} from "../fakes/telegram-harness.js";
import { startTelegram, toastFor } from "../fakes/telegram-talk.js";
import { changeLast } from "../support/forged.js";
import { testEngine } from "../support/test-engine.js";

/**
 * Webhook mode (TELEGRAM_WEBHOOK_URL): the fake Telegram posts updates to the real web app's
 * POST /telegram/webhook, with the secret token, as Telegram does; the bot answers over the
 * Bot API as when it polls. On PostgreSQL a second replica on the same database takes a
 * replayed update too.
 */

/**
 * On PostgreSQL, a name for each test's database (emptied when first opened), so a second
 * replica can open it alongside.
 */
let opened = 0;
let database: { path?: string } = {};

async function webhookRig(secret?: string): Promise<TelegramRig> {
  database = testEngine === "postgres" ? { path: `telegram-webhook-${++opened}` } : {};
  return startTelegram({ harness: database, webhook: secret ? { secret } : true });
}

async function announce(rig: TelegramRig) {
  const before = rig.server.chatMessages(GROUP).length;
  rig.server.type(ORG, GROUP, "/newmob Librairie du Parc | 2026-12-05 18:00 | 15");
  await until(() => rig.server.chatMessages(GROUP).length > before, "the answer to /newmob");
  await rig.h.drain();
  const cta = () => rig.server.chatMessages(GROUP).find((m) => m.text.startsWith("Cash mob:"));
  await until(() => cta() !== undefined, "the call-to-action");
  const message = cta();
  if (!message) throw new Error("no call-to-action");
  return message;
}

/** A private `/start` as Telegram would post it, with an update id of the test's choosing. */
function startUpdate(updateId: number, userId: number) {
  const from = { id: userId, is_bot: false, first_name: `user${userId}`, language_code: "en" };
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      from,
      chat: { id: userId, type: "private", first_name: from.first_name },
      date: Math.floor(Date.now() / 1000),
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
}

function post(
  rig: TelegramRig,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
  url = rig.webhook?.url ?? "",
) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

const members = async (rig: TelegramRig) =>
  (await rig.h.query("SELECT user_id FROM members ORDER BY user_id")).map((r) => String(r.user_id));

describe("Telegram by webhook: any replica takes the updates", () => {
  it("sets the webhook with its secret and the updates polling asks for, and never polls", async () => {
    const rig = await webhookRig();
    expect(rig.server.webhook).toEqual({
      url: rig.webhook?.url,
      secretToken: rig.webhook?.secret,
      allowedUpdates: ["message", "callback_query"],
    });
    // Generated and kept in the database: Telegram's alphabet, 43 characters.
    expect(rig.webhook?.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rig.adapter.status()).toBe("connected");
    await announce(rig);
    expect(rig.server.calls.filter((c) => c.method === "getUpdates")).toEqual([]);
    expect(rig.server.calls.some((c) => c.method === "deleteWebhook")).toBe(false);
  });

  it("a member's /start and a Join press arrive by webhook and are answered", async () => {
    const rig = await webhookRig();
    const cta = await announce(rig);
    rig.server.startPrivate(ALICE);
    await until(() => rig.server.dms(ALICE).length > 0, "the answer to /start");
    expect(rig.server.dms(ALICE)[0]?.text).toContain("Cashmob");
    expect(await toastFor(rig, ALICE, cta, "mob:1:join")).toBe(
      "You're in! See you at Librairie du Parc.",
    );
    expect(await rig.h.count("participants")).toBe(1);
    // Every update answered 200 once, in one go: nothing left for Telegram to send again.
    expect(rig.server.webhookCalls.every((c) => c.status === 200)).toBe(true);
    expect(new Set(rig.server.webhookCalls.map((c) => c.updateId)).size).toBe(
      rig.server.webhookCalls.length,
    );
    expect(rig.server.pendingUpdates).toBe(0);
  });

  it("TELEGRAM_WEBHOOK_SECRET is the one set and checked", async () => {
    const rig = await webhookRig("given_Secret-123");
    expect(rig.server.webhook?.secretToken).toBe("given_Secret-123");
    expect((await post(rig, JSON.stringify(startUpdate(9001, BOB)))).status).toBe(401);
    const answered = await post(rig, JSON.stringify(startUpdate(9002, BOB)), {
      "X-Telegram-Bot-Api-Secret-Token": "given_Secret-123",
    });
    expect(answered.status).toBe(200);
  });

  it("a request without the right secret token is refused with 401 and nothing is stored", async () => {
    const rig = await webhookRig();
    const secret = rig.webhook?.secret ?? "";
    const before = await rig.h.snapshot();
    const update = JSON.stringify(startUpdate(9001, BOB));
    for (const headers of [
      {} as Record<string, string>,
      { "X-Telegram-Bot-Api-Secret-Token": "wrong" },
      { "X-Telegram-Bot-Api-Secret-Token": changeLast(secret) },
      { "X-Telegram-Bot-Api-Secret-Token": `${secret}x` },
    ]) {
      const answer = await post(rig, update, headers);
      expect(answer.status).toBe(401);
      expect(await answer.text()).not.toContain(secret);
    }
    expect(await rig.h.snapshot()).toBe(before);
    expect(await members(rig)).not.toContain(String(BOB));
    expect(rig.server.dms(BOB)).toEqual([]);
  });

  it("a body over 1 MiB is refused with 413, by its length or by the bytes sent; non-JSON with 400", async () => {
    const rig = await webhookRig();
    const auth = { "X-Telegram-Bot-Api-Secret-Token": rig.webhook?.secret ?? "" };
    const huge = JSON.stringify({ ...startUpdate(9001, BOB), padding: "x".repeat(1024 * 1024) });
    expect((await post(rig, huge, auth)).status).toBe(413);
    // Chunked, without a Content-Length: the bytes read are counted.
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    expect((await post(rig, stream, auth)).status).toBe(413);
    expect((await post(rig, "not json {", auth)).status).toBe(400);
    expect((await post(rig, JSON.stringify({ message: {} }), auth)).status).toBe(400);
    expect((await post(rig, "[1,2]", auth)).status).toBe(400);
    expect(await members(rig)).not.toContain(String(BOB));
  });

  it("the same update posted twice, to this replica and to another on the same database, counts once", async () => {
    const rig = await webhookRig();
    const cta = await announce(rig);
    const press = {
      update_id: 50_000,
      callback_query: {
        id: "press-50000",
        from: { id: BOB, is_bot: false, first_name: "Bob", language_code: "en" },
        chat_instance: String(GROUP),
        data: "mob:1:join",
        message: {
          message_id: cta.message_id,
          chat: { id: GROUP, type: "supergroup", title: "Cash mobbers of Lille" },
          date: cta.date,
          text: cta.text,
        },
      },
    };
    const auth = { "X-Telegram-Bot-Api-Secret-Token": rig.webhook?.secret ?? "" };
    // The 200 comes once the press is stored: the count is right when it arrives.
    expect((await post(rig, JSON.stringify(press), auth)).status).toBe(200);
    expect(await rig.h.count("participants")).toBe(1);
    expect((await post(rig, JSON.stringify(press), auth)).status).toBe(200);

    // Another replica: its own core on the same PostgreSQL database (on SQLite, one process:
    // a second adapter on the same core), its own web side, the same secret from the database.
    const h2 =
      testEngine === "postgres"
        ? makeHarness({ ...database, alongside: true, clock: rig.h.clock })
        : rig.h;
    const second = { adapter: null as ReturnType<typeof createTelegramAdapter> | null };
    const web = await serveWebhook(h2, () => second.adapter);
    expect(web.webhook.secret).toBe(rig.webhook?.secret);
    second.adapter = createTelegramAdapter({
      token: rig.server.token,
      apiRoot: rig.server.apiRoot,
      logger: silentLogger,
      throttle: false,
      webhook: web.webhook,
    });
    h2.core.attach(second.adapter.platform);
    await second.adapter.start(h2.core.handler);
    onTestFinished(async () => {
      await second.adapter?.stop();
      await web.stop();
    });
    expect((await post(rig, JSON.stringify(press), auth, web.webhook.url)).status).toBe(200);

    expect(await rig.h.count("participants")).toBe(1);
    // One toast saying so; the replays stop the spinner without a word.
    await until(
      () => rig.server.callbackAnswers.filter((a) => a.id === "press-50000").length === 3,
      "the three answers to the press",
    );
    expect(
      rig.server.callbackAnswers.filter((a) => a.id === "press-50000").map((a) => a.text),
    ).toEqual(["You're in! See you at Librairie du Parc.", undefined, undefined]);
  });

  it("an update refused while the bot restarts is sent again by Telegram and handled once", async () => {
    const rig = await webhookRig();
    await rig.adapter.stop();
    rig.server.type(ALICE, GROUP, "/mob 999");
    await until(() => rig.server.webhookCalls.some((c) => c.status === 503), "a refused call");
    const info = await fetch(`${rig.server.apiRoot}/bot${rig.server.token}/getWebhookInfo`);
    const result = ((await info.json()) as { result: Record<string, unknown> }).result;
    expect(result.pending_update_count).toBe(1);
    expect(result.last_error_message).toBe(
      "Wrong response from the webhook: 503 Service Unavailable",
    );
    await rig.restart();
    await until(() => rig.server.chatMessages(GROUP).length > 0, "the answer after the restart");
    expect(rig.server.chatMessages(GROUP).map((m) => m.text)).toEqual([
      expect.stringContaining("#999"),
    ]);
    expect(rig.server.pendingUpdates).toBe(0);
    expect(rig.server.calls.filter((c) => c.method === "getUpdates")).toEqual([]);
  });

  it("while the webhook is set, polling is refused with 409 as Telegram does", async () => {
    const rig = await webhookRig();
    const answer = await fetch(`${rig.server.apiRoot}/bot${rig.server.token}/getUpdates`);
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { description: string }).description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  });
});
