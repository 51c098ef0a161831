import type { Command } from "../ports/inbound.js";

/**
 * The button-id codec: ids are written on posts here and parsed back here
 * when pressed, so the two never drift. Every id fits Telegram's 64 bytes.
 */
export const actionId = {
  join: (mobId: number) => `mob:${mobId}:join`,
  maybe: (mobId: number) => `mob:${mobId}:maybe`,
  leave: (mobId: number) => `mob:${mobId}:leave`,
  spent: (mobId: number, minor: number) => `mob:${mobId}:spent:${minor}`,
  vote: (voteId: number, nominationId: number) => `vote:${voteId}:${nominationId}`,
};

const MOB = /^mob:(\d{1,9}):(?:(join|maybe|leave)|(spent):(\d{1,12}))$/;
const VOTE = /^vote:(\d{1,9}):(\d{1,9})$/;

/** Parses a button id (`mob:12:join`, `mob:12:spent:1500`, `vote:3:7`) into a command. */
export function actionToCommand(id: string): Command | null {
  const vote = VOTE.exec(id);
  if (vote) return { type: "ballot", voteId: vote[1] ?? "", nominationId: vote[2] ?? "" };
  const m = MOB.exec(id);
  if (!m) return null;
  const mobId = m[1] ?? "";
  switch (m[2]) {
    case "join":
      return { type: "join", id: mobId };
    case "maybe":
      return { type: "join", id: mobId, maybe: true };
    case "leave":
      return { type: "leave", id: mobId };
    default:
      return { type: "spent", id: mobId, amount: `minor:${m[4]}` };
  }
}
