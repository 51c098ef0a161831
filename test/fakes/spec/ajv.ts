/**
 * The JSON Schema engine both spec checks share (ajv, draft 2020-12, which
 * OpenAPI 3.1 uses), and how its errors become {@link SpecError}s.
 */
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import type { SpecError } from "./spec-error.js";

/**
 * A fresh ajv. Refs are compiled once each rather than inlined, and the
 * generated code is not optimised: both cut the first compile of Discord's
 * message schema (which reaches every component type) by about half, and a
 * fake validates few enough requests that the run time does not matter.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: false,
    // The platforms' specs are not written for ajv's strictest lint (types
    // repeated across oneOf branches, required keys declared elsewhere);
    // unknown keywords and formats still fail, so nothing is silently ignored.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  formats.default(ajv);
  return ajv;
}

const WRAPPERS = new Set(["oneOf", "anyOf", "allOf", "if", "then", "else", "not", "$ref"]);

/**
 * The errors worth reporting out of ajv's list. A union (`oneOf`) reports
 * every branch's failure; the branch the sender meant is the one that got
 * furthest: branches whose `type` tag did not match are dropped, then the
 * deepest errors kept, preferring a broken limit to a missing field, and a
 * missing field to a "must be null" from a nullable branch.
 */
export function pickErrors(errors: readonly ErrorObject[] | null | undefined): SpecError[] {
  const all = (errors ?? []).map(toSpecError);
  if (all.length === 0) return [{ path: [], keyword: "schema", message: "is invalid" }];
  const real = all.filter((e) => !WRAPPERS.has(e.keyword));
  const untagged = real.filter(
    (e) => !(e.path.at(-1) === "type" && (e.keyword === "const" || e.keyword === "enum")),
  );
  const pool = untagged.length > 0 ? untagged : real.length > 0 ? real : all;
  const depth = Math.max(...pool.map((e) => e.path.length));
  const deepest = pool.filter((e) => e.path.length === depth);
  // A broken limit is what the sender got wrong; "required" and "type" at the
  // same depth mostly come from the union's other branches.
  const limits = deepest.filter((e) => e.keyword !== "type" && e.keyword !== "required");
  const required = deepest.filter((e) => e.keyword === "required");
  const chosen = limits.length > 0 ? limits : required.length > 0 ? required : deepest;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = `${e.path.join("/")}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toSpecError(e: ErrorObject): SpecError {
  const path = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const params = e.params as Record<string, unknown>;
  if (e.keyword === "required" || e.keyword === "dependentRequired")
    return {
      path: [...path, String(params.missingProperty)],
      keyword: "required",
      message: "is required",
    };
  if (e.keyword === "additionalProperties")
    return {
      path: [...path, String(params.additionalProperty)],
      keyword: "additionalProperties",
      message: "is not a known field",
    };
  if (e.keyword === "const")
    return { path, keyword: "const", message: `must be ${JSON.stringify(params.allowedValue)}` };
  if (e.keyword === "enum")
    return {
      path,
      keyword: "enum",
      message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
    };
  const limit = params.limit;
  return {
    path,
    keyword: e.keyword,
    ...(typeof limit === "number" || typeof limit === "string" ? { limit } : {}),
    message: e.message ?? "is invalid",
  };
}
