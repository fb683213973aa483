import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDuplicateJsonKey } from "./find-duplicate-json-key";

describe("findDuplicateJsonKey", () => {
  it("finds a repeated top-level key", () => {
    expect(findDuplicateJsonKey('{"side":"buy","qty":"1","side":"sell"}')).toEqual({
      key: "side",
      pointer: "/side",
    });
  });

  it("compares keys after unescaping", () => {
    expect(findDuplicateJsonKey('{"side":"buy","\\u0073ide":"sell"}')).toEqual({
      key: "side",
      pointer: "/side",
    });
  });

  it("finds a duplicate inside nested objects and arrays of objects, with its pointer", () => {
    const text = '{"orders":[{"side":"buy"},{"a/b~":{"x":1,"x":2}}]}';
    expect(findDuplicateJsonKey(text)).toEqual({ key: "x", pointer: "/orders/1/a~1b~0/x" });
    expect(findDuplicateJsonKey('[{"a":1},{"b":[1,{"c":1,"c":1}]}]')).toEqual({
      key: "c",
      pointer: "/1/b/1/c",
    });
  });

  it("accepts the same key in different objects", () => {
    expect(
      findDuplicateJsonKey('{"a":{"side":1},"b":{"side":2},"c":[{"side":3},{"side":4}]}'),
    ).toBeUndefined();
  });

  it("is not fooled by braces, quotes and key-like text inside string values", () => {
    expect(findDuplicateJsonKey('{"note":"\\"side\\":{\\"x\\"","side":"buy"}')).toBeUndefined();
    expect(findDuplicateJsonKey('{"a":"}","b":"{\\\\","a":1}')).toEqual({ key: "a", pointer: "/a" });
  });

  it("treats a value equal to a key as a value", () => {
    expect(findDuplicateJsonKey('{"side":"side","x":["side","side"]}')).toBeUndefined();
  });

  it("handles scalars and whitespace", () => {
    expect(findDuplicateJsonKey(" 42 ")).toBeUndefined();
    expect(findDuplicateJsonKey('"x"')).toBeUndefined();
    expect(findDuplicateJsonKey('{ "a" : 1 ,\n "a" : null }')).toEqual({ key: "a", pointer: "/a" });
  });

  it("finds nothing in serialized values, which never repeat a key", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findDuplicateJsonKey(JSON.stringify(value))).toBeUndefined();
        expect(findDuplicateJsonKey(JSON.stringify(value, null, 2))).toBeUndefined();
      }),
    );
  });
});
