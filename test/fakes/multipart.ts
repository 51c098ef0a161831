/**
 * A small multipart/form-data reader for the fakes. Written here rather than
 * taken from undici because clients differ in what they send: grammY writes
 * `content-disposition:form-data;name="x";filename=photo.jpg` (no spaces, the
 * file name unquoted), which strict parsers refuse and the platforms accept.
 */

/** One file part: where it came from and how big it is; the bytes are kept for tests that look. */
export interface FilePart {
  readonly name: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface MultipartBody {
  /** Plain fields, by name (a repeated name keeps the last value). */
  readonly fields: Record<string, string>;
  readonly files: FilePart[];
}

/** The boundary of a `multipart/form-data` content type, or null for any other type. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^multipart\/form-data\b/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2] ?? null;
}

/** Splits a multipart body into fields and files; null when it is not well formed. */
export function parseMultipart(raw: Buffer, boundary: string): MultipartBody | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: FilePart[] = [];
  let at = raw.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter closes the body.
    if (raw.subarray(at, at + 2).toString() === "--") return { fields, files };
    if (raw.subarray(at, at + 2).toString() === "\r\n") at += 2;
    const next = raw.indexOf(Buffer.from(`\r\n--${boundary}`), at);
    if (next < 0) return null;
    const part = raw.subarray(at, next);
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) return null;
    const headers = parseHeaders(part.subarray(0, split).toString("utf8"));
    const data = part.subarray(split + 4);
    const disposition = headers.get("content-disposition") ?? "";
    const name = param(disposition, "name");
    if (name === null) return null;
    const filename = param(disposition, "filename");
    if (filename === null) fields[name] = data.toString("utf8");
    else
      files.push({
        name,
        filename,
        contentType: headers.get("content-type") ?? "application/octet-stream",
        data: Buffer.from(data),
      });
    at = next + 2;
  }
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A `key=value` or `key="value"` parameter of a header; null when absent. */
function param(header: string, key: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;]*))`, "i").exec(header);
  if (!m) return null;
  return (m[1] ?? m[2] ?? "").trim();
}
