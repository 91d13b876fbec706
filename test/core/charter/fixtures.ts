// Shared test data for the charter core (no tests here; tap lists this file as skipped).
import { generatePassKeyPair } from '../../../src/core/pass/index.js';
import { canonicalManifest, manifestDigest, signCharterPass, signCharterRuns } from '../../../src/core/charter/index.js';
import type { CharterInput, CharterRun, CharterRuns, ManifestPassenger, VerifyCharterOptions } from '../../../src/core/charter/index.js';
import { TEST_JWKS, TEST_KID, testPrivateKey } from '../pass/fixtures.js';

export { TEST_JWKS, TEST_KID, testPrivateKey };

/** 2020-02-25 00:00 China time. */
export const T0 = 1582560000;
export const DAY = 86400;
export const HOUR = 3600;
export const CHECKPOINT = 7;

export const ENT_A = '91350100M000100Y43';
/** A second receiving enterprise (shape only matters to the core). */
export const ENT_B = '91320583MA1XYW000P';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['芳', '伟', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];

/**
 * A 30-person manifest from Sichuan (510000), two enterprises, one passenger
 * from Hubei (420100, the key area of February 2020) and one with a declared
 * stay in Wuhan.
 */
export function thirtyPassengers(): ManifestPassenger[] {
  return Array.from({ length: 30 }, (_, i) => ({
    name: `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 3) % 10]}${i >= 20 ? '华' : ''}`,
    id4: String(1000 + i * 37).slice(-3).padStart(3, '0') + (i % 11 === 0 ? 'X' : String(i % 10)),
    org: i === 4 ? '420100' : '510100',
    stays: i === 9 ? [{ region: '420100', lastDay: '2020-02-20' }] : [],
    ent: i < 20 ? ENT_A : ENT_B,
  }));
}

export const MANIFEST = canonicalManifest(thirtyPassengers());
export const MD = await manifestDigest(MANIFEST);

export const charterInput: CharterInput = {
  jti: 'C8nW3yLq5B',
  plate: '苏E12345',
  driver: { name: '张建国', id4: '002X' },
  passengerCount: 30,
  origin: '510100',
  manifestDigest: MD,
  nbf: T0,
  exp: T0 + 2 * DAY,
};

export const signOpts = { privateKey: testPrivateKey, kid: TEST_KID };

export async function signCharter(overrides: Partial<CharterInput> = {}): Promise<string> {
  return signCharterPass({ ...charterInput, ...overrides }, signOpts);
}

export function verifyOpts(overrides: Partial<VerifyCharterOptions> = {}): VerifyCharterOptions {
  return { keys: TEST_JWKS, now: T0 + DAY, clockToleranceSec: 60, isRevoked: () => false, ...overrides };
}

/** A bundle key for the expected-runs document: its own pair, published with purpose "bundle". */
export const bundleKey = await generatePassKeyPair();
export const BUNDLE_JWKS = { keys: [{ ...bundleKey.publicJwk, purpose: 'bundle' as const }] };

export const RUN: CharterRun = {
  run: 'R2020-0042',
  jti: charterInput.jti ?? '',
  pl: '苏E12345',
  from: T0 + DAY,
  until: T0 + DAY + 12 * HOUR,
  md: MD,
  passengers: MANIFEST,
};

export function runsDoc(overrides: Partial<CharterRuns> = {}): CharterRuns {
  return { v: 1, iss: 'KSJT', iat: T0 + DAY - HOUR, exp: T0 + 2 * DAY, checkpoint: CHECKPOINT, runs: [RUN], ...overrides };
}

export async function signRuns(overrides: Partial<CharterRuns> = {}): Promise<string> {
  return signCharterRuns(runsDoc(overrides), { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
}
