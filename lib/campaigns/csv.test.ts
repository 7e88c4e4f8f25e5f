import { describe, expect, it } from "vitest";
import { CsvError, MAX_CSV_ROWS, parseCampaignCsv, parseRows } from "./csv";

const enc = (s: string) => new TextEncoder().encode(s);

describe("campaign CSV parsing", () => {
  it("reads a plain file with aliases in any case and extra columns as fields", () => {
    const { records, extraColumns } = parseCampaignCsv(enc("E-Mail,Full Name,ROLE,Team,Company\nada@example.com,Ada Lovelace,admin,Core,Analytical Engines\n"));
    expect(extraColumns).toEqual(["Company"]);
    expect(records).toEqual([{ line: 2, email: "ada@example.com", name: "Ada Lovelace", role: "admin", team: "Core", fields: { Company: "Analytical Engines" } }]);
  });

  it("accepts a BOM, semicolons, CRLF, quotes with separators, doubled quotes and line breaks, and skips blank lines", () => {
    const csv = '\uFEFFmail;name;note\r\n\r\n"a@x.io";"Doe; Jane";"said ""hi""\r\nthen left"\r\n\r\nb@x.io;Bob;\r\n';
    const { records } = parseCampaignCsv(enc(csv));
    expect(records).toEqual([
      { line: 3, email: "a@x.io", name: "Doe; Jane", fields: { note: 'said "hi"\r\nthen left' } },
      { line: 6, email: "b@x.io", name: "Bob", fields: { note: "" } },
    ]);
  });

  it("keeps formula-looking cells as text (they are neutralised on export, not here)", () => {
    const { records } = parseCampaignCsv(enc('email,name\nx@y.io,"=HYPERLINK(""http://evil"")"\n'));
    expect(records[0].name).toBe('=HYPERLINK("http://evil")');
  });

  it("explains a missing email header", () => {
    expect(() => parseCampaignCsv(enc("name,role\nAda,admin\n"))).toThrow(/No email column.*found: name, role/);
  });

  it("refuses binary garbage and non-UTF-8 text", () => {
    expect(() => parseCampaignCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe]))).toThrow(CsvError);
    expect(() => parseCampaignCsv(new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x0a]))).toThrow(/UTF-8/);
    expect(() => parseCampaignCsv(enc("email\n\u0000\u0001"))).toThrow(/binary/);
  });

  it("refuses an unclosed quote and empty files", () => {
    expect(() => parseCampaignCsv(enc('email\n"a@b.c\n'))).toThrow(/never closed/);
    expect(() => parseCampaignCsv(enc("\n \n"))).toThrow(/empty/);
  });

  it("handles 50,000 rows and refuses more", () => {
    const rows = Array.from({ length: MAX_CSV_ROWS }, (_, i) => `user${i}@example.com,User ${i}`).join("\n");
    const { records } = parseCampaignCsv(enc(`email,name\n${rows}\n`));
    expect(records).toHaveLength(MAX_CSV_ROWS);
    expect(records.at(-1)).toMatchObject({ email: "user49999@example.com", line: MAX_CSV_ROWS + 1 });
    expect(() => parseCampaignCsv(enc(`email,name\n${rows}\nextra@example.com,x\n`))).toThrow(/limit is 50,000/);
  });

  it("splits rows exactly per RFC 4180", () => {
    expect(parseRows('a,"b,c",d\n', ",").map((r) => r.cells)).toEqual([["a", "b,c", "d"]]);
    expect(parseRows("a,,\n", ",").map((r) => r.cells)).toEqual([["a", "", ""]]);
  });
});
