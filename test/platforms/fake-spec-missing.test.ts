import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { specPath } from "../fakes/spec/specs-dir.js";
import { finished } from "../support/child-output.js";

/**
 * Both fakes in a fresh process, each sent one request its platform's spec
 * refuses (and the fake's own checks do not), from a working directory
 * outside the repository.
 */

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const empty = mkdtempSync(join(tmpdir(), "cashmob-no-specs-"));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const module = (path: string) => JSON.stringify(pathToFileURL(join(REPO, path)).href);
const SCRIPT = `
process.chdir(${JSON.stringify(tmpdir())});
const { FakeDiscord } = await import(${module("test/fakes/discord-server.ts")});
const { FakeTelegram } = await import(${module("test/fakes/telegram-server.ts")});
const discord = await new FakeDiscord().start();
const telegram = await new FakeTelegram().start();
telegram.addGroup(-1001, "Cash mobbers");
const colour = await fetch(discord.apiUrl + "/v10/channels/" + discord.guild.channels[0].id + "/messages", {
  method: "POST",
  headers: { authorization: "Bot " + discord.token, "content-type": "application/json" },
  body: JSON.stringify({ embeds: [{ title: "t", color: 0x1000000 }] }),
});
const typo = await fetch(telegram.apiRoot + "/bot" + telegram.token + "/sendMessage", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ chat_id: -1001, text: "hi", parse_mod: "HTML" }),
});
console.log(JSON.stringify({ discord: colour.status, telegram: typo.status }));
await discord.stop();
await telegram.stop();
`;

function runFakes(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { CI: _ci, CASHMOB_SPECS_DIR: _dir, ...rest } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
    cwd: REPO,
    env: { ...rest, ...env },
  });
  return finished(child);
}

const SKIPPED = /platform spec validation SKIPPED/g;

describe("where the platforms' specs are", () => {
  it("without them, says once and loudly that the fakes check nothing, and accepts any body", async () => {
    const run = await runFakes({ CASHMOB_SPECS_DIR: empty });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ discord: 200, telegram: 200 });
    expect(run.stderr.match(SKIPPED)).toHaveLength(1);
    expect(run.stderr).toContain(
      `${empty}/discord-openapi.json and ${empty}/telegram-bot-api.json not found`,
    );
    expect(run.stderr).toContain("the fakes accept any body");
  });

  it("on CI, fails instead of skipping", async () => {
    const run = await runFakes({ CASHMOB_SPECS_DIR: empty, CI: "true" });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("CI=true: CI always has the specs, so this is an error.");
  });

  it.skipIf(
    specPath("discord-openapi.json") === null || specPath("telegram-bot-api.json") === null,
  )("finds ../shared/specs from the repository root, whatever the working directory", async () => {
    const run = await runFakes({});
    expect(JSON.parse(run.stdout)).toEqual({ discord: 400, telegram: 400 });
    expect(run.stderr).not.toMatch(SKIPPED);
  });
});
