import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { answerFromMerchantLink } from "../../src/app/merchant.js";
import { CoreWebPort } from "../../src/app/web-views.js";
import type { UnitOfWork } from "../../src/ports/unit-of-work.js";
import { type OpenedStore, openStore } from "../../src/storage/open-store.js";
import { connectPostgres } from "../../src/storage/postgres/connect.js";
import { PostgresUnitOfWork } from "../../src/storage/postgres/unit-of-work.js";
import { createWebApp } from "../../src/web/app.js";
import { describePostgres, freshDatabase, postgresAdminUrl } from "../support/postgres.js";

const opened: Pick<OpenedStore, "close">[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

/** GET /healthz (or another ops route) of the real web app over CoreWebPort on `uow`. */
async function health(uow: UnitOfWork, path = "/healthz") {
  const port = new CoreWebPort({
    uow,
    settings: {
      defaultTimezone: "UTC",
      defaultLocale: "en",
      defaultCurrency: "EUR",
      mobDurationMs: 7_200_000,
      reminderOffsetsMs: [],
      revealBeforeMs: 3_600_000,
      tallyDelayMs: 43_200_000,
    },
    joinLink: () => null,
    platforms: () => ({}),
    recordMerchantAnswer: (input) => uow.run((tx) => answerFromMerchantLink(tx, input)),
  });
  const app = createWebApp({
    port,
    clock: { now: Date.now },
    publicUrl: null,
    linkSecret: "x".repeat(32),
    replica: "db-host-1-abc123",
  });
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function open(url: string): Promise<UnitOfWork> {
  const store = await openStore({ databaseUrl: url, databasePath: ":memory:" });
  opened.push(store);
  return store.uow;
}

describePostgres("/healthz on PostgreSQL", () => {
  it("is 200 naming postgres while the database takes writes, 503 once it is read-only (a standby, a failover gone wrong)", async () => {
    const db = await freshDatabase();
    expect(await health(await open(db.url))).toEqual({
      status: 200,
      body: { status: "ok", database: "ok", engine: "postgres", platforms: {} },
    });

    const admin = new pg.Client({ connectionString: postgresAdminUrl ?? "" });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${db.name}" SET default_transaction_read_only = on`);
    await admin.end();
    // New connections get the setting, as a bot's pool reconnecting to a standby would.
    const connection = await connectPostgres(db.url);
    const uow = new PostgresUnitOfWork(connection.pool, () => connection.close());
    opened.push(uow);
    const { status, body } = await health(uow);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unhealthy", engine: "postgres", failing: ["database"] });
    expect(body.database).toMatch(/^the database cannot take a write/);
  });

  it("/readyz is 200 while PostgreSQL answers and 503 naming the database once it does not; /livez stays 200", async () => {
    const db = await freshDatabase();
    const uow = await open(db.url);
    expect(await health(uow, "/readyz")).toEqual({
      status: 200,
      body: {
        status: "ready",
        replica: "db-host-1-abc123",
        database: "ok",
        engine: "postgres",
        platforms: {},
      },
    });
    await uow.close();
    const { status, body } = await health(uow, "/readyz");
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "not ready", failing: ["database"] });
    expect(await health(uow, "/livez")).toEqual({
      status: 200,
      body: { status: "live", replica: "db-host-1-abc123" },
    });
  });
});
