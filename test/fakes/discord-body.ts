/**
 * Reads a REST request body the way Discord does: JSON, a urlencoded form,
 * or multipart with the JSON in a `payload_json` part and the files in
 * `files[n]` parts (what discord.js sends with attachments).
 */
import { type FilePart, multipartBoundary, parseMultipart } from "./multipart.js";
import type { DiscordBody } from "./spec/discord.js";

export interface ReadBody {
  /** What the spec check sees. */
  readonly spec: DiscordBody;
  /** What the routes handle: the JSON object (from `payload_json` for multipart). */
  readonly json: Record<string, unknown>;
  readonly files: readonly FilePart[];
}

/** The body, or null when Discord would answer 50109 (invalid JSON). */
export function readDiscordBody(contentType: string, raw: Buffer): ReadBody | null {
  if (raw.length === 0) return { spec: { kind: "none" }, json: {}, files: [] };
  const boundary = multipartBoundary(contentType);
  if (boundary !== null) {
    const parts = parseMultipart(raw, boundary);
    if (!parts) return null;
    const { payload_json, ...fields } = parts.fields;
    let payload: Record<string, unknown> = {};
    if (payload_json !== undefined) {
      try {
        payload = JSON.parse(payload_json) as Record<string, unknown>;
      } catch {
        return null;
      }
    }
    const json = { ...fields, ...payload };
    // The spec describes each file part as a binary string under its part name.
    const withFiles = { ...json, ...Object.fromEntries(parts.files.map((f) => [f.name, "…"])) };
    return { spec: { kind: "multipart", value: withFiles }, json, files: parts.files };
  }
  const text = raw.toString("utf8");
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    const value = Object.fromEntries(new URLSearchParams(text));
    return { spec: { kind: "form", value }, json: value, files: [] };
  }
  try {
    const value: unknown = JSON.parse(text);
    return { spec: { kind: "json", value }, json: value as Record<string, unknown>, files: [] };
  } catch {
    return null;
  }
}
