/**
 * `npm run bench`: Cashmob's promises, measured against the platforms' own
 * ceilings, on this machine, with nothing leaving 127.0.0.1.
 *   --quick         smaller sizes, for a smoke run
 *   --only <name>   one scenario: fanout-telegram, fanout-discord, fanout-mixed,
 *                  fanout-discord-second, outage-telegram, outage-discord, lateness,
 *                  rsvp, busy-group, scale, web
 *   --engine <e>    sqlite (the default: needs nothing else), postgres or both; PostgreSQL
 *                  runs each scenario in a fresh database of its own on the server
 *                  BENCH_DATABASE_URL names (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { busyGroup } from "./busy-group.js";
import type { Measure } from "./common.js";
import { checkServer, dropAll, ENGINE_LABEL, ENGINES, type EngineName } from "./engine.js";
import { fanoutDiscord, fanoutDiscordSecond, fanoutMixed, fanoutTelegram } from "./fanout.js";
import { lateness } from "./lateness.js";
import { outageDiscord, outageTelegram } from "./outage.js";
import { rsvp } from "./rsvp.js";
import { scale } from "./scale.js";
import { web } from "./web.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const option = (name: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? "") : undefined;
const only = option("--only");
const engineOption = option("--engine") ?? "sqlite";

type Scenario = (engine: EngineName) => Promise<Measure[]>;
const SCENARIOS: Record<string, Scenario> = {
  "fanout-telegram": (e) => fanoutTelegram(e, quick ? 300 : 3_000),
  "fanout-discord": (e) => fanoutDiscord(e, quick ? 300 : 3_000),
  "fanout-mixed": (e) => fanoutMixed(e, quick ? 300 : 3_000),
  "fanout-discord-second": (e) => fanoutDiscordSecond(e, quick ? 300 : 3_000),
  // The "191 reminders still owed" after a 90 s Telegram outage; the quick run waits less.
  "outage-telegram": (e) => outageTelegram(e, 200, quick ? 20_000 : 90_000),
  "outage-discord": (e) => outageDiscord(e, 150, quick ? 15_000 : 60_000),
  lateness: (e) => (quick ? lateness(e, 2_000, 10_000) : lateness(e, 10_000, 60_000)),
  rsvp: (e) => (quick ? rsvp(e, 2_000, 2_000) : rsvp(e, 10_000, 2_000)),
  "busy-group": (e) => (quick ? busyGroup(e, 5, 10) : busyGroup(e, 20, 10)),
  scale: (e) => (quick ? scale(e, 1_000, 100_000) : scale(e, 10_000, 1_000_000)),
  web: (e) => web(e, quick ? 4 : 10),
};

/** One measure on one engine: a row of the table and of results.json. */
type Row = Measure & { readonly engine: EngineName };

const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

async function main(): Promise<void> {
  const names = only === undefined ? Object.keys(SCENARIOS) : [only];
  const unknown = names.filter((n) => !SCENARIOS[n]);
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown scenario ${unknown.join(", ")}; choose from ${Object.keys(SCENARIOS).join(", ")}.\n`,
    );
    process.exit(2);
  }
  const engines: readonly EngineName[] =
    engineOption === "both" ? ENGINES : ENGINES.filter((e) => e === engineOption);
  if (engines.length === 0) {
    process.stderr.write(
      `Unknown engine ${engineOption}; choose sqlite (the default), postgres or both.\n`,
    );
    process.exit(2);
  }
  const engineNames: Record<EngineName, string> = { ...ENGINE_LABEL };
  if (engines.includes("postgres")) {
    try {
      engineNames.postgres = await checkServer();
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
  process.stdout.write(
    `Cashmob bench${quick ? " (QUICK: smaller sizes, not the issue's)" : ""} on ${engines.map((e) => engineNames[e]).join(" and ")}\n` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform})\n\n`,
  );
  const results: Row[] = [];
  for (const name of names) {
    for (const engine of engines) {
      process.stdout.write(`running ${name} on ${ENGINE_LABEL[engine]}…\n`);
      const started = Date.now();
      const measures = (await SCENARIOS[name]?.(engine)) ?? [];
      results.push(...measures.map((m) => ({ engine, ...m })));
      process.stdout.write(`  done in ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  }
  printTable(results);
  const file = join(dirname(fileURLToPath(import.meta.url)), "results.json");
  const engineList = engines.map((e) => ({ engine: e, server: engineNames[e] }));
  writeFileSync(
    file,
    `${JSON.stringify({ machine, quick, engines: engineList, at: new Date().toISOString(), results }, null, 2)}\n`,
  );
  process.stdout.write(`\nwritten to ${file}\n`);
}

function printTable(results: readonly Row[]): void {
  const rows = results.map((m) => [
    m.scenario,
    m.engine,
    m.metric,
    `${m.value} ${m.unit}`,
    m.target ?? "",
    m.pass === undefined ? "" : m.pass ? "ok" : "MISSED",
    m.note ?? "",
  ]);
  const header = ["scenario", "engine", "metric", "value", "target", "", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

// Ctrl-C: the scenario's own PostgreSQL database goes too (its children die with the signal).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nbench interrupted; dropping its PostgreSQL databases\n`);
    void dropAll().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(async () => {
    await dropAll();
    process.exit();
  });
