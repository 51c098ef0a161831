import { onTestFinished } from "vitest";
import type { DiscordAdapter } from "../../bots/discord/adapter.js";
import { INTERACTIONS_PATH } from "../../bots/discord/http-interactions.js";
import { createWebApp } from "../../src/web/app.js";
import { type RunningWebServer, startWebServer } from "../../src/web/server.js";
import { FakeClock } from "./clock.js";
import { type Harness, type HarnessOptions, makeHarness, T0 } from "./core-harness.js";
import { coreWebPort } from "./core-web.js";
import { discordRig } from "./discord-harness.js";
import type { FakeDiscord, FakeDiscordOptions } from "./discord-server.js";

export interface DiscordCore {
  readonly server: FakeDiscord;
  readonly adapter: DiscordAdapter;
  readonly h: Harness;
  /** With `http`: the bot's web server (its Interactions Endpoint URL is `${url}/discord/interactions`). */
  readonly web: RunningWebServer | null;
}

/**
 * A fake Discord and the real adapter, started on a real core, all on one fake clock
 * (`harness.clock`, else one at T0). Called inside a test: all of it is closed when the test
 * finishes, whether it passed or not. With `http`, interactions come as Discord's signed HTTP
 * POSTs to the bot's real web server (`DISCORD_PUBLIC_KEY` set) instead of down the gateway;
 * the fake's helpers (`slash`, `press`, `answered`, …) are the same.
 */
export async function discordCore(
  options: {
    readonly server?: FakeDiscordOptions;
    readonly harness?: HarnessOptions;
    readonly http?: boolean;
  } = {},
): Promise<DiscordCore> {
  const clock = options.harness?.clock ?? new FakeClock(T0);
  const now = () => clock.now();
  const rig = await discordRig(
    { now, ...options.server },
    { now, ...(options.http ? { httpInteractions: true } : {}) },
  );
  const h = makeHarness({ ...options.harness, clock, platforms: [rig.adapter.platform] });
  let web: RunningWebServer | null = null;
  onTestFinished(async () => {
    // The fake first: it waits for its deliveries in flight, which need the web server.
    await rig.close();
    await web?.stop();
    h.close();
  });
  if (options.http) {
    const endpoint = rig.adapter.endpoint;
    if (!endpoint) throw new Error("the adapter has no interactions endpoint");
    const app = createWebApp({
      port: coreWebPort(h),
      clock,
      publicUrl: null,
      linkSecret: "discord-core-link-secret-0123456789abcdef",
      inbound: [endpoint],
    });
    web = await startWebServer(app, { host: "127.0.0.1", port: 0 });
    rig.server.useHttpInteractions(`${web.url}${INTERACTIONS_PATH}`);
  }
  await rig.adapter.start(h.core.handler);
  return { server: rig.server, adapter: rig.adapter, h, web };
}
