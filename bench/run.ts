/**
 * `npm run bench`: Cashmob's promises, measured against the platforms' own
 * ceilings, on this machine, with nothing leaving 127.0.0.1.
 *   --quick         smaller sizes, for a smoke run
 *   --only <name>   one scenario: fanout-telegram, fanout-discord, fanout-mixed,
 *                  fanout-discord-second, outage-telegram, outage-discord, lateness,
 *                  rsvp, busy-group, scale, web, replicas
 *   --engine <e>    sqlite (the default: needs nothing else), postgres or both; PostgreSQL
 *                  runs each scenario in a fresh database of its own on the server
 *                  BENCH_DATABASE_URL names (default postgres://postgres@127.0.0.1:5432/postgres)
 * `replicas` is PostgreSQL only (replicas share one server): `--only replicas` runs it there
 * whatever --engine says; a run of every scenario includes it when --engine names postgres.
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
import { replicas } from "./replicas.js";
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
  replicas: () =>
    replicas(
      quick
        ? { dms: 300, pressMs: 3_000, concurrency: 16, pgbenchSeconds: 5 }
        : { dms: 3_000, pressMs: 8_000, concurrency: 16, pgbenchSeconds: 12 },
    ),
};

/** Scenarios about several processes on one server: PostgreSQL only, whatever --engine says. */
const POSTGRES_ONLY = new Set(["replicas"]);

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
  const names =
    only === undefined
      ? Object.keys(SCENARIOS).filter(
          (n) => !POSTGRES_ONLY.has(n) || engineOption === "postgres" || engineOption === "both",
        )
      : [only];
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
  const pgOnly = names.filter((n) => POSTGRES_ONLY.has(n));
  if (pgOnly.length > 0 && !engines.includes("postgres"))
    process.stdout.write(
      `${pgOnly.join(", ")}: PostgreSQL only (replicas share one server), so run on PostgreSQL whatever --engine says.\n`,
    );
  if (engines.includes("postgres") || pgOnly.length > 0) {
    try {
      engineNames.postgres = await checkServer();
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
  // The engines the scenarios will really run on.
  const shown = ENGINES.filter(
    (e) =>
      names.some((n) => !POSTGRES_ONLY.has(n) && engines.includes(e)) ||
      (e === "postgres" && pgOnly.length > 0),
  );
  process.stdout.write(
    `Cashmob bench${quick ? " (QUICK: smaller sizes, not the issue's)" : ""} on ${shown.map((e) => engineNames[e]).join(" and ")}\n` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform})\n\n`,
  );
  const results: Row[] = [];
  for (const name of names) {
    for (const engine of POSTGRES_ONLY.has(name) ? (["postgres"] as const) : engines) {
      process.stdout.write(`running ${name} on ${ENGINE_LABEL[engine]}…\n`);
      const started = Date.now();
      const measures = (await SCENARIOS[name]?.(engine)) ?? [];
      results.push(...measures.map((m) => ({ engine, ...m })));
      process.stdout.write(`  done in ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  }
  printTable(results);
  const file = join(dirname(fileURLToPath(import.meta.url)), "results.json");
  const used = [...new Set(results.map((r) => r.engine))];
  const engineList = (used.length > 0 ? used : engines).map((e) => ({
    engine: e,
    server: engineNames[e],
  }));
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
