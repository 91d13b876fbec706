import t, { type Test } from 'tap';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setup, PASSWORD, type TestContext } from '../helpers/app.js';
import { seedDemo } from '../../src/cli/demo-data.js';

/**
 * The rendered HTML of a fixed set of portal pages over the demo data, compared
 * with the snapshot: a refactor of the views must leave every byte as it was.
 * What differs from run to run (form tokens, times, ids, keys, signatures, QR
 * images) is replaced by a placeholder first. Regenerate on purpose with
 * `TAP_SNAPSHOT=1 npx tap test/server/portal-snapshot.test.ts`; set
 * KAKOU_CAPTURE_DIR to also write every normalised page to that folder.
 */

const NOW = new Date('2026-03-02T02:00:00Z');

/** Page states that are not the same on two runs, replaced by stable placeholders. */
export function normalise(html: string, random: readonly string[] = []): string {
  let out = html;
  for (const [i, r] of random.entries()) out = out.split(r).join(`RANDOM${i}`);
  return out
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="CSRF"')
    .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => (svg.includes('shape-rendering') || svg.length > 2000 ? '<svg>QR</svg>' : svg))
    .replace(/data:image\/[a-z+]+;base64,[A-Za-z0-9+/=]+/g, 'data:IMAGE')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'UUID')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/g, 'ISO')
    .replace(/\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/g, 'DATE')
    .replace(/\b\d{2}:\d{2}(:\d{2})?\b/g, 'TIME')
    .replace(/[A-Za-z0-9_-]{40,}(\.[A-Za-z0-9_-]{20,}){0,2}/g, 'BLOB')
    .replace(/\b[0-9a-f]{16,}\b/g, 'HEX')
    .replace(/<code class="otp"[^>]*>[^<]*<\/code>/g, '<code class="otp">OTP</code>')
    .replace(/\b[A-Za-z0-9]{4}-[A-Za-z0-9]{4}(-[A-Za-z0-9]{4})+\b/g, 'CODE');
}

/**
 * The snapshot's diff shows a few lines of context, and CI keeps only the tail of a
 * long log: name every page whose digest changed as its own failing assertion, so a
 * flake is attributable from the list of failing tests alone.
 */
function namePagesThatDiffer(t: Test, pages: string[]): void {
  if (process.env.TAP_SNAPSHOT === '1') return;
  const file = join(import.meta.dirname, '../../tap-snapshots/test/server/portal-snapshot.test.ts.test.cjs');
  if (!existsSync(file)) return;
  const stored = Object.values(createRequire(import.meta.url)(file) as Record<string, string>)[0] ?? '';
  const byName = (lines: string[]) => new Map(lines.filter(Boolean).map((l) => [l.split(' → ')[0]!, l]));
  const want = byName(stored.split('\n'));
  const got = byName(pages);
  const differ = [...new Set([...want.keys(), ...got.keys()])].filter((k) => want.get(k) !== got.get(k));
  for (const k of differ.slice(0, 25)) t.fail(`page differs from the snapshot: ${k} (was ${want.get(k)?.split(' → ')[1] ?? 'absent'}, now ${got.get(k)?.split(' → ')[1] ?? 'absent'})`);
  if (differ.length > 25) t.fail(`and ${differ.length - 25} more pages differ`);
}

class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  static seq = 1;
  readonly ip = `10.8.0.${Browser.seq++}`;
  constructor(readonly app: TestContext['app']) {}
  private keep<R extends { cookies: unknown; body: string }>(res: R): R {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }
  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader }, remoteAddress: this.ip }));
  }
  async post(url: string, fields: Record<string, string>) {
    const payload = new URLSearchParams({ _csrf: this.csrf, ...fields }).toString();
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
        remoteAddress: this.ip,
      }),
    );
  }
}

/** Every portal GET route with its parameters filled from the demo data, and a few query variants. */
function pageUrls(routes: string[]): string[] {
  const out: string[] = [];
  for (const r of routes) {
    // /scanner/ is the built PWA (hashed file names change with every build), not a server-rendered page.
    if (r.startsWith('/api/') || r === '/openapi.json' || r === '/healthz' || r.startsWith('/public') || r.startsWith('/scanner') || r.includes('*')) continue;
    // A server-sent event stream never ends: not a page (test/server/escorts/http.test.ts reads it over a real connection).
    if (r.endsWith('/stream')) continue;
    if (r.includes(':')) {
      for (const id of ['1', '2', '99']) out.push(r.replace(/:version/, id).replace(/:\w+/g, id));
    } else out.push(r);
  }
  out.push('/enterprise/passes/1?done=created', '/bureau/passes?status=submitted', '/bureau/passes?q=%E8%8B%8F&page=2', '/bureau/rules/draft?done=saved');
  for (const ex of ['wuhan_plate', 'fever_retest', 'single_high', 'wuhan_stay', 'expired_pass', 'stale_trust']) out.push(`/bureau/rules/playground?example=${ex}`);
  out.push('/bureau/rules/playground?pass=none&plate=%E9%84%82A1&p1_readings=abc&trustAgeHours=-1');
  return [...new Set(out)];
}

/** Portal forms posted empty (or nearly): each answers with its refused form. */
const FORMS: Array<[string, Record<string, string>]> = [
  ['/bureau/enterprises', {}],
  ['/bureau/enterprises/1/edit', { name: '' }],
  ['/bureau/enterprises/1/users', {}],
  ['/bureau/checkpoints', {}],
  ['/bureau/checkpoints/1/staff', {}],
  ['/bureau/staff', {}],
  ['/bureau/passes/2/reject', {}],
  ['/enterprise/passes', {}],
  ['/enterprise/passes/2/edit', { vehicleId: 'x' }],
  ['/enterprise/people', {}],
  ['/enterprise/people/1', { name: '' }],
  ['/enterprise/vehicles', { plate: '12' }],
  ['/enterprise/vehicles/1', {}],
  ['/enterprise/contact', {}],
  ['/enterprise/escorts/1/dispatch', { escortName: '' }],
  ['/password', { current: 'wrong', password: 'x', confirm: 'y' }],
];

t.test('portal pages render as captured', async (t) => {
  const ctx = await setup(t, { KAKOU_PUBLIC_URL: 'http://localhost:3000' });
  await ctx.user('bureau_admin', 'boss');
  const demo = await seedDemo(ctx.repos, ctx.dataDir, { publicUrl: 'http://localhost:3000', now: NOW });
  const passwordOf = (u: string) => demo.accounts.find((a) => a.username === u)!.password;
  // The demo's events are ingested without the anomaly observer; the server's minute sweep would find their
  // anomalies at some point during the crawl (on a loaded machine, within it). Sweep now, so every page is
  // captured after it, whatever the timing.
  await ctx.app.services.anomalies.sweep(new Date());
  const routes = [...new Set(ctx.app.routeTable.filter((r) => r.method === 'GET').map((r) => r.url))].sort();
  const urls = pageUrls(routes);
  // Made at random on every run: pass numbers (freight and charter), key ids, device ids.
  // Each is named by its place in this list (RANDOM0, RANDOM1, …), so the order must not depend on timing or
  // engine: passes by id, keys by what they are for (pass, bundle, audit: the order the app makes them), devices
  // by checkpoint and label.
  const q = ctx.repos.store.q();
  const random = [
    ...(await q.selectFrom('passes').select('pass_no as v').orderBy('id').execute()),
    ...(await q.selectFrom('charter_passes').select('jti as v').orderBy('id').execute()),
    ...(await q.selectFrom('signing_keys').select('kid as v').orderBy('purpose', 'desc').orderBy('created_at').orderBy('state').execute()),
    ...(await q.selectFrom('devices').select('id as v').orderBy('checkpoint_id').orderBy('label').orderBy('enrolled_at').execute()),
  ].map((r) => r.v);
  const captureDir = process.env.KAKOU_CAPTURE_DIR;
  if (captureDir) mkdirSync(captureDir, { recursive: true });

  const pages: string[] = [];
  const record = (name: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    let body = normalise(res.body, random);
    // The check search orders by (received_at, event id): the demo's checks share receipt times and their ids are
    // random, so the order of equal-time rows changes per run. Compare the set of rows there, not their order.
    if (/ GET \/bureau\/checks(\.csv)?$/.test(name)) body = body.includes('<tbody>') ? body.replace(/<tbody>([\s\S]*?)<\/tbody>/, (_m, rows: string) => `<tbody>${rows.split('</tr>').sort().join('</tr>')}</tbody>`) : body.split('\r\n').sort().join('\r\n');
    // The action log shows each entry's short hash (a hash over its time: changes per run), and enrollment codes'
    // random ids in details; a CSV hash cell that starts with '-' gets the injection guard's apostrophe.
    if (/ GET \/bureau\/audit\/actions(\.csv)?$/.test(name)) body = body.replace(/(#\d+ <code>)[A-Za-z0-9_-]{8}(<\/code>)/g, '$1HASH$2').replaceAll("'BLOB", 'BLOB').replace(/codeId(: |"":"")[A-Z0-9]{4}/g, 'codeId$1CODE');
    const head = `${name} → ${res.statusCode} ${String(res.headers['content-type'] ?? '')} ${String(res.headers.location ?? '')}`;
    pages.push(`${head} ${createHash('sha256').update(body).digest('hex').slice(0, 16)}`);
    if (captureDir) writeFileSync(join(captureDir, name.replace(/[^A-Za-z0-9_.-]+/g, '_') + '.html'), `${head}\n${body}`);
  };

  const anon = new Browser(ctx.app);
  record('anon GET /login', await anon.get('/login'));
  record('anon GET /', await anon.get('/'));

  const users: Array<[string, string]> = [
    ['boss', PASSWORD],
    ['officer', passwordOf('officer')],
    ['jincheng', passwordOf('jincheng')],
  ];
  for (const [user, password] of users) {
    for (const lang of ['zh', 'en'] as const) {
      const b = new Browser(ctx.app);
      await b.get('/login');
      const signIn = await b.post('/login', { username: user, password, next: '/' });
      t.equal(signIn.statusCode, 303, `${user} signs in`);
      await b.get('/password');
      t.equal((await b.post('/lang', { locale: lang, next: '/' })).statusCode, 303, `${user} reads ${lang}`);
      for (const url of urls) record(`${user} ${lang} GET ${url}`, await b.get(url));
    }
  }
  // Forms last: some of them change the data the pages above show.
  for (const [user, password] of users) {
    const b = new Browser(ctx.app);
    await b.get('/login');
    await b.post('/login', { username: user, password, next: '/' });
    for (const [url, fields] of FORMS) {
      await b.get('/password');
      record(`${user} POST ${url}`, await b.post(url, fields));
    }
  }
  t.ok(pages.length > 100, `${pages.length} pages`);
  namePagesThatDiffer(t, pages);
  t.matchSnapshot(pages.join('\n'), 'page digests');
});
