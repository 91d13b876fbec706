// `npm test` on a fresh machine: scripts/test-tools.sh installs chromium and zbar, or says exactly what to run.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import t from 'tap';

const SCRIPT = resolve('scripts/test-tools.sh');

t.test('a user who cannot install is told what to run, and the test run stops', async (t) => {
  // A PATH with no chromium, no zbarimg and no sudo, and an `id` that says "not root".
  const bin = mkdtempSync(join(tmpdir(), 'kakou-tools-'));
  t.teardown(() => rmSync(bin, { recursive: true, force: true }));
  writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n');
  chmodSync(join(bin, 'id'), 0o755);
  const r = spawnSync('/bin/bash', [SCRIPT], { env: { PATH: bin }, encoding: 'utf8' });
  t.equal(r.status, 1, 'fails rather than skipping the browser tests');
  t.match(r.stderr, /missing: chromium zbar-tools/);
  t.match(r.stderr, /sudo apt-get update && sudo apt-get install -y chromium zbar-tools/);
});

t.test('with the tools present it does nothing', async (t) => {
  const bin = mkdtempSync(join(tmpdir(), 'kakou-tools-'));
  t.teardown(() => rmSync(bin, { recursive: true, force: true }));
  for (const tool of ['chromium', 'zbarimg']) {
    writeFileSync(join(bin, tool), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, tool), 0o755);
  }
  const r = spawnSync('/bin/bash', [SCRIPT], { env: { PATH: bin }, encoding: 'utf8' });
  t.equal(r.status, 0);
  t.equal(r.stdout + r.stderr, '', 'silent');
});
