import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "./variables.js";

/** `NAME=` at the start of a line, optionally after `export`, as Node's parser reads it. */
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/;
const QUOTES = new Set(['"', "'", "`"]);

/**
 * The 1-based number of the first line that is not `NAME=value`, a comment or
 * blank, or null when every line is fine. Node's own parser skips such lines
 * silently; a token pasted without its name would then be lost without a word.
 * A quoted value may span lines, as Node allows.
 */
export function badEnvLine(content: string): number | null {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) return i + 1;
    const value = line.slice(assignment[0].length).trimStart();
    const quote = value.charAt(0);
    if (QUOTES.has(quote) && !value.slice(1).includes(quote)) {
      // Node reads up to the closing quote on a later line; unclosed, just this line.
      const closing = lines.findIndex((later, j) => j > i && later.includes(quote));
      if (closing !== -1) i = closing;
    }
  }
  return null;
}

/**
 * Loads `.env` from the working directory when there is one, with Node's own
 * `process.loadEnvFile`: variables already set in the environment win. Returns
 * the file's path, or null when there is none. A line that is not `NAME=value`
 * or an unreadable file throws a ConfigError naming the file and the line,
 * never its content (it may hold a token).
 */
export function loadEnvFileIfPresent(path = ".env"): string | null {
  const file = resolve(path);
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return null;
    throw new ConfigError(
      `cannot read ${file} (${code ?? "error"}); fix its permissions or remove it.`,
    );
  }
  const bad = badEnvLine(content);
  if (bad !== null) {
    throw new ConfigError(
      `${file} line ${bad} is not NAME=value or a # comment; fix or remove that line.`,
    );
  }
  process.loadEnvFile(file);
  return file;
}
