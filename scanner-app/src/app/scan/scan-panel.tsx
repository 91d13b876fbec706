// TEMP stub until issue-11-scan merges (not committed)
import { useState } from 'preact/hooks';
export function ScanPanel({ onCode }: { onCode: (text: string) => void; active: boolean }) {
  const [v, setV] = useState('');
  return <form onSubmit={(e) => { e.preventDefault(); onCode(v); }}><input data-testid="paste" value={v} onInput={(e) => setV(e.currentTarget.value)} /><button type="submit" data-testid="paste-submit">OK</button></form>;
}
