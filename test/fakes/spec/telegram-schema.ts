/**
 * Turns the Telegram Bot API description (`telegram-bot-api.json`: methods
 * and types with their fields, types and required flags, and the limits in
 * prose) into JSON Schema: one definition per type and per method. Pure, so
 * the rules it reads out of the prose can be checked on their own.
 */

export interface TgField {
  readonly name: string;
  readonly types: readonly string[];
  readonly required: boolean;
  readonly description: string;
}

export interface TgObject {
  readonly name: string;
  readonly description?: readonly string[];
  readonly fields?: readonly TgField[];
  readonly subtypes?: readonly string[];
}

export interface TgSpec {
  readonly version: string;
  readonly methods: Readonly<Record<string, TgObject>>;
  readonly types: Readonly<Record<string, TgObject>>;
}

type Json = Record<string, unknown>;

/** The `$id` of the generated schema document. */
export const TELEGRAM_SCHEMA_ID = "telegram";

/** Where a method's schema is in the generated document's `$defs` (types keep their own names). */
export const methodDef = (method: string): string => `method.${method}`;

/** The field types that are JSON scalars on the wire (everything else is a JSON-serialized object or array). */
export const SCALARS: Readonly<Record<string, Json>> = {
  Integer: { type: "integer" },
  Float: { type: "number" },
  String: { type: "string" },
  Boolean: { type: "boolean" },
  True: { const: true },
  // A file_id, an HTTP URL, or `attach://<part>` naming a multipart part.
  InputFile: { type: "string" },
};

/** A schema document with every type and method of the spec under `$defs`. */
export function telegramSchemas(spec: TgSpec): { $id: string; $defs: Record<string, Json> } {
  const defs: Record<string, Json> = {};
  for (const [name, type] of Object.entries(spec.types))
    if (!(name in SCALARS)) defs[name] = typeSchema(type, spec);
  for (const [name, method] of Object.entries(spec.methods))
    defs[methodDef(name)] = objectSchema(method.fields ?? [], spec);
  return { $id: TELEGRAM_SCHEMA_ID, $defs: defs };
}

/** Type names the spec uses in fields but never defines: a new spec may bring some; each is accepted as anything. */
export function undefinedTypes(spec: TgSpec): string[] {
  const missing = new Set<string>();
  for (const o of [...Object.values(spec.methods), ...Object.values(spec.types)])
    for (const f of o.fields ?? [])
      for (const t of f.types) {
        const base = t.replace(/^(Array of )+/, "");
        if (!(base in SCALARS) && !(base in spec.types)) missing.add(base);
      }
  return [...missing];
}

function typeSchema(type: TgObject, spec: TgSpec): Json {
  if (type.subtypes) return { anyOf: type.subtypes.map((s) => ref(s, spec)) };
  // "Currently holds no information": an object with nothing to check.
  if (!type.fields) return { type: "object" };
  const object = objectSchema(type.fields, spec);
  const prose = (type.description ?? []).join(" ");
  const oneOf = exactlyOne(prose, type.fields);
  const schema = oneOf ? { ...object, ...oneOf } : object;
  // KeyboardButton: "For simple text buttons, String can be used instead of this object".
  return /String can be used instead of this object/.test(prose)
    ? { anyOf: [{ type: "string" }, schema] }
    : schema;
}

function objectSchema(fields: readonly TgField[], spec: TgSpec): Json {
  return {
    type: "object",
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f, spec)])),
    required: fields.filter((f) => f.required).map((f) => f.name),
    // Telegram ignores fields it does not know; refusing them catches typos
    // (`callback_date`) that would otherwise silently do nothing.
    additionalProperties: false,
  };
}

/** A field's schema: its types, and the limits its description states. */
export function fieldSchema(field: TgField, spec: TgSpec): Json {
  const types = field.types.map((t) => typeOf(t, spec));
  const base = types.length === 1 ? (types[0] ?? {}) : { anyOf: types };
  return { ...base, ...limits(field) };
}

function typeOf(name: string, spec: TgSpec): Json {
  const array = /^Array of (.+)$/.exec(name);
  if (array) return { type: "array", items: typeOf(array[1] ?? "", spec) };
  return SCALARS[name] ?? ref(name, spec);
}

function ref(name: string, spec: TgSpec): Json {
  return name in spec.types ? { $ref: `#/$defs/${name}` } : {};
}

/**
 * The limits Telegram states in a field's description, as JSON Schema. Each
 * keyword applies to one JSON type only, so they sit beside the field's
 * types (`maxLength` never bothers an Integer).
 */
export function limits(field: TgField): Json {
  const d = field.description;
  const out: Json = {};
  // "1-64 characters"; text measured "after entities parsing" depends on the
  // markup, which the fake checks itself when it parses the HTML.
  for (const m of d.matchAll(/(\d+)-(\d+) characters([^.]*)/g))
    if (!/after entit(y|ies) parsing/.test(m[3] ?? "")) {
      out.minLength = Number(m[1]);
      out.maxLength = Number(m[2]);
    }
  const bytes = /(\d+)-(\d+) bytes/.exec(d);
  if (bytes) {
    out["x-min-bytes"] = Number(bytes[1]);
    out["x-max-bytes"] = Number(bytes[2]);
  }
  const items = /must include (\d+)-(\d+) items/.exec(d);
  if (items) {
    out.minItems = Number(items[1]);
    out.maxItems = Number(items[2]);
  }
  const atMost = /At most (\d+) [\w ]+ can be specified/.exec(d);
  if (atMost) out.maxItems = Number(atMost[1]);
  const range =
    /[Vv]alues between (-?\d+)-(-?\d+) are accepted/.exec(d) ??
    /[Mm]ust be between (-?\d+) and (-?\d+)/.exec(d);
  if (range && field.types.some((t) => t === "Integer" || t === "Float")) {
    out.minimum = Number(range[1]);
    out.maximum = Number(range[2]);
  }
  if (/Can contain only lowercase English letters, digits and underscores/.test(d))
    out.pattern = "^[a-z0-9_]+$";
  // Union members name themselves: InputMediaPhoto's type "must be photo".
  const tag = field.name === "type" ? /must be ([a-z_0-9]+)/.exec(d) : null;
  if (tag) out.const = tag[1];
  return out;
}

/**
 * "Exactly one of the fields other than text, icon_custom_emoji_id, and style
 * must be used" (InlineKeyboardButton), or "At most one …" (KeyboardButton):
 * the other fields, under `x-exactly-one` or `x-at-most-one` (keywords the
 * Telegram check defines, so the error can name them all in one sentence).
 */
export function exactlyOne(prose: string, fields: readonly TgField[]): Json | null {
  const m = /(Exactly|At most) one of the fields other than (.+?) must be used/.exec(prose);
  if (!m) return null;
  const except = new Set(
    (m[2] ?? "")
      .split(/,\s*(?:and\s+)?|\s+and\s+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const choices = fields.map((f) => f.name).filter((n) => !except.has(n));
  return { [m[1] === "Exactly" ? "x-exactly-one" : "x-at-most-one"]: choices };
}
