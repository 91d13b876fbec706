import t, { type Test } from 'tap';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { freePort } from '../helpers/browser.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';

const SECRET = 's'.repeat(32);

/** A self-signed certificate for 127.0.0.1 made with openssl, as an operator would for a checkpoint LAN. */
function selfSigned(t: Test, name = 'a'): { cert: string; key: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-tls-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key, dir };
}

function refusal(env: Record<string, string>): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-tlsd-'));
  try {
    loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_DATA_DIR: dataDir, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return '';
}

t.test('TLS settings: both or neither, readable, a key that fits the certificate', async (t) => {
  const a = selfSigned(t, 'a');
  const b = selfSigned(t, 'b');
  t.match(refusal({ KAKOU_TLS_CERT: a.cert }), /KAKOU_TLS_CERT and KAKOU_TLS_KEY: set both/);
  t.match(refusal({ KAKOU_TLS_KEY: a.key }), /set both/);
  t.match(refusal({ KAKOU_TLS_CERT: join(a.dir, 'missing.crt'), KAKOU_TLS_KEY: a.key }), /KAKOU_TLS_CERT: cannot read .*missing\.crt \(ENOENT\)/);
  t.match(refusal({ KAKOU_TLS_CERT: a.key, KAKOU_TLS_KEY: a.key }), /KAKOU_TLS_CERT: .* is not a PEM certificate/);
  t.match(refusal({ KAKOU_TLS_CERT: a.cert, KAKOU_TLS_KEY: a.cert }), /KAKOU_TLS_KEY: .* is not a PEM private key/);
  t.match(refusal({ KAKOU_TLS_CERT: a.cert, KAKOU_TLS_KEY: b.key }), /the key does not belong to the certificate/);
  t.equal(refusal({ KAKOU_TLS_CERT: a.cert, KAKOU_TLS_KEY: a.key }), '', 'a matching pair is accepted');
  const dir = mkdtempSync(join(tmpdir(), 'kakou-tlsd-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.equal(loadConfig({ KAKOU_COOKIE_SECRET: SECRET, KAKOU_DATA_DIR: dir }).tls, null, 'plain HTTP by default');
});

function httpsGet(url: string, ca: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((res, rej) => {
    const req = request(url, { ca, timeout: 2_000 }, (r) => {
      let body = '';
      r.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej).on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

t.test('given a certificate and key, the server speaks HTTPS (and the scanner is served there)', async (t) => {
  const { cert, key } = selfSigned(t);
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-tlss-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, KAKOU_DATA_DIR: dataDir, KAKOU_PORT: String(port), KAKOU_TLS_CERT: cert, KAKOU_TLS_KEY: key,
    KAKOU_PUBLIC_URL: `https://127.0.0.1:${port}`, KAKOU_LOG_LEVEL: 'silent' };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: PROJECT_ROOT, env, stdio: 'ignore' });
  t.teardown(() => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  const ca = readFileSync(cert, 'utf8');
  let health: Awaited<ReturnType<typeof httpsGet>> | undefined;
  for (let i = 0; i < 150 && !health; i++) {
    health = await httpsGet(`https://127.0.0.1:${port}/healthz`, ca).catch(() => undefined);
    if (!health) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(health?.status, 200, '/healthz over HTTPS, the certificate verified against its own CA');
  t.match(String(health?.headers['strict-transport-security'] ?? ''), /max-age=/, 'HSTS, since the public URL is https');
  const scanner = await httpsGet(`https://127.0.0.1:${port}/scanner/`, ca);
  t.ok(scanner.status === 200 || scanner.status === 503, 'the scanner route answers over HTTPS');
  await t.rejects(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }), 'no plain HTTP on the TLS port');
});
