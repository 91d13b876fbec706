/**
 * The charter checklist is loaded on the first `KC1/` scan (like the region
 * table), so the home screen does not pay for `decideCharter` and its screens
 * on every start. The service worker precaches the chunk: offline it loads
 * from the cache like the rest of the app.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import type { CharterFlowProps } from './charter-flow.js';

type Flow = typeof import('./charter-flow.js')['CharterFlow'];
let loading: Promise<Flow> | null = null;
const load = () => (loading ??= import('./charter-flow.js').then((m) => m.CharterFlow));

export function LazyCharterFlow(props: CharterFlowProps) {
  const [Flow, setFlow] = useState<Flow | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (f) => live && setFlow(() => f),
      (e: unknown) => {
        loading = null;
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (error) {
    return (
      <main class="screen" role="alert">
        <p class="error">{error}</p>
        <button type="button" class="wide" data-testid="charter-cancel" onClick={props.onDone}>{t('action.back')}</button>
      </main>
    );
  }
  if (!Flow) return <p class="check-busy" data-testid="verifying" role="status">{t('charter.verifying')}</p>;
  return <Flow {...props} />;
}
