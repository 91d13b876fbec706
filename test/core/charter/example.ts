// The worked example of docs/charter-pass.md, section 10 (no tests here; tap lists this file as skipped).
import { canonicalManifest, manifestDigest, signCharterPass } from '../../../src/core/charter/index.js';
import type { CharterInput, ManifestPassenger } from '../../../src/core/charter/index.js';
import { DAY, T0, signOpts } from './fixtures.js';

/** Three passengers, two enterprises, one with a declared stay in Wuhan; entered out of canonical order on purpose. */
export const EXAMPLE_PASSENGERS: ManifestPassenger[] = [
  { name: '王芳', id4: '3021', org: '510100', stays: [], ent: '91350100M000100Y43' },
  { name: '李伟', id4: '118X', org: '510100', stays: [{ region: '420100', lastDay: '2020-02-20' }], ent: '91350100M000100Y43' },
  { name: '刘娜', id4: '0457', org: '511300', stays: [], ent: '91320583MA1XYW000P' },
];
export const EXAMPLE_MANIFEST = canonicalManifest(EXAMPLE_PASSENGERS);
export const EXAMPLE_MD = await manifestDigest(EXAMPLE_MANIFEST);

export const exampleInput: CharterInput = {
  jti: 'C8nW3yLq5B',
  plate: '苏E12345',
  driver: { name: '张建国', id4: '002X' },
  passengerCount: 3,
  origin: '510100',
  manifestDigest: EXAMPLE_MD,
  nbf: T0,
  exp: T0 + 2 * DAY,
};

export const exampleJws = () => signCharterPass(exampleInput, signOpts);
