// TEMP stub until issue-11-check merges (not committed)
import type { CheckHost } from './host.js';
export function CheckFlow(_: { host: CheckHost; start: unknown; onDone: () => void }) { return <p>check</p>; }
export function WaitingList(_: { host: CheckHost }) { return <p>waiting</p>; }
export function HistoryList(_: { host: CheckHost }) { return <p>history</p>; }
