/**
 * Checks a REST request against Discord's own OpenAPI description
 * (`discord-openapi.json`, API v10): the route must be one Discord has, its
 * path and query parameters and its body must match the operation's schemas.
 * The fake Discord runs this before handling anything, so a body Discord
 * would refuse is refused here too, whatever feature sent it.
 */
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { createAjv, pickErrors } from "./ajv.js";
import type { SpecError } from "./spec-error.js";
import { loadSpec } from "./specs-dir.js";

/** A request body as the fake read it. */
export type DiscordBody =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "form"; readonly value: Record<string, string> }
  /** `payload_json` merged with the plain fields; file parts appear by name (`files[0]`) as strings. */
  | { readonly kind: "multipart"; readonly value: Record<string, unknown> };

export interface DiscordCall {
  readonly method: string;
  /** After `/api/v10`, decoded, without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: DiscordBody;
}

export type DiscordVerdict =
  | { readonly ok: true; readonly operation: string | null }
  | {
      readonly ok: false;
      /** What Discord answers: 400 for a bad parameter or body, 404 for an unknown route, 405 for a known route with another method. */
      readonly status: 400 | 404 | 405;
      readonly operation: string | null;
      readonly errors: readonly SpecError[];
    };

type Json = Record<string, unknown>;

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema: Json;
  /** JSON pointer to the schema, for ajv. */
  readonly pointer: string;
}

interface Route {
  readonly template: string;
  /** Literal segments, or null where the template has a `{parameter}`. */
  readonly segments: readonly (string | null)[];
  readonly names: readonly string[];
  readonly item: Json;
}

const MEDIA: Record<Exclude<DiscordBody["kind"], "none">, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  multipart: "multipart/form-data",
};

const KEY = "discord";

/** A JSON pointer (as a URI fragment ajv resolves) to a place in the spec. */
function pointer(...parts: string[]): string {
  const escaped = parts.map((p) =>
    encodeURIComponent(p.replaceAll("~", "~0").replaceAll("/", "~1")),
  );
  return `${KEY}#/${escaped.join("/")}`;
}

/** Discord's API description, loaded once per process; compiles each operation's schemas on first use. */
export class DiscordSpec {
  readonly #spec: Json;
  readonly #ajv: Ajv2020;
  readonly #routes: Route[];
  readonly #validators = new Map<string, ValidateFunction>();

  /** How long reading the file and preparing ajv took, in ms (compiles come later, per operation). */
  readonly loadMs: number;

  constructor(spec: Json) {
    const started = performance.now();
    this.#spec = spec;
    this.#ajv = createAjv();
    // The OpenAPI document around the schemas is not itself a schema: these
    // are its fields, known to ajv so that a $ref into it resolves.
    this.#ajv.addVocabulary(["openapi", "info", "servers", "paths", "components", "externalDocs"]);
    // Discord's own annotation: an anyOf that Discord treats as oneOf. anyOf is
    // the looser reading, so a body it refuses Discord refuses too.
    this.#ajv.addKeyword("x-discord-union");
    this.#ajv.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
    // A nonce is any string (its length is in maxLength) or an int64.
    this.#ajv.addFormat("nonce", true);
    this.#ajv.addSchema(spec, KEY, undefined, false);
    const paths = (spec.paths ?? {}) as Record<string, Json>;
    this.#routes = Object.entries(paths).map(([template, item]) => {
      const parts = template.split("/").filter(Boolean);
      return {
        template,
        segments: parts.map((p) => (/^\{.+\}$/.test(p) ? null : p)),
        names: parts.filter((p) => /^\{.+\}$/.test(p)).map((p) => p.slice(1, -1)),
        item,
      };
    });
    this.loadMs = performance.now() - started;
  }

  /** The spec, or null (after the loud warning) when the file is absent. */
  static load(): DiscordSpec | null {
    if (cached === undefined) {
      const started = performance.now();
      const spec = loadSpec("discord-openapi.json");
      cached = spec === null ? null : new DiscordSpec(spec as Json);
      firstLoadMs = performance.now() - started;
    }
    return cached;
  }

  /** How long the first {@link load} took in this process (reading, parsing, preparing), in ms. */
  static get firstLoadMs(): number | null {
    return firstLoadMs;
  }

  check(call: DiscordCall): DiscordVerdict {
    const found = this.#route(call.path);
    if (!found)
      return {
        ok: false,
        status: 404,
        operation: null,
        errors: [{ path: [], keyword: "route", message: `Discord has no route ${call.path}` }],
      };
    const { route, params } = found;
    const method = call.method.toLowerCase();
    const op = route.item[method] as Json | undefined;
    if (!op)
      return {
        ok: false,
        status: 405,
        operation: null,
        errors: [
          {
            path: [],
            keyword: "method",
            message: `${call.method} is not allowed on ${route.template}`,
          },
        ],
      };
    const operation = String(op.operationId ?? `${method} ${route.template}`);
    const errors = [
      ...this.#checkParameters(route, method, op, params, call.query),
      ...this.#checkBody(route, method, op, call.body),
    ];
    return errors.length === 0
      ? { ok: true, operation }
      : { ok: false, status: 400, operation, errors };
  }

  /** The route a path is on: literal segments win over parameters (`/users/@me` over `/users/{user_id}`). */
  #route(path: string): { route: Route; params: Map<string, string> } | null {
    const parts = path.split("/").filter(Boolean);
    let best: { route: Route; score: number } | null = null;
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      let score = 0;
      let fits = true;
      for (const [i, segment] of route.segments.entries()) {
        if (segment === null) continue;
        if (segment !== parts[i]) {
          fits = false;
          break;
        }
        // Earlier literals weigh more, so the most specific prefix wins.
        score += 2 ** (parts.length - i);
      }
      if (fits && (!best || score > best.score)) best = { route, score };
    }
    if (!best) return null;
    const params = new Map<string, string>();
    let n = 0;
    for (const [i, segment] of best.route.segments.entries())
      if (segment === null) params.set(best.route.names[n++] ?? "", parts[i] ?? "");
    return { route: best.route, params };
  }

  #parameters(route: Route, method: string, op: Json): Parameter[] {
    const list = (at: Json, base: string[]): Parameter[] =>
      ((at.parameters as Json[] | undefined) ?? []).map((p, i) => ({
        name: String(p.name),
        in: String(p.in),
        required: p.required === true,
        schema: (p.schema as Json | undefined) ?? {},
        pointer: pointer(...base, "parameters", String(i), "schema"),
      }));
    const byKey = new Map<string, Parameter>();
    // Operation parameters override the path item's of the same name and place.
    for (const p of [
      ...list(route.item, ["paths", route.template]),
      ...list(op, ["paths", route.template, method]),
    ])
      byKey.set(`${p.in}:${p.name}`, p);
    return [...byKey.values()];
  }

  #checkParameters(
    route: Route,
    method: string,
    op: Json,
    params: Map<string, string>,
    query: URLSearchParams,
  ): SpecError[] {
    const errors: SpecError[] = [];
    for (const p of this.#parameters(route, method, op)) {
      if (p.in !== "path" && p.in !== "query") continue;
      const values = p.in === "path" ? [params.get(p.name) ?? ""] : query.getAll(p.name);
      if (values.length === 0) {
        if (p.required)
          errors.push({ path: [p.name], keyword: "required", message: "is required" });
        continue;
      }
      const validate = this.#validator(p.pointer);
      if (!validate(this.#coerce(p.schema, values)))
        errors.push(
          ...pickErrors(validate.errors).map((e) => ({ ...e, path: [p.name, ...e.path] })),
        );
    }
    return errors;
  }

  #checkBody(route: Route, method: string, op: Json, body: DiscordBody): SpecError[] {
    const requestBody = op.requestBody as { content?: Json; required?: boolean } | undefined;
    if (!requestBody) return [];
    if (body.kind === "none")
      return requestBody.required
        ? [{ path: [], keyword: "required", message: "a request body is required" }]
        : [];
    const media = MEDIA[body.kind];
    if (!requestBody.content?.[media])
      return [
        {
          path: [],
          keyword: "contentType",
          message: `${media} is not accepted here (accepted: ${Object.keys(requestBody.content ?? {}).join(", ")})`,
        },
      ];
    const validate = this.#validator(
      pointer("paths", route.template, method, "requestBody", "content", media, "schema"),
    );
    return validate(body.value) ? [] : pickErrors(validate.errors);
  }

  #validator(ref: string): ValidateFunction {
    let validate = this.#validators.get(ref);
    if (!validate) {
      validate = this.#ajv.getSchema(ref);
      if (!validate) throw new Error(`Discord spec: no schema at ${ref}`);
      this.#validators.set(ref, validate);
    }
    return validate;
  }

  /** Query and path values arrive as text: read them as the schema's type, as Discord does. */
  #coerce(schema: Json, values: readonly string[]): unknown {
    const resolved = this.#resolve(schema);
    const types = this.#types(resolved);
    if (types.has("array") && (values.length > 1 || !types.has("string"))) {
      const items = (resolved.items as Json | undefined) ?? {};
      return values.map((v) => this.#coerce(items, [v]));
    }
    const value = values[0] ?? "";
    if (types.has("boolean") && /^(true|false)$/i.test(value))
      return value.toLowerCase() === "true";
    if ((types.has("integer") || types.has("number")) && /^-?\d+(\.\d+)?$/.test(value))
      return Number(value);
    return value;
  }

  #types(schema: Json): Set<string> {
    const out = new Set<string>();
    const type = schema.type;
    if (typeof type === "string") out.add(type);
    if (Array.isArray(type)) for (const t of type) out.add(String(t));
    for (const key of ["oneOf", "anyOf", "allOf"])
      for (const branch of (schema[key] as Json[] | undefined) ?? [])
        for (const t of this.#types(this.#resolve(branch))) out.add(t);
    return out;
  }

  /** Follows `#/components/...` references to the schema they name. */
  #resolve(schema: Json): Json {
    let at = schema;
    for (let hops = 0; typeof at.$ref === "string" && hops < 10; hops++) {
      const target = (at.$ref as string)
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], this.#spec);
      at = (target as Json | undefined) ?? {};
    }
    return at;
  }
}

let cached: DiscordSpec | null | undefined;
let firstLoadMs: number | null = null;

/** Discord's 400 body for a request its schemas refuse: 50035 and the errors per field. */
export function invalidFormBody(errors: readonly SpecError[]): Json {
  const tree: Json = {};
  for (const e of errors) {
    let node = tree;
    for (const key of e.path) {
      node[key] ??= {};
      node = node[key] as Json;
    }
    const list = (node._errors as Json[] | undefined) ?? [];
    list.push(discordError(e));
    node._errors = list;
  }
  return { code: 50035, message: "Invalid Form Body", errors: tree };
}

/** Discord's code and sentence for one error, as near as its public error codes allow. */
function discordError(e: SpecError): { code: string; message: string } {
  switch (e.keyword) {
    case "maxLength":
    case "maxItems":
      return { code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${e.limit} or fewer in length.` };
    case "minLength":
    case "minItems":
      return { code: "BASE_TYPE_MIN_LENGTH", message: `Must be ${e.limit} or more in length.` };
    case "maximum":
      return {
        code: "NUMBER_TYPE_MAX",
        message: `int value should be less than or equal to ${e.limit}.`,
      };
    case "minimum":
      return {
        code: "NUMBER_TYPE_MIN",
        message: `int value should be greater than or equal to ${e.limit}.`,
      };
    case "required":
      return { code: "BASE_TYPE_REQUIRED", message: "This field is required" };
    case "enum":
    case "const":
      return { code: "BASE_TYPE_CHOICES", message: `Value ${e.message}.` };
    case "pattern":
      return { code: "STRING_TYPE_REGEX", message: `Value ${e.message}.` };
    default:
      return { code: "BASE_TYPE_INVALID", message: `Value ${e.message}.` };
  }
}
