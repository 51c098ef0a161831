import { describe, expect, it } from "vitest";
import { badEnvLine } from "../../src/config/env-file.js";

describe("badEnvLine: a .env Node would read, or the first line it would silently skip", () => {
  it.each([
    ["empty file", ""],
    ["assignments", "A=1\nB=two words\n"],
    ["comments and blank lines", "# Cashmob\n\n   \nA=1\n  # indented comment\n"],
    ["empty values, as in .env.example", "DISCORD_TOKEN=\nDISCORD_GUILD_ID=\n"],
    ["export prefix and spaces around =", "export A=1\n  B = 2\n"],
    ["Windows line endings and a byte-order mark", "\uFEFFA=1\r\nB=2\r\n"],
    ["a double-quoted value over several lines", 'KEY="line one\nline two\nline three"\nB=2'],
    ["single and back quotes", "A='x = y'\nB=`z`\n"],
    ["an unclosed quote, read to the end of its line", 'A="never closed\nB=2\n'],
  ])("%s: fine", (_what, content) => {
    expect(badEnvLine(content)).toBeNull();
  });

  it.each([
    ["a token pasted without its name", "A=1\n123456:AAsecret\n", 2],
    ["a name without =", "TELEGRAM_BOT_TOKEN\n", 1],
    ["a space instead of =", "A=1\n\nTELEGRAM_BOT_TOKEN 123:abc\n", 3],
    ["a name starting with a digit", "1A=x\n", 1],
    ["= with no name", "=value\n", 1],
    ["a stray line after a closed multi-line value", 'K="a\nb"\noops\n', 3],
  ])("%s: line %#", (_what, content, line) => {
    expect(badEnvLine(content)).toBe(line);
  });
});
