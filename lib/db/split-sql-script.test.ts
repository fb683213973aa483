import { describe, expect, it } from "vitest";
import { splitSqlScript } from "./split-sql-script";

describe("splitSqlScript", () => {
  it("splits at semicolons between statements", () => {
    expect(splitSqlScript("CREATE TABLE a (x int);\nALTER TABLE a ADD y int;\n")).toEqual([
      "CREATE TABLE a (x int)",
      "ALTER TABLE a ADD y int",
    ]);
  });

  it("keeps a dollar-quoted function body whole", () => {
    const fn = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NEW;\nEND $$";
    const tagged = "DO $body$ BEGIN PERFORM 1; END $body$";
    expect(splitSqlScript(`${fn};\n${tagged};\nSELECT 1;`)).toEqual([fn, tagged, "SELECT 1"]);
  });

  it("ignores semicolons in strings, quoted names and comments", () => {
    const statement = `-- a comment; here\nSELECT 'a;b', 'it''s;', "odd;name" /* x; y */ FROM t`;
    expect(splitSqlScript(`${statement};`)).toEqual([statement]);
  });

  it("drops what is only a comment", () => {
    expect(splitSqlScript("SELECT 1;\n-- the end\n")).toEqual(["SELECT 1"]);
  });
});
