/**
 * Everything that turns a QR into text on the scan screen: the camera, a
 * keyboard-wedge scanner (no tap needed) and pasting. Reports each text with
 * where it came from; deciding what the text is belongs to the caller.
 */
import { t, useLocale } from '../i18n/index.js';
import { CameraScanner } from './camera-scanner.js';
import { PasteInput } from './paste-input.js';
import { useKeyboardWedge } from './wedge.js';
import './scan.css';

export type ScanSource = 'camera' | 'wedge' | 'paste';

export interface ScanPanelProps {
  onCode: (text: string, source: ScanSource) => void;
  /** False while the screen is not the scan screen: camera off, wedge not listening. */
  active: boolean;
  /** Camera only: the same text is ignored for this long after it was reported (ms). */
  repeatMs?: number;
}

export function ScanPanel({ onCode, active, repeatMs }: ScanPanelProps) {
  useLocale();
  useKeyboardWedge((text) => onCode(text, 'wedge'), active);
  return (
    <section class="scan-panel" aria-label={t('scan.title')}>
      <CameraScanner active={active} onCode={(text) => onCode(text, 'camera')} {...(repeatMs === undefined ? {} : { repeatMs })} />
      <p class="wedge-hint">{t('scan.wedge.hint')}</p>
      <PasteInput disabled={!active} onSubmit={(text) => onCode(text, 'paste')} />
    </section>
  );
}
