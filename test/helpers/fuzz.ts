// The fuzz suite's settings and checks (test/fuzz/; docs/reliability/fuzz.md). No tests here.
import fc from 'fast-check';
import type { Test } from 'tap';

/**
 * Cases per property = FUZZ_RUNS × the property's weight. The default keeps
 * `npm test` short; `npm run fuzz` raises it. FUZZ_SEED replays a run: with
 * the same FUZZ_RUNS and seed, fast-check draws the same cases in the same
 * order (and FUZZ_PATH jumps straight to the shrunk counterexample).
 */
const envRuns = Number(process.env.FUZZ_RUNS ?? '');
export const FUZZ_RUNS = Number.isInteger(envRuns) && envRuns > 0 ? envRuns : 60;
const envSeed = Number(process.env.FUZZ_SEED ?? '');
// A fresh seed per run by default: every `npm test` explores new cases, and the seed is printed to replay one.
export const FUZZ_SEED = process.env.FUZZ_SEED && Number.isInteger(envSeed) ? envSeed : Math.floor(Math.random() * 0x7fffffff);
const FUZZ_PATH = process.env.FUZZ_PATH;

export const runsFor = (weight: number) => Math.max(1, Math.round(FUZZ_RUNS * weight));

/** Cases run per target in this process, printed at the end of each file for the long form's tally. */
const tally = new Map<string, number>();

/** Counts cases run outside `fuzz` (e.g. a deterministic sweep) in the file's tally. */
export function countCases(target: string, n: number): void {
  tally.set(target, (tally.get(target) ?? 0) + n);
}

export function replayHint(): string {
  return `replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} npx tap <file>`;
}

/**
 * Runs one property with the suite's seed; a failure becomes a tap failure
 * naming the seed, the counterexample and fast-check's replay path.
 */
export async function fuzz<Ts extends [unknown, ...unknown[]]>(
  t: Test,
  target: string,
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  weight = 1,
): Promise<void> {
  const numRuns = runsFor(weight);
  const started = Date.now();
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, {
    seed: FUZZ_SEED,
    numRuns,
    ...(FUZZ_PATH ? { path: FUZZ_PATH } : {}),
  });
  tally.set(target, (tally.get(target) ?? 0) + details.numRuns);
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    t.fail(`${name}: counterexample ${fc.stringify(details.counterexample)}\n  ${error}\n  FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} (${replayHint()})`);
    return;
  }
  t.pass(`${name}: ${details.numRuns} cases, ${Date.now() - started} ms`);
}

/**
 * Records unhandled rejections and uncaught exceptions while a file runs and
 * fails the file if any occurred: a crash a response never showed.
 */
export function watchForCrashes(t: Test): void {
  const seen: string[] = [];
  const onRejection = (reason: unknown) => seen.push(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  const onException = (error: Error) => seen.push(`uncaught exception: ${error.stack}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtExceptionMonitor', onException);
  t.comment(`fuzz seed ${FUZZ_SEED}, FUZZ_RUNS ${FUZZ_RUNS} (${replayHint()})`);
  const started = Date.now();
  t.teardown(() => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtExceptionMonitor', onException);
    for (const [target, n] of tally) console.log(`# fuzz-cases ${target} ${n} seed=${FUZZ_SEED} ms=${Date.now() - started}`);
    if (seen.length > 0) throw new Error(`crashes during fuzzing (${replayHint()}):\n${seen.join('\n')}`);
  });
}

type InjectLike = { statusCode: number; headers: Record<string, string | string[] | number | undefined>; body: string };

/**
 * The answer contract every fuzzed request must keep: never a 5xx, and every
 * refusal an RFC 9457 problem+json whose `status` is the HTTP status. Returns
 * what is wrong, or null.
 */
export function contractViolation(res: InjectLike): string | null {
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${res.statusCode} with content-type ${type || '(none)'}: ${res.body.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `${res.statusCode}: problem body is not JSON: ${res.body.slice(0, 200)}`;
  }
  const p = body as { type?: unknown; title?: unknown; status?: unknown };
  if (typeof p !== 'object' || p === null) return `${res.statusCode}: problem body is not an object`;
  if (typeof p.type !== 'string' || p.type.length === 0) return `${res.statusCode}: problem without type: ${res.body.slice(0, 200)}`;
  if (typeof p.title !== 'string' || p.title.length === 0) return `${res.statusCode}: problem without title: ${res.body.slice(0, 200)}`;
  if (p.status !== res.statusCode) return `${res.statusCode}: problem status ${String(p.status)} differs from the HTTP status`;
  return null;
}

/** Every leaf path of a JSON value, e.g. ['payload', 'observations', 'temps', 1]. */
export function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length === 0 ? [prefix] : value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [prefix] : entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

/** Every path (inner nodes too), so a mutation can replace a whole object or array. */
export function allPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => allPaths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...prefix, k]))];
  return here;
}

export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], root);
}

/** A copy of `root` with the value at `path` replaced (or removed when `replacement` is REMOVE). */
export const REMOVE = Symbol('remove');
export function setAt(root: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    if (rest.length === 0 && replacement === REMOVE) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, replacement);
    return copy;
  }
  const record = { ...(root as Record<string, unknown>) };
  if (rest.length === 0 && replacement === REMOVE) delete record[head];
  else record[head] = setAt(record[head], rest, replacement);
  return record;
}

/** JSON values worth trying in a field: wrong types, edges, look-alikes of real values. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '', ' ', '0', '-1', '01', '0x1', '1e3', '１', 'null', 'true', '__proto__', 'constructor', '\u0000', '\ud800', '𠮷', '苏E12345',
    '9'.repeat(40), 'a'.repeat(5000), '2020-02-30', '2026-13-01', '2026-01-01T25:00:00Z',
    0, -0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE, true, false, null, [], {}, [null], { '': 1 },
  ),
);

/** One structural change to a JSON value: a leaf or subtree replaced, removed, or a member added. */
export type JsonEdit = { pick: number; kind: 'replace' | 'remove' | 'add'; value: unknown; key: string };
export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace' as const, 'remove' as const, 'add' as const),
  value: hostileJsonValue,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'v', 'kid', 'alg', 'id', 'extra')),
});

export function applyJsonEdit(value: unknown, edit: JsonEdit): unknown {
  const paths = allPaths(value);
  const path = paths[edit.pick % paths.length]!;
  if (edit.kind === 'replace') return setAt(value, path, edit.value);
  if (edit.kind === 'remove') return path.length === 0 ? edit.value : setAt(value, path, REMOVE);
  const target = getAt(value, path);
  if (Array.isArray(target)) return setAt(value, path, [...target, edit.value]);
  if (typeof target === 'object' && target !== null) {
    // defineProperty, so a key named __proto__ becomes a real member (as JSON.parse would make it).
    const copy = { ...(target as Record<string, unknown>) };
    Object.defineProperty(copy, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    return setAt(value, path, copy);
  }
  return setAt(value, path, edit.value);
}
