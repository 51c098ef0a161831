import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../../src/log/logger.js";

const DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123";
const TELEGRAM = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/** A logger writing into memory; `lines()` parses what it wrote. */
function capture(level = "trace") {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level, secrets: [DISCORD, TELEGRAM], destination });
  const raw = () => chunks.join("");
  const lines = () =>
    raw()
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe("scrubSecrets", () => {
  it.each([
    [`GET https://api.telegram.org/bot${TELEGRAM}/getMe failed`, [TELEGRAM]],
    [`Authorization: Bot ${DISCORD}`, [DISCORD]],
    [`${DISCORD} and again ${DISCORD}`, [DISCORD]],
    ["POST /bot987654:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc-123/sendMessage", []],
  ])("removes the token from %j", (text, secrets) => {
    const out = scrubSecrets(text, secrets);
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out).not.toMatch(/\/bot\d+:[A-Za-z0-9_-]{20,}/);
    expect(out).toContain("[redacted]");
  });

  it("leaves text without a token as it is", () => {
    expect(scrubSecrets("mob 12 posted to chan1", [DISCORD])).toBe("mob 12 posted to chan1");
  });
});

describe("createLogger never prints a token", () => {
  it("writes one JSON object per line, at the level asked", () => {
    const { logger, lines } = capture("info");
    logger.debug({ mob: 1 }, "hidden");
    logger.info({ mob: 1 }, "posted");
    logger.error({ mob: 2 }, "failed");
    expect(lines().map((l) => [l.msg, l.mob, l.app])).toEqual([
      ["posted", 1, "cashmob"],
      ["failed", 2, "cashmob"],
    ]);
  });

  it.each<[string, (log: ReturnType<typeof capture>["logger"]) => void]>([
    ["under a token key", (log) => log.info({ token: DISCORD }, "x")],
    [
      "in a nested config",
      (log) =>
        log.info({ config: { discord: { token: DISCORD }, telegram: { token: TELEGRAM } } }, "x"),
    ],
    [
      "in request headers",
      (log) => log.warn({ req: { headers: { authorization: `Bot ${DISCORD}` } } }, "x"),
    ],
    [
      "in a URL",
      (log) => log.error({ url: `https://api.telegram.org/bot${TELEGRAM}/sendMessage` }, "x"),
    ],
    ["in the message", (log) => log.info({}, `connecting with ${DISCORD}`)],
    [
      "in an error's message and stack",
      (log) => log.error({ err: new Error(`401 for bot${TELEGRAM}`) }, "x"),
    ],
    [
      "under an unexpected key",
      (log) => log.info({ secretStuff: { deep: { value: TELEGRAM } } }, "x"),
    ],
    ["in a child logger's bindings", (log) => log.child({ apiKey: DISCORD }).info({}, "x")],
  ])("a token %s is redacted", (_where, write) => {
    const { logger, raw, lines } = capture();
    write(logger);
    expect(lines()).toHaveLength(1);
    expect(raw()).not.toContain(DISCORD);
    expect(raw()).not.toContain(TELEGRAM);
    expect(raw()).toContain("[redacted]");
  });
});
