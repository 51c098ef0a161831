import type { FakeDiscord } from "../fakes/discord-server.js";
import type { FakeTelegram } from "../fakes/telegram-server.js";
import { seedMobs } from "./seed.js";

/** The Telegram group the fan-out tests seed their mob in. */
export const GROUP = -1009876543210;

/**
 * `count` members of the fake Telegram (ids from 20 000) who opened a private chat with the
 * bot and joined, through its deep link, one mob in GROUP whose 24 h reminder falls due two
 * seconds after seeding: a fan-out of `count` DMs. `reached()` counts the members with a DM.
 */
export async function seedTelegramFanOut(
  server: FakeTelegram,
  path: string,
  count: number,
): Promise<{ users: number[]; reached: () => number }> {
  const users = Array.from({ length: count }, (_, i) => 20_000 + i);
  for (const id of users) {
    server.addUser(id, `m${id}`);
    server.started.add(id);
  }
  await seedMobs(path, [
    {
      platform: "telegram",
      community: { id: String(GROUP), name: "Mobbers", channelId: String(GROUP) },
      when: "in 24h2s",
      members: users.map(String),
      viaPrivateChat: true,
    },
  ]);
  return { users, reached: () => users.filter((id) => server.dms(id).length > 0).length };
}

/** `count` members of the fake Discord guild (snowflakes from 2·10^17), named `prefix` + id. */
export function discordMembers(server: FakeDiscord, count: number, prefix: string): string[] {
  const users = Array.from({ length: count }, (_, i) => String(200000000000000000n + BigInt(i)));
  for (const id of users) server.addUser(id, `${prefix}${id}`);
  return users;
}
