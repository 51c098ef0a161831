import { afterEach, describe, expect, it } from "vitest";
import { createCore } from "../../src/core.js";
import { silentLogger } from "../../src/ports/logger.js";
import { openDatabase } from "../../src/storage/database.js";
import { FakeClock } from "../fakes/clock.js";
import { organizer, T0, testSettings } from "../fakes/core-harness.js";
import { sqliteUnitOfWork } from "../support/sqlite-engine.js";
import { sqliteOnly } from "../support/test-engine.js";

let close: () => void = () => {};
afterEach(() => close());

// A capped SQLite file stands for a full disk; PostgreSQL's own full disk is not reproducible here.
describe.skipIf(sqliteOnly)("when the disk is full (SQLite's max_page_count)", () => {
  it("a mob is not half-written, the answer is an apology, and the bot is told to stop", async () => {
    const db = openDatabase(":memory:");
    close = () => db.close();
    const uow = sqliteUnitOfWork(db);
    const fatal: string[] = [];
    const core = createCore({
      uow,
      clock: new FakeClock(T0),
      logger: silentLogger,
      settings: testSettings,
      onFatal: (reason) => fatal.push(reason),
    });
    // Let the community and member rows exist, then cap the file at its current size.
    await core.handler.handle(organizer(), { type: "list" });
    const pages = db.pragma("page_count", { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const longText = "x".repeat(90);
    let reply = await core.handler.handle(organizer(), { type: "list" });
    for (let i = 0; i < 200 && fatal.length === 0; i++) {
      reply = await core.handler.handle(organizer(), {
        type: "create",
        shop: `${longText}${i}`,
        when: "2026-12-05 18:00",
        address: longText,
        meetingPoint: longText,
      });
    }
    expect(fatal).toEqual(["the disk is full"]);
    expect(reply.notice.title).toBe(
      "Sorry, something went wrong on my side; nothing was changed. Please try again.",
    );
    // Every mob that exists has its shop and its outbox rows: the failed one left nothing behind.
    const orphans = db
      .prepare(
        `SELECT count(*) AS n FROM mobs m WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subject = 'mob' AND o.subject_id = m.id AND o.kind = 'call_to_action')`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const shops = db.prepare("SELECT count(*) AS n FROM shops").get() as { n: number };
    const mobs = db.prepare("SELECT count(*) AS n FROM mobs").get() as { n: number };
    expect(shops.n).toBe(mobs.n);
  });
});
