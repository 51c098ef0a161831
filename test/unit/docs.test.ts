import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../bots/console/adapter.js";
import { COMMANDS } from "../../bots/discord/commands.js";
import { SERIES_COMMAND } from "../../bots/discord/series-command.js";
import { actionId, actionToCommand } from "../../src/app/action-ids.js";
import { loadConfig } from "../../src/config/config.js";
import { makeHarness } from "../fakes/core-harness.js";

/**
 * The repository explains itself: docs/commands.md and docs/configuration.md
 * are the reference, and they stay true to the code. A command, option,
 * button, route or variable added to the code without its line in the docs
 * (or the other way round) fails here, naming it.
 */
const read = (path: string) => readFileSync(path, "utf8");
const COMMANDS_MD = read("docs/commands.md");
const CONFIGURATION_MD = read("docs/configuration.md");

/** The text under a heading, up to the next heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no "${heading}" section`);
  const rest = markdown.slice(start + heading.length + 2);
  const next = /^#+ /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** Each table row's cells (header and separator rows left out), `\|` kept inside a cell. */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[-| ]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The `` `code` `` spans of a cell. */
const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

// ── Variables ──────────────────────────────────────────────────────

/**
 * Every variable src/config reads: those loadConfig asks of the environment
 * (with and without tokens, so the platforms' own are asked too), and any
 * name the config's sources pass to a reader, even behind a condition.
 */
function configVariables(): string[] {
  const asked = new Set<string>();
  const spy = (values: Record<string, string>) =>
    new Proxy(values, {
      get(target, key) {
        if (typeof key === "string") asked.add(key);
        return target[key as string];
      },
    });
  loadConfig(spy({}));
  loadConfig(spy({ DISCORD_TOKEN: "d-token", TELEGRAM_BOT_TOKEN: "123:t-token" }));
  for (const file of readdirSync("src/config")) {
    const source = read(join("src/config", file));
    for (const m of source.matchAll(/\(env, "([A-Z][A-Z0-9_]+)"/g)) asked.add(m[1] as string);
    for (const m of source.matchAll(/\benv(?:\.|\[")([A-Z][A-Z0-9_]+)/g)) asked.add(m[1] as string);
  }
  return sorted(asked);
}

const envExample = sorted(
  [...read(".env.example").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string),
);
const documentedVariables = sorted(
  rows(section(CONFIGURATION_MD, "## Environment")).map((cells) => codes(cells[0] ?? "")[0] ?? ""),
);

describe("the environment: src/config, .env.example and docs/configuration.md agree", () => {
  it("finds the variables src/config reads", () => {
    expect(configVariables()).toEqual(expect.arrayContaining(["DISCORD_TOKEN", "LOG_FILE"]));
  });

  it("every variable src/config reads is in .env.example", () => {
    expect(configVariables().filter((v) => !envExample.includes(v))).toEqual([]);
  });

  it("every variable in .env.example is read by src/config", () => {
    expect(envExample.filter((v) => !configVariables().includes(v))).toEqual([]);
  });

  it("every variable src/config reads is documented, and nothing else is in the table", () => {
    expect(documentedVariables).toEqual(configVariables());
  });
});

// ── Commands ───────────────────────────────────────────────────────

/** The `case "name":` labels of a function's switch: what its parser accepts, as written. */
function caseLabels(file: string, fn: string): string[] {
  const source = read(file);
  const body = source.slice(source.indexOf(`function ${fn}(`));
  return sorted(
    [...body.slice(0, body.indexOf("\n}\n")).matchAll(/case "([a-z_]+)":/g)].map(
      (m) => m[1] as string,
    ),
  );
}

/** `/name` from each row's first cell (`/link` · `/link <code>` gives link once). */
function commandNames(text: string): string[] {
  return sorted(
    rows(text).flatMap((cells) =>
      codes(cells[0] ?? "").map((code) => /^\/([a-z_]+)/.exec(code)?.[1] ?? ""),
    ),
  );
}

describe("docs/commands.md lists every command, and only real ones", () => {
  it("Telegram and the console: exactly the commands the text parser accepts", () => {
    const documented = commandNames(section(COMMANDS_MD, "## Telegram and the console"));
    const parsed = caseLabels("src/app/parse-command.ts", "parseTextCommand");
    expect(parsed.length).toBeGreaterThan(25);
    expect(documented).toEqual(parsed);
  });

  it("the console's own commands are the ones it answers", async () => {
    const documented = commandNames(section(COMMANDS_MD, "### The console only"));
    expect(documented).toEqual(["as", "photo", "press", "room"]);
    const h = makeHarness();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => {
      printed += d.toString();
    });
    const adapter = createConsoleAdapter({ input: new PassThrough(), output, interactive: false });
    h.core.attach(adapter.platform);
    for (const line of ["/as bob", "/press mob:1:join", "/room paris", "/photo 1 ./nowhere.jpg"]) {
      printed = "";
      await adapter.exec(h.core.handler, line);
      expect(printed, line).not.toMatch(/don't know that command|Commands start with \//);
    }
    h.close();
  });

  it("Discord: exactly /series's subcommands, each with exactly its options", () => {
    const documented = rows(section(COMMANDS_MD, "### `/series`")).map((cells) => [
      /^\/series ([a-z]+)$/.exec(codes(cells[0] ?? "")[0] ?? "")?.[1] ?? "",
      sorted(codes(cells[1] ?? "").filter((c) => /^[a-z_]+$/.test(c))),
    ]);
    expect(documented).toEqual(
      (SERIES_COMMAND.options ?? []).map((sub) => [
        sub.name,
        sorted(("options" in sub ? (sub.options ?? []) : []).map((o) => o.name)),
      ]),
    );
  });

  it("Discord: exactly /mob's subcommands, each with exactly its options", () => {
    const mob = COMMANDS[0];
    const subs = mob && "options" in mob ? (mob.options ?? []) : [];
    const documented = new Map(
      rows(section(COMMANDS_MD, "## Discord")).map((cells) => [
        /^\/mob ([a-z]+)$/.exec(codes(cells[0] ?? "")[0] ?? "")?.[1] ?? "",
        sorted(codes(cells[1] ?? "").filter((c) => /^[a-z_]+$/.test(c))),
      ]),
    );
    expect(sorted(documented.keys())).toEqual(sorted(subs.map((s) => s.name)));
    for (const sub of subs) {
      const options = "options" in sub ? (sub.options ?? []) : [];
      const choices = options.flatMap((o) =>
        "choices" in o && o.choices ? o.choices.map((c) => String(c.value)) : [],
      );
      // Choices may be named beside their option (`status` (`asked` `agreed` `declined`)).
      const named = (documented.get(sub.name) ?? []).filter((n) => !choices.includes(n));
      expect(named, `/mob ${sub.name}`).toEqual(sorted(options.map((o) => o.name)));
    }
  });
});

// ── Buttons ────────────────────────────────────────────────────────

describe("docs/commands.md names every button id", () => {
  const patterns = rows(section(COMMANDS_MD, "## Buttons")).map(
    (cells) => codes(cells[0] ?? "")[0] ?? "",
  );
  const asRegex = (pattern: string) =>
    new RegExp(`^${pattern.replace(/<[^>]+>/g, "\\d+").replace(/[.]/g, "\\.")}$`);

  it("every id the bot writes matches a documented pattern", () => {
    const written = [
      actionId.join(12),
      actionId.maybe(12),
      actionId.leave(12),
      actionId.spent(12, 1500),
      actionId.vote(3, 7),
    ];
    expect(Object.keys(actionId)).toHaveLength(written.length);
    for (const id of written)
      expect(
        patterns.some((p) => asRegex(p).test(id)),
        id,
      ).toBe(true);
  });

  it("every documented pattern is an id the bot acts on", () => {
    for (const pattern of patterns) {
      const example = pattern.replace(/<[^>]+>/g, "7");
      expect(actionToCommand(example), pattern).not.toBeNull();
    }
  });
});

// ── Web routes ─────────────────────────────────────────────────────

describe("docs/configuration.md lists every web route", () => {
  it("the documented routes are exactly those the web app serves", () => {
    const served = new Set<string>();
    const files = [
      "src/web/app.ts",
      ...readdirSync("src/web/routes").map((f) => join("src/web/routes", f)),
    ];
    for (const file of files)
      for (const m of read(file).matchAll(/app\.(get|post)\(\s*"([^"]+)"/g))
        served.add(`${(m[1] as string).toUpperCase()} ${(m[2] as string).replace(/:\w+/g, ":p")}`);
    // The platforms' endpoints (WebAppDeps.inbound, POST only), each path a bot's `…_PATH` constant.
    for (const bot of readdirSync("bots"))
      for (const f of readdirSync(join("bots", bot)).filter((name) => name.endsWith(".ts")))
        for (const m of read(join("bots", bot, f)).matchAll(/export const \w+_PATH = "(\/[^"]*)"/g))
          served.add(`POST ${m[1] as string}`);
    const documented = new Set<string>();
    for (const cells of rows(section(CONFIGURATION_MD, "## Web routes"))) {
      for (const route of codes(cells[0] ?? "")) {
        const m = /^([A-Z][A-Z, ]*) (\/.*)$/.exec(route);
        if (!m) continue;
        // `/m/<id>` and `/m/<id>.ics` are one route, `/m/:file`.
        const path = (m[2] as string).replace(/<[^>]+>/g, ":p").replace(/:p\.ics$/, ":p");
        for (const method of (m[1] as string).split(/,\s*/)) documented.add(`${method} ${path}`);
      }
    }
    expect(sorted(documented)).toEqual(sorted(served));
  });
});

describe("README", () => {
  it("sends nobody outside the repository for the contract, and links the docs", () => {
    const readme = read("README.md");
    expect(readme).not.toContain("../shared");
    expect(readme).not.toContain("DESIGN.md");
    expect(readme).toContain("(docs/commands.md)");
    expect(readme).toContain("(docs/configuration.md)");
  });

  it("its docker run example publishes the web port and sets PUBLIC_URL", () => {
    const readme = read("README.md");
    const run = /docker run [^`]*?cashmob\n/.exec(readme.replace(/\\\n/g, " "))?.[0] ?? "";
    expect(run).toMatch(/-p \S+:8080/);
    expect(run).toContain("PUBLIC_URL=");
    expect(read("Dockerfile")).toMatch(/HTTP_HOST=0\.0\.0\.0/);
    expect(read("Dockerfile")).toMatch(/^EXPOSE 8080$/m);
  });
});
