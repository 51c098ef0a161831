import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/ports/logger.js";
import { PlatformStartError } from "../../src/ports/startup.js";
import { startPlatform } from "../../src/startup/platforms.js";

/** A logger that keeps its lines, to read back what an operator would see. */
function recordingLogger(lines: string[]): Logger {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push(`${level} ${msg ?? ""} ${JSON.stringify(obj)}`);
    };
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: () => logger,
  };
  return logger;
}

const unreachable = (code: string) =>
  new PlatformStartError(
    "unreachable",
    `Chat could not be reached at https://chat.example (${code}).`,
  );

describe("startPlatform", () => {
  it("retries an unreachable platform until it connects: one log line per kind of failure, one when it connects", async () => {
    const lines: string[] = [];
    const said: string[] = [];
    const failures = ["ENOTFOUND", "ENOTFOUND", "ENOTFOUND", "ECONNREFUSED", "ECONNREFUSED"];
    let attempts = 0;
    let connected: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const start = startPlatform(
      {
        label: "Chat",
        async start() {
          const failure = failures[attempts++];
          if (failure) throw unreachable(failure);
          connected();
        },
        status: () => "connected",
      },
      {
        logger: recordingLogger(lines),
        onRefused: () => said.push("refused"),
        onUnreachable: (sentence) => said.push(sentence),
        firstRetryMs: 1,
        maxRetryMs: 4,
      },
    );
    await start.firstAttempt;
    expect(start.status()).toBe(
      "Chat could not be reached at https://chat.example (ENOTFOUND). (attempt 1; next in 0 s)",
    );
    await done;
    await new Promise((r) => setImmediate(r));
    expect(attempts).toBe(6);
    expect(start.status()).toBe("connected");
    expect(said).toEqual(["Chat could not be reached at https://chat.example (ENOTFOUND)."]);
    expect(lines.map((l) => l.split(" {")[0])).toEqual([
      "warn Chat unreachable; the rest keeps running, retrying with back-off",
      "warn Chat unreachable; the rest keeps running, retrying with back-off",
      "info Chat reached; connected",
    ]);
    expect(lines[1]).toContain("ECONNREFUSED");
  });

  it("a refusal stops the bot with its sentence and is not tried again", async () => {
    const said: string[] = [];
    let attempts = 0;
    const start = startPlatform(
      {
        label: "Chat",
        async start() {
          attempts++;
          throw new PlatformStartError("refused", "Chat refused the bot token: check CHAT_TOKEN.");
        },
        status: () => "connected",
      },
      { logger: recordingLogger([]), onRefused: (s) => said.push(s), firstRetryMs: 1 },
    );
    await start.firstAttempt;
    expect(said).toEqual(["Chat refused the bot token: check CHAT_TOKEN."]);
    expect(start.status()).toBe("Chat refused the bot token: check CHAT_TOKEN.");
    // The attempt loop has returned: a refusal is final.
    expect(attempts).toBe(1);
  });

  it("a first attempt that never ends lets start-up go on after the grace, saying it is still connecting", async () => {
    const start = startPlatform(
      { label: "Chat", start: () => new Promise(() => {}), status: () => "connected" },
      { logger: recordingLogger([]), onRefused: () => {}, firstAttemptGraceMs: 1 },
    );
    await start.firstAttempt;
    expect(start.status()).toBe("connecting to Chat");
    start.stop();
  });
});
