import { afterEach, describe, expect, it } from "vitest";
import { type OpenedStore, openStore } from "../../src/storage/open-store.js";
import { describePostgres, freshDatabase } from "../support/postgres.js";

let opened: OpenedStore | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

const community = {
  name: "Quartier",
  timezone: "Europe/Paris",
  locale: "fr",
  currency: "EUR",
  organizerRule: "platform",
} as const;

describe("choosing the storage engine", () => {
  it("without DATABASE_URL it is SQLite at DATABASE_PATH, with the sync store beside the units", async () => {
    opened = await openStore({ databaseUrl: "  ", databasePath: ":memory:" });
    expect(opened.engine).toBe("sqlite");
    expect(opened.uow.engine).toBe("sqlite");
    const made = await opened.uow.run((tx) => tx.insertCommunity(community, 1));
    if (opened.engine !== "sqlite") throw new Error("expected SQLite");
    expect(opened.store.getCommunity(made.id)).toEqual(made);
  });

  it("a bad DATABASE_URL stops with one sentence that never shows the password", async () => {
    await expect(
      openStore({ databaseUrl: "mysql://u:hunter2@db/x", databasePath: ":memory:" }),
    ).rejects.toThrow(/^DATABASE_URL for host db must start with postgres:\/\/[^\n]*$/);
    const refused = openStore({
      databaseUrl: "postgres://u:hunter2@127.0.0.1:1/x",
      databasePath: ":memory:",
    });
    await expect(refused).rejects.toThrow(/127\.0\.0\.1:1\/x refused the connection/);
    await expect(refused).rejects.not.toThrow(/hunter2/);
  });
});

describePostgres("choosing PostgreSQL", () => {
  it("DATABASE_URL opens PostgreSQL, migrated, and units of work run on it", async () => {
    const { url, name } = await freshDatabase();
    opened = await openStore({ databaseUrl: url, databasePath: "/nonexistent/never.db" });
    expect(opened.engine).toBe("postgres");
    if (opened.engine !== "postgres") throw new Error("expected PostgreSQL");
    expect(opened.target).toMatchObject({ host: "127.0.0.1", port: 5432, database: name });
    await opened.uow.probeWrite();
    const made = await opened.uow.run((tx) => tx.insertCommunity(community, 1));
    expect(await opened.uow.run((tx) => tx.getCommunity(made.id))).toEqual(made);
    await opened.close();
    await expect(opened.uow.run((tx) => tx.getCommunity(made.id))).rejects.toThrow(/closed/);
  });
});
