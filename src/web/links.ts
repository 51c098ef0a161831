/** The web side's URLs; built in src/domain/web-links.ts, which chat notices use too. */
export * from "../domain/web-links.js";
