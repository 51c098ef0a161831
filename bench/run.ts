/**
 * `npm run bench`: Cashmob's promises, measured against the platforms' own
 * ceilings, on this machine, with nothing leaving 127.0.0.1.
 *   --quick         smaller sizes, for a smoke run
 *   --only <name>   one scenario: fanout-telegram, fanout-discord, fanout-mixed,
 *                  fanout-discord-second, lateness, rsvp, busy-group, scale, web
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { busyGroup } from "./busy-group.js";
import type { Measure } from "./common.js";
import { fanoutDiscord, fanoutDiscordSecond, fanoutMixed, fanoutTelegram } from "./fanout.js";
import { lateness } from "./lateness.js";
import { rsvp } from "./rsvp.js";
import { scale } from "./scale.js";
import { web } from "./web.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.includes("--only") ? (args[args.indexOf("--only") + 1] ?? "") : undefined;

const SCENARIOS: Record<string, () => Promise<Measure[]>> = {
  "fanout-telegram": () => fanoutTelegram(quick ? 300 : 3_000),
  "fanout-discord": () => fanoutDiscord(quick ? 300 : 3_000),
  "fanout-mixed": () => fanoutMixed(quick ? 300 : 3_000),
  "fanout-discord-second": () => fanoutDiscordSecond(quick ? 300 : 3_000),
  lateness: () => (quick ? lateness(2_000, 10_000) : lateness(10_000, 60_000)),
  rsvp: () => (quick ? rsvp(2_000, 2_000) : rsvp(10_000, 2_000)),
  "busy-group": () => (quick ? busyGroup(5, 10) : busyGroup(20, 10)),
  scale: () => (quick ? scale(1_000, 100_000) : scale(10_000, 1_000_000)),
  web: () => web(quick ? 4 : 10),
};

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
  process.stdout.write(
    `Cashmob bench${quick ? " (QUICK: smaller sizes, not the issue's)" : ""}\n` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform})\n\n`,
  );
  const results: Measure[] = [];
  for (const name of names) {
    process.stdout.write(`running ${name}…\n`);
    const started = Date.now();
    const measures = await SCENARIOS[name]?.();
    results.push(...(measures ?? []));
    process.stdout.write(`  done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  printTable(results);
  const file = join(dirname(fileURLToPath(import.meta.url)), "results.json");
  writeFileSync(
    file,
    `${JSON.stringify({ machine, quick, at: new Date().toISOString(), results }, null, 2)}\n`,
  );
  process.stdout.write(`\nwritten to ${file}\n`);
}

function printTable(results: readonly Measure[]): void {
  const rows = results.map((m) => [
    m.scenario,
    m.metric,
    `${m.value} ${m.unit}`,
    m.target ?? "",
    m.pass === undefined ? "" : m.pass ? "ok" : "MISSED",
    m.note ?? "",
  ]);
  const header = ["scenario", "metric", "value", "target", "", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
