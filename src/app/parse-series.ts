import type { Command } from "../ports/inbound.js";
import type { ParsedText } from "./parse-usage.js";

export const SERIES_USAGE =
  "/series · /series <rule> [| <pledge>] [| meet=… | party=… | capacity=… | duration=… | goal=… | vote=…] · /series skip <id> · /series stop <id>";

type NewSeries = Extract<Command, { type: "series"; action: "new" }>;
type Key = Exclude<keyof NewSeries, "type" | "action" | "rule">;

/** `key=value` names a series takes after its rule: /newmob's that fit every occurrence, and `vote`. */
const KEYS: Record<string, Key> = {
  pledge: "pledge",
  meet: "meetingPoint",
  meeting: "meetingPoint",
  meeting_point: "meetingPoint",
  party: "party",
  afterparty: "party",
  capacity: "capacity",
  duration: "duration",
  goal: "goal",
  vote: "vote",
};

const usage: ParsedText = { ok: false, code: "USAGE", usage: SERIES_USAGE };

/**
 * `/series` (or `/series list`), `/series skip <id>`, `/series stop <id>`, and
 * `/series <rule> [| <pledge>] [| key=value …]`: the rule is read by the core.
 */
export function parseSeries(rest: string): ParsedText {
  const words = rest === "" ? [] : rest.split(/\s+/);
  const [first, second, ...extra] = words;
  const action = first?.toLowerCase();
  if (action === undefined || (action === "list" && second === undefined))
    return { ok: true, command: { type: "series", action: "list" } };
  if (action === "skip" || action === "stop") {
    return second !== undefined && extra.length === 0
      ? { ok: true, command: { type: "series", action, id: second } }
      : usage;
  }
  const [rule, ...segments] = rest.split("|").map((s) => s.trim());
  if (!rule) return usage;
  const fields: Partial<Record<Key, string>> = {};
  for (const [i, segment] of segments.entries()) {
    const kv = /^([a-z_]+)\s*[=:]\s*([\s\S]*)$/i.exec(segment);
    const key = kv ? KEYS[(kv[1] ?? "").toLowerCase()] : undefined;
    if (kv && key) fields[key] = (kv[2] ?? "").trim();
    else if (i === 0 && segment !== "") fields.pledge = segment;
    else return usage;
  }
  return { ok: true, command: { type: "series", action: "new", rule, ...fields } };
}
