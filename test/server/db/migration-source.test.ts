import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { checkMarkers, loadMigrations, sqlFor } from '../../../src/server/db/migration-source.js';

t.test('lines before any marker are shared; each section goes to its engine only', async (t) => {
  const sql = 'CREATE TABLE a (x);\n-- @sqlite\nS1;\n-- @postgres\nP1;\nP2;\n-- @both\nB;\n-- @sqlite\nS2;';
  t.equal(sqlFor(sql, 'sqlite'), 'CREATE TABLE a (x);\nS1;\nB;\nS2;');
  t.equal(sqlFor(sql, 'postgres'), 'CREATE TABLE a (x);\nP1;\nP2;\nB;\n');
});

t.test('a file without markers is the same text for both engines', async (t) => {
  const sql = '-- a comment\nCREATE TABLE a (x INTEGER);\n';
  t.equal(sqlFor(sql, 'sqlite'), sql);
  t.equal(sqlFor(sql, 'postgres'), sql);
});

t.test('CRLF files and a marker with trailing blanks still split; marker-like text inside a line does not', async (t) => {
  const sql = 'A;\r\n-- @postgres  \r\nP;\r\n-- @both\r\nSELECT \'-- @sqlite\';\r\n';
  t.equal(sqlFor(sql, 'sqlite'), "A;\r\nSELECT '-- @sqlite';\r\n");
  t.equal(sqlFor(sql, 'postgres'), "A;\r\nP;\r\nSELECT '-- @sqlite';\r\n");
});

t.test('an unknown marker is refused rather than run on the wrong engine', async (t) => {
  t.throws(() => checkMarkers({ version: 1, name: '001_x.sql', sql: 'A;\n-- @postgresql\nB;\n' }), /unknown section marker/);
  t.throws(() => checkMarkers({ version: 1, name: '001_x.sql', sql: '--@sqlite\n' }), /unknown section marker/);
  t.doesNotThrow(() => checkMarkers({ version: 1, name: '001_x.sql', sql: '-- @sqlite\n-- @both\n' }));
});

// Databases in the field already ran 001–021; SQLite must be given exactly the text it ran then.
// Compared with the last commit of main before dialect sections existed (git and that commit are
// there in development and CI; a shallow or exported copy skips, saying so).
const base = 'c7caa2b';
const hasBase = spawnSync('git', ['rev-parse', '--verify', `${base}^{commit}`], { stdio: 'ignore' }).status === 0;
t.test('the SQLite text of 001–021 is byte for byte what it was before sections existed', { skip: hasBase ? false : `commit ${base} is not in this checkout` }, async (t) => {
  for (const m of loadMigrations().filter((m) => m.version <= 21)) {
    const before = execFileSync('git', ['show', `${base}:migrations/${m.name}`], { encoding: 'utf8' });
    t.equal(sqlFor(m.sql, 'sqlite'), before, m.name);
  }
});
