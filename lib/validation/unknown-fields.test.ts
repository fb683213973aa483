import { describe, expect, it } from "vitest";
import { closestName, unknownFieldsError } from "./unknown-fields";

const fields = ["symbol", "side", "type", "quantity", "price", "timeInForce"];

describe("unknown fields", () => {
  it("names the field an abbreviation or a typo meant, and nothing for a stranger", () => {
    expect(closestName("qty", fields)).toBe("quantity");
    expect(closestName("tif", fields)).toBe("timeInForce");
    expect(closestName("prcie", fields)).toBe("price");
    expect(closestName("leverage", fields)).toBeNull();
    expect(unknownFieldsError(fields)({ code: "unrecognized_keys", keys: ["qty"] })).toBe(
      'unknown field "qty" (did you mean "quantity"?)',
    );
  });
});
