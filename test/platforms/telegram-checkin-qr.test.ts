import { afterEach, describe, expect, it } from "vitest";
import { scanQr } from "../fakes/qr-scan.js";
import {
  ALICE,
  GROUP,
  ORG,
  saidBeforeMarker,
  type TelegramRig,
  telegramRig,
  until,
} from "../fakes/telegram-harness.js";
import type { SentMessage } from "../fakes/telegram-server.js";

/**
 * Check-in by scanning, through real grammY against the fake Telegram: the
 * organizer's check-in code comes privately with a QR picture of the deep
 * link `https://t.me/<bot>?start=in_<id>_<code>`; a member who scans it opens
 * the bot, which sends `/start in_<id>_<code>`, and is checked in.
 */
let rig: TelegramRig;
afterEach(async () => rig?.close());

const group = () => rig.server.chatMessages(GROUP);
/** Saturday 5 December 2026, 18:00 UTC (the harness's zone). */
const START = Date.UTC(2026, 11, 5, 18, 0);

/** The organizer (private chat open) creates mob #1 in the group; its code, as stored. */
async function createMob(): Promise<string> {
  rig.server.startPrivate(ORG);
  await until(() => rig.server.dms(ORG).length === 1, "the welcome");
  rig.server.type(ORG, GROUP, "/newmob Librairie du Parc | 2026-12-05 18:00 | 15");
  await until(() => rig.server.dms(ORG).length === 2, "the code, privately");
  return (await rig.h.store.getMob(1))?.checkinCode ?? "no mob";
}

/** Alice opens the bot from a scanned link; what the bot answered her, after `before` messages. */
async function scan(payload: string): Promise<string[]> {
  const before = rig.server.dms(ALICE).length;
  rig.server.startPrivate(ALICE, payload);
  return saidBeforeMarker(rig, ALICE, ALICE, before);
}

/** The private message `dm` carries the QR of mob #1's deep link; the group saw no picture and no code. */
function expectQrPrivatelyOnly(dm: SentMessage | undefined, code: string): void {
  expect(scanQr(dm?.photo?.data ?? new Uint8Array())).toBe(
    `https://t.me/cashmob_test_bot?start=in_1_${code}`,
  );
  expect(group().some((m) => m.photo !== undefined || m.text.includes(code))).toBe(false);
}

const checkedIn = async () =>
  (await rig.h.store.participants(1)).filter((p) => p.checkedInAt !== null).length;

describe("Telegram: check-in by scanning the organizer's QR", () => {
  it("the code comes privately as a photo whose QR scans to the deep link, and the group sees no picture", async () => {
    rig = await telegramRig();
    const code = await createMob();
    const dm = rig.server.dms(ORG)[1];
    expect(dm?.text).toContain(`Give this code to mobbers at the shop: ${code}`);
    expect(dm?.text).toContain("Mobbers may also scan the QR code to check in at mob #1.");
    expectQrPrivatelyOnly(dm, code);
  });

  it("/mob <id> in the group gives the organizer the QR privately, never in the group", async () => {
    rig = await telegramRig();
    const code = await createMob();
    rig.server.type(ORG, GROUP, "/mob 1");
    await until(() => rig.server.dms(ORG).length === 3, "the organizer's part, privately");
    expectQrPrivatelyOnly(rig.server.dms(ORG)[2], code);
  });

  it("scanning it at the shop checks the member in, once, and the tally counts them as came", async () => {
    rig = await telegramRig();
    const code = await createMob();
    rig.h.clock.set(START + 15 * 60_000);
    expect(await scan(`in_1_${code}`)).toEqual(["Checked in at Librairie du Parc. Happy mobbing!"]);
    expect(await checkedIn()).toBe(1);
    expect(await scan(`in_1_${code}`)).toEqual(["You're already checked in."]);
    expect(await checkedIn()).toBe(1);
    rig.server.type(ORG, GROUP, "/tally 1");
    await until(() => group().some((m) => m.text.includes("Came: 1")), "the tally with Came: 1");
  });

  it("a wrong code is one sentence and checks nobody in", async () => {
    rig = await telegramRig();
    const code = await createMob();
    rig.h.clock.set(START + 15 * 60_000);
    const wrong = code === "AAAAAA" ? "BBBBBB" : "AAAAAA";
    expect(await scan(`in_1_${wrong}`)).toEqual([
      "That check-in code is not right; ask the organizer at the meeting point.",
    ]);
    expect(await checkedIn()).toBe(0);
  });

  it("before the check-in window opens, one sentence and nothing changes", async () => {
    rig = await telegramRig();
    const code = await createMob();
    expect(await scan(`in_1_${code}`)).toEqual([
      "Check-in for mob #1 is open from one hour before the start until the tally.",
    ]);
    expect(await checkedIn()).toBe(0);
    expect(await rig.h.store.participants(1)).toEqual([]);
  });
});
