/**
 * The coach's decision, full screen (as the freight decision screen): the
 * word, the plate, then who is HOLD and who goes into CUSTODY grouped by
 * receiving enterprise, the steps and the reasons in the current language.
 * Names appear here only, on this device, so staff can match 乘客 3 to a face;
 * the recorded event has places, not names.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { CharterDecision, CoachDecisionKind, PersonVerdict } from '../../../../src/core/rules/charter-decide.js';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';
import { t, useLocale } from '../i18n/index.js';
import { playDecisionSound, vibrateDecision } from '../check/feedback.js';
import { CHARTER_LOOK } from '../check/decision-style.js';
import { DecisionBanner, DecisionReasons, DecisionSteps } from '../check/decision-parts.js';
import { charterClaims } from './draft.js';
import type { CharterDraft } from './draft.js';
import '../check/check.css';
import './charter.css';

const SOUND = { RELEASE: 'RELEASE', CUSTODY: 'ESCORT', MANUAL: 'MANUAL', REFUSE: 'REFUSE', HOLD: 'HOLD' } as const;

export interface CharterResultProps {
  decision: CharterDecision;
  draft: CharterDraft;
  directory: ReadonlyMap<string, EnterpriseInfo>;
  onDone: () => void;
}

export function personLabel(v: Pick<PersonVerdict, 'role' | 'index'>, draft: CharterDraft): string {
  if (v.role === 'driver') return `${t('charter.driver')} ${charterClaims(draft.pass)?.drv[0] ?? ''}`.trim();
  if (v.role === 'passenger') return `${t('charter.passenger', { n: v.index + 1 })} ${draft.run?.passengers[v.index]?.name ?? ''}`.trim();
  return t('charter.unlisted', { n: v.index + 1 });
}

export function CharterResult({ decision, draft, directory, onDone }: CharterResultProps) {
  // Subscribed so the headings and buttons follow a language switch while the screen is up.
  useLocale();
  const look = CHARTER_LOOK[decision.decision];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    playDecisionSound(SOUND[decision.decision]);
    vibrateDecision(SOUND[decision.decision]);
  }, [decision]);
  const held = [decision.driver, ...decision.passengers, ...decision.unlisted].filter((v): v is PersonVerdict => v?.outcome === 'HOLD');
  return (
    <section class={`decision decision--${look.tone}`} data-testid="charter-result" data-decision={decision.decision}>
      <DecisionBanner look={look} plate={draft.plate} heading={heading} />
      <div class="decision-body">
        {held.length > 0 && (
          <>
            <h2>{t('charter.result.hold')}</h2>
            <ul class="charter-result-list" data-testid="result-hold">
              {held.map((v) => <li key={`${v.role}-${v.index}`}>{personLabel(v, draft)}</li>)}
            </ul>
          </>
        )}
        {decision.custody.length > 0 && (
          <>
            <h2>{t('charter.result.custody')}</h2>
            <ul class="charter-result-list" data-testid="result-custody">
              {decision.custody.map((c) => (
                <li key={c.ent} data-ent={c.ent}>
                  <strong>{directory.get(c.ent)?.name ?? c.ent}</strong>
                  {directory.get(c.ent)?.dutyPhone ? ` ☎ ${directory.get(c.ent)!.dutyPhone}` : ''}：
                  {c.passengers.map((i) => personLabel({ role: 'passenger', index: i }, draft)).join('、')}
                </li>
              ))}
            </ul>
          </>
        )}
        <DecisionSteps steps={decision.steps} />
        {/* every passenger's normal temperature would bury the reasons that matter */}
        <DecisionReasons reasons={decision.reasons.filter((r) => r.code !== 'charter.temp.normal')} />
        {decision.ruleSetVersion !== null && <p class="decision-version">v{decision.ruleSetVersion}</p>}
      </div>
      <button type="button" class="next-vehicle" data-testid="charter-back" onClick={onDone}>
        {t('charter.result.back')}
      </button>
    </section>
  );
}
