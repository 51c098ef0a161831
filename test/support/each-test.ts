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

/**
 * A fake server started before each test of the file and stopped after it. Call at the top
 * level of a test file; the returned function gives the running test's server.
 */
export function fakeEachTest<F extends { stop(): Promise<void> }>(
  start: () => Promise<F>,
): () => F {
  let fake: F | null = null;
  beforeEach(async () => {
    fake = await start();
  });
  afterEach(async () => {
    await fake?.stop();
    fake = null;
  });
  return () => {
    if (!fake) throw new Error("no fake outside a test");
    return fake;
  };
}
