import t from 'tap';
import type * as z from 'zod';
import {
  CHARTER_DECISIONS,
  CHARTER_OUTCOMES,
  DECISIONS,
  EVENT_TYPES,
  charterCheckPayloadSchema,
  checkPayloadSchema,
  escortHandoverPayloadSchema,
  eventIdSchema,
  eventSchema,
  formatDeviceTime,
  hashSchema,
  newEventId,
  reasonCodeSchema,
  staffBadgeSchema,
  unsignedEventSchema,
} from '../../../src/core/events/index.js';
import { makeChain } from './fixtures.js';

const chain = await makeChain(5);
const check = chain[1]!;
const handover = chain[3]!;
if (check.type !== 'check' || handover.type !== 'escort_handover') throw new Error('fixture');

/** A test name that keeps controls and separators out of the TAP stream. */
const escaped = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The paths of the problems a schema finds ('' = the value itself); [] when it passes. */
const problems = (schema: z.ZodType, value: unknown): string[] => {
  const r = schema.safeParse(value);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))];
};

const charterPayload = {
  passNo: 'C7mZ2xKp9A',
  runId: 'run-2020_02',
  md: 'A'.repeat(43),
  plate: '苏E12345',
  observations: { temps: [36.5] },
  decision: 'CUSTODY',
  reasons: ['charter.ok'],
  passengers: [{ outcome: 'CUSTODY', ent: '91350100M000100Y43' }, { outcome: 'ABSENT', ent: '91350100M000100Y43' }],
  unlisted: 0,
  ruleSetVersion: 3,
  bundleAgeSec: 60,
  staffBadge: 'KS0427',
};

t.test('the lists of types, decisions and outcomes', async (t) => {
  t.strictSame([...EVENT_TYPES], ['check', 'escort_handover', 'staff_sign_in', 'staff_sign_out', 'charter_check']);
  t.strictSame([...DECISIONS], ['RELEASE', 'ESCORT', 'HOLD', 'REFUSE', 'MANUAL']);
  t.strictSame([...CHARTER_DECISIONS], ['RELEASE', 'CUSTODY', 'MANUAL', 'REFUSE', 'HOLD']);
  t.strictSame([...CHARTER_OUTCOMES], ['RELEASE', 'CUSTODY', 'MANUAL', 'REFUSE', 'HOLD', 'ABSENT']);
});

t.test('event id: one lower-case UUID v4 spelling, nothing around it', async (t) => {
  const id = 'c3d4e5f6-a7b8-4c9d-a0e1-f2a3b4c5d6e7';
  t.strictSame(problems(eventIdSchema, id), []);
  t.match(newEventId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.strictSame(problems(eventIdSchema, newEventId()), [], 'a new id is a valid one');
  // The server deduplicates by id: an upper-case copy would be a second event.
  for (const bad of [id.toUpperCase(), 'c3d4e5f6-a7b8-1c9d-a0e1-f2a3b4c5d6e7', 'c3d4e5f6-a7b8-4c9d-c0e1-f2a3b4c5d6e7', `x${id}`, `${id}0`, id.slice(1), '']) {
    t.strictSame(problems(eventIdSchema, bad), [''], bad);
  }
});

t.test('hash: 43 base64url characters, the last with its 2 spare bits zero', async (t) => {
  for (const last of 'AEIMQUYcgkosw048') t.strictSame(problems(hashSchema, 'A'.repeat(42) + last), [], last);
  for (const bad of ['A'.repeat(42) + 'B', 'A'.repeat(42) + '_', 'A'.repeat(44), 'A'.repeat(42), `+${'A'.repeat(42)}`, `${'A'.repeat(42)}=`, `${'A'.repeat(41)}/A`]) {
    t.strictSame(problems(hashSchema, bad), [''], bad);
  }
});

t.test('staff badge: 1–32 characters, not starting with _ or -', async (t) => {
  for (const ok of ['K', 'KS0427', 'a-_9', `K${'b'.repeat(31)}`]) t.strictSame(problems(staffBadgeSchema, ok), [], ok);
  for (const bad of ['', `K${'b'.repeat(32)}`, '_K', '-K', 'K 1', 'K.1', '张三', ' K']) t.strictSame(problems(staffBadgeSchema, bad), [''], bad);
});

t.test('reason code: 1–64 of letters, digits and _ . : -', async (t) => {
  for (const ok of ['a', 'pass.invalid:x-y_Z9', 'r'.repeat(64)]) t.strictSame(problems(reasonCodeSchema, ok), [], ok);
  for (const bad of ['', 'r'.repeat(65), 'a b', '温度', 'a/b', 'a\n']) t.strictSame(problems(reasonCodeSchema, bad), [''], bad);
});

t.test('shown text (the plate): 1–16 characters, no edge spaces, no control or format characters', async (t) => {
  const plate = (p: string) => problems(checkPayloadSchema, { ...check.payload, plate: p });
  t.strictSame(plate('苏E12345'), []);
  t.strictSame(plate('苏'.repeat(16)), []);
  t.strictSame(plate('😀'.repeat(16)), [], 'characters, not UTF-16 units');
  for (const bad of ['', '苏'.repeat(17), ' 苏E12345', '苏E12345 ', '苏E\u200b12345', '苏E\t12345', '苏E\u202e12345', '苏E\u202812345', '苏E\u202912345', '苏E\ud800']) {
    t.strictSame(plate(bad), ['plate'], escaped(bad));
  }
});

t.test('a check payload, member by member', async (t) => {
  const p = (patch: Record<string, unknown>) => problems(checkPayloadSchema, { ...check.payload, ...patch });
  t.strictSame(p({}), []);
  t.strictSame(p({ passNo: null, bundleAgeSec: null, ruleSetVersion: 0, reasons: [] }), [], 'no pass, no bundle, no rule set');
  t.strictSame(p({ bundleAgeSec: 0 }), []);
  t.strictSame(p({ bundleAgeSec: 0.5 }), [], 'an age need not be whole seconds');
  t.strictSame(p({ bundleAgeSec: -1 }), ['bundleAgeSec']);
  t.strictSame(p({ ruleSetVersion: -1 }), ['ruleSetVersion']);
  t.strictSame(p({ ruleSetVersion: 1.5 }), ['ruleSetVersion']);
  t.strictSame(p({ passNo: '' }), ['passNo']);
  for (const d of DECISIONS) t.strictSame(p({ decision: d }), [], d);
  t.strictSame(p({ decision: 'CUSTODY' }), ['decision'], 'custody is a charter decision');
  t.strictSame(p({ reasons: ['ok', 'bad code'] }), ['reasons.1']);
  t.strictSame(p({ extra: 1 }), [''], 'strict: an unknown member is refused');
  t.strictSame(p({ observations: { anything: { goes: [1, 'two'] } } }), [], 'observations is free-form');
  t.strictSame(p({ observations: [] }), ['observations']);
});

t.test('an escort handover payload', async (t) => {
  const p = (patch: Record<string, unknown>) => problems(escortHandoverPayloadSchema, { ...handover.payload, ...patch });
  t.strictSame(p({}), []);
  const { escortPhoneLast4: _phone, ...noPhone } = handover.payload;
  t.strictSame(problems(escortHandoverPayloadSchema, noPhone), [], 'the phone is optional');
  for (const bad of ['800', '80011', 'a001', '8 01']) t.strictSame(p({ escortPhoneLast4: bad }), ['escortPhoneLast4'], bad);
  t.strictSame(p({ escortName: '王'.repeat(20) }), []);
  t.strictSame(p({ escortName: '王'.repeat(21) }), ['escortName']);
  t.strictSame(p({ checkEventId: 'not-an-id' }), ['checkEventId']);
  t.strictSame(p({ enterpriseUscc: '91350100M000100Y4' }), ['enterpriseUscc']);
});

t.test('a charter check payload', async (t) => {
  const p = (patch: Record<string, unknown>) => problems(charterCheckPayloadSchema, { ...charterPayload, ...patch });
  t.strictSame(p({}), []);
  t.strictSame(p({ passNo: null, runId: null, md: null, passengers: [] }), [], 'no run');
  for (const d of CHARTER_DECISIONS) t.strictSame(p({ decision: d }), [], d);
  t.strictSame(p({ decision: 'ESCORT' }), ['decision'], 'escort is a freight decision');
  t.strictSame(p({ runId: 'r'.repeat(32) }), []);
  for (const bad of ['', 'r'.repeat(33), 'run 1', 'run/1']) t.strictSame(p({ runId: bad }), ['runId'], bad);
  t.strictSame(p({ md: 'A'.repeat(42) + 'B' }), ['md']);
  const passenger = { outcome: 'ABSENT', ent: '91350100M000100Y43' };
  t.strictSame(p({ passengers: Array.from({ length: 99 }, () => passenger) }), []);
  t.strictSame(p({ passengers: Array.from({ length: 100 }, () => passenger) }), ['passengers']);
  t.strictSame(p({ passengers: [{ ...passenger, outcome: 'ESCORT' }] }), ['passengers.0.outcome']);
  t.strictSame(p({ passengers: [{ ...passenger, name: '张三' }] }), ['passengers.0'], 'no personal data beside a passenger');
  t.strictSame(p({ unlisted: 99 }), []);
  for (const bad of [-1, 100, 1.5]) t.strictSame(p({ unlisted: bad }), ['unlisted'], String(bad));
  t.strictSame(p({ bundleAgeSec: -1 }), ['bundleAgeSec']);
  t.strictSame(p({ bundleAgeSec: null }), []);
  t.strictSame(p({ ruleSetVersion: -1 }), ['ruleSetVersion']);
  t.strictSame(p({ ruleSetVersion: 2.5 }), ['ruleSetVersion']);
  t.strictSame(p({ observations: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } }), [], '8 levels, observations the first');
  t.strictSame(p({ observations: { a: { b: { c: { d: { e: { f: { g: { h: {} } } } } } } } } }), ['observations'], 'bounded like a check');
  t.strictSame(p({ extra: 1 }), ['']);
});

t.test('the envelope: seq from 1, a time with an offset, a sig only on signed events', async (t) => {
  const { sig: _sig, ...unsigned } = check;
  const e = (patch: Record<string, unknown>) => problems(eventSchema, { ...check, ...patch });
  t.strictSame(e({}), []);
  t.strictSame(problems(unsignedEventSchema, unsigned), []);
  t.strictSame(problems(unsignedEventSchema, check), [''], 'an unsigned event has no sig');
  t.strictSame(problems(eventSchema, unsigned), ['sig']);
  t.strictSame(e({ seq: 1 }), []);
  t.strictSame(e({ seq: 0 }), ['seq']);
  t.strictSame(e({ seq: 2.5 }), ['seq']);
  t.strictSame(e({ deviceTime: '2020-02-25T14:00:00Z' }), []);
  t.strictSame(e({ deviceTime: '2020-02-25T14:00:00' }), ['deviceTime'], 'no offset');
  t.strictSame(e({ prevHash: 'A'.repeat(42) }), ['prevHash']);
  t.strictSame(e({ sig: `${check.sig.slice(0, -1)}B` }), ['sig']);
  t.strictSame(e({ deviceId: '' }), ['deviceId']);
  t.strictSame(e({ extra: 1 }), ['']);
  t.strictSame(e({ type: 'escort_handover' }), ['payload.checkEventId', 'payload.escortName', 'payload.enterpriseUscc', 'payload'], 'the payload must be of the type named');
  t.strictSame(e({ type: 'note' }), ['type']);
  for (const ev of chain) t.strictSame(problems(eventSchema, ev), [], ev.type);
  t.strictSame(problems(eventSchema, { ...chain[0]!, payload: { staffBadge: 'KS0427', extra: 1 } }), ['payload']);
});

t.test('formatDeviceTime: whole minutes within ±18 h', async (t) => {
  const d = new Date(Date.UTC(2020, 1, 25, 6, 3, 7, 120));
  t.equal(formatDeviceTime(d, 18 * 60), '2020-02-26T00:03:07.120+18:00');
  t.equal(formatDeviceTime(d, -18 * 60), '2020-02-24T12:03:07.120-18:00');
  t.equal(formatDeviceTime(d, 345), '2020-02-25T11:48:07.120+05:45');
  t.throws(() => formatDeviceTime(d, 18 * 60 + 1), { name: 'TypeError', message: 'offset must be whole minutes within ±18 h' });
  t.throws(() => formatDeviceTime(d, -18 * 60 - 1), { name: 'TypeError', message: 'offset must be whole minutes within ±18 h' });
  t.throws(() => formatDeviceTime(d, 480.5), { name: 'TypeError', message: 'offset must be whole minutes within ±18 h' });
  t.throws(() => formatDeviceTime(new Date(Number.NaN), 480), { name: 'TypeError', message: 'invalid date' });
});

t.test("formatDeviceTime defaults to the device's own zone", async (t) => {
  const saved = process.env.TZ;
  t.teardown(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const d = new Date(Date.UTC(2020, 1, 25, 6, 3, 7, 120));
  process.env.TZ = 'Asia/Shanghai';
  t.equal(formatDeviceTime(d), '2020-02-25T14:03:07.120+08:00');
  process.env.TZ = 'America/New_York';
  t.equal(formatDeviceTime(d), '2020-02-25T01:03:07.120-05:00');
});

t.test('each refusal says what was expected (the text reaches EventError and the ingest detail)', async (t) => {
  const messages = (schema: z.ZodType, value: unknown): string[] => {
    const r = schema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  t.strictSame(messages(eventIdSchema, 'x'), ['lower-case UUID v4']);
  t.strictSame(messages(hashSchema, 'x'), ['base64url SHA-256']);
  t.strictSame(messages(staffBadgeSchema, '_'), ['staff badge: 1–32 of A–Z a–z 0–9 _ -']);
  t.strictSame(messages(reasonCodeSchema, ' '), ['reason code']);
  t.strictSame(messages(eventSchema, { ...check, sig: 'x' }), ['base64url ECDSA P-256 signature (64 bytes)']);
  const plate = (p: string) => messages(checkPayloadSchema, { ...check.payload, plate: p });
  t.strictSame(plate('苏'.repeat(17)), ['at most 16 characters']);
  t.strictSame(plate(' 苏E12345'), ['no leading or trailing spaces']);
  t.strictSame(plate('苏E\u200b12345'), ['no control or format characters']);
  t.strictSame(messages(escortHandoverPayloadSchema, { ...handover.payload, escortName: '王'.repeat(21) }), ['at most 20 characters']);
  const charter = (patch: Record<string, unknown>) => messages(charterCheckPayloadSchema, { ...charterPayload, ...patch });
  t.strictSame(charter({ runId: 'run 1' }), ['run id']);
  t.strictSame(charter({ observations: { a: 'x'.repeat(257) } }), ['observations: a string is longer than 256 characters']);
});
