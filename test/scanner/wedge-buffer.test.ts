import t from 'tap';
import { createWedgeBuffer } from '../../scanner-app/src/app/scan/wedge-buffer.js';

/** Types `keys` 10 ms apart from `start`, as a scanner does; returns what each key produced, non-null only. */
function type(buffer: ReturnType<typeof createWedgeBuffer>, keys: string[], start = 0, gap = 10): string[] {
  return keys.map((k, i) => buffer.key(k, start + i * gap)).filter((x): x is string => x !== null);
}
const chars = (s: string) => [...s];

t.test('a fast burst ended by Enter is one code', async (t) => {
  const b = createWedgeBuffer();
  t.same(type(b, [...chars('KK1/5676290123'), 'Enter']), ['KK1/5676290123']);
  t.same(type(b, [...chars('KKENROLL:https://x.cn:AB12'), 'Enter'], 1_000), ['KKENROLL:https://x.cn:AB12'], 'and the next one');
});

t.test('modifier and function keys are not characters', async (t) => {
  const b = createWedgeBuffer();
  t.same(type(b, ['Shift', 'K', 'Shift', 'K', ...chars('1/123456'), 'CapsLock', 'Enter']), ['KK1/123456']);
});

t.test('a pause longer than the gap starts over', async (t) => {
  const b = createWedgeBuffer({ gapMs: 300 });
  t.equal(b.key('x', 0), null);
  t.equal(b.key('y', 10), null);
  t.same(type(b, [...chars('KK1/99887766'), 'Enter'], 400), ['KK1/99887766'], 'the stray keys before the pause are gone');
  t.same(type(b, [...chars('KK1/99887766'), 'Enter'], 2_000, 301), [], 'typed by hand, slower than the gap: nothing');
});

t.test('short texts, Escape and an Enter on its own report nothing', async (t) => {
  const b = createWedgeBuffer({ minLength: 8 });
  t.same(type(b, [...chars('1234567'), 'Enter']), [], '7 characters');
  t.same(type(b, [...chars('12345678'), 'Enter'], 1_000), ['12345678'], '8 characters');
  t.same(type(b, [...chars('KK1/99887766'), 'Escape', ...chars('abc'), 'Enter'], 2_000), [], 'Escape drops what came before');
  t.same(type(b, ['Enter'], 3_000), []);
  t.same(type(b, [...chars('  KK1/99887766 '), 'Enter'], 4_000), ['KK1/99887766'], 'surrounding spaces trimmed');
});

t.test('reset() drops a half-typed code', async (t) => {
  const b = createWedgeBuffer();
  type(b, chars('KK1/1234'));
  b.reset();
  t.same(type(b, [...chars('5678'), 'Enter'], 50), []);
});
