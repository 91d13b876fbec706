/**
 * One scan, from QR text to decision, by the scanner's own functions
 * (session/trust-view.ts: verifyWithTrust, trustView) and the shared rules
 * engine (core/rules decide), with a raw WebCrypto Ed25519 verify of the same
 * token as the same-run baseline. Pure (jose, WebCrypto, core): Node runs it
 * directly and the Chromium page (bench/scanner/verify-page) bundles it, so
 * both measure the same code.
 */
import { base64url, exportJWK, generateKeyPair } from 'jose';
import { encodePassQrText, generatePassKeyPair, signPass, type PassInput } from '../src/core/pass/index.js';
import { decide, DEFAULT_RULE_SET, type Decision } from '../src/core/rules/index.js';
import { signBundle, verifyBundle, type TrustBundle } from '../src/core/trust/index.js';
import { loadTrust, trustView, verifyWithTrust, type LoadedTrust } from '../scanner-app/src/app/session/trust-view.js';

/** What both runtimes need: plain JSON, so Node can hand it to the page. */
export interface ScanData {
  qrText: string;
  jws: string;
  /** the verified bundle payload, as the scanner stores it */
  bundle: TrustBundle;
  nowMs: number;
}

const USCC = '91320583MA1XYZ0001';

/** A typical freight pass (driver and one escort) and a bundle carrying its key, 200 revocations and 50 enterprises. */
export async function makeScanData(nowMs = Date.now()): Promise<ScanData> {
  const now = Math.floor(nowMs / 1000);
  const passKeys = await generatePassKeyPair();
  const input: PassInput = {
    plate: '苏E12345',
    driver: { name: '张建国', id4: '002X' },
    escorts: [{ name: '李明', id4: '1234' }],
    enterprise: { uscc: '91350100M000100Y43' },
    origin: '320583',
    nbf: now - 3600,
    exp: now + 7 * 86_400,
  };
  const jws = await signPass(input, { privateKey: passKeys.privateKey, kid: passKeys.kid, issuer: 'KSJT', now });
  const passJwk = { ...passKeys.publicJwk, purpose: 'pass' as const };
  const bundleKey = await generateKeyPair('Ed25519', { extractable: true });
  const bundlePub = { ...(await exportJWK(bundleKey.publicKey)), kid: 'bundle01', alg: 'EdDSA', use: 'sig', purpose: 'bundle' };
  const enterprises: Array<[string, string, string]> = [['91350100M000100Y43', '昆山华宏精密机械有限公司', '051257001234']];
  for (let i = 1; i < 50; i++) enterprises.push([`${USCC.slice(0, 12)}${String(i).padStart(5, '0')}${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i % 31]}`, `企业${i}有限公司`, '051257000000']);
  const bundleJws = await signBundle(
    {
      v: 1,
      iss: 'KSJT',
      iat: now - 600,
      exp: now + 3 * 86_400,
      seq: 1,
      jwks: { keys: [passJwk] },
      revocations: { version: 1, passNos: Array.from({ length: 200 }, (_, i) => `R${String(i).padStart(9, '0')}`) },
      ruleSets: { active: { ...DEFAULT_RULE_SET }, scheduled: [] },
      enterprises,
    },
    { privateKey: bundleKey.privateKey, kid: 'bundle01' },
  );
  const verified = await verifyBundle(bundleJws, { trustedKeys: { keys: [bundlePub] }, now });
  if (!verified.ok) throw new Error(`bench bundle does not verify: ${verified.reason} ${verified.detail ?? ''}`);
  return { qrText: encodePassQrText(jws), jws, bundle: verified.bundle, nowMs };
}

export function loadScanTrust(data: ScanData): LoadedTrust {
  return loadTrust({ jws: '', etag: '', bundle: data.bundle, revocations: data.bundle.revocations, storedAt: data.nowMs });
}

/** What the check flow does from a decoded QR to the decision (check-flow.tsx: host.verifyPass, then decide on the draft). */
export async function scanOnce(trust: LoadedTrust, qrText: string, nowMs: number): Promise<Decision> {
  const result = await verifyWithTrust(trust, qrText, nowMs);
  const view = trustView(trust, nowMs);
  const ent = result.claims?.ent;
  const receiver = ent === undefined ? undefined : view.directory.get(ent);
  return decide({
    pass: { kind: 'scanned', result },
    observed: {
      plate: result.claims?.pl ?? '',
      people: [
        { passIndex: 0, id4Matches: true, readings: [36.5], stays: [] },
        { passIndex: 1, id4Matches: true, readings: [36.6], stays: [] },
      ],
      staffKeyAreaFlag: false,
    },
    receivingEnterprise: receiver ? { uscc: receiver.uscc, name: receiver.name, dutyPhone: receiver.dutyPhone } : null,
    now: nowMs,
    ruleSet: view.ruleSet,
    trustAgeSec: view.ageSec,
  });
}

export interface ScanSamples {
  /** µs per scan, QR text → decision (mean of one batch) */
  pipeline: number[];
  /** µs per raw WebCrypto Ed25519 verify of the same signing input (key imported once) */
  webcrypto: number[];
  decision: string;
}

/**
 * Pipeline and raw verify alternate, so a burst of load on a shared machine
 * hits both alike. Each sample is the mean of a batch: a page's
 * performance.now() is coarsened (to 100 µs without cross-origin isolation),
 * far coarser than one verify.
 */
export async function measureScans(data: ScanData, samples: number, batch = 20, warmup = 200): Promise<ScanSamples> {
  const trust = loadScanTrust(data);
  const [h = '', p = '', s = ''] = data.jws.split('.');
  const signingInput = new TextEncoder().encode(`${h}.${p}`);
  const signature = base64url.decode(s) as Uint8Array<ArrayBuffer>;
  const jwk = data.bundle.jwks.keys[0]!;
  const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string }, { name: 'Ed25519' }, false, ['verify']);
  const raw = async () => {
    if (!(await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, signingInput))) throw new Error('raw verify failed');
  };
  let decision = '';
  for (let i = 0; i < warmup; i++) {
    decision = (await scanOnce(trust, data.qrText, data.nowMs)).decision;
    await raw();
  }
  if (decision !== 'RELEASE') throw new Error(`bench scan decided ${decision}, expected RELEASE`);
  const pipeline: number[] = [];
  const webcrypto: number[] = [];
  for (let i = 0; i < samples; i++) {
    let t0 = performance.now();
    for (let j = 0; j < batch; j++) await scanOnce(trust, data.qrText, data.nowMs);
    pipeline.push(((performance.now() - t0) * 1000) / batch);
    t0 = performance.now();
    for (let j = 0; j < batch; j++) await raw();
    webcrypto.push(((performance.now() - t0) * 1000) / batch);
  }
  return { pipeline, webcrypto, decision };
}
