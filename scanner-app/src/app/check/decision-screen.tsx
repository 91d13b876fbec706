/**
 * The decision, full screen: colour, the word in huge type (Chinese, English
 * below), reasons and next steps in the current language (the core's texts),
 * a sound and a vibration, announced to screen readers.
 */
import { useEffect, useRef } from 'preact/hooks';
import { MARK, markPainted } from '../ui/timing.js';
import type { Decision } from '../../../../src/core/rules/decision.js';
import { t, useLocale } from '../i18n/index.js';
import { DECISION_LOOK } from './decision-style.js';
import { DecisionBanner, DecisionReasons, DecisionSteps } from './decision-parts.js';
import { playDecisionSound, vibrateDecision } from './feedback.js';
import './check.css';

export interface DecisionScreenProps {
  decision: Decision;
  plate: string;
  /** Names by the decision's person numbers (index 0 = person 1), so "第 2 位人员" can be matched to a face. */
  people?: readonly string[];
  onNext: () => void;
}

export function DecisionScreen({ decision, plate, people = [], onNext }: DecisionScreenProps) {
  // Subscribed so the headings and buttons follow a language switch while the screen is up.
  useLocale();
  const look = DECISION_LOOK[decision.decision];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    markPainted(MARK.decision);
    heading.current?.focus();
    playDecisionSound(decision.decision);
    vibrateDecision(decision.decision);
  }, [decision]);
  return (
    <section class={`decision decision--${look.tone}`} data-testid="decision" data-decision={decision.decision}>
      <DecisionBanner look={look} plate={plate} heading={heading} />
      <div class="decision-body">
        <DecisionSteps steps={decision.steps} />
        <DecisionReasons reasons={decision.reasons} />
        {people.length > 0 && (
          <p class="decision-people" data-testid="decision-people">
            {t('check.decision.people')}：{people.map((n, i) => `${i + 1} ${n}`).join(' · ')}
          </p>
        )}
        {decision.ruleSetVersion !== null && <p class="decision-version">v{decision.ruleSetVersion}</p>}
      </div>
      <button type="button" class="next-vehicle" data-testid="next-vehicle" onClick={onNext}>
        {t('check.decision.next')}
      </button>
    </section>
  );
}
