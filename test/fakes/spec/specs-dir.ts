/**
 * Where the platforms' own API descriptions are: `../shared/specs/` beside
 * the repository (CI clones it there; so do the project's worktrees), or the
 * folder in `CASHMOB_SPECS_DIR`. A fresh clone may not have them: then the
 * fakes accept any body, and say so loudly once per process, because a check
 * that silently does nothing is worse than none. CI always has them, so there
 * a missing file is an error.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type SpecFile = "discord-openapi.json" | "telegram-bot-api.json";

const SPEC_FILES: readonly SpecFile[] = ["discord-openapi.json", "telegram-bot-api.json"];

/** The repository root, from this file's place in it (test/fakes/spec/), never from the cwd. */
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The folder the specs are read from, and how to name it in a message. */
export function specsDir(env: NodeJS.ProcessEnv = process.env): { dir: string; shown: string } {
  const override = env.CASHMOB_SPECS_DIR;
  if (override) return { dir: resolve(override), shown: override };
  return { dir: resolve(REPO_ROOT, "..", "shared", "specs"), shown: "../shared/specs" };
}

/** The sentence printed (or thrown on CI) when spec files are missing. */
export function skippedMessage(missing: readonly SpecFile[], env = process.env): string {
  const { dir, shown } = specsDir(env);
  const names = missing.map((f) => `${shown}/${f}`).join(" and ");
  return (
    `platform spec validation SKIPPED: ${names} not found (looked in ${dir}; ` +
    "put shared/ beside the repository or set CASHMOB_SPECS_DIR); the fakes accept any body"
  );
}

let warned = false;

/**
 * The parsed spec, or null when it is absent (after warning once per process
 * on stderr). Throws when it is absent and `CI=true`.
 */
export function loadSpec(file: SpecFile, env = process.env): unknown {
  const path = specPath(file, env);
  return path === null ? null : JSON.parse(readFileSync(path, "utf8"));
}

/** The spec file's path, or null when absent; see {@link loadSpec} for the warning and CI rule. */
export function specPath(file: SpecFile, env = process.env): string | null {
  const { dir } = specsDir(env);
  const path = join(dir, file);
  if (existsSync(path)) return path;
  const missing = SPEC_FILES.filter((f) => !existsSync(join(dir, f)));
  const message = skippedMessage(missing, env);
  if (env.CI === "true")
    throw new Error(`${message}. CI=true: CI always has the specs, so this is an error.`);
  if (!warned) {
    warned = true;
    process.stderr.write(`\n!!! ${message} !!!\n\n`);
  }
  return null;
}
