/**
 * Checks a Bot API call against the Telegram Bot API description
 * (`telegram-bot-api.json`): the method must exist, required parameters be
 * there, each parameter have its documented type and limits, and no
 * parameter be unknown. The fake Telegram runs this before handling a call.
 */
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { _, str } from "ajv/dist/2020.js";
import { createAjv, pickErrors } from "./ajv.js";
import { type SpecError, showPath } from "./spec-error.js";
import { loadSpec } from "./specs-dir.js";
import {
  methodDef,
  SCALARS,
  TELEGRAM_SCHEMA_ID,
  type TgObject,
  type TgSpec,
  telegramSchemas,
} from "./telegram-schema.js";

export interface TelegramCall {
  readonly method: string;
  /**
   * The parameters as they came: text for the query string, a urlencoded
   * form or a multipart part; JSON values for a JSON body.
   */
  readonly params: Readonly<Record<string, unknown>>;
  /** Names of the multipart file parts. */
  readonly files: readonly string[];
}

export type TelegramVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** 404 for an unknown method, else 400. */
      readonly status: 400 | 404;
      readonly errors: readonly SpecError[];
      /** Telegram's `description`: "Bad Request: …". */
      readonly description: string;
    };

/** The Bot API description, loaded once per process; each method's schema compiled on first use. */
export class TelegramSpec {
  readonly version: string;
  readonly #methods = new Map<string, TgObject>();
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(spec: TgSpec) {
    this.version = spec.version;
    // Method names are case-insensitive on Telegram.
    for (const m of Object.values(spec.methods)) this.#methods.set(m.name.toLowerCase(), m);
    this.#ajv = createAjv();
    for (const [keyword, check, word] of [
      ["x-min-bytes", (limit: number, s: string) => Buffer.byteLength(s) >= limit, "least"],
      ["x-max-bytes", (limit: number, s: string) => Buffer.byteLength(s) <= limit, "most"],
    ] as const)
      this.#ajv.addKeyword({
        keyword,
        type: "string",
        schemaType: "number",
        errors: false,
        validate: check,
        error: {
          message: ({ schemaCode }) => str`must be at ${word} ${schemaCode} bytes`,
          params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
        },
      });
    for (const [keyword, fits, words] of [
      ["x-exactly-one", (n: number) => n === 1, "exactly one"],
      ["x-at-most-one", (n: number) => n <= 1, "at most one"],
    ] as const)
      this.#ajv.addKeyword({
        keyword,
        type: "object",
        schemaType: "array",
        errors: false,
        validate: (names: string[], data: Record<string, unknown>) =>
          fits(names.filter((n) => data[n] !== undefined).length),
        error: {
          message: ({ schema }) => str`must use ${words} of ${(schema as string[]).join(", ")}`,
        },
      });
    // Not checked against the meta-schema here (that alone took 140 ms): the
    // generator's output is checked once, in its own test.
    this.#ajv.addSchema(telegramSchemas(spec), undefined, undefined, false);
  }

  /** The spec, or null (after the loud warning) when the file is absent. */
  static load(): TelegramSpec | null {
    if (cached === undefined) {
      const started = performance.now();
      const spec = loadSpec("telegram-bot-api.json");
      cached = spec === null ? null : new TelegramSpec(spec as TgSpec);
      firstLoadMs = performance.now() - started;
    }
    return cached;
  }

  /** How long the first {@link load} took in this process (reading, parsing, building the schemas), in ms. */
  static get firstLoadMs(): number | null {
    return firstLoadMs;
  }

  check(call: TelegramCall): TelegramVerdict {
    const method = this.#methods.get(call.method.toLowerCase());
    if (!method)
      return {
        ok: false,
        status: 404,
        errors: [{ path: [], keyword: "method", message: `no method ${call.method}` }],
        description: "Not Found: method not found",
      };
    const params = decode(method, call.params, call.files);
    const validate = this.#validator(method.name);
    const errors = validate(params) ? [] : pickErrors(validate.errors);
    errors.push(...missingParts(params, call.files));
    if (errors.length === 0) return { ok: true };
    return { ok: false, status: 400, errors, description: `Bad Request: ${describe(errors)}` };
  }

  #validator(method: string): ValidateFunction {
    let validate = this.#validators.get(method);
    if (!validate) {
      validate = this.#ajv.getSchema(`${TELEGRAM_SCHEMA_ID}#/$defs/${methodDef(method)}`);
      if (!validate) throw new Error(`Telegram spec: no schema for ${method}`);
      this.#validators.set(method, validate);
    }
    return validate;
  }
}

let cached: TelegramSpec | null | undefined;
let firstLoadMs: number | null = null;

/**
 * The parameters as Telegram reads them. Telegram takes every top-level
 * parameter as text and reads it as the field's type: "42" is an Integer,
 * "true" a Boolean, a JSON text an object; a number sent for a String field
 * is that number's text. Nested objects are JSON and keep their JSON types.
 */
export function decode(
  method: TgObject,
  params: Readonly<Record<string, unknown>>,
  files: readonly string[],
): Record<string, unknown> {
  const fields = new Map((method.fields ?? []).map((f) => [f.name, f.types]));
  const out: Record<string, unknown> = {};
  // A file uploaded under the field's own name (`photo`) rather than attach://.
  for (const name of files) if (fields.has(name)) out[name] = `attach://${name}`;
  for (const [name, value] of Object.entries(params)) {
    const types = fields.get(name);
    if (!types || (typeof value === "object" && value !== null)) {
      out[name] = value;
      continue;
    }
    const text = String(value);
    const scalar = types.some((t) => t in SCALARS);
    if (!scalar) out[name] = parseJson(text);
    else if (types.includes("Integer") && /^-?\d+$/.test(text)) out[name] = Number(text);
    else if (types.includes("Float") && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(text))
      out[name] = Number(text);
    else if (types.includes("Boolean") && /^(true|false)$/i.test(text))
      out[name] = text.toLowerCase() === "true";
    else out[name] = text;
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Left as text: the schema then says it must be an object or array.
    return text;
  }
}

/** Every `attach://name` must name a file part of the request. */
function missingParts(params: unknown, files: readonly string[], path: string[] = []): SpecError[] {
  if (typeof params === "string") {
    const m = /^attach:\/\/(.+)$/.exec(params);
    return m && !files.includes(m[1] ?? "")
      ? [
          {
            path,
            keyword: "attach",
            message: `names a file part "${m[1]}" the request does not have`,
          },
        ]
      : [];
  }
  if (typeof params !== "object" || params === null) return [];
  return Object.entries(params).flatMap(([k, v]) => missingParts(v, files, [...path, k]));
}

function describe(errors: readonly SpecError[]): string {
  return errors
    .map((e) => {
      const where = showPath(e.path);
      if (e.keyword === "required" && e.path.length === 1)
        return `parameter "${where}" is required`;
      if (e.keyword === "additionalProperties")
        return `unknown parameter "${where}" (Telegram would ignore it silently; the fake refuses it so a typo cannot pass)`;
      return where ? `${where} ${e.message}` : e.message;
    })
    .join("; ");
}
