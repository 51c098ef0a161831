/**
 * A shared link can go viral: the mob page must serve ≥ 2,000 requests/s with
 * p99 < 50 ms from one process, and the card must come from cache in < 5 ms.
 * The server runs in its own process (bench/web-child.ts); autocannon loads it
 * from this one over 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { type Measure, round } from "./common.js";
import { type EngineName, freshPlace, type Place } from "./engine.js";

const CHILD = fileURLToPath(new URL("./web-child.ts", import.meta.url));

interface Served {
  readonly url: string;
  readonly mob: string;
  readonly card: string;
}

interface Child {
  readonly served: Served;
  /** The server process's CPU time so far (user + system), in seconds. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

function startChild(place: Place): Promise<Child> {
  const where = JSON.stringify({
    engine: place.engine,
    databaseUrl: place.databaseUrl,
    databasePath: place.databasePath,
  });
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, where], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) {
        resolve({
          served: JSON.parse(line) as Served,
          cpuSeconds: () =>
            new Promise((answer) => {
              child.once("message", (m) => {
                const usage = m as NodeJS.CpuUsage;
                answer((usage.user + usage.system) / 1e6);
              });
              child.send("cpu");
            }),
          stop: () =>
            new Promise((done) => {
              child.once("close", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.once("error", reject);
    child.once("close", (code) => reject(new Error(`web child exited ${code}`)));
  });
}

const run = (options: autocannon.Options) => autocannon(options);

/** `seconds` per load phase. */
export async function web(engine: EngineName, seconds: number): Promise<Measure[]> {
  const place = await freshPlace(engine);
  const child = await startChild(place).catch(async (error: unknown) => {
    await place.dispose();
    throw error;
  });
  const { served, stop, cpuSeconds } = child;
  try {
    const page = `${served.url}${served.mob}`;
    // Warm up: JIT, the first card drawing, connection set-up.
    await run({ url: page, connections: 10, duration: 2 });
    const card = await fetch(`${served.url}${served.card}`);
    const etag = card.headers.get("etag") ?? "";
    const versioned = `${served.url}${served.card}?v=${etag.replaceAll('"', "")}`;
    await card.arrayBuffer();

    const cpuBefore = await cpuSeconds();
    const flat = await run({ url: page, connections: 20, duration: seconds });
    // CPU per request holds however busy the machine is; wall-clock rates do not.
    const cpuPerRequestMs = (((await cpuSeconds()) - cpuBefore) / flat.requests.total) * 1000;
    const steady = await run({ url: page, connections: 20, duration: seconds, overallRate: 2_000 });
    const cached = await run({
      url: versioned,
      connections: 1,
      duration: Math.max(2, seconds / 2),
    });
    const revalidated = await run({
      url: versioned,
      connections: 1,
      duration: Math.max(2, seconds / 2),
      headers: { "if-none-match": etag },
    });
    const errors = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
    const pageNote = (r: autocannon.Result) =>
      `${r.requests.total} requests, ${errors(r)} errors, p50 ${r.latency.p50} ms, ${round(r.throughput.average / 1e6)} MB/s`;
    return [
      {
        scenario: "web",
        metric: "mob page, flat out (20 connections)",
        value: round(flat.requests.average, 0),
        unit: "req/s",
        target: "≥ 2000",
        pass: flat.requests.average >= 2_000 && errors(flat) === 0,
        note: `${pageNote(flat)}, p99 ${flat.latency.p99} ms`,
      },
      {
        scenario: "web",
        metric: "server CPU per page served",
        value: round(cpuPerRequestMs, 3),
        unit: "ms",
        note: `= ${round(1000 / cpuPerRequestMs, 0)} pages per CPU-second, whatever else the machine runs`,
      },
      {
        scenario: "web",
        metric: "mob page p99 at a steady 2,000 req/s",
        value: steady.latency.p99,
        unit: "ms",
        target: "< 50",
        pass: steady.latency.p99 < 50 && errors(steady) === 0,
        note: `${round(steady.requests.average, 0)} req/s served; ${pageNote(steady)}`,
      },
      {
        scenario: "web",
        metric: "card from cache, p99",
        value: cached.latency.p99,
        unit: "ms",
        target: "< 5",
        pass: cached.latency.p99 < 5 && errors(cached) === 0,
        note: `p50 ${cached.latency.p50} ms, ${round(cached.requests.average, 0)} req/s on 1 connection, ${round(cached.throughput.average / cached.requests.average / 1024, 0)} KB each`,
      },
      {
        scenario: "web",
        metric: "card revalidated (304), p99",
        value: revalidated.latency.p99,
        unit: "ms",
        target: "< 5",
        pass: revalidated.latency.p99 < 5 && revalidated.errors + revalidated.timeouts === 0,
        note: `p50 ${revalidated.latency.p50} ms; ${revalidated.non2xx} of ${revalidated.requests.total} answered 304`,
      },
    ];
  } finally {
    await stop();
    await place.dispose();
  }
}
