import { onTestFinished } from "vitest";
import type { DiscordAdapter } from "../../bots/discord/adapter.js";
import { FakeClock } from "./clock.js";
import { type Harness, type HarnessOptions, makeHarness, T0 } from "./core-harness.js";
import { discordRig } from "./discord-harness.js";
import type { FakeDiscord, FakeDiscordOptions } from "./discord-server.js";

export interface DiscordCore {
  readonly server: FakeDiscord;
  readonly adapter: DiscordAdapter;
  readonly h: Harness;
}

/**
 * A fake Discord and the real adapter, started on a real core, all on one fake clock
 * (`harness.clock`, else one at T0). Called inside a test: all of it is closed when the test
 * finishes, whether it passed or not.
 */
export async function discordCore(
  options: { readonly server?: FakeDiscordOptions; readonly harness?: HarnessOptions } = {},
): Promise<DiscordCore> {
  const clock = options.harness?.clock ?? new FakeClock(T0);
  const now = () => clock.now();
  const rig = await discordRig({ now, ...options.server }, { now });
  const h = makeHarness({ ...options.harness, clock, platforms: [rig.adapter.platform] });
  onTestFinished(async () => {
    await rig.close();
    h.close();
  });
  await rig.adapter.start(h.core.handler);
  return { server: rig.server, adapter: rig.adapter, h };
}
