import t from 'tap';
import { parseReading, pressKey } from '../../../scanner-app/src/app/check/keypad-input.js';
import type { KeypadKey } from '../../../scanner-app/src/app/check/keypad-input.js';

const type = (...keys: KeypadKey[]) => keys.reduce(pressKey, '');

t.test('the point comes by itself after two digits', (t) => {
  t.equal(type('3', '6', '5'), '36.5');
  t.equal(type('3', '6', '.', '5'), '36.5', 'typing the point is fine too');
  t.equal(type('3', '6', '5', '9'), '36.5', 'one decimal only');
  t.equal(type('.'), '', 'no leading point');
  t.equal(type('3', '.', '.'), '3.');
  t.end();
});

t.test('back removes a digit and a dangling point', (t) => {
  t.equal(type('3', '6', '5', 'back'), '36');
  t.equal(type('3', '6', 'back'), '3');
  t.equal(type('back'), '');
  t.end();
});

t.test('parseReading: two digits and an optional decimal', (t) => {
  t.equal(parseReading('36.5'), 36.5);
  t.equal(parseReading('37'), 37);
  t.equal(parseReading('3'), null);
  t.equal(parseReading('3.'), null);
  t.equal(parseReading('36.'), null);
  t.equal(parseReading(''), null);
  t.equal(parseReading('99.9'), 99.9, 'implausible values are the rules’ business, not the keypad’s');
  t.end();
});
