import t from 'tap';
import {
  draftProblems,
  newDraft,
  normalizeId4,
  onBoard,
  personNumber,
  reduceDraft,
} from '../../../scanner-app/src/app/check/draft.js';
import type { CheckDraft, DraftAction } from '../../../scanner-app/src/app/check/draft.js';
import { NOW_MS, verifiedPass } from './fixtures.js';

const run = (d: CheckDraft, ...actions: DraftAction[]) => actions.reduce(reduceDraft, d);

t.test('a scanned pass fills plate and people, plate not yet confirmed', async (t) => {
  const d = newDraft({ kind: 'scanned', result: await verifiedPass() });
  t.equal(d.plate, '苏E12345');
  t.equal(d.plateConfirmed, false);
  t.same(d.people.map((p) => [p.passIndex, p.onBoard, p.id4]), [[0, true, ''], [1, true, '']]);
  t.same(draftProblems(d, NOW_MS), [{ code: 'plate.unconfirmed' }]);
  t.same(draftProblems(reduceDraft(d, { type: 'confirmPlate' }), NOW_MS), []);
});

t.test('a revoked pass still lists its (authentic) people', async (t) => {
  const d = newDraft({ kind: 'scanned', result: await verifiedPass(['Q7mZ2xKp9A']) });
  t.equal(d.people.length, 2);
  t.equal(d.plate, '苏E12345');
});

t.test('an unreadable pass or no pass starts empty', async (t) => {
  const d = newDraft({ kind: 'scanned', result: { ok: false, reason: 'malformed' } });
  t.same(d.people, []);
  t.equal(d.plate, '');
  t.same(draftProblems(d, NOW_MS).map((p) => p.code), ['plate.empty', 'people.none']);
  t.same(newDraft({ kind: 'none' }).people, []);
});

t.test('typing a plate confirms it; clearing it does not', (t) => {
  let d = run(newDraft({ kind: 'none' }), { type: 'plate', value: '苏E 54321' });
  t.equal(d.plateConfirmed, true);
  d = run(d, { type: 'plate', value: '  ' }, { type: 'confirmPlate' });
  t.equal(d.plateConfirmed, false);
  d = run(d, { type: 'plate', value: '苏E12345678901234567' }, { type: 'addPerson', name: 'x' });
  t.same(draftProblems(d, NOW_MS), [{ code: 'plate.too_long' }]);
  t.end();
});

t.test('ID last four: normalised, only for pass people, partial blocks deciding', async (t) => {
  t.equal(normalizeId4(' 0 0 2x '), '002X');
  t.equal(normalizeId4('１２３４５'), '1234', 'full-width folded, cut to four');
  t.equal(normalizeId4('12a4'), '124');
  let d = newDraft({ kind: 'scanned', result: await verifiedPass() });
  d = run(d, { type: 'confirmPlate' }, { type: 'id4', key: 0, value: '00' }, { type: 'addPerson', name: '王五' });
  const added = d.people[2]!;
  d = run(d, { type: 'id4', key: added.key, value: '9999' });
  t.equal(d.people[2]!.id4, '', 'an added person has nothing to compare');
  t.same(draftProblems(d, NOW_MS), [{ code: 'id4.incomplete', key: 0 }]);
  d = run(d, { type: 'id4', key: 0, value: '002x' });
  t.same(draftProblems(d, NOW_MS), []);
});

t.test('on board: pass people are unticked, added people removed; numbering follows the rules', async (t) => {
  let d = newDraft({ kind: 'scanned', result: await verifiedPass() });
  d = run(d, { type: 'addPerson', name: '  王五\u200b ' });
  const added = d.people[2]!;
  t.equal(added.name, '王五', 'trimmed, format characters dropped');
  t.equal(added.passIndex, null);
  d = run(d, { type: 'onBoard', key: 1, onBoard: false }, { type: 'onBoard', key: added.key, onBoard: false });
  t.same(onBoard(d).map((p) => p.key), [0, added.key], 'added people cannot be unticked');
  t.equal(personNumber(d, added.key), 2, 'the escort is not on board, so the added person is person 2');
  t.equal(personNumber(d, 1), null);
  d = run(d, { type: 'removePerson', key: 0 }, { type: 'removePerson', key: added.key });
  t.same(d.people.map((p) => p.key), [0, 1], 'pass people stay; the added one is gone');
  d = run(d, { type: 'onBoard', key: 0, onBoard: false });
  t.ok(draftProblems(d, NOW_MS).some((p) => p.code === 'people.none'));
});

t.test('readings are appended in order; non-numbers ignored', (t) => {
  let d = run(newDraft({ kind: 'none' }), { type: 'addPerson', name: '' });
  d = run(d, { type: 'reading', key: 0, celsius: 37.6 }, { type: 'reading', key: 0, celsius: Number.NaN }, { type: 'reading', key: 0, celsius: 36.4 });
  t.same(d.people[0]!.readings, [37.6, 36.4]);
  t.end();
});

t.test('stays: added once each, removable, a future last day blocks deciding (China date)', (t) => {
  let d = run(newDraft({ kind: 'none' }), { type: 'plate', value: '苏E12345' }, { type: 'addPerson', name: '' });
  const stay = { region: '420100', lastDay: '2020-02-20' };
  d = run(d, { type: 'addStay', key: 0, stay }, { type: 'addStay', key: 0, stay });
  t.same(d.people[0]!.stays, [stay]);
  // NOW_MS is 2020-02-26 10:00 in China (02:00 UTC): the 26th is today, the 27th is the future.
  d = run(d, { type: 'addStay', key: 0, stay: { region: '420100', lastDay: '2020-02-26' } });
  t.same(draftProblems(d, NOW_MS), []);
  d = run(d, { type: 'addStay', key: 0, stay: { region: '420100', lastDay: '2020-02-27' } });
  t.same(draftProblems(d, NOW_MS), [{ code: 'stay.future', key: 0, index: 2 }]);
  d = run(d, { type: 'removeStay', key: 0, index: 2 });
  t.same(draftProblems(d, NOW_MS), []);
  t.end();
});

t.test('staff flag and receiver', (t) => {
  const d = run(newDraft({ kind: 'none' }), { type: 'staffFlag', value: true }, { type: 'receiver', uscc: 'X' });
  t.equal(d.staffKeyAreaFlag, true);
  t.equal(d.receiverUscc, 'X');
  t.end();
});
