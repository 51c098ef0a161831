import type { Lease } from "../../src/ports/repositories.js";

/** A lease that never ends: rows a test claims stay claimed until the test settles them. */
export const HELD: Lease = { holder: "test", until: Number.MAX_SAFE_INTEGER };
