/**
 * The large numeric keypad for temperatures: big keys for gloved hands, the
 * decimal point put in by itself (keypad-input.ts). A hardware keyboard works
 * too when the keypad has focus.
 */
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t, useLocale } from '../i18n/index.js';
import { KEYPAD_KEYS, parseReading, pressKey } from './keypad-input.js';
import type { KeypadKey } from './keypad-input.js';
import './check.css';

export interface KeypadProps {
  /** Called with °C when staff press "record" on a complete reading; the keypad then clears. */
  onEnter: (celsius: number) => void;
  onClose?: () => void;
  /** Accessible name, e.g. "Person 2: temperature". */
  label?: string;
}

const keyId = (k: KeypadKey) => (k === '.' ? 'dot' : k);

export function Keypad({ onEnter, onClose, label }: KeypadProps) {
  useLocale();
  const [value, setValue] = useState('');
  const reading = parseReading(value);
  const enter = () => {
    if (reading === null) return;
    onEnter(reading);
    setValue('');
  };
  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    const key: KeypadKey | null = /^[0-9.]$/.test(e.key) ? (e.key as KeypadKey) : e.key === 'Backspace' ? 'back' : null;
    if (key) {
      e.preventDefault();
      setValue((v) => pressKey(v, key));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      enter();
    } else if (e.key === 'Escape' && onClose) onClose();
  };
  return (
    <div class="keypad" data-testid="keypad" role="group" aria-label={label ?? t('check.keypad.label')} tabIndex={0} onKeyDown={onKeyDown}>
      <output class="keypad-display" data-testid="keypad-display" aria-live="polite">
        {value === '' ? '--.-' : value}
        <span class="keypad-unit">℃</span>
      </output>
      <div class="keypad-keys">
        {KEYPAD_KEYS.map((k) => (
          <button
            type="button"
            key={k}
            class="keypad-key"
            data-testid={`keypad-key-${keyId(k)}`}
            aria-label={k === 'back' ? t('check.keypad.back') : k === '.' ? '.' : k}
            onClick={() => setValue((v) => pressKey(v, k))}
          >
            {k === 'back' ? '⌫' : k}
          </button>
        ))}
      </div>
      <div class="keypad-actions">
        {onClose && (
          <button type="button" data-testid="keypad-close" onClick={onClose}>
            {t('check.keypad.close')}
          </button>
        )}
        <button type="button" class="primary" data-testid="keypad-ok" disabled={reading === null} onClick={enter}>
          {t('check.keypad.ok')}
        </button>
      </div>
    </div>
  );
}
