import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consoleOnHarness } from "../fakes/console-capture.js";
import { HOUR, MINUTE } from "../fakes/core-harness.js";
import { jpeg } from "../fakes/images.js";

/**
 * The console adapter after the mob: `/photo <id> <file>` reads a file from
 * disk; the tally card, the recap's photos and an export are saved as files
 * whose paths it prints.
 */
const START = Date.UTC(2026, 11, 5, 18);

const setup = consoleOnHarness("cashmob-console-after-");

/** The paths printed after a label, in order. */
const saved = (text: string, label: string) =>
  [...text.matchAll(new RegExp(`${label}: ([^\\s)]+)`, "g"))].map((m) => m[1] as string);

describe("console: after the mob", () => {
  it("/photo <id> <file> adds a photo from disk; the tally card and the recap's photos are saved and their paths printed", async () => {
    const { h, dir, run, printed } = setup();
    await run("/newmob Cave | 2026-12-05 18:00 | 15 | party=Le Zinc");
    await run("/join 1", "alice");
    await h.drain();
    expect(printed()).toContain(
      "After-party: Le Zinc <https://www.openstreetmap.org/search?query=Le%20Zinc>",
    );
    const photo = join(dir, "crowd.jpg");
    writeFileSync(photo, jpeg(1200, 900));
    h.clock.set(START + 10 * MINUTE);
    expect(await run(`/photo 1 ${photo}`, "alice")).toBe(
      "Photo #1 is in mob #1's album (1 of your 5).",
    );
    expect(await run("/photo 1", "alice")).toBe("! Send the photo itself: /photo 1 <file>.");
    expect(await run(`/photo 1 ${join(dir, "nope.jpg")}`, "alice")).toBe(
      `! I can't read a file at ${join(dir, "nope.jpg")}; give the path of a photo.`,
    );
    const notAPhoto = join(dir, "notes.png");
    writeFileSync(notAPhoto, "just text");
    expect(await run(`/photo 1 ${notAPhoto}`, "alice")).toBe(
      "! That file is not a photo I can take; send a JPEG, PNG or WebP picture.",
    );
    await run("/spent 1 20", "alice");
    await h.advance(START + 15 * HOUR - h.clock.now(), HOUR);
    const [card] = saved(printed(), "picture saved");
    expect(card).toMatch(/1-card\.png$/);
    const bytes = readFileSync(card as string);
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
    const [recap] = saved(printed(), "Photo #1");
    expect(recap && existsSync(recap)).toBe(true);
    expect(readFileSync(recap as string).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it("/export saves the CSV and says where, for the organizer only", async () => {
    const { h, run } = setup();
    await run("/newmob Cave | 2026-12-05 18:00");
    await run("/join 1", "=bob");
    await h.drain();
    const answer = await run("/export 1", "you");
    expect(answer).toContain("I've sent you mob #1's participants privately, as a file.");
    const [path] = saved(answer, "file saved");
    expect(readFileSync(path as string, "utf8")).toBe(
      "\ufeffname,platform,status,pledge (EUR),checked in,spent (EUR)\r\n'=bob,console,going,15.00,,\r\n",
    );
  });
});
