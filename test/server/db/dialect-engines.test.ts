// The engine-specific expressions of src/server/db/dialect.ts give the same values on SQLite and PostgreSQL.
import t from 'tap';
import { sql } from 'kysely';
import { chinaDate, chinaHour, jsonText } from '../../../src/server/db/dialect.js';
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
