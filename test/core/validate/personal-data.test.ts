import t from 'tap';
import { personalDataIn } from '../../../src/core/validate/index.js';

t.test('finds citizen ID numbers with a valid check character', async (t) => {
  t.equal(personalDataIn('司机身份证 11010519491231002X 已核对'), 'id_number');
  t.equal(personalDataIn('id 11010519491231002x'), 'id_number', 'lower-case x');
  t.equal(personalDataIn('11010519491231002X'), 'id_number', 'alone');
  t.equal(personalDataIn('110105194912310021'), null, 'wrong check character: not an ID (a typo or another number)');
  t.equal(personalDataIn('运单号 911010519491231002X7'), null, 'part of a longer run of digits');
});

t.test('finds mainland mobile numbers as people write them', async (t) => {
  for (const s of ['联系 13912345678', '139 1234 5678', '139-1234-5678', '+86 13912345678', '8613912345678', '电话13912345678。']) {
    t.equal(personalDataIn(s), 'mobile', s);
  }
  for (const s of ['12912345678', '1391234567', '139123456789', '0512-57001234', '昆山 G312 花桥', '货物 20 吨, 2020-02-25', '']) {
    t.equal(personalDataIn(s), null, JSON.stringify(s));
  }
});

t.test('numbers inside a longer run of digits are not personal data', async (t) => {
  // A digit right before a valid ID or mobile makes it part of an order or waybill number.
  t.equal(personalDataIn('运单号 911010519491231002X 件'), null, 'ID after a digit');
  t.equal(personalDataIn('单号 213912345678'), null, 'mobile after a digit');
  t.equal(personalDataIn('11010519491231002Xa'), null, 'ID followed by a letter');
  t.equal(personalDataIn('身份证11010519491231002X，'), 'id_number', 'Chinese text around is fine');
});

t.test('full-width digits (a Chinese input method in full-width mode) are found too', async (t) => {
  // The same text an ID or plate field would accept after NFKC folding must not slip into free text.
  t.equal(personalDataIn('身份证１１０１０５１９４９１２３１００２Ｘ'), 'id_number');
  t.equal(personalDataIn('身份证１１０１０５１９４９１２３１００２ｘ'), 'id_number');
  t.equal(personalDataIn('电话１３９１２３４５６７８'), 'mobile');
  t.equal(personalDataIn('＋８６　１３９－１２３４－５６７８'), 'mobile');
  t.equal(personalDataIn('１１０１０５１９４９１２３１００２１'), null, 'a wrong check character stays no ID');
});

t.test('an ID number written in groups is found, the groups as people copy them from a card', async (t) => {
  for (const s of [
    '身份证 110105 19491231 002X',
    '110105-19491231-002X',
    '110105 1949 1231 002x',
    '110105-1949-1231-002X 司机',
    '身份证：１１０１０５　１９４９１２３１　００２Ｘ',
  ]) {
    t.equal(personalDataIn(s), 'id_number', s);
  }
  for (const s of [
    '110105 19491231 0021', // the check character does not hold
    '110105 1949-1231 002X', // mixed separators: not one grouping
    '110105  19491231 002X', // two spaces: not how the number is copied
    '9110105 19491231 002X', // the first group is part of a longer number
    '110105 19491231 002X7', // the last group runs on
    '110105 19491231 002Xa',
    '1101 0519 4912 3100 2X', // groups of four are not the card's grouping
    '2020 02 25 装货 110105 吨',
  ]) {
    t.equal(personalDataIn(s), null, s);
  }
});
