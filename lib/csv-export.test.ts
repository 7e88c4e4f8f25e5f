import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, toCsv } from "./csv-export";

describe("CSV export", () => {
  it.each([
    ["plain", "plain"],
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    [null, ""],
  ])("%j -> %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("starts with a UTF-8 BOM, joins rows with CRLF and ends with one", () => {
    expect(toCsv(["a", "b"], [["1", "2"]])).toBe("\uFEFFa,b\r\n1,2\r\n");
    expect(Buffer.from(toCsv(["é"], [])).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it.each([
    ["Spring launch", "Spring-launch-errors.csv"],
    ["../../etc/passwd", "etc-passwd-errors.csv"],
    ['a"; filename=evil.exe', "a-filename-evil.exe-errors.csv"],
    ["Café Zürich.csv", "Cafe-Zurich-errors.csv"],
    ["\r\n", "export-errors.csv"],
    ["", "export-errors.csv"],
    [".hidden", "hidden-errors.csv"],
  ])("file name from %j is %j", (input, expected) => {
    expect(csvFileName(input, "errors")).toBe(expected);
  });
});
