/**
 * Limits for the free-form JSON a device may put into an event (the check's
 * `observations`). The event as a whole is already capped in size, but a
 * 16 KB text can still nest a thousand levels deep, which SQLite's JSON
 * functions refuse (json_valid is false past depth 1000) and which no reader
 * needs: what a scanner observes is a few levels of people, readings and stays.
 */
export const JSON_LIMITS = {
  /** levels of arrays and objects, the outermost counting as 1 */
  maxDepth: 8,
  /** UTF-16 code units in any one string or member name */
  maxString: 256,
  /** items in any one array, members in any one object */
  maxItems: 64,
} as const;

export type JsonLimits = { readonly maxDepth: number; readonly maxString: number; readonly maxItems: number };

/**
 * Why `value` breaks the limits (a short English path note for the device's
 * log), or null when it keeps them. Iterative, so a hostile depth cannot
 * overflow the call stack of the checker itself.
 */
export function jsonLimitBreach(value: unknown, limits: JsonLimits = JSON_LIMITS): string | null {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 1 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > limits.maxString) return `a string is longer than ${limits.maxString} characters`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    const items = Array.isArray(v) ? v : Object.entries(v);
    if (items.length > limits.maxItems) return `more than ${limits.maxItems} items in one array or object`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
    } else {
      for (const [k, item] of items as Array<[string, unknown]>) {
        if (k.length > limits.maxString) return `a member name is longer than ${limits.maxString} characters`;
        stack.push({ v: item, depth: depth + 1 });
      }
    }
  }
  return null;
}
