/**
 * The bot as it runs, in a fresh process: the real core on the place given as
 * its argument (JSON, see bench/engine.ts: a SQLite file or a PostgreSQL database), its
 * scheduler running, and the web server reading the real store through
 * CoreWebPort. One community's mob has 184 going and 31 maybe; fifty more
 * mobs are around. Prints one JSON line with its URL and paths, then serves
 * until SIGTERM; any IPC message is answered with the process's CPU time so
 * far. Run by bench/web.ts, so the load tool does not share this event loop.
 */
import { CoreWebPort } from "../src/app/web-views.js";
import { systemClock } from "../src/ports/clock.js";
import type { DeliveryResult, Platform } from "../src/ports/platform.js";
import { createWebApp } from "../src/web/app.js";
import { startWebServer } from "../src/web/server.js";
import { TELEGRAM_LIKE } from "../test/fakes/recording-platform.js";
import { coreAt, member, organizer } from "./common.js";
import type { Place } from "./engine.js";

/** A platform that takes every post at once: the web side is what is measured. */
let next = 1;
const accepted = async (): Promise<DeliveryResult> => ({ ok: true, ref: `-1001:${next++}` });
const platform: Platform = {
  name: "telegram",
  capabilities: TELEGRAM_LIKE,
  publish: accepted,
  edit: accepted,
  sendDirect: accepted,
};

const place = JSON.parse(process.argv[2] ?? "{}") as Place;
const c = await coreAt(place, { publicUrl: "https://mobs.example.org" });
c.core.attach(platform);
const group = { id: "-1001", name: "Quartier des Lilas", channelId: "-1001" };
await c.core.handler.handle(organizer("telegram", group), {
  type: "create",
  shop: "Librairie du Parc",
  when: "in 3d",
  address: "3 rue des Lilas",
  capacity: "250",
  goal: "3000",
});
for (let i = 0; i < 215; i++)
  await c.core.handler.handle(member("telegram", String(10_000 + i), group), {
    type: "join",
    id: "1",
    ...(i >= 184 ? { maybe: true } : {}),
  });
for (let i = 0; i < 50; i++)
  await c.core.handler.handle(organizer("telegram", group), {
    type: "create",
    shop: `Shop ${i}`,
    when: `in ${4 + i}d`,
  });
c.core.scheduler.start();

const port = new CoreWebPort({
  uow: c.uow,
  settings: c.core.settings,
  joinLink: (_chat, mob) => `https://t.me/cashmob_bot?start=mob_${mob.id}`,
  platforms: () => ({ telegram: "connected" }),
  recordMerchantAnswer: async () => ({ ok: false, code: "ANSWER_CLOSED" }) as const,
});
const app = createWebApp({
  port,
  clock: systemClock,
  publicUrl: "https://mobs.example.org",
  linkSecret: "bench-link-secret-0123456789abcdef-0123",
});
const server = await startWebServer(app, { host: "127.0.0.1", port: 0 });
const publicId = (await c.store.getMob(1))?.publicId ?? "";
process.stdout.write(
  `${JSON.stringify({ url: server.url, mob: `/m/${publicId}`, card: `/m/${publicId}/card.png` })}\n`,
);
process.on("message", () => process.send?.(process.cpuUsage()));
process.on("SIGTERM", () => {
  void server
    .stop()
    .then(() => c.core.scheduler.stop())
    .then(() => c.close())
    .then(() => {
      process.exit(0);
    });
});
