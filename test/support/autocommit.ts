import type { Tx, UnitOfWork } from "../../src/ports/unit-of-work.js";

/**
 * The repositories of a unit of work, each call its own unit: what a test
 * reads or writes beside the core (`await h.store.getMob(1)`) commits at once,
 * and takes its turn like any other unit. Not for code under test: it would
 * split one unit into many.
 */
export function autocommit(uow: UnitOfWork): Tx {
  const methods = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as Tx, {
    get(_, key) {
      if (typeof key !== "string" || key === "then") return undefined;
      let method = methods.get(key);
      if (!method) {
        method = (...args: unknown[]) =>
          uow.run((tx) => {
            const f = (tx as unknown as Record<string, unknown>)[key];
            if (typeof f !== "function") throw new TypeError(`no repository method ${key}`);
            return f.apply(tx, args) as Promise<unknown>;
          });
        methods.set(key, method);
      }
      return method;
    },
  });
}
