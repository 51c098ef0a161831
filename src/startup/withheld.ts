import type { UnitOfWork } from "../ports/unit-of-work.js";

/**
 * Check-in codes owed to people who never opened a private chat, kept in the database: the
 * `/start` that brings them may reach any replica, or the bot after a restart.
 */
export function withheldIn(uow: UnitOfWork, platform: string) {
  return {
    remember: (userId: number, groupId: number) =>
      uow.run((tx) => tx.rememberWithheld(platform, String(userId), String(groupId), Date.now())),
    take: async (userId: number) =>
      (await uow.run((tx) => tx.takeWithheld(platform, String(userId)))).map(Number),
  };
}
