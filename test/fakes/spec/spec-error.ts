/**
 * The one shape the spec checks' errors take before each fake words them the
 * way its platform does. Kept apart from ajv so the test guard, which every
 * test file loads, does not load ajv.
 */

/** One thing the platform would refuse, at one place in the request. */
export interface SpecError {
  /** Field names and array indexes from the request's root; empty for the root itself. */
  readonly path: readonly string[];
  /** The JSON Schema keyword that failed (`maxLength`, `required`, …) or a check's own name. */
  readonly keyword: string;
  /** The keyword's limit (`maxLength`, `maximum`, …), when it has one. */
  readonly limit?: number | string;
  readonly message: string;
}

/** `a.b[0].c`: a path as people write it. */
export function showPath(path: readonly string[]): string {
  return path.reduce(
    (out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    "",
  );
}
