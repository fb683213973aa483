import { describe, expect, it } from "vitest";
import { readJsonBody } from "./read-json-body";

const request = (body: string | Uint8Array<ArrayBuffer>) =>
  new Request("http://tally.test/api/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

describe("readJsonBody", () => {
  it("parses a plain body", async () => {
    await expect(readJsonBody(request('{"side":"buy","legs":[{"side":"sell"}]}'))).resolves.toEqual({
      side: "buy",
      legs: [{ side: "sell" }],
    });
  });

  it("refuses a duplicate key at any depth, naming it and where it is", async () => {
    await expect(
      readJsonBody(request('{"legs":[{"side":"buy","\\u0073ide":"sell"}]}')),
    ).rejects.toMatchObject({
      code: "malformed_json",
      detail: 'duplicate key "side" in the request body',
      extra: { pointer: "/legs/0/side" },
    });
  });

  it("refuses bytes that are not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    await expect(readJsonBody(request(bytes))).rejects.toMatchObject({
      code: "malformed_json",
      detail: "The request body is not valid UTF-8",
    });
  });
});
