/**
 * CSV (RFC 4180) that a spreadsheet opens as data and never runs: a cell a
 * member wrote that starts like a formula (`=`, `+`, `-`, `@`, or a tab or
 * carriage return before one) is prefixed with `'`, which spreadsheets show
 * as text (OWASP's "CSV injection" advice).
 */

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell: neutralized, then quoted when it has to be. Numbers are written as they are. */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Rows as a CSV file: CRLF line ends, and a byte-order mark so spreadsheet
 * programs read accented names as UTF-8.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\ufeff${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
