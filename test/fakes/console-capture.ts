import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach } from "vitest";
import { type ConsoleAdapter, createConsoleAdapter } from "../../bots/console/adapter.js";
import type { CommandHandler } from "../../src/ports/inbound.js";
import { type Harness, makeHarness } from "./core-harness.js";

/** The console adapter with its output kept, as a test reads it. */
export interface CapturedConsole {
  readonly adapter: ConsoleAdapter;
  /** Everything printed so far. */
  printed(): string;
  /**
   * Types `line` as `as` (the owner when not said) and returns what the console printed
   * for it, trimmed; with `settle`, what it printed until that resolves too.
   */
  run(
    handler: CommandHandler,
    line: string,
    as?: string,
    settle?: () => Promise<void>,
  ): Promise<string>;
}

/** A non-interactive console adapter whose output is kept (files under `filesDir` when given). */
export function capturedConsole(filesDir?: string): CapturedConsole {
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => {
    text += d.toString();
  });
  const adapter = createConsoleAdapter({
    input: new PassThrough(),
    output,
    interactive: false,
    ...(filesDir === undefined ? {} : { filesDir }),
  });
  return {
    adapter,
    printed: () => text,
    async run(handler, line, as, settle) {
      const before = text.length;
      await adapter.exec(handler, line, as);
      await settle?.();
      return text.slice(before).trim();
    },
  };
}

/** One test's console on the core harness: its files folder, and typing as someone. */
export interface ConsoleOnHarness {
  readonly h: Harness;
  /** A temp folder of the test's own (the console saves its files under `files/`). */
  readonly dir: string;
  run(line: string, as?: string): Promise<string>;
  printed(): string;
}

/**
 * Call at a test file's top level: `setup()` then gives each test a captured console
 * attached to a fresh core harness (with `drain`, `run` also waits for what the
 * commands scheduled); both are closed and the folder removed after each test.
 */
export function consoleOnHarness(prefix: string, options: { drain?: boolean } = {}) {
  let made: { dir: string; h: Harness; adapter: ConsoleAdapter } | undefined;
  afterEach(() => {
    made?.adapter.stop();
    made?.h.close();
    if (made) rmSync(made.dir, { recursive: true, force: true });
    made = undefined;
  });
  return function setup(): ConsoleOnHarness {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const typed = capturedConsole(join(dir, "files"));
    const h = makeHarness({ platforms: [typed.adapter.platform] });
    made = { dir, h, adapter: typed.adapter };
    const settle = options.drain ? () => h.drain() : undefined;
    return {
      h,
      dir,
      run: (line, as) => typed.run(h.core.handler, line, as, settle),
      printed: typed.printed,
    };
  };
}
