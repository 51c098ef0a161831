import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { autocommit } from "./autocommit.js";
import { sqliteUnitOfWork } from "./sqlite-engine.js";

const community = {
  name: "Lille",
  timezone: "UTC",
  locale: "en",
  currency: "EUR",
  organizerRule: "platform",
} as const;

describe("the tests' autocommit repositories", () => {
  it("commit each call at once, and a unit rolled back keeps what they wrote before it", async () => {
    const db = openDatabase(":memory:");
    const uow = sqliteUnitOfWork(db);
    const store = autocommit(uow);
    const lille = await store.insertCommunity(community, 0);
    expect(db.inTransaction).toBe(false);
    await expect(
      uow.run(async (tx) => {
        await tx.updateCommunity(lille.id, { name: "Roubaix" });
        throw new Error("midway");
      }),
    ).rejects.toThrow("midway");
    expect((await store.getCommunity(lille.id))?.name).toBe("Lille");
    await uow.close();
  });

  it("take their turn after a unit already running, and are not a promise themselves", async () => {
    const db = openDatabase(":memory:");
    const uow = sqliteUnitOfWork(db);
    const store = autocommit(uow);
    const { id } = await store.insertCommunity(community, 0);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = uow.run(async (tx) => {
      await held;
      await tx.updateCommunity(id, { name: "Roubaix" });
    });
    const read = store.getCommunity(id);
    release();
    await running;
    expect((await read)?.name).toBe("Roubaix");
    expect(await Promise.resolve(store)).toBe(store);
    await uow.close();
  });
});
