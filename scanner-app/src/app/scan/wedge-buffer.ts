/**
 * The keystroke logic of a keyboard-wedge scanner, apart from the DOM: a
 * scanner types the QR text in a fast burst and ends it with Enter. A person
 * typing is far slower, so a pause longer than `gapMs` starts over, and short
 * bursts (a stray key, a shortcut) are not taken for a code.
 */
export interface WedgeOptions {
  /** Longest pause between two keys of one scan. */
  gapMs: number;
  /** Shortest text taken for a code; pass and enrollment QR texts are far longer. */
  minLength: number;
}

// 1 s: hardware scanners type a burst a few ms apart, but a busy phone (a check rendering, a sync running) can stall key handling for hundreds of ms; a stray key a second before a scan is still dropped.
export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { gapMs: 1000, minLength: 8 };

export interface WedgeBuffer {
  /** Feeds one `KeyboardEvent.key` typed at time `at` (ms); returns the scanned text when this key completed one. */
  key(key: string, at: number): string | null;
  reset(): void;
}

export function createWedgeBuffer(options: Partial<WedgeOptions> = {}): WedgeBuffer {
  const { gapMs, minLength } = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  let text = '';
  let lastAt = -Infinity;
  return {
    key(key, at) {
      if (at - lastAt > gapMs) text = '';
      lastAt = at;
      if (key === 'Enter') {
        const done = text.trim();
        text = '';
        return done.length >= minLength ? done : null;
      }
      if (key === 'Escape') text = '';
      // Printable characters have a one-character key; Shift, CapsLock, F1 and the like do not.
      else if ([...key].length === 1) text += key;
      return null;
    },
    reset() {
      text = '';
      lastAt = -Infinity;
    },
  };
}
