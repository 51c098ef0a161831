import type { Command } from "../ports/inbound.js";
import { parseTextCommand } from "./parse-command.js";

/**
 * Command text, both ways: `parseTextCommand` (parse-command.ts) reads what
 * people type on Telegram and the console; `formatTextCommand` writes a
 * command back as they would type it, for the sentences and help that name
 * one. What it writes parses back to the same command (test/unit/codecs).
 */
export { parseTextCommand };

const tail = (...parts: (string | undefined)[]) =>
  parts.filter((p): p is string => p !== undefined && p !== "").join(" ");

/** The typed form of a command, or null for one that has no typed form (a button press, a photo's file). */
export function formatTextCommand(command: Command): string | null {
  switch (command.type) {
    case "list":
      return "/mobs";
    case "info":
      return `/mob ${command.id}`;
    case "join":
      if (command.maybe) return command.pledge === undefined ? `/maybe ${command.id}` : null;
      return `/join ${tail(command.id, command.pledge)}`;
    case "leave":
    case "confirm":
    case "tally":
    case "closevote":
    case "merchantlink":
    case "export":
      return `/${command.type} ${command.id}`;
    case "cancel":
      return `/cancelmob ${tail(command.id, command.reason)}`;
    case "dropshop":
      return `/dropshop ${tail(command.id, command.reason)}`;
    case "spent":
      return `/spent ${command.id} ${command.amount}`;
    case "checkin":
      return `/checkin ${command.id} ${command.code}`;
    case "thanks":
      return `/thanks ${tail(command.id, command.message)}`;
    case "merchant":
      if (command.publish !== undefined)
        return command.status === undefined
          ? `/merchant ${command.id} publish ${command.publish}`
          : null;
      return command.status === undefined
        ? null
        : `/merchant ${tail(command.id, command.status, command.note)}`;
    case "link":
      return command.code === undefined ? "/link" : `/link ${command.code}`;
    case "nominate":
      return command.address === undefined && command.why !== undefined
        ? `/nominate ${command.shop} | | ${command.why}`
        : `/nominate ${[command.shop, command.address, command.why].filter((p) => p !== undefined).join(" | ")}`;
    case "vote":
      return command.closes === undefined
        ? `/vote ${command.when}`
        : `/vote ${command.when} | closes=${command.closes}`;
    case "series":
      return formatSeries(command);
    case "history":
    case "unlink":
    case "nominations":
    case "help":
      return `/${command.type}`;
    case "start":
      return command.payload === undefined ? "/start" : `/start ${command.payload}`;
    default:
      return null;
  }
}

/** `/series …` as typed; the keys in the order the usage names them. */
function formatSeries(command: Extract<Command, { type: "series" }>): string {
  switch (command.action) {
    case "list":
      return "/series";
    case "skip":
    case "stop":
      return `/series ${command.action} ${command.id}`;
    case "new": {
      const keys = [
        ["pledge", command.pledge],
        ["meet", command.meetingPoint],
        ["party", command.party],
        ["capacity", command.capacity],
        ["duration", command.duration],
        ["goal", command.goal],
        ["vote", command.vote],
      ].filter(([, v]) => v !== undefined);
      return [command.rule, ...keys.map(([k, v]) => `${k}=${v}`)]
        .join(" | ")
        .replace(/^/, "/series ");
    }
  }
}
