import t from 'tap';
import { MASKED_ID_STARS, maskCitizenId, maskIdLast4, maskPhone } from '../../../src/core/validate/index.js';

t.test('a citizen ID shows only its last four, behind 14 stars', async (t) => {
  t.equal(MASKED_ID_STARS, 14);
  t.equal(maskCitizenId(' 110105 19491231 002x '), '**************002X', 'normalised first: spaces and case');
  t.equal(maskIdLast4('002x'), maskCitizenId('11010519491231002X'), 'the stored last four mask the same way');
  t.equal(maskCitizenId(''), '');
  t.equal(maskCitizenId('1101051949123100'), '****************', 'a malformed number shows nothing, at its own length');
});

t.test('phones: first three and last four from nine characters on, nothing below', async (t) => {
  // Nine characters is the shortest length that still hides two characters in the middle.
  t.equal(maskPhone('123456789'), '123**6789');
  t.equal(maskPhone('12345678'), '********');
  t.equal(maskPhone('13812345678'), '138****5678');
  t.equal(maskPhone(''), '');
});
