type ObjectFrame = { kind: "object"; pointer: string; keys: Set<string>; awaitingKey: boolean; key: string };
type ArrayFrame = { kind: "array"; pointer: string; index: number };

export type DuplicateJsonKey = {
  key: string /** RFC 6901 pointer of the repeated member. */;
  pointer: string;
};

const escapePointerToken = (token: string) => token.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * The first object member whose name repeats an earlier one of the same object, compared after
 * unescaping ("\u0073ide" is "side"). JSON.parse keeps the last one silently, so two readers of
 * one body can disagree. `text` must already be valid JSON (it has passed JSON.parse).
 */
export function findDuplicateJsonKey(text: string): DuplicateJsonKey | undefined {
  const stack: (ObjectFrame | ArrayFrame)[] = [];
  const childPointer = () => {
    const parent = stack.at(-1);
    if (!parent) return "";
    const token = parent.kind === "object" ? escapePointerToken(parent.key) : String(parent.index);
    return `${parent.pointer}/${token}`;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const top = stack.at(-1);
    if (char === "{") {
      stack.push({ kind: "object", pointer: childPointer(), keys: new Set(), awaitingKey: true, key: "" });
    } else if (char === "[") {
      stack.push({ kind: "array", pointer: childPointer(), index: 0 });
    } else if (char === "}" || char === "]") {
      stack.pop();
    } else if (char === ",") {
      if (top?.kind === "object") top.awaitingKey = true;
      else if (top?.kind === "array") top.index++;
    } else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (top?.kind === "object" && top.awaitingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, pointer: `${top.pointer}/${escapePointerToken(key)}` };
        top.keys.add(key);
        top.key = key;
        top.awaitingKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
