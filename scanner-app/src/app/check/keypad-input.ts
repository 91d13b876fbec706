/**
 * The temperature keypad's text: digits, one decimal place, the point put in
 * by itself after two digits (gloved staff type 3 6 5 for 36.5). Pure so the
 * keypad component and its tests share one behaviour.
 */
export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', 'back'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];

const READING = /^\d{2}(?:\.\d)?$/;

export function pressKey(value: string, key: KeypadKey): string {
  if (key === 'back') return value.slice(0, -1).replace(/\.$/, '');
  if (key === '.') return value.length > 0 && !value.includes('.') ? `${value}.` : value;
  const [whole = '', fraction] = value.split('.');
  if (fraction !== undefined) return fraction.length === 0 ? `${value}${key}` : value;
  if (whole.length < 2) return `${value}${key}`;
  // Two digits already: this one is the tenths.
  return `${whole}.${key}`;
}

/** °C, or null while the text is not a complete reading (two digits, optionally one decimal). */
export function parseReading(value: string): number | null {
  return READING.test(value) ? Number(value) : null;
}
