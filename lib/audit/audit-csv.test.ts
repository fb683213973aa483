import { describe, expect, it } from "vitest";
import { csvCell } from "./audit-csv";

describe("csvCell", () => {
  it("leaves plain text as it is and empty cells empty", () => {
    expect(csvCell("order.place")).toBe("order.place");
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes a cell with a comma, quote or line break, doubling its quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it.each(["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])(
    "prefixes %j with a quote so no spreadsheet runs it as a formula",
    (value) => {
      expect(csvCell(value)).toBe(`"'${value}"`);
    },
  );

  it("keeps quoting a formula-looking cell that holds quotes", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
});
