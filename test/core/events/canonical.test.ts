import t from 'tap';
import { canonicalEvent, canonicalize, eventHash, sha256Base64url } from '../../../src/core/events/index.js';
import { makeChain } from './fixtures.js';

t.test('RFC 8785 §3.2.2 sample', async (t) => {
  // The RFC's input, parsed from its own JSON text so the numbers go through a real parser.
  const input = JSON.parse(
    '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n' +
      '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
  );
  t.equal(
    canonicalize(input),
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
});

t.test('RFC 8785 §3.2.3 property sorting (UTF-16 code units)', async (t) => {
  const input = JSON.parse(
    '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
      '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
  );
  const out = canonicalize(input);
  // Read the member names back in text order (JSON.parse would put the index-like "1" first again).
  const keys = [...out.matchAll(/"((?:[^"\\]|\\.)*)":"[^"]*"/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
  // U+1F600 (as surrogates D83D DE00) sorts before U+FB33, which code point order would reverse.
  t.same(keys, ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  t.equal(
    out,
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
      '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  );
  // The RFC gives the UTF-8 bytes of this output; its first and last bytes:
  const bytes = new TextEncoder().encode(out);
  t.same([...bytes.slice(0, 8)], [0x7b, 0x22, 0x5c, 0x72, 0x22, 0x3a, 0x22, 0x43]);
  t.same([...bytes.slice(-3)], [0x68, 0x22, 0x7d]);
});

t.test('RFC 8785 Appendix B number serialisation', async (t) => {
  const vectors: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  const view = new DataView(new ArrayBuffer(8));
  for (const [hex, expected] of vectors) {
    view.setBigUint64(0, BigInt(`0x${hex}`));
    t.equal(canonicalize(view.getFloat64(0)), expected, hex);
  }
  t.equal(canonicalize(-0), '0', '-0 → 0');
  t.equal(canonicalize([1e21, 1e20, 1.5e-7]), '[1e+21,100000000000000000000,1.5e-7]');
  // Appendix B: NaN and Infinity are errors.
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) t.throws(() => canonicalize({ a: bad }), TypeError);
});

t.test('strings, nesting, and what JSON cannot carry', async (t) => {
  t.equal(canonicalize({ b: [1, { d: 'x', c: null }], a: '\u2028\u001f\t"' }), '{"a":"\u2028\\u001f\\t\\"","b":[1,{"c":null,"d":"x"}]}');
  t.equal(canonicalize({ a: undefined, b: 1 }), '{"b":1}', 'undefined members are left out, as JSON.stringify does');
  t.equal(canonicalize({}), '{}');
  t.equal(canonicalize([]), '[]');
  t.equal(canonicalize('张建国'), '"张建国"', 'non-ASCII is not escaped');
  t.equal(canonicalize(Object.assign(Object.create(null) as object, { z: 1, a: 2 })), '{"a":2,"z":1}');
  t.throws(() => canonicalize('\ud800'), TypeError, 'lone high surrogate');
  t.throws(() => canonicalize({ '\udc00': 1 }), TypeError, 'lone low surrogate in a key');
  t.throws(() => canonicalize(1n), TypeError);
  t.throws(() => canonicalize(new Date(0)), TypeError);
  t.throws(() => canonicalize([undefined]), TypeError);
  t.throws(() => canonicalize(() => 1), TypeError);
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  t.throws(() => canonicalize(loop), TypeError, 'circular');
  const shared = { x: 1 };
  t.equal(canonicalize({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}', 'a shared (not circular) object is fine');
});

t.test('canonical event form', async (t) => {
  const [event] = await makeChain(2);
  if (!event) throw new Error('no event');
  const text = canonicalEvent(event);
  t.notOk(text.includes('"sig"'), 'sig is left out');
  t.equal(text, canonicalize({ ...event, sig: undefined }));

  // Stable under any member order, at every level.
  const reversed = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reversed);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
    return v;
  };
  t.equal(canonicalEvent(reversed(event) as object), text);
  t.equal(canonicalEvent(JSON.parse(JSON.stringify(event, null, 2)) as object), text, 'survives a JSON round trip with whitespace');
  t.equal(await eventHash(reversed(event) as object), await eventHash(event));
  t.equal(await eventHash({ ...event, sig: 'other' }), await eventHash(event), 'hash ignores sig');
  t.match(await eventHash(event), /^[A-Za-z0-9_-]{43}$/);
  t.equal(await sha256Base64url(''), '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU', 'SHA-256 of the empty string');
});

t.test('what JCS refuses, and why: the message reaches chain details and device logs', async (t) => {
  const refuses = (v: unknown, message: string) => t.throws(() => canonicalize(v), { name: 'TypeError', message }, message);
  refuses(Number.NaN, 'JCS: NaN is not a JSON number');
  refuses({ a: Number.NEGATIVE_INFINITY }, 'JCS: -Infinity is not a JSON number');
  refuses('a\ud800b', 'JCS: string contains a lone surrogate');
  refuses('\udc00\ud83d\ude00', 'JCS: string contains a lone surrogate');
  refuses('\ud83d\ude00\ud83d', 'JCS: string contains a lone surrogate');
  refuses(1n, 'JCS: cannot serialise a bigint');
  refuses(Symbol('s'), 'JCS: cannot serialise a symbol');
  refuses({ f: () => 1 }, 'JCS: cannot serialise a function');
  refuses(undefined, 'JCS: cannot serialise a undefined');
  // A hole or an undefined item would become null on the wire: refused for what it is.
  refuses([1, undefined], 'JCS: undefined array element');
  refuses([1, , 2], 'JCS: undefined array element');
  refuses(new Date(0), 'JCS: only plain objects and arrays');
  refuses({ m: new Map() }, 'JCS: only plain objects and arrays');
  const loop: unknown[] = [];
  loop.push(loop);
  refuses(loop, 'JCS: circular structure');
});

t.test('valid surrogate pairs and shared values are fine', async (t) => {
  t.equal(canonicalize('\ud83d\ude00\ud83d\ude01'), '"\ud83d\ude00\ud83d\ude01"');
  t.equal(canonicalize(['x', 'x']), '["x","x"]');
  const shared = [1];
  t.equal(canonicalize([shared, { a: shared }, shared]), '[[1],{"a":[1]},[1]]', 'an array seen twice, not inside itself');
  t.equal(canonicalize([true, false, 0, -1.5]), '[true,false,0,-1.5]');
});
