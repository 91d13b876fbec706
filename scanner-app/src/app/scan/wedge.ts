/**
 * Keyboard-wedge scanners on the scan screen: the scanner "types" the QR text
 * and Enter into whatever has focus, so we listen on the document and staff
 * never need to tap a field first.
 */
import { useEffect, useRef } from 'preact/hooks';
import { createWedgeBuffer, type WedgeOptions } from './wedge-buffer.js';

/** A field the user is typing into keeps its keys, unless it opts in with `data-wedge`. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('[data-wedge]')) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.matches('input, textarea, select');
}

export function useKeyboardWedge(onCode: (text: string) => void, enabled: boolean, options: Partial<WedgeOptions> = {}): void {
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const { gapMs, minLength } = options;

  useEffect(() => {
    if (!enabled) return;
    const buffer = createWedgeBuffer({ ...(gapMs === undefined ? {} : { gapMs }), ...(minLength === undefined ? {} : { minLength }) });
    const onKeyDown = (event: KeyboardEvent) => {
      // Shortcuts and IME composition are people, not scanners.
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTypingTarget(event.target)) {
        buffer.reset();
        return;
      }
      const text = buffer.key(event.key, event.timeStamp);
      if (text !== null) {
        // The Enter that ends a scan must not also press whatever button has focus.
        event.preventDefault();
        onCodeRef.current(text);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, gapMs, minLength]);
}
