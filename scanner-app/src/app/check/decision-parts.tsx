/**
 * The parts a freight decision screen and a charter coach's result share:
 * the announced word and plate, the steps and the reasons. The look table
 * (DECISION_LOOK or CHARTER_LOOK) comes from the caller, so each lane keeps
 * its own words on one layout.
 */
import type { Ref } from 'preact';
import { pick, t, useLocale } from '../i18n/index.js';
import type { Text } from '../i18n/index.js';
import type { DecisionLook } from './decision-style.js';

/** The word in huge type (Chinese, English below) and the plate, announced to screen readers at once. */
export function DecisionBanner({ look, plate, heading }: { look: DecisionLook; plate: string; heading: Ref<HTMLHeadingElement> }) {
  return (
    <div role="alert" aria-live="assertive" aria-atomic="true">
      <h1 ref={heading} tabIndex={-1} class="decision-word" data-testid="decision-kind" lang="zh-CN">
        {look.zh}
        <span class="decision-word-en" lang="en">{look.en}</span>
      </h1>
      <div class="decision-plate" data-testid="decision-plate">{plate}</div>
    </div>
  );
}

type Coded = Text & { code: string };

/** What staff do next, in order; nothing when the rules name no step. */
export function DecisionSteps({ steps }: { steps: readonly Coded[] }) {
  const l = useLocale();
  if (steps.length === 0) return null;
  return (
    <>
      <h2>{t('check.decision.steps')}</h2>
      <ol class="decision-steps" data-testid="decision-steps">
        {steps.map((s, i) => <li key={i} data-code={s.code}>{pick(s, l)}</li>)}
      </ol>
    </>
  );
}

export function DecisionReasons({ reasons }: { reasons: readonly Coded[] }) {
  const l = useLocale();
  return (
    <>
      <h2>{t('check.decision.reasons')}</h2>
      <ul class="decision-reasons" data-testid="decision-reasons">
        {reasons.map((r, i) => <li key={i} data-code={r.code}>{pick(r, l)}</li>)}
      </ul>
    </>
  );
}
