// The printed charter pass is one QR code: at most version 13 at level M for
// the largest realistic claims (issue 13), measured with the `qrcode` package
// and read back with zbar where it is installed. docs/charter-pass.md, section 8.
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { CHARTER_MAX_PASSENGERS, charterQrSegments, encodeCharterQrText, signCharterPass, verifyCharterPass } from '../../../src/core/charter/index.js';
import type { CharterInput } from '../../../src/core/charter/index.js';
import { PASS_EPOCH_MAX, PASS_JTI_MAX, PASS_PERSON_NAME_MAX } from '../../../src/core/pass/index.js';
import { T0, charterInput, signOpts, verifyOpts } from './fixtures.js';

const version = (jws: string) => QRCode.create(charterQrSegments(encodeCharterQrText(jws)), { errorCorrectionLevel: 'M' }).version;
const byteVersion = (jws: string) => QRCode.create([{ data: new TextEncoder().encode(jws), mode: 'byte' }], { errorCorrectionLevel: 'M' }).version;
// Generated ids are always 10 characters, as the server issues them.
const { jti: _fixed, ...generated } = charterInput;

/**
 * Largest realistic: a large new-energy coach plate (8 characters), a
 * four-character driver name (compound surname), two-digit passenger count,
 * generated 10-character id, 10-digit times. Every other claim has a fixed
 * length (`org` 6 digits, `md` 43 characters, `drv` id4 4).
 */
const largestRealistic: CharterInput = {
  ...generated,
  plate: '苏E12345D',
  driver: { name: '欧阳建国', id4: '002X' },
  passengerCount: CHARTER_MAX_PASSENGERS,
};

t.test('QR version limits at level M', async (t) => {
  const typical = await signCharterPass(generated, signOpts);
  const large = await signCharterPass(largestRealistic, signOpts);
  for (const [name, jws] of [
    ['typical (苏E12345, 3-character driver name, 30 passengers)', typical],
    ['largest realistic (苏E12345D, 4-character driver name, 99 passengers)', large],
  ] as const) {
    t.comment(`${name}: ${jws.length} JWS chars → version ${version(jws)} numeric, ${byteVersion(jws)} byte mode`);
    t.ok(version(jws) <= 13, `${name} fits version 13`);
    t.ok(version(jws) < byteVersion(jws), 'numeric mode beats byte mode');
  }
  t.equal(typical.length, 383, 'documented size of the typical pass');
  t.equal(large.length, 389, 'documented size: 3 characters to spare below the version 14 step (392)');

  // Past "realistic": a 6-character driver name tips it into version 14; the absolute largest allowed pass.
  t.equal(version(await signCharterPass({ ...largestRealistic, driver: { name: '阿卜杜热合曼', id4: '002X' } }, signOpts)), 14);
  const longName = '\u{20000}'.repeat(PASS_PERSON_NAME_MAX);
  const largest = await signCharterPass(
    { ...largestRealistic, jti: 'x'.repeat(PASS_JTI_MAX), driver: { name: longName, id4: '002X' }, nbf: PASS_EPOCH_MAX - 1, exp: PASS_EPOCH_MAX },
    signOpts,
  );
  t.comment(`largest allowed: ${largest.length} JWS chars → version ${version(largest)}`);
  t.ok(version(largest) <= 15, 'the largest allowed pass still prints at version 15 or less');
});

const ZBARIMG = '/usr/bin/zbarimg';
const run = promisify(execFile);

t.test('zbarimg reads back the exact QR text', { skip: existsSync(ZBARIMG) ? false : `${ZBARIMG} not installed` }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kakou-charter-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  for (const [name, input] of [
    ['typical', charterInput],
    ['largest realistic', largestRealistic],
  ] as const) {
    const text = encodeCharterQrText(await signCharterPass(input, signOpts));
    const file = join(dir, `${name.replace(/ /g, '-')}.png`);
    await QRCode.toFile(file, charterQrSegments(text), { errorCorrectionLevel: 'M', scale: 4, margin: 4 });
    const { stdout } = await run(ZBARIMG, ['--raw', '-q', file]);
    const scanned = stdout.replace(/\n$/, '');
    t.equal(scanned, text, `${name}: decoded text is identical`);
    t.equal((await verifyCharterPass(scanned, verifyOpts({ now: T0 + 3600 }))).ok, true, `${name}: scanned text verifies`);
  }
});
