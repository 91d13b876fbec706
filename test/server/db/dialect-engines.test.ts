// The engine-specific expressions of src/server/db/dialect.ts give the same values on SQLite and PostgreSQL.
import t from 'tap';
import { sql } from 'kysely';
import { chinaDate, chinaHour, jsonText, takenOnUnique } from '../../../src/server/db/dialect.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';
import { onEachEngine } from '../../helpers/engines.js';

onEachEngine(t, 'JSON members as text, China hours and dates', async (t, store, engine) => {
  const doc = sql.val<string>('{"a":"x","n":7,"o":{"b":"y","r":["temp.fever_confirmed"]},"nil":null}');
  const row = await store
    .q()
    .selectNoFrom([
      jsonText(engine, doc, 'a').as('a'),
      jsonText(engine, doc, 'o', 'b').as('ob'),
      jsonText(engine, doc, 'missing').as('missing'),
      jsonText(engine, doc, 'nil').as('nil'),
    ])
    .executeTakeFirstOrThrow();
  t.same(row, { a: 'x', ob: 'y', missing: null, nil: null });
  t.throws(() => jsonText(engine, doc, "a'; --"), /not a plain member name/);
  const cases: Array<[string, number, string]> = [
    ['2026-11-28T15:59:59.999Z', 23, '2026-11-28'],
    ['2026-11-28T16:00:00.000Z', 0, '2026-11-29'],
    ['2026-12-31T23:30:00.000Z', 7, '2027-01-01'],
    ['2026-03-01T01:00:00.000Z', 9, '2026-03-01'],
  ];
  for (const [at, hour, date] of cases) {
    const v = sql.val<string>(at);
    const r = await store.q().selectNoFrom([chinaHour(engine, v).as('hour'), chinaDate(engine, v).as('date')]).executeTakeFirstOrThrow();
    t.same(r, { hour, date }, `${at}: China ${date} hour ${hour}`);
  }
});

onEachEngine(t, 'takenOnUnique: the named UNIQUE violation becomes the caller\'s answer; anything else passes through', async (t, store) => {
  const code = { postgres: 'enterprises_credit_code_key', sqlite: 'enterprises.credit_code' };
  const taken = () => new Error('taken');
  const id = await takenOnUnique(code, taken, () => insertEnterprise(store, '昆山甲物流有限公司', 1));
  t.same(await store.q().selectFrom('enterprises').select('id').execute(), [{ id }], 'a write that succeeds resolves with its value');
  await t.rejects(takenOnUnique(code, taken, () => insertEnterprise(store, '昆山乙物流有限公司', 1)), /^taken$/, 'the same credit code again: the answer of the check');
  const other = { postgres: 'vehicles_enterprise_id_plate_key', sqlite: 'vehicles.enterprise_id, vehicles.plate' };
  await t.rejects(takenOnUnique(other, taken, () => insertEnterprise(store, '昆山丙物流有限公司', 1)), { message: /credit_code/ }, 'a violation of another constraint is left as it is');
  await t.rejects(takenOnUnique(code, taken, () => insertEnterprise(store, '甲', 2)), { message: /check constraint|CHECK constraint/ }, 'so is any other error');
});
