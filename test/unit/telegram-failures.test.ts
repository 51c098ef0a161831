import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { toFailure } from "../../bots/telegram/failures.js";

const tooMany = (retryAfter: number) =>
  new GrammyError(
    "Call to 'sendMessage' failed!",
    {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    },
    "sendMessage",
    {},
  );

describe("a Telegram 429, in the core's terms", () => {
  it("on a group it is that group's own limit: only that post waits", () => {
    expect(toFailure(tooMany(42), -1001234)).toEqual({
      ok: false,
      failure: "rate_limited",
      retryAfterMs: 42_000,
      scope: "route",
    });
  });

  it("on a private chat it is the bot's overall limit: every send to Telegram waits", () => {
    expect(toFailure(tooMany(3), 5551234)).toMatchObject({ retryAfterMs: 3_000, scope: "bot" });
  });
});
