/**
 * Storage ports: narrow async repositories, used inside a unit of work. The
 * engines (src/storage/sqlite, src/storage/postgres) implement them; the core
 * sees only these and the domain types they carry. One file per group in repositories/.
 */

export type * from "./repositories/bookkeeping.js";
export type * from "./repositories/choosing.js";
export type * from "./repositories/communities.js";
export type * from "./repositories/coordination.js";
export type * from "./repositories/mobs.js";
export type * from "./repositories/outbox.js";
