import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core.js";
import { silentLogger } from "../../src/ports/logger.js";
import { openDatabase } from "../../src/storage/database.js";
import { SqliteUnitOfWork } from "../../src/storage/sqlite/unit-of-work.js";
import { FakeClock } from "../fakes/clock.js";
import { testSettings } from "../fakes/core-harness.js";
import { RecordingPlatform } from "../fakes/recording-platform.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";
import { H } from "./contract/fixtures.js";
import { tempDatabases } from "./migrated.js";

const NOW = Date.UTC(2026, 11, 1, 12);
const START = NOW + 48 * H;

const databases = tempDatabases("cashmob-mig-");

/** A database as version 2 left it: two Telegram and Discord communities with live data. */
function versionTwo(): string {
  return databases.at(
    2,
    `
    INSERT INTO communities VALUES (1, 'telegram', '-100', 'Lille', 'Europe/Paris', 'fr', 'EUR', 'platform', 1);
    INSERT INTO communities VALUES (2, 'discord', 'g1', 'Lyon', 'UTC', 'en', 'EUR', 'anyone', 1);
    INSERT INTO communities VALUES (3, 'discord', 'g2', 'Quiet', 'UTC', 'en', 'USD', 'platform', 1);
    INSERT INTO members VALUES (1, 'telegram', '11', 'Olga', 'fr', 1, 1);
    INSERT INTO members VALUES (2, 'telegram', '12', 'Zoe', NULL, 1, 1);
    INSERT INTO members VALUES (3, 'telegram', '13', 'Carl', NULL, NULL, 1);
    INSERT INTO members VALUES (4, 'discord', '21', 'Dan', NULL, NULL, 1);
    INSERT INTO shops VALUES (1, 1, 'Cave', '3 rue X', 50000, 1);
    INSERT INTO shops VALUES (2, 2, 'Books', NULL, NULL, 1);
    INSERT INTO mobs VALUES (7, 1, '-100', 1, '3 rue X', NULL, ${START}, ${2 * H}, 1500, 'EUR', 0, NULL, NULL, 'announced', 1, 'ABC234', NULL, 1, 1);
    INSERT INTO mobs VALUES (8, 2, 'c1', 2, NULL, 'Fountain', ${START}, ${2 * H}, 1000, 'EUR', 0, 20, NULL, 'announced', 4, 'XYZ234', NULL, 1, 1);
    INSERT INTO participants VALUES (7, 2, 'going', NULL, 1, NULL, NULL, NULL);
    INSERT INTO participants VALUES (7, 3, 'going', 2500, 1, NULL, NULL, NULL);
    INSERT INTO participants VALUES (8, 4, 'maybe', NULL, 1, NULL, NULL, NULL);
    INSERT INTO outbox (key, mob_id, kind, target, payload, due_at, state, ref, created_at, settled_at)
      VALUES ('mob:7:call_to_action', 7, 'call_to_action', 'channel', '{}', 1, 'sent', '-100:55', 1, 1);
    INSERT INTO outbox (key, mob_id, kind, target, payload, due_at, state, created_at)
      VALUES ('mob:7@${START}:reminder:${24 * H}', 7, 'reminder', 'channel',
        '{"startsAt":${START},"offsetMs":${24 * H},"includeMaybe":true}', ${START - 24 * H}, 'pending', 1);
    INSERT INTO outbox (key, mob_id, kind, target, payload, due_at, state, created_at)
      VALUES ('mob:7:cta_edit:x', 7, 'cta_edit', 'edit', '{}', ${NOW}, 'pending', 1);
    INSERT INTO outbox (key, mob_id, kind, target, payload, due_at, state, ref, created_at, settled_at)
      VALUES ('mob:8:call_to_action', 8, 'call_to_action', 'channel', '{}', 1, 'sent', 'c1/99', 1, 1);
    INSERT INTO outbox (key, mob_id, kind, target, member_id, payload, due_at, state, created_at)
      VALUES ('mob:8@${START}:reveal:dm:4', 8, 'reveal', 'dm', 4, '{"startsAt":${START}}', ${NOW}, 'pending', 1);
  `,
  );
}

const count = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe("migration 003: communities across chats", () => {
  it("carries every community, mob, participant and post, and each pending post still goes out once", async () => {
    const db = openDatabase(versionTwo());
    expect(count(db, "communities")).toBe(3);
    expect(count(db, "mobs")).toBe(2);
    expect(count(db, "participants")).toBe(3);
    expect(count(db, "outbox")).toBe(5);
    expect(count(db, "members")).toBe(4);

    const store = sqliteRepositories(db);
    // Settings, chats and spaces: each old community is found again where it lived.
    expect(await store.getCommunity(1)).toMatchObject({
      name: "Lille",
      timezone: "Europe/Paris",
      locale: "fr",
    });
    expect(await store.getCommunity(2)).toMatchObject({ organizerRule: "anyone" });
    expect(await store.getCommunity(3)).toMatchObject({ currency: "USD" });
    expect(await store.findChat("telegram", "-100")).toMatchObject({
      communityId: 1,
      spaceId: "-100",
      locale: "fr",
    });
    expect(await store.findChat("discord", "c1")).toMatchObject({ communityId: 2, spaceId: "g1" });
    expect(await store.communityOfSpace("discord", "g2")).toBe(3);
    // Mobs keep their ids and details, and gain distinct public ids.
    const mob = await store.getMob(7);
    expect(mob).toMatchObject({
      communityId: 1,
      shopName: "Cave",
      takingsMinor: 50000,
      checkinCode: "ABC234",
    });
    expect(mob?.publicId).not.toBe((await store.getMob(8))?.publicId);
    expect(
      (await store.participants(7)).map((p) => [p.member.displayName, p.pledgeMinor, p.chatId]),
    ).toEqual([
      ["Zoe", null, (await store.findChat("telegram", "-100"))?.id],
      ["Carl", 2500, (await store.findChat("telegram", "-100"))?.id],
    ]);

    const clock = new FakeClock(NOW);
    const telegram = new RecordingPlatform(clock, "telegram", { dmNeedsOptIn: true });
    const discord = new RecordingPlatform(clock, "discord");
    const uow = new SqliteUnitOfWork(db);
    const core = createCore({ uow, clock, logger: silentLogger, settings: testSettings });
    core.attach(telegram);
    core.attach(discord);
    await core.scheduler.recover();
    await core.scheduler.drain();
    // The pending edit goes to the call-to-action sent before the migration; the DM reveal once.
    expect(telegram.log()).toEqual(["edit -100:55 call_to_action"]);
    expect(discord.log()).toEqual(["dm 21 reveal"]);
    clock.set(START - 24 * H);
    await core.scheduler.drain();
    await core.scheduler.drain();
    // The reminder: once in the group (Carl, who never opened a chat, mentioned), once by DM to Zoe.
    expect(telegram.log().slice(1)).toEqual(["channel -100 reminder", "dm 12 reminder"]);
    const mentioned = telegram.sent[1]?.notice.lines.flat().filter((x) => x.kind === "mention");
    expect(mentioned?.map((m) => (m.kind === "mention" ? m.member.displayName : ""))).toEqual([
      "Carl",
    ]);
    // The calls-to-action already out are not posted again.
    expect(
      [...telegram.log(), ...discord.log()].filter(
        (l) => l.includes("channel") && l.endsWith("call_to_action"),
      ),
    ).toEqual([]);
    db.close();
  });
});
