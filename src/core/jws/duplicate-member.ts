/**
 * The first member name that occurs twice in one JSON object of `text`, or
 * null. RFC 8259 leaves duplicates to the parser: JSON.parse keeps the last,
 * other parsers keep the first or refuse. A signed token read one way by
 * Kakou and another way by a third-party verifier is two tokens under one
 * signature, so every Kakou token format refuses duplicates outright.
 *
 * `text` must already be valid JSON (JSON.parse it first): this scan only
 * tracks strings and nesting. Names are compared after unescaping, so
 * `"pl"` and `"p\u006c"` are the same member.
 */
export function duplicateMember(text: string): string | null {
  // Stryker disable next-line ArrayDeclaration: a stray bottom entry is only ever the top at the outermost level, where valid JSON has no name
  const stack: Array<{ names: Set<string> | null; expectName: boolean }> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.names && top.expectName) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.names.has(name)) return name;
        top.names.add(name);
        top.expectName = false;
      }
      i = end;
    } else if (c === '{') stack.push({ names: new Set(), expectName: true });
    else if (c === '[') stack.push({ names: null, expectName: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.names) top.expectName = true;
    }
  }
  return null;
}
