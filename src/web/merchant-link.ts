/** The merchant's signed link; built in src/domain/merchant-link.ts, which the use cases use too. */
export * from "../domain/merchant-link.js";
