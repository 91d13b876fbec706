/**
 * Trust-bundle size and build time at city scale: 10,000 enterprises and
 * 100,000 revocations, written straight into SQLite, then built, signed and
 * verified by the real services. Every figure is also reported against a
 * baseline measured in the same run (the empty bundle; raw vs gzip), so the
 * ratios hold on any machine.
 *
 * `npm run bench` (builds, then runs dist/bench/run.js).
 */
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { base64url } from 'jose';
import { computeCreditCheckChar } from '../src/core/validate/credit-code.js';
import { verifyBundle } from '../src/core/trust/index.js';
import { repositories, type Repos } from '../src/server/repositories.js';
import { sqliteStore } from '../src/server/db/sqlite-store.js';
import { migrate } from '../src/server/db/migrate.js';
import { openDb, type Db } from '../src/server/db/open.js';
import { keysService, type KeysService } from '../src/server/features/keys/service.js';
import { newPassNumber } from '../src/server/features/passes/service.js';
import { rulesService, type RulesService } from '../src/server/features/rules/service.js';
import { trustService } from '../src/server/features/trust/service.js';
import { DataKey } from '../src/server/security/data-key.js';
import { prng } from './prng.js';

export interface BundleScale {
  enterprises: number;
  revocations: number;
}

export interface BundleMeasurement extends BundleScale {
  /** signed payload (JSON, UTF-8) */
  payloadBytes: number;
  /** compact JWS as served */
  jwsBytes: number;
  jwsGzipBytes: number;
  jwsBrotliBytes: number;
  /** what gzip would make of the payload JSON if it were not base64url-encoded */
  payloadGzipBytes: number;
  /** median ms: the first poll of a fresh process (reads every row, signs) */
  coldMs: number;
  /** median ms: a poll right after one more revocation (incremental read, sort, zod check, JSON, base64url, Ed25519) */
  signMs: number;
  /** median ms: a poll while nothing changed (reads what may have changed, hashes, cache hit) */
  cachedMs: number;
  /** median ms: verifyBundle on the device side (signature, JSON, schema) */
  verifyMs: number;
}

export interface BundleBenchResult {
  scales: BundleMeasurement[];
  node: string;
}


// Characters common in trade names (字号), industries and places, as registers show them.
const TRADE =
  '金银华宏昌盛鑫鼎泰丰瑞祥隆兴达源德福康安顺通利恒新众诚信和合佳美嘉欣宇航天海江河山川东南西北中国民亚洲永久长城明光辉星月阳春秋' +
  '润泽博远志凯旭升腾飞龙凤鹏程锦绣宝丽晶耀伟业创联合力同心协立正方圆大小一二三万千百彩虹蓝绿红紫清雅恩惠融汇聚贤英豪杰俊峰岭林森' +
  '茂荣发展进步开拓精工巧匠良品优质佳能科技智慧云数码网络';
const INDUSTRY = ['精密机械', '物流', '电子', '科技', '模具', '包装材料', '食品', '医药', '新材料', '汽车零部件', '供应链管理', '光电', '塑胶制品', '五金', '纺织', '化工', '冷链运输', '电子商务', '智能装备', '印刷', '建材', '家具', '仓储服务', '环保科技'];
const PLACE = ['昆山', '昆山', '昆山', '苏州', '太仓', '常熟', '上海', '无锡', '南通', '嘉兴'];
const SUFFIX = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'];

/** Names and duty phones as they look in the register: 8–20 characters; a third of the phones mobiles. */
function enterpriseRow(i: number): { name: string; phone: string } {
  const r = prng(i + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const trade = Array.from({ length: 2 + Math.floor(r() * 3) }, () => TRADE[Math.floor(r() * TRADE.length)]).join('');
  const name = `${pick(PLACE)}${trade}${pick(INDUSTRY)}${pick(SUFFIX)}`;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const phone = r() < 0.33 ? `1${pick(['3', '5', '8', '9'])}${digits(9)}` : `0512${pick(['5', '5', '6', '8'])}${digits(7)}`;
  return { name, phone };
}

function creditCodeFor(i: number): string {
  const first17 = `91320583MA${String(i).padStart(7, '0')}`;
  return first17 + computeCreditCheckChar(first17);
}

/** Adds approved enterprises and unexpired revocations up to `target`, in one transaction each. */
export function fill(db: Db, target: BundleScale, nowSec: number): void {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const ent = db.prepare(
    "INSERT INTO enterprises (name, credit_code, address, region_code, duty_phone, status) VALUES (?, ?, '昆山市前进东路 1 号', '320583', ?, 'approved')",
  );
  const rev = db.prepare("INSERT OR IGNORE INTO revocations (pass_no, reason, expires_at) VALUES (?, 'revoked', ?)");
  db.transaction(() => {
    for (let i = count('enterprises'); i < target.enterprises; i++) {
      const { name, phone } = enterpriseRow(i);
      ent.run(name, creditCodeFor(i), phone);
    }
  })();
  db.transaction(() => {
    // Passes last at most 14 days: revoked ones expire spread over the next two weeks.
    let n = count('revocations');
    for (let i = 0; n < target.revocations; i++) n += rev.run(newPassNumber(), nowSec + 3600 + ((i * 7919) % (14 * 86_400))).changes;
  })();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Cumulative (rows are only added): revocations alone first, so their cost separates from the directory's. */
export const DEFAULT_SCALES: readonly BundleScale[] = [
  { enterprises: 0, revocations: 0 },
  { enterprises: 0, revocations: 10_000 },
  { enterprises: 0, revocations: 100_000 },
  { enterprises: 10_000, revocations: 100_000 },
];

/** A throwaway data folder with keys and the initial rule set, removed after `body`. */
export async function withBenchDb<T>(body: (w: { db: Db; repos: Repos; keys: KeysService; rules: RulesService }) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-bench-'));
  const db = openDb(join(dir, 'kakou.sqlite'));
  try {
    migrate(db);
    const repos = repositories(sqliteStore(db), { dataDir: dir });
    const keys = keysService(repos, DataKey.load(dir));
    await keys.ensureActiveKey('pass');
    await keys.ensureActiveKey('bundle');
    const rules = rulesService(repos);
    await rules.load();
    return await body({ db, repos, keys, rules });
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBundleSizeBench(scales: readonly BundleScale[] = DEFAULT_SCALES): Promise<BundleBenchResult> {
  return withBenchDb(async ({ db, repos, keys, rules }) => {
    const trustedKeys = await keys.publishedKeys(new Date(), 'bundle');

    const results: BundleMeasurement[] = [];
    for (const scale of scales) {
      const now = new Date();
      fill(db, scale, Math.floor(now.getTime() / 1000));

      const svc = trustService({ repos, keys, rules });
      await svc.current(now); // warm-up: statement preparation, key import, JIT
      // A fresh service has nothing in memory: each current() reads everything and signs.
      const coldMs = await time(3, () => trustService({ repos, keys, rules }).current(now));
      const revoke = db.prepare("INSERT INTO revocations (pass_no, reason, expires_at) VALUES (?, 'revoked', ?)");
      const signMs = await time(3, () => {
        revoke.run(newPassNumber(), Math.floor(now.getTime() / 1000) + 86_400);
        return svc.current(now);
      });
      const cachedMs = await time(5, () => svc.current(now));
      const bundle = await svc.current(now);
      const verifyMs = await time(3, async () => {
        const r = await verifyBundle(bundle.jws, { trustedKeys, now });
        if (!r.ok) throw new Error(`bench bundle does not verify: ${r.reason}`);
      });

      const jws = Buffer.from(bundle.jws, 'utf8');
      const payload = Buffer.from(base64url.decode(bundle.jws.split('.')[1]!));
      results.push({
        ...scale,
        payloadBytes: payload.length,
        jwsBytes: jws.length,
        jwsGzipBytes: gzipSync(jws).length,
        jwsBrotliBytes: brotliCompressSync(jws, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }).length,
        payloadGzipBytes: gzipSync(payload).length,
        coldMs,
        signMs,
        cachedMs,
        verifyMs,
      });
    }
    return { scales: results, node: process.version };
  });
}

/** A real bundle at `scale`, built and signed by the server's services, with the keys a device would have pinned: for the scanner's benchmark. */
export async function bundleAtScale(scale: BundleScale): Promise<{ jws: string; trustedKeys: Awaited<ReturnType<ReturnType<typeof keysService>['publishedKeys']>> }> {
  return withBenchDb(async ({ db, repos, keys, rules }) => {
    const now = new Date();
    fill(db, scale, Math.floor(now.getTime() / 1000));
    const bundle = await trustService({ repos, keys, rules }).current(now);
    return { jws: bundle.jws, trustedKeys: await keys.publishedKeys(now, 'bundle') };
  });
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const size = (n: number) => (n >= 1024 * 1024 ? mib(n) : kib(n));
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Plain-text report: absolute figures, then ratios against the same run's baselines. */
export function formatBundleBench(r: BundleBenchResult): string {
  const lines: string[] = [];
  lines.push(`Trust bundle (node ${r.node})`);
  lines.push('');
  lines.push('enterprises  revocations   payload     JWS         JWS gzip    JWS brotli  | cold      change    poll      verify');
  for (const m of r.scales) {
    lines.push(
      [
        String(m.enterprises).padStart(11),
        String(m.revocations).padStart(12),
        size(m.payloadBytes).padStart(10),
        size(m.jwsBytes).padStart(11),
        size(m.jwsGzipBytes).padStart(11),
        size(m.jwsBrotliBytes).padStart(11),
        ' |',
        ms(m.coldMs).padStart(8),
        ms(m.signMs).padStart(9),
        ms(m.cachedMs).padStart(9),
        ms(m.verifyMs).padStart(9),
      ].join(' '),
    );
  }
  const base = r.scales.find((m) => m.revocations === 0 && m.enterprises === 0);
  const big = r.scales.at(-1)!;
  lines.push('cold: first poll of a fresh process; change: poll right after a revocation; poll: nothing changed (304 path); verify: device side');
  lines.push('');
  lines.push(`Ratios at ${big.enterprises} enterprises / ${big.revocations} revocations:`);
  lines.push(`  gzip / raw JWS              ${(big.jwsGzipBytes / big.jwsBytes).toFixed(3)}`);
  lines.push(`  brotli(5) / raw JWS         ${(big.jwsBrotliBytes / big.jwsBytes).toFixed(3)}`);
  lines.push(`  JWS / payload (base64url)   ${(big.jwsBytes / big.payloadBytes).toFixed(3)}`);
  lines.push(`  gzip(JWS) / gzip(payload)   ${(big.jwsGzipBytes / big.payloadGzipBytes).toFixed(3)}  (what base64url costs after compression)`);
  const revOnly = r.scales.filter((m) => m.enterprises === 0 && m.revocations > 0).at(-1);
  if (base && revOnly) {
    const per10k = (v: number, b: number) => ((v - b) / revOnly.revocations) * 10_000;
    lines.push(`  vs the empty bundle (${size(base.jwsBytes)} JWS; cold ${ms(base.coldMs)}, change ${ms(base.signMs)}, poll ${ms(base.cachedMs)}, verify ${ms(base.verifyMs)}), per 10k revocations:`);
    lines.push(`    cold      +${ms(per10k(revOnly.coldMs, base.coldMs))}   (${revOnly.revocations} revocations: ×${(revOnly.coldMs / base.coldMs).toFixed(0)} the baseline)`);
    lines.push(`    change    +${ms(per10k(revOnly.signMs, base.signMs))}   (×${(revOnly.signMs / base.signMs).toFixed(0)})`);
    lines.push(`    poll      +${ms(per10k(revOnly.cachedMs, base.cachedMs))}   (×${(revOnly.cachedMs / base.cachedMs).toFixed(0)})`);
    lines.push(`    verify    +${ms(per10k(revOnly.verifyMs, base.verifyMs))}   (×${(revOnly.verifyMs / base.verifyMs).toFixed(0)})`);
    lines.push(`    JWS       +${size(per10k(revOnly.jwsBytes, base.jwsBytes))}, gzip +${size(per10k(revOnly.jwsGzipBytes, base.jwsGzipBytes))}`);
    const withDir = r.scales.find((m) => m.revocations === revOnly.revocations && m.enterprises > 0);
    if (withDir) {
      const per1k = (v: number, b: number) => ((v - b) / withDir.enterprises) * 1_000;
      lines.push(`  per 1,000 enterprises (${withDir.enterprises} added to ${revOnly.revocations} revocations):`);
      lines.push(`    change +${ms(per1k(withDir.signMs, revOnly.signMs))}, poll +${ms(per1k(withDir.cachedMs, revOnly.cachedMs))}, JWS +${size(per1k(withDir.jwsBytes, revOnly.jwsBytes))}, gzip +${size(per1k(withDir.jwsGzipBytes, revOnly.jwsGzipBytes))}`);
    }
  }
  return lines.join('\n');
}
