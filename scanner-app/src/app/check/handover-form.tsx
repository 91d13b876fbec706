/** Handing an ESCORT vehicle to its enterprise's escort (rules in handover.ts, including why a fever blocks it). */
import { useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import type { CheckHost, WaitingVehicle } from './host.js';
import { handoverProblems, handoverTemperature, toHandoverPayload } from './handover.js';
import type { HandoverDraft } from './handover.js';
import { Keypad } from './keypad.js';
import { EnterpriseLine } from './pass-card.js';
import './check.css';

export interface HandoverFormProps {
  host: CheckHost;
  vehicle: WaitingVehicle;
  /** After the handover is durable; the vehicle has left the list. */
  onDone: (eventId: string) => void;
  onCancel: () => void;
}

export function HandoverForm({ host, vehicle, onDone, onCancel }: HandoverFormProps) {
  useLocale();
  // The escort the enterprise said it sent, if the device has synced since: staff confirm or correct it (a different person is flagged by the server, not blocked).
  const [draft, setDraft] = useState<HandoverDraft>({ escortName: vehicle.request?.escort?.name ?? '', phone: '', readings: [] });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ruleSet = host.trust().ruleSet;
  const problems = handoverProblems(vehicle, draft, ruleSet);
  const temp = handoverTemperature(draft, ruleSet);
  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const { eventId } = await host.recordHandover(toHandoverPayload(vehicle, draft, ruleSet));
      onDone(eventId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSaving(false);
    }
  };
  return (
    <section class="handover" data-testid="handover-form">
      <h2>{t('check.handover.title', { plate: vehicle.plate })}</h2>
      {vehicle.enterprise && <EnterpriseLine enterprise={vehicle.enterprise} testid="handover-enterprise" />}
      <label class="field">
        <span>{t('check.handover.name')}</span>
        <input data-testid="handover-name" value={draft.escortName} maxLength={20} onInput={(e) => setDraft({ ...draft, escortName: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('check.handover.phone')}</span>
        <input data-testid="handover-phone" type="tel" inputMode="tel" autoComplete="off" value={draft.phone} onInput={(e) => setDraft({ ...draft, phone: e.currentTarget.value })} />
      </label>
      <div class="temperature">
        <div class="temperature-head">
          <span>{t('check.handover.temp')}</span>
          {draft.readings.length > 0 && (
            <span data-testid="handover-readings">{t('check.temp.readings', { list: draft.readings.map((r) => r.toFixed(1)).join(' → ') })}</span>
          )}
          <strong class={`temp-status temp-status--${temp === 'normal' ? 'ok' : temp === 'missing' ? 'muted' : 'bad'}`} data-testid="handover-temp-status" data-status={temp}>
            {t(`check.temp.${temp}`, { threshold: ruleSet.feverThresholdC, min: ruleSet.plausibleMinC, max: ruleSet.plausibleMaxC })}
          </strong>
        </div>
        {temp !== 'fever' && <Keypad label={t('check.handover.temp')} onEnter={(c) => setDraft((d) => ({ ...d, readings: [...d.readings, c] }))} />}
      </div>
      {problems.length > 0 && (
        <ul class={`problems ${temp === 'fever' ? 'problems--blocking' : ''}`} data-testid="handover-problems" role={temp === 'fever' ? 'alert' : undefined}>
          {problems.map((p) => <li key={p} data-code={p}>{t(`check.handover.problem.${p}`)}</li>)}
        </ul>
      )}
      {error && <p class="error" role="alert" data-testid="handover-error">{t('check.handover.failed', { error })}</p>}
      <div class="row">
        <button type="button" data-testid="handover-cancel" onClick={onCancel}>{t('action.cancel')}</button>
        <button type="button" class="primary" data-testid="handover-submit" disabled={problems.length > 0 || saving} onClick={() => void submit()}>
          {t('check.handover.submit')}
        </button>
      </div>
    </section>
  );
}
