// TEMP stub until issue-11-scan merges
import { useEffect, useRef, useState } from 'preact/hooks';
export function ScanPanel({ onCode, active }: { onCode: (text: string) => void; active: boolean }) {
  const [v, setV] = useState('');
  const cb = useRef(onCode);
  cb.current = onCode;
  useEffect(() => {
    if (!active) return;
    let buf = '';
    const h = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) return;
      if (e.key === 'Enter') { if (buf.length >= 8) cb.current(buf); buf = ''; }
      else if (e.key.length === 1) buf += e.key;
    };
    document.addEventListener('keydown', h);
    return () => document.removeEventListener('keydown', h);
  }, [active]);
  return <form onSubmit={(e) => { e.preventDefault(); onCode(v); }}><input data-testid="paste" value={v} onInput={(e) => setV(e.currentTarget.value)} /><button type="submit" data-testid="paste-submit">OK</button></form>;
}
