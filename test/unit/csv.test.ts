import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../src/domain/csv.js";

describe("CSV a spreadsheet opens as data", () => {
  it.each([
    ["Alice", "Alice"],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ["+33 6 12", "'+33 6 12"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", '"\'\r=1+1"'],
    ["Dupont, Jean", '"Dupont, Jean"'],
    ['Le "Chat"', '"Le ""Chat"""'],
    ["two\nlines", '"two\nlines"'],
    [" padded", '" padded"'],
    ["Zoé", "Zoé"],
    ["", ""],
  ])("%j is written %j", (cell, written) => {
    expect(csvCell(cell)).toBe(written);
  });

  it("numbers and empty cells are written as they are", () => {
    expect(csvCell(15)).toBe("15");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("a file has a byte-order mark and CRLF line ends", () => {
    expect(
      toCsv([
        ["name", "spent"],
        ["=cmd", "15.00"],
      ]),
    ).toBe("\ufeffname,spent\r\n'=cmd,15.00\r\n");
  });
});
