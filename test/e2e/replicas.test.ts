import { afterEach, expect, it } from "vitest";
import type { InteractionRecord } from "../fakes/discord-model.js";
import type { ProxiedRequest } from "../fakes/round-robin-proxy.js";
import { describePostgres } from "../support/postgres.js";
import { waitUntil } from "./bot-process.js";
import {
  type Cluster,
  claimedBy,
  diagnose,
  discordCta,
  limitedRequests,
  type Replica,
  reminderDueNow,
  remindersHeld,
  SENDER_LEASE_MS,
  senderOf,
  startCluster,
  telegramCta,
  tooManyRequests,
} from "./cluster.js";
import { GROUP } from "./fan-out.js";

const clusters: Cluster[] = [];
afterEach(async () => {
  for (const c of clusters.splice(0)) await c.stop();
});

/** Waits like waitUntil; on a timeout, says what the replicas and the outbox were doing. */
async function awaitOr(c: Cluster, check: () => boolean, timeoutMs: number, what: string) {
  try {
    await waitUntil(check, timeoutMs, what);
  } catch (error) {
    console.error(await diagnose(c));
    throw error;
  }
}

async function cluster(count: number, perPlatform: number): Promise<Cluster> {
  const c = await startCluster(count, perPlatform);
  clusters.push(c);
  return c;
}

const alive = (r: Replica) => r.bot.child.exitCode === null && r.bot.child.signalCode === null;

/** A message sent to a platform (not an edit, not a read): Telegram's sendMessage, Discord's message POST. */
const isTelegramSend = (r: ProxiedRequest) => /\/sendMessage$/.test(r.path) && r.status === 200;
const isDiscordSend = (r: ProxiedRequest) =>
  r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path) && r.status === 200;

/** The longest pause between two sends in `sends` (answer times), in ms. */
function longestGap(sends: readonly ProxiedRequest[]): number {
  const at = sends.map((r) => r.answeredAt).sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < at.length; i++) gap = Math.max(gap, (at[i] ?? 0) - (at[i - 1] ?? 0));
  return gap;
}

async function participants(c: Cluster, platform: string, users: readonly string[]) {
  return c.query<{ user_id: string; n: string }>(
    `SELECT m.user_id, count(*) AS n FROM participants p JOIN members m ON m.id = p.member_id
      WHERE m.platform = $1 AND m.user_id = ANY($2) GROUP BY m.user_id`,
    [platform, users],
  );
}

/** Everything due within ten minutes is out (nothing pending or claimed): the fan-out is over. */
async function settled(c: Cluster): Promise<boolean> {
  const [row] = await c.query<{ n: string }>(
    "SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending') AND due_at <= $1",
    [Date.now() + 600_000],
  );
  return Number(row?.n) === 0;
}

/**
 * Waits for the outbox to be empty, then one second more: the start-ups' and the presses' own
 * requests are out of the platforms' one-second windows before the fan-out starts.
 */
async function quiet(c: Cluster) {
  try {
    await until(() => settled(c), 30_000, "the call-to-action and its edits to go out");
  } catch (error) {
    console.error(await diagnose(c));
    throw error;
  }
  await new Promise((r) => setTimeout(r, 1_500));
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describePostgres("replicas on one PostgreSQL behind a load balancer", () => {
  it("presses spread over three replicas count once each, replays are no-ops, forged requests are refused; a 600-member fan-out survives SIGKILL of two senders with nothing lost, Discord never twice, no 429", async () => {
    const c = await cluster(3, 300);
    const { telegram, discord, front } = c;

    // ── Presses through the load balancer, spread over the replicas ──
    const tgPressers = Array.from({ length: 9 }, (_, i) => 30_000 + i);
    const dcPressers = Array.from({ length: 9 }, (_, i) => String(400000000000000000n + BigInt(i)));
    const tgCta = telegramCta(telegram);
    const dcCta = discordCta(discord);
    if (!tgCta || !dcCta) throw new Error("no call-to-action");
    // Telegram posts one group's updates one at a time: the balancer deals them out in turn.
    const updates = tgPressers.map((id) => {
      telegram.addUser(id, `p${id}`);
      return telegram.press(id, tgCta, "mob:1:join");
    });
    const lastUpdate = updates.at(-1) ?? 0;
    await waitUntil(
      () =>
        updates.every((u) =>
          telegram.webhookCalls.some((w) => w.updateId === u && w.status === 200),
        ),
      20_000,
      "every Telegram press handled",
    );
    for (const id of dcPressers) discord.addUser(id, `p${id}`);
    const pressed: InteractionRecord[] = await Promise.all(
      dcPressers.map((user) =>
        discord.answered(
          discord.press({ user, messageId: dcCta.id, customId: "mob:1:join" }),
          0,
          10_000,
        ),
      ),
    );
    const viaFront = (path: string) =>
      new Set(
        front.requests
          .filter((r) => r.path === path && r.status >= 200 && r.status < 300)
          .map((r) => r.upstream),
      );
    // Each replica took some of each platform's presses.
    expect(viaFront("/telegram/webhook").size).toBe(3);
    expect(viaFront("/discord/interactions").size).toBe(3);
    const joined = async () => [
      ...(await participants(c, "telegram", tgPressers.map(String))),
      ...(await participants(c, "discord", dcPressers)),
    ];
    expect((await joined()).map((p) => Number(p.n))).toEqual(Array(18).fill(1));

    // A replayed update and a replayed interaction (to the next replica) change nothing.
    const callsBefore = telegram.webhookCalls.filter((w) => w.updateId === lastUpdate).length;
    telegram.redeliverFrom(lastUpdate);
    await waitUntil(
      () => telegram.webhookCalls.filter((w) => w.updateId === lastUpdate).length > callsBefore,
      10_000,
      "the update posted again",
    );
    expect(telegram.webhookCalls.filter((w) => w.updateId === lastUpdate).at(-1)?.status).toBe(200);
    const first = pressed[0] as InteractionRecord;
    expect((await discord.http.replay(first)).status).toBe(202);
    expect(
      discord.requests.filter(
        (r) => r.method === "POST" && r.path.startsWith(`/interactions/${first.id}/`),
      ),
    ).toHaveLength(1);
    expect((await joined()).map((p) => Number(p.n))).toEqual(Array(18).fill(1));

    // A wrong webhook secret and a forged signature: 401, nothing stored.
    const stranger = 30_999;
    const forgedUpdate = {
      update_id: 999_999,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: stranger, type: "private", first_name: "eve" },
        from: { id: stranger, is_bot: false, first_name: "eve" },
        text: "/start mob_1",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    };
    const refused = await fetch(`${front.url}/telegram/webhook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "not-the-secret",
      },
      body: JSON.stringify(forgedUpdate),
    });
    expect(refused.status).toBe(401);
    const eve = "400000000000000999";
    discord.addUser(eve, "eve");
    discord.http.forgeNext();
    const forged = discord.press({ user: eve, messageId: dcCta.id, customId: "mob:1:join" });
    await expect(discord.answered(forged)).rejects.toThrow();
    expect(forged.delivered?.status).toBe(401);
    expect(
      await c.query("SELECT 1 FROM members WHERE user_id = ANY($1)", [[String(stranger), eve]]),
    ).toEqual([]);

    // ── The fan-out: 300 + 300 seeded, and the Discord pressers (reached by DM too) ──
    const held = () => remindersHeld(c, dcPressers);
    const dcAll = [...c.discordUsers, ...dcPressers];
    const reached = () => [...held().values()].filter((n) => n > 0).length;
    const expected = c.telegramUsers.length + dcAll.length;
    await quiet(c);
    const startedAt = Date.now();
    await reminderDueNow(c);

    // Kill the Telegram sender a quarter of the way in, then the next one once it got going.
    const kills: {
      replica: string;
      at: number;
      reached: number;
      claimed: number;
      sentUnrecorded: string[];
    }[] = [];
    const killSender = async () => {
      let holder: string | null = null;
      await until(
        async () => {
          holder = await senderOf(c, "telegram");
          return c.replicas.some((r) => r.id === holder && alive(r));
        },
        30_000,
        "a live Telegram sender",
      );
      const victim = c.replicas.find((r) => r.id === holder) as Replica;
      victim.bot.child.kill("SIGKILL");
      await victim.bot.exited;
      const at = Date.now();
      // Its last requests, if any, are answered by now.
      await new Promise((r) => setTimeout(r, 500));
      const now = held();
      const claimed = (await claimedBy(c, victim.id)).filter((row) => row.kind === "reminder");
      const sentUnrecorded = claimed
        .map((row) => row.to ?? "")
        .filter((to) => (now.get(to) ?? 0) > 0);
      kills.push({
        replica: victim.id,
        at,
        reached: reached(),
        claimed: claimed.length,
        sentUnrecorded,
      });
    };
    await awaitOr(c, () => reached() >= expected / 4, 60_000, "a quarter of the fan-out");
    await killSender();
    const afterFirst = reached();
    await awaitOr(c, () => reached() >= afterFirst + expected / 8, 60_000, "sends to resume");
    await killSender();
    await awaitOr(c, () => reached() >= expected, 90_000, "every member");
    const doneAt = Date.now();
    await until(() => settled(c), 60_000, "an empty queue");

    const final = held();
    const tgCopies = c.telegramUsers.map((id) => final.get(`telegram:${id}`) ?? 0);
    const dcCopies = dcAll.map(
      (id) =>
        discord
          .dmMessages(id)
          .filter((m) => String((m.embeds[0] as { title?: unknown })?.title).startsWith("Reminder"))
          .length,
    );
    const tgRepeats = c.telegramUsers
      .filter((id) => (final.get(`telegram:${id}`) ?? 0) > 1)
      .map((id) => `telegram:${id}`);
    const inFlightAtKills = new Set(kills.flatMap((k) => k.sentUnrecorded));
    const claimedAtKills = kills.reduce((n, k) => n + k.claimed, 0);
    const sends = c.replicas.flatMap((r) =>
      r.telegramTap.requests.filter(isTelegramSend).filter((s) => s.answeredAt >= startedAt),
    );
    const dcSends = c.replicas.flatMap((r) =>
      r.discordTap.requests.filter(isDiscordSend).filter((s) => s.answeredAt >= startedAt),
    );
    console.info(
      `replicas fan-out: ${expected + dcPressers.length} members in ${((doneAt - startedAt) / 1000).toFixed(1)} s; ` +
        `kills at ${kills.map((k) => `${((k.at - startedAt) / 1000).toFixed(1)} s (${k.reached} reached, ${k.claimed} reminder rows claimed, ${k.sentUnrecorded.length} sent but unrecorded)`).join(", ")}; ` +
        `Telegram repeats ${tgRepeats.length}; longest pause Telegram ${longestGap(sends)} ms, Discord ${longestGap(dcSends)} ms; ` +
        `429s ${JSON.stringify(tooManyRequests(c))} ${limitedRequests(c, startedAt).join("; ")}; presses by replica port ${JSON.stringify([...front.servedBy()])}`,
    );
    // Nothing lost: every member got the reminder.
    expect(tgCopies.filter((n) => n === 0)).toEqual([]);
    expect(dcCopies.filter((n) => n === 0)).toEqual([]);
    // Discord never twice (the message nonce); Telegram only what a killed replica had sent but not recorded.
    expect(dcCopies.filter((n) => n > 1)).toEqual([]);
    for (const to of tgRepeats) expect(inFlightAtKills).toContain(to);
    expect(tgCopies.filter((n) => n > 2)).toEqual([]);
    expect(tgRepeats.length).toBeLessThanOrEqual(claimedAtKills);
    // The replicas together kept to each platform's limits.
    expect(tooManyRequests(c)).toEqual({ telegram: 0, discord: 0 });
    // One reminder post in each chat.
    expect(telegram.chatMessages(GROUP).filter((m) => m.text.startsWith("Reminder"))).toHaveLength(
      1,
    );
    expect(
      discord
        .channelMessages()
        .filter((m) => m.embeds.some((e) => String(e.title).startsWith("Reminder"))),
    ).toHaveLength(1);
  }, 180_000);

  it("a replica cut off from PostgreSQL stops sending before its sender lease ends; another takes over and the fan-out completes", async () => {
    const c = await cluster(2, 150);
    const { telegram, discord } = c;
    const expected = c.telegramUsers.length + c.discordUsers.length;
    const reached = () => [...remindersHeld(c).values()].filter((n) => n > 0).length;
    await quiet(c);
    const startedAt = Date.now();
    await reminderDueNow(c);
    await awaitOr(c, () => reached() >= expected / 4, 60_000, "a quarter of the fan-out");
    const holder = await senderOf(c, "telegram");
    const cut = c.replicas.find((r) => r.id === holder);
    if (!cut) throw new Error(`no replica holds sender:telegram (${holder})`);
    const other = c.replicas.find((r) => r !== cut) as Replica;
    // Both leases are taken in one look, so the Telegram sender is nearly always Discord's too.
    const heldDiscord = (await senderOf(c, "discord")) === cut.id;
    await cut.database.cut();
    const cutAt = cut.database.cutAt ?? 0;
    // What it holds claimed: the most it can have sent without recording it.
    const claimedAtCut = new Set((await claimedBy(c, cut.id)).map((row) => row.to));
    await awaitOr(c, () => reached() >= expected, 90_000, "every member");
    const doneAt = Date.now();
    await until(() => settled(c), 60_000, "an empty queue");

    const lastFromCut = (sent: (r: ProxiedRequest) => boolean, tap: "telegramTap" | "discordTap") =>
      Math.max(0, ...cut[tap].requests.filter(sent).map((r) => r.answeredAt));
    const firstFromOther = (
      sent: (r: ProxiedRequest) => boolean,
      tap: "telegramTap" | "discordTap",
    ) =>
      Math.min(
        ...other[tap].requests
          .filter(sent)
          .filter((r) => r.startedAt >= startedAt)
          .map((r) => r.startedAt),
      );
    const tgLast = lastFromCut(isTelegramSend, "telegramTap");
    const tgFirst = firstFromOther(isTelegramSend, "telegramTap");
    const dcLast = lastFromCut(isDiscordSend, "discordTap");
    const dcFirst = firstFromOther(isDiscordSend, "discordTap");
    const final = remindersHeld(c);
    const repeats = [...final].filter(([, n]) => n > 1).map(([to]) => to);
    console.info(
      `cut from PostgreSQL at ${((cutAt - startedAt) / 1000).toFixed(1)} s: its last Telegram send ${tgLast - cutAt} ms after, Discord ${dcLast - cutAt} ms after; ` +
        `the other's first Telegram send ${tgFirst - cutAt} ms after, Discord ${dcFirst - cutAt} ms after; ` +
        `done at ${((doneAt - startedAt) / 1000).toFixed(1)} s; repeats ${repeats.length} (${repeats.join(", ")}) of ${claimedAtCut.size} rows it held claimed; 429s ${JSON.stringify(tooManyRequests(c))} ${limitedRequests(c, startedAt).join("; ")}; ` +
        `cut replica: ${alive(cut) ? "still running" : `exited (${cut.bot.child.exitCode ?? cut.bot.child.signalCode}): ${cut.bot.output.stderr.trim().split("\n")[0]}`}; it held Discord's lease too: ${heldDiscord}`,
    );
    // The cut replica sends nothing once its lease could have ended (SENDER_LEASE from its last
    // renewal), and it lives on: a lost connection fails units, not the process.
    expect(tgLast - cutAt).toBeLessThan(SENDER_LEASE_MS);
    expect(dcLast - cutAt).toBeLessThan(SENDER_LEASE_MS);
    expect(alive(cut)).toBe(true);
    // The other sends only after the cut one's last send landed: the platform never had two senders.
    expect(tgFirst).toBeGreaterThan(tgLast);
    if (heldDiscord) expect(dcFirst).toBeGreaterThan(dcLast);
    // Nothing lost, Discord never twice; Telegram repeats only what the cut one sent and could not record.
    expect([...final.values()].filter((n) => n === 0)).toEqual([]);
    expect(repeats.filter((to) => to.startsWith("discord:"))).toEqual([]);
    for (const to of repeats) expect(claimedAtCut).toContain(to);
    expect(tooManyRequests(c)).toEqual({ telegram: 0, discord: 0 });
    expect(telegram.chatMessages(GROUP).filter((m) => m.text.startsWith("Reminder"))).toHaveLength(
      1,
    );
    expect(
      discord
        .channelMessages()
        .filter((m) => m.embeds.some((e) => String(e.title).startsWith("Reminder"))),
    ).toHaveLength(1);
  }, 150_000);
});
