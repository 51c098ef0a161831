/**
 * The web server alone in a fresh process, as the bot runs it, serving one
 * community's mob from the in-memory port. Prints one JSON line with its URL
 * and paths, then serves until SIGTERM; any IPC message is answered with the
 * process's CPU time so far. Run by bench/web.ts, so the load tool does not
 * share this process's event loop.
 */
import { systemClock } from "../src/ports/clock.js";
import { createWebApp } from "../src/web/app.js";
import { startWebServer } from "../src/web/server.js";
import { InMemoryWebPort } from "../test/fakes/web-port.js";

const port = new InMemoryWebPort(systemClock);
const community = port.addCommunity({ name: "Quartier des Lilas" });
const mob = port.addMob(community, { going: 184, maybe: 31, capacity: 250 });
// Some neighbours, so the community page and the lookups are not trivially small.
for (let i = 0; i < 50; i++) port.addMob(community, { shopName: `Shop ${i}` });

const app = createWebApp({
  port,
  clock: systemClock,
  publicUrl: "https://mobs.example.org",
  linkSecret: "bench-link-secret-0123456789abcdef-0123",
});
const server = await startWebServer(app, { host: "127.0.0.1", port: 0 });
process.stdout.write(
  `${JSON.stringify({ url: server.url, mob: `/m/${mob.publicId}`, card: `/m/${mob.publicId}/card.png` })}\n`,
);
process.on("message", () => process.send?.(process.cpuUsage()));
process.on("SIGTERM", () => {
  void server.stop().then(() => process.exit(0));
});
