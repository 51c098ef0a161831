import { decodeButtonId, encodeQuickAmount } from "../domain/codecs/button-id.js";
import type { Command } from "../ports/inbound.js";

/** The button ids are written and read by the codec in domain/codecs/button-id.ts. */
export { actionId } from "../domain/codecs/button-id.js";

/** A pressed button (`mob:12:join`, `mob:12:spent:1500`, `vote:3:7`) as the command it stands for. */
export function actionToCommand(id: string): Command | null {
  const button = decodeButtonId(id);
  if (!button) return null;
  switch (button.kind) {
    case "vote":
      return {
        type: "ballot",
        voteId: String(button.voteId),
        nominationId: String(button.nominationId),
      };
    case "join":
      return { type: "join", id: String(button.mobId) };
    case "maybe":
      return { type: "join", id: String(button.mobId), maybe: true };
    case "leave":
      return { type: "leave", id: String(button.mobId) };
    case "spent":
      return { type: "spent", id: String(button.mobId), amount: encodeQuickAmount(button.minor) };
  }
}
