import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Measure, round } from "./common.js";
import { type EngineName, freshPlace, type Place } from "./engine.js";
import { seed } from "./scale-seed.js";

// Resolved from this file, so the bench runs from any working directory.
const CHILD = fileURLToPath(new URL("./scale-child.ts", import.meta.url));

/** Runs bench/scale-child.ts on the database and reads its JSON line. */
function measureInChild(place: Place, calls: number): Promise<Record<string, number>> {
  const where = JSON.stringify({
    engine: place.engine,
    databaseUrl: place.databaseUrl,
    databasePath: place.databasePath,
  });
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, where, String(calls)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"))
        : reject(new Error(`child exited ${code}`)),
    ),
  );
}

export async function scale(
  engine: EngineName,
  mobs: number,
  participants: number,
): Promise<Measure[]> {
  const place = await freshPlace(engine);
  try {
    const generated = performance.now();
    const sizeMb = (await seed(place, mobs, participants)) / 2 ** 20;
    const generationSeconds = (performance.now() - generated) / 1000;
    const r = await measureInChild(place, 200);
    const startMs = r.startMs ?? Number.NaN;
    const p99 = r.listP99Ms ?? Number.NaN;
    const rssMb = r.rssMb ?? Number.NaN;
    const peakRssMb = r.peakRssMb ?? Number.NaN;
    const ready = `process start → ready ${round(r.processReadyMs ?? Number.NaN)} ms with the tsx loader`;
    const startNote =
      engine === "sqlite"
        ? `of which quick_check ${round(r.quickCheckMs ?? Number.NaN)} ms (reads the whole file, warm cache); ${ready}`
        : `connect, check the migrations, core ready; ${ready}`;
    const note = `${mobs} mobs, ${participants} participants, ${round(sizeMb)} MB, seeded in ${round(generationSeconds)} s`;
    return [
      {
        scenario: "scale",
        metric: "start-up (open, check, migrate, core ready)",
        value: round(startMs),
        unit: "ms",
        target: "< 2000",
        pass: startMs < 2_000,
        note: startNote,
      },
      {
        scenario: "scale",
        metric: "/mobs p50",
        value: round(r.listP50Ms ?? Number.NaN, 2),
        unit: "ms",
        note,
      },
      {
        scenario: "scale",
        metric: "/mobs p99",
        value: round(p99, 2),
        unit: "ms",
        target: "< 20",
        pass: p99 < 20,
      },
      {
        scenario: "scale",
        metric: "resident memory, peak",
        value: round(peakRssMb),
        unit: "MB",
        target: "< 150",
        pass: peakRssMb < 150,
        note: `${round(rssMb)} MB after the 200 lists; tsx loader included`,
      },
    ];
  } finally {
    await place.dispose();
  }
}
