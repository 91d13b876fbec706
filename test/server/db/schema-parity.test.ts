/**
 * Both engines get the same schema from migrations/ (issue 16: "checked to give the same schema"),
 * and PostgreSQL's triggers refuse what SQLite's refuse, with the same messages. Real SQLite in
 * memory, real PostgreSQL: KAKOU_TEST_DATABASE_URL, or a throwaway cluster (test/helpers/postgres.ts).
 */
import t from 'tap';
import pg from 'pg';
import { migrate } from '../../../src/server/db/migrate.js';
import { migratePostgres } from '../../../src/server/db/migrate-postgres.js';
import { openDb } from '../../../src/server/db/open.js';
import { freshPostgresDatabase } from '../../helpers/postgres.js';
import { normaliseSql, postgresSchema, schemaDifferences, sqliteSchema } from '../../helpers/schema.js';

const database = await freshPostgresDatabase();
const noPostgres = database ? false : 'no PostgreSQL: KAKOU_TEST_DATABASE_URL is unset and initdb was not found';

t.test('index expressions and predicates: both spellings normalise alike', async (t) => {
  t.equal(normaliseSql("json_extract(payload, '$.checkEventId')"), normaliseSql("(payload::jsonb ->> 'checkEventId'::text)"));
  t.equal(normaliseSql("json_extract(payload, '$.observations.receivingEnterprise')"), normaliseSql("(payload::jsonb #>> '{observations,receivingEnterprise}'::text[])"));
  t.equal(normaliseSql("ac_device_ms IS NULL AND type IN ('check', 'charter_check')"), normaliseSql("ac_device_ms IS NULL AND (type = ANY (ARRAY['check'::text, 'charter_check'::text]))"));
  t.not(normaliseSql("type = 'check'"), normaliseSql("type = 'charter_check'"));
  t.not(normaliseSql("json_extract(payload, '$.passNo')"), normaliseSql("(payload::jsonb ->> 'runId'::text)"));
});

t.test('SQLite and PostgreSQL migrate to the same schema', { skip: noPostgres }, async (t) => {
  const sqlite = openDb(':memory:');
  t.teardown(() => sqlite.close());
  migrate(sqlite);
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  t.teardown(() => client.end());
  await migratePostgres(client);

  const s = sqliteSchema(sqlite);
  const p = await postgresSchema(client);
  t.ok(Object.keys(s).length >= 40, 'the comparison sees the tables');
  t.ok(Object.values(s).some((x) => Object.values(x.columns).some((c) => c.generated)), 'and the generated columns');
  const diffs = schemaDifferences(s, p);
  t.same(diffs, [], diffs.length ? `schemas differ:\n${diffs.join('\n')}` : 'no difference');
});

if (database) t.teardown(() => database.drop());
