// Round trip through a real decoder: render the two-segment QR to PNG and read
// it back with zbar (Debian zbar-tools). Skipped where zbarimg is missing.
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { encodePassQrText, passQrSegments, signPass, verifyPass } from '../../../src/core/pass/index.js';
import { DAY, T0, largeInput, signOptions, signTypical, verifyOptions } from './fixtures.js';

const ZBARIMG = '/usr/bin/zbarimg';
const run = promisify(execFile);

t.test('zbarimg reads back the exact QR text', { skip: existsSync(ZBARIMG) ? false : `${ZBARIMG} not installed` }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kakou-pass-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  for (const [name, jws] of [
    ['typical', await signTypical()],
    ['large', await signPass(largeInput, signOptions)],
  ] as const) {
    const text = encodePassQrText(jws);
    const file = join(dir, `${name}.png`);
    await QRCode.toFile(file, passQrSegments(text), { errorCorrectionLevel: 'M', scale: 4, margin: 4 });
    const { stdout } = await run(ZBARIMG, ['--raw', '-q', file]);
    const scanned = stdout.replace(/\n$/, '');
    t.equal(scanned, text, `${name}: decoded text is identical`);
    t.equal((await verifyPass(scanned, verifyOptions({ now: T0 + 2 * DAY }))).ok, true, `${name}: scanned text verifies`);
  }
});
