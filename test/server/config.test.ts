import t, { type Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError, configSchema, loadConfig, readOrCreateSecret } from '../../src/server/config.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';

const SECRET = 's'.repeat(32);

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Asserts loadConfig(env) throws a ConfigError whose message names `variable`. */
function refuses(t: Test, env: Record<string, string>, variable: string) {
  let caught: unknown;
  try {
    loadConfig({ KAKOU_COOKIE_SECRET: SECRET, ...env });
  } catch (err) {
    caught = err;
  }
  t.type(caught, ConfigError, `${JSON.stringify(env)} is refused with a ConfigError`);
  t.match((caught as Error | undefined)?.message ?? '', new RegExp(`\\b${variable}\\b`), `message names ${variable}`);
}

t.test('defaults', async (t) => {
  const dataDir = tempDir(t);
  const c = loadConfig({ KAKOU_DATA_DIR: dataDir });
  t.equal(c.port, 3000);
  t.equal(c.host, '127.0.0.1');
  t.equal(c.dataDir, dataDir);
  t.equal(c.publicUrl, 'http://localhost:3000');
  t.equal(c.logLevel, 'info');
  t.equal(c.secureCookies, false);
  t.equal(c.nodeId, hostname(), 'the node is named after its host');
  t.ok(Object.isFrozen(c), 'config is frozen');
  t.ok(configSchema.safeParse(c).success, 'matches configSchema');

  const d = loadConfig({ KAKOU_COOKIE_SECRET: SECRET });
  t.equal(d.dataDir, resolve('./data'), 'data dir defaults to ./data, made absolute');
  t.equal(d.cookieSecret, SECRET, 'an explicit secret is used as is');
});

t.test('explicit values', async (t) => {
  const c = loadConfig({
    KAKOU_COOKIE_SECRET: SECRET,
    KAKOU_PORT: '8080',
    KAKOU_HOST: '0.0.0.0',
    KAKOU_LOG_LEVEL: 'warn',
    KAKOU_DATA_DIR: 'rel/dir',
  });
  t.equal(c.port, 8080);
  t.equal(c.host, '0.0.0.0');
  t.equal(c.logLevel, 'warn');
  t.equal(c.dataDir, resolve('rel/dir'));
  t.equal(c.publicUrl, 'http://localhost:8080', 'public URL follows the port');
  t.equal(loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_PORT: '0' }).port, 0, 'port 0 (any free port) is allowed explicitly');
  t.equal(loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_NODE_ID: 'ks-node_2.a' }).nodeId, 'ks-node_2.a');
});

t.test('KAKOU_NODE_ID: a short name fit for a log line and a lease row', async (t) => {
  for (const bad of ['', '-a', 'a b', 'a:b', '节点1', 'x'.repeat(64)]) refuses(t, { KAKOU_COOKIE_SECRET: SECRET, KAKOU_NODE_ID: bad }, 'KAKOU_NODE_ID');
  t.equal(loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_NODE_ID: 'x'.repeat(63) }).nodeId.length, 63);
});

t.test('webhooks to a plain-http loopback receiver: off unless asked for', async (t) => {
  const dataDir = tempDir(t);
  t.equal(loadConfig({ KAKOU_DATA_DIR: dataDir }).webhookAllowHttpLoopback, false);
  t.equal(loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '0' }).webhookAllowHttpLoopback, false);
  t.equal(loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '1' }).webhookAllowHttpLoopback, true);
});

t.test('public URL decides secure cookies', async (t) => {
  const https = loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_PUBLIC_URL: 'https://kakou.example.cn/' });
  t.equal(https.secureCookies, true);
  t.equal(https.publicUrl, 'https://kakou.example.cn', 'trailing slash removed');
  const http = loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_PUBLIC_URL: 'http://10.0.0.5:3000' });
  t.equal(http.secureCookies, false);
  t.equal(http.publicUrl, 'http://10.0.0.5:3000');
});

t.test('bad values are refused, naming the variable', async (t) => {
  for (const port of ['abc', '70000', '-1', '3.5', '', '0x50', '1e3']) refuses(t, { KAKOU_PORT: port }, 'KAKOU_PORT');
  for (const level of ['verbose', 'INFO', '']) refuses(t, { KAKOU_LOG_LEVEL: level }, 'KAKOU_LOG_LEVEL');
  for (const url of ['not a url', 'ftp://kakou.example.cn', 'javascript:alert(1)', '']) refuses(t, { KAKOU_PUBLIC_URL: url }, 'KAKOU_PUBLIC_URL');
  refuses(t, { KAKOU_COOKIE_SECRET: 'short' }, 'KAKOU_COOKIE_SECRET');
  for (const v of ['yes', 'true', '', '2']) refuses(t, { KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: v }, 'KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK');
  refuses(t, { KAKOU_COOKIE_SECRET: 'x'.repeat(31) }, 'KAKOU_COOKIE_SECRET');
  refuses(t, { KAKOU_HOST: '' }, 'KAKOU_HOST');

  // Several problems are reported together.
  try {
    loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_PORT: 'x', KAKOU_LOG_LEVEL: 'loud' });
    t.fail('should throw');
  } catch (err) {
    t.match((err as Error).message, /KAKOU_PORT[\s\S]*KAKOU_LOG_LEVEL|KAKOU_LOG_LEVEL[\s\S]*KAKOU_PORT/);
  }
});

t.test('cookie secret is generated into the data dir (0600) and reused', async (t) => {
  const dataDir = join(tempDir(t), 'nested', 'data');
  const first = loadConfig({ KAKOU_DATA_DIR: dataDir });
  const file = join(dataDir, 'cookie-secret');
  t.ok(existsSync(file), 'secret file written');
  t.equal(statSync(file).mode & 0o777, 0o600, 'secret file is 0600');
  t.equal(statSync(dataDir).mode & 0o777, 0o700, 'data dir created 0700');
  t.ok(first.cookieSecret.length >= 32, 'generated secret is long enough');
  t.match(first.cookieSecret, /^[A-Za-z0-9_-]+$/);
  t.equal(readFileSync(file, 'utf8').trim(), first.cookieSecret);

  const second = loadConfig({ KAKOU_DATA_DIR: dataDir });
  t.equal(second.cookieSecret, first.cookieSecret, 'the next start reuses the secret');

  const other = loadConfig({ KAKOU_DATA_DIR: tempDir(t) });
  t.not(other.cookieSecret, first.cookieSecret, 'a different data dir gets its own secret');

  const explicit = tempDir(t);
  loadConfig({ KAKOU_DATA_DIR: explicit, KAKOU_COOKIE_SECRET: SECRET });
  t.notOk(existsSync(join(explicit, 'cookie-secret')), 'no file written when the secret is given');
});

t.test('a truncated secret file is refused rather than used as a weak key', async (t) => {
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, 'cookie-secret'), '\n', { mode: 0o600 });
  t.throws(() => loadConfig({ KAKOU_DATA_DIR: dataDir }), ConfigError);
  writeFileSync(join(dataDir, 'cookie-secret'), 'abc\n', { mode: 0o600 });
  t.throws(() => readOrCreateSecret(dataDir, 'cookie-secret'), /cookie-secret.*shorter than 32/);
});

t.test('the server exits 1 with a clear message on bad configuration', async (t) => {
  const dataDir = tempDir(t);
  const env: NodeJS.ProcessEnv = { ...process.env, KAKOU_DATA_DIR: dataDir, KAKOU_PORT: 'not-a-port', KAKOU_LOG_LEVEL: 'silent' };
  delete env.NODE_OPTIONS; // tap's loader hooks are not for the child
  const res = spawnSync('npx', ['tsx', 'src/server/main.ts'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 60_000 });
  t.equal(res.error, undefined, 'child ran');
  t.equal(res.status, 1, 'exit code 1');
  t.match(res.stderr, /Invalid configuration/);
  t.match(res.stderr, /KAKOU_PORT: must be a port number/);
  t.notMatch(res.stderr, /\n\s+at /, 'no stack trace');
  t.notOk(existsSync(join(dataDir, 'kakou.sqlite')), 'no database created');
});
