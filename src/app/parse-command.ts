import type { Command } from "../ports/inbound.js";
import { parseNominate, parseVote } from "./parse-choosing.js";
import { parseCreate, parseEdit, parseMerchant } from "./parse-mob.js";
import { parseSeries } from "./parse-series.js";
import { parseSettings } from "./parse-settings.js";
import { type ParsedText, USAGE } from "./parse-usage.js";

/** The command to hand the core for a parse result: the command, or what was wrong with it. */
export function commandOf(parsed: ParsedText): Command {
  if (parsed.ok) return parsed.command;
  return parsed.code === "USAGE"
    ? { type: "malformed", usage: parsed.usage }
    : { type: "malformed" };
}

/**
 * Parses a Telegram-style command line (`/join 12`, `/newmob A | B`,
 * `/join@cashmob_bot 12`). Returns null for text that is not a command.
 * The short ones are read here; each family's longer parser is in its file
 * (parse-mob.ts, parse-choosing.ts, parse-settings.ts), its usage in parse-usage.ts.
 */
export function parseTextCommand(input: string): ParsedText | null {
  const m = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(input.trim());
  if (!m) return null;
  const name = (m[1] ?? "").toLowerCase();
  const rest = (m[2] ?? "").trim();
  const words = rest === "" ? [] : rest.split(/\s+/);
  const ok = (command: Command): ParsedText => ({ ok: true, command });
  const usage = (key: keyof typeof USAGE): ParsedText => ({
    ok: false,
    code: "USAGE",
    usage: USAGE[key],
  });
  const idOnly = (
    type: "info" | "join" | "leave" | "confirm" | "tally" | "closevote" | "merchantlink",
    key: keyof typeof USAGE,
  ) => (words.length === 1 && words[0] ? ok({ type, id: words[0] }) : usage(key));
  // `<id> [reason]`: the reason is all the words after the id, and absent when there are none.
  const idAndReason = (type: "cancel" | "dropshop", key: keyof typeof USAGE) => {
    const [id, ...reason] = words;
    if (!id) return usage(key);
    return ok(reason.length > 0 ? { type, id, reason: reason.join(" ") } : { type, id });
  };

  switch (name) {
    case "newmob":
      return parseCreate(rest);
    case "mobs":
      return ok({ type: "list" });
    case "mob":
      return idOnly("info", "mob");
    case "join":
      if (words.length === 2 && words[0] && words[1])
        return ok({ type: "join", id: words[0], pledge: words[1] });
      return idOnly("join", "join");
    case "maybe":
      return words.length === 1 && words[0]
        ? ok({ type: "join", id: words[0], maybe: true })
        : usage("maybe");
    case "leave":
      return idOnly("leave", "leave");
    case "confirm":
      return idOnly("confirm", "confirm");
    case "tally":
      return idOnly("tally", "tally");
    case "cancelmob":
      return idAndReason("cancel", "cancelmob");
    case "spent": {
      const [id, ...amount] = words;
      return id && amount.length > 0
        ? ok({ type: "spent", id, amount: amount.join(" ") })
        : usage("spent");
    }
    case "checkin":
      return words.length === 2 && words[0] && words[1]
        ? ok({ type: "checkin", id: words[0], code: words[1] })
        : usage("checkin");
    case "editmob":
      return parseEdit(rest);
    // A photo comes with the command as its caption; typed alone, the core says how to send one.
    case "photo":
      return words.length === 1 && words[0]
        ? ok({ type: "photo", id: words[0], upload: null })
        : usage("photo");
    case "dropphoto":
      return words.length === 2 && words[0] && words[1]
        ? ok({ type: "dropphoto", id: words[0], photo: words[1].replace(/^#/, "") })
        : usage("dropphoto");
    case "thanks": {
      const [id, ...message] = words;
      if (!id) return usage("thanks");
      // The message as typed, line breaks and all (the core cleans it).
      const text = rest.slice(rest.indexOf(id) + id.length).trim();
      return ok(
        message.length > 0 ? { type: "thanks", id, message: text } : { type: "thanks", id },
      );
    }
    case "history":
      return words.length === 0 ? ok({ type: "history" }) : usage("history");
    case "export":
      return words.length === 1 && words[0]
        ? ok({ type: "export", id: words[0] })
        : usage("export");
    case "link":
      // Codes are shown as ABCD-EFGH; people may type them with a space instead.
      return rest === "" ? ok({ type: "link" }) : ok({ type: "link", code: words.join("") });
    case "unlink":
      return words.length === 0 ? ok({ type: "unlink" }) : usage("unlink");
    case "settings":
      return parseSettings(words);
    case "nominate":
      return parseNominate(rest);
    case "nominations":
      return words.length === 0 ? ok({ type: "nominations" }) : usage("nominations");
    case "dropshop":
      return idAndReason("dropshop", "dropshop");
    case "vote":
      return parseVote(rest);
    case "closevote":
      return idOnly("closevote", "closevote");
    case "series":
      return parseSeries(rest);
    case "merchant":
      return parseMerchant(words);
    case "merchantlink":
      return idOnly("merchantlink", "merchantlink");
    case "start":
      return ok(words[0] ? { type: "start", payload: words[0] } : { type: "start" });
    case "help":
      return ok({ type: "help" });
    default:
      return { ok: false, code: "UNKNOWN_COMMAND" };
  }
}
