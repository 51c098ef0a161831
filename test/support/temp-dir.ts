import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";

/**
 * A fresh empty folder for each test of the file, made before it and removed after it (and
 * after the file's own afterEach hooks, when called first). Call at the top level of a test
 * file; the returned function gives the running test's folder.
 */
export function tempDirEachTest(prefix: string): () => string {
  let dir: string | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return () => {
    if (!dir) throw new Error("no folder outside a test");
    return dir;
  };
}
