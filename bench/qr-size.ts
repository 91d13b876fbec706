/**
 * Item 1 of `npm run bench`: QR version at error correction level M and
 * compact-JWS bytes of real tokens, drawn as the print pages draw them
 * (src/server/features/passes/qr.ts passQrVersion, charter/qr.ts
 * charterQrVersion: `KK1/`/`KC1/` as an alphanumeric segment, the JWS as
 * digits in a numeric one). Tokens are signed by the core signers the
 * server's issuance calls (signPass, signCharterPass) with a fresh Ed25519
 * key; the key only changes signature bytes, never their length.
 * Baseline, same run: the smallest pass the schema allows.
 *
 * Alone: `npx tsx bench/qr-size.ts`.
 */
import { pathToFileURL } from 'node:url';
import { generatePassKeyPair, signPass, PASS_EPOCH_MAX, PASS_ISSUER_MAX, PASS_JTI_MAX, PASS_MAX_ESCORTS, PASS_PERSON_NAME_MAX, type PassInput } from '../src/core/pass/index.js';
import { CHARTER_MAX_PASSENGERS, signCharterPass } from '../src/core/charter/index.js';
import { passQrVersion } from '../src/server/features/passes/qr.js';
import { charterQrVersion } from '../src/server/features/charter/qr.js';
import { figure, formatSection, type Figure, type Section } from './report.js';

/** A name of the maximum length in 4-byte UTF-8 characters (CJK Extension B), the widest a name can get. */
const widestName = '𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉'.slice(0, PASS_PERSON_NAME_MAX * 2);
// A real manifest digest's shape (43 base64url characters): its length is fixed, its value does not matter here.
const DIGEST = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDGCgg';

export async function runQrSizeBench(): Promise<Section> {
  const keys = await generatePassKeyPair();
  const sign = (input: PassInput, issuer: string) => signPass(input, { privateKey: keys.privateKey, kid: keys.kid, issuer });
  const now = Math.floor(Date.now() / 1000);
  const day = 86_400;
  const nbf = now - (now % day) - 8 * 3600; // midnight China time, as real passes start

  const smallest = await sign({ jti: 'A', plate: '京A12345', driver: { name: 'A', id4: '0000' }, enterprise: { uscc: '91350100M000100Y43' }, origin: '110000', nbf: 0, exp: 1 }, 'K');
  const typical = await sign(
    { plate: '苏E12345', driver: { name: '张建国', id4: '002X' }, escorts: [{ name: '李明', id4: '1234' }], enterprise: { uscc: '91350100M000100Y43' }, origin: '420100', nbf, exp: nbf + 14 * day },
    'KSJT',
  );
  const largest = await sign(
    {
      jti: 'Z'.repeat(PASS_JTI_MAX),
      plate: '苏E1234挂',
      driver: { name: widestName, id4: '002X' },
      escorts: Array.from({ length: PASS_MAX_ESCORTS }, () => ({ name: widestName, id4: '002X' })),
      enterprise: { uscc: '91350100M000100Y43' },
      origin: '654326',
      nbf: PASS_EPOCH_MAX - 1,
      exp: PASS_EPOCH_MAX,
    },
    'K'.repeat(PASS_ISSUER_MAX),
  );
  const charter = (n: number, driverName: string, jti?: string) =>
    signCharterPass(
      { ...(jti ? { jti } : {}), plate: '苏E1234挂', driver: { name: driverName, id4: '002X' }, passengerCount: n, origin: '420100', manifestDigest: DIGEST, nbf, exp: nbf + day },
      { privateKey: keys.privateKey, kid: keys.kid },
    );
  const demoCharter = await charter(30, '王师傅');
  const largestCharter = await charter(CHARTER_MAX_PASSENGERS, widestName, 'Z'.repeat(PASS_JTI_MAX));

  const base = { version: passQrVersion(smallest), bytes: smallest.length };
  const baseVersion = { label: 'smallest valid pass (1 person, 1-character fields)', value: base.version, unit: 'version' };
  const baseBytes = { label: 'smallest valid pass', value: base.bytes, unit: 'bytes' };
  const pair = (id: string, label: string, jws: string, version: number): Figure[] => [
    figure(`qr_size.${id}.version`, { label: `${label}: QR version, level M`, value: version, unit: 'version' }, baseVersion, { ratioMeans: '× the smallest pass' }),
    figure(`qr_size.${id}.jws_bytes`, { label: `${label}: compact JWS`, value: jws.length, unit: 'bytes' }, baseBytes, { ratioMeans: '× the smallest pass' }),
  ];
  return {
    id: '1-qr-size',
    title: 'QR size (version at level M, JWS bytes)',
    figures: [
      ...pair('typical', 'typical freight pass (driver + 1 escort)', typical, passQrVersion(typical)),
      ...pair('largest', `largest freight pass (1 + ${PASS_MAX_ESCORTS} people, every field at its maximum, 4-byte UTF-8 names)`, largest, passQrVersion(largest)),
      ...pair('charter_demo', "charter pass, the demo's 30 passengers", demoCharter, charterQrVersion(demoCharter)),
      ...pair('charter_largest', `largest charter pass (${CHARTER_MAX_PASSENGERS} passengers, longest id and driver name)`, largestCharter, charterQrVersion(largestCharter)),
    ],
    notes: [
      'a charter pass carries the passenger count and the manifest digest, not the passengers, so 30 and 99 passengers differ by one digit at most',
      'a version-40 QR is the limit of the format; the print pages use level M (survives a crease) with a 4-module margin',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatSection(await runQrSizeBench()));
}
