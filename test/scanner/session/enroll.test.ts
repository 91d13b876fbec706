import t from 'tap';
import { readEnrollmentInput } from '../../../scanner-app/src/app/session/enroll.js';

const ORIGIN = 'https://kakou.example.cn';

t.test('typed codes are read forgivingly', async (t) => {
  t.same(readEnrollmentInput('K7QM-3XBD-9F2H-TWCN', ORIGIN), { ok: true, code: 'K7QM3XBD9F2HTWCN' });
  t.same(readEnrollmentInput('  k7qm 3xbd 9f2h twcn ', ORIGIN), { ok: true, code: 'K7QM3XBD9F2HTWCN' });
  t.same(readEnrollmentInput('K7QM3XBD9F2HTWCO', ORIGIN), { ok: true, code: 'K7QM3XBD9F2HTWC0' }, 'O reads as 0');
  t.same(readEnrollmentInput('K7QM-3XBD-9F2H', ORIGIN), { ok: false, error: 'code_format' }, 'too short');
  t.same(readEnrollmentInput('KK1/eyJhbGciOi', ORIGIN), { ok: false, error: 'code_format' }, 'a pass is not an enrollment code');
});

t.test('a KKENROLL: QR is accepted only for the server the app came from', async (t) => {
  t.same(readEnrollmentInput(`KKENROLL:${ORIGIN}:K7QM-3XBD-9F2H-TWCN`, ORIGIN), { ok: true, code: 'K7QM3XBD9F2HTWCN' });
  t.same(readEnrollmentInput('KKENROLL:https://evil.example:K7QM-3XBD-9F2H-TWCN', ORIGIN), {
    ok: false,
    error: 'other_server',
    baseUrl: 'https://evil.example',
  });
  t.same(readEnrollmentInput(`KKENROLL:${ORIGIN}:nonsense`, ORIGIN), { ok: false, error: 'code_format' });
  t.same(readEnrollmentInput('KKENROLL:javascript:alert(1):K7QM-3XBD-9F2H-TWCN', ORIGIN), { ok: false, error: 'code_format' });
});
