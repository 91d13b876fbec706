/** The rule playground page: the scenario form and the two decisions side by side (the scenario itself: scenario.ts). */
import { PASS_ERROR_CODES, PASS_ERROR_TEXT } from '../../../core/pass/index.js';
import type { Decision, Reason, Step } from '../../../core/rules/index.js';
import type { MessageKey } from '../../i18n/messages.js';
import { Field, Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { SelectField } from '../../views/fields.js';
import { RulesStyles } from './views.js';
import { EXAMPLES, MAX_PEOPLE, personKeys, type ExampleName, type PlaygroundRun, type ScenarioValues } from './scenario.js';

const DECISION_BADGE = {
  RELEASE: 'badge badge-ok',
  ESCORT: 'badge badge-pending',
  MANUAL: 'badge badge-pending',
  REFUSE: 'badge badge-off',
  HOLD: 'badge badge-off',
} as const;

function DecisionBadge({ d }: { d: Decision }) {
  const { t } = useView();
  return (
    <span class={DECISION_BADGE[d.decision]} data-decision={d.decision}>
      <strong>{t(`rules.decision.${d.decision}`)}</strong> <span class="mono small">{d.decision}</span>
    </span>
  );
}

const factsText = (facts: Reason['facts']) =>
  Object.entries(facts)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join(' · ');

const key = (x: { code: string; en: string }) => `${x.code}\u0000${x.en}`;

/** Reasons with their facts; those the other column lacks are marked. */
function Reasons({ reasons, other }: { reasons: Reason[]; other: Reason[] }) {
  const { locale } = useView();
  const there = new Set(other.map(key));
  return (
    <ul class="rules-reasons">
      {reasons.map((r) => (
        <li class={there.has(key(r)) ? undefined : 'rules-only'}>
          {r[locale]}
          <span class="rules-facts">
            <code>{r.code}</code>
            {Object.keys(r.facts).length > 0 && ` ${factsText(r.facts)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Steps({ steps, other }: { steps: Step[]; other: Step[] }) {
  const { locale } = useView();
  const there = new Set(other.map(key));
  return (
    <ol class="rules-steps">
      {steps.map((s) => (
        <li class={there.has(key(s)) ? undefined : 'rules-only'}>{s[locale]}</li>
      ))}
    </ol>
  );
}

const sameList = (a: Array<{ code: string; en: string }>, b: Array<{ code: string; en: string }>) =>
  a.length === b.length && a.every((x, i) => key(x) === key(b[i] ?? { code: '', en: '' }));

function Column(props: { column: 'draft' | 'active'; label: string; d: Decision; other: Decision; differs: boolean }) {
  const { t } = useView();
  const id = `pg-col-${props.column}`;
  return (
    <section class={props.differs ? 'rules-col rules-differs' : 'rules-col'} data-column={props.column} aria-labelledby={id}>
      <h3 id={id}>{props.label}</h3>
      <p class="rules-decision">
        <DecisionBadge d={props.d} />
      </p>
      <h4>{t('rules.pg.reasons')}</h4>
      <Reasons reasons={props.d.reasons} other={props.other.reasons} />
      <h4>{t('rules.pg.steps')}</h4>
      <Steps steps={props.d.steps} other={props.other.steps} />
    </section>
  );
}

function Results({ run }: { run: PlaygroundRun }) {
  const { t } = useView();
  const { draft, active } = run;
  const decisionDiffers = draft.decision !== active.decision;
  const detailDiffers = !sameList(draft.reasons, active.reasons) || !sameList(draft.steps, active.steps);
  return (
    <section class="card" aria-labelledby="results" id="results-card">
      <h2 id="results">{t('rules.pg.results')}</h2>
      {decisionDiffers ? (
        <Notice kind="warn">
          <p>
            <strong>
              {t('rules.pg.differ', { active: t(`rules.decision.${active.decision}`), draft: t(`rules.decision.${draft.decision}`) })}
            </strong>
          </p>
        </Notice>
      ) : detailDiffers ? (
        <Notice kind="info">
          <p>{t('rules.pg.differ_detail')}</p>
        </Notice>
      ) : (
        <Notice kind="ok">
          <p>{t('rules.pg.same')}</p>
        </Notice>
      )}
      <div class="rules-sbs" id="side-by-side">
        <Column column="draft" label={t('rules.pg.column_draft', { n: run.draftVersion })} d={draft} other={active} differs={decisionDiffers} />
        <Column column="active" label={t('rules.pg.column_active', { n: run.activeVersion })} d={active} other={draft} differs={decisionDiffers} />
      </div>
      <p class="muted small">{t('rules.pg.draft_note')}</p>
    </section>
  );
}

export interface PlaygroundPageProps {
  values: ScenarioValues;
  errors: Record<string, MessageKey>;
  run: PlaygroundRun | null;
}

export function PlaygroundPage({ values: v, errors, run }: PlaygroundPageProps) {
  const { t, locale } = useView();
  const fe: Record<string, string> = Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key)]));
  const yesNo: Array<[string, string]> = [
    ['yes', t('rules.yes')],
    ['no', t('rules.no')],
  ];
  return (
    <Layout title={t('rules.pg.title')}>
      <RulesStyles />
      <p>{t('rules.pg.intro')}</p>
      <section class="card" aria-labelledby="pg-examples">
        <h2 id="pg-examples">{t('rules.pg.examples')}</h2>
        <div class="buttons">
          {(Object.keys(EXAMPLES) as ExampleName[]).map((name) => (
            <a class="button" href={`/bureau/rules/playground?example=${name}#results`}>
              {t(`rules.pg.ex.${name}`)}
            </a>
          ))}
        </div>
      </section>
      {run && <Results run={run} />}
      <section class="card" aria-labelledby="pg-scenario">
        <h2 id="pg-scenario">{t('rules.pg.scenario')}</h2>
        {Object.keys(errors).length > 0 && (
          <Notice kind="error">
            <p>{t('common.form_errors')}</p>
            <ul>
              {Object.values(fe).map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          </Notice>
        )}
        <form method="get" action="/bureau/rules/playground#results" novalidate>
          <div class="rules-grid">
            <SelectField
              name="pass"
              label={t('rules.pg.pass')}
              value={v.pass}
              options={[
                ['valid', t('rules.pg.pass.valid')],
                ['invalid', t('rules.pg.pass.invalid')],
                ['none', t('rules.pg.pass.none')],
              ]}
            />
            <SelectField
              name="invalidReason"
              label={t('rules.pg.invalid_reason')}
              value={v.invalidReason}
              options={PASS_ERROR_CODES.map((code) => [code, PASS_ERROR_TEXT[code][locale]])}
            />
            <Field name="origin" label={t('rules.pg.origin')} value={v.origin} error={fe.origin} inputmode="numeric" maxlength={6} />
            <Field name="plate" label={t('rules.pg.plate')} value={v.plate} error={fe.plate} maxlength={20} />
            <Field name="passPlate" label={t('rules.pg.pass_plate')} hint={t('rules.pg.pass_plate_hint')} value={v.passPlate} maxlength={20} />
            <SelectField name="staffFlag" label={t('rules.pg.staff_flag')} value={v.staffFlag} options={yesNo} />
            <SelectField
              name="receiver"
              label={t('rules.pg.receiver')}
              value={v.receiver}
              options={[
                ['yes', t('rules.pg.receiver.yes')],
                ['no', t('rules.pg.receiver.no')],
              ]}
            />
            <Field name="trustAgeHours" label={t('rules.pg.trust_age')} hint={t('rules.pg.trust_age_hint')} value={v.trustAgeHours} error={fe.trustAgeHours} inputmode="decimal" />
          </div>
          {Array.from({ length: MAX_PEOPLE }, (_, i) => {
            const n = i + 1;
            const k = personKeys(n);
            return (
              <fieldset class="rules-person">
                <legend>
                  {t('rules.pg.person', { n })}
                  {n === 1 && ` (${t('rules.pg.driver')})`}
                </legend>
                <div class="rules-grid">
                  {n === 1 ? (
                    // The driver is always on board: shown, not editable.
                    <div class="field">
                      <label for={`f-${k.present}`}>{t('rules.pg.present')}</label>
                      <input type="hidden" name={k.present} value="yes" />
                      <select id={`f-${k.present}`} disabled>
                        <option selected>{t('rules.yes')}</option>
                      </select>
                    </div>
                  ) : (
                    <SelectField name={k.present} label={t('rules.pg.present')} value={v[k.present]} options={yesNo} />
                  )}
                  <SelectField name={k.onPass} label={t('rules.pg.on_pass')} value={v[k.onPass]} options={yesNo} />
                  <SelectField
                    name={k.id}
                    label={t('rules.pg.id_check')}
                    value={v[k.id]}
                    options={[
                      ['ok', t('rules.pg.id.ok')],
                      ['mismatch', t('rules.pg.id.mismatch')],
                      ['unchecked', t('rules.pg.id.unchecked')],
                    ]}
                  />
                  <Field name={k.readings} label={t('rules.pg.readings')} value={v[k.readings]} error={fe[k.readings]} inputmode="decimal" placeholder="36.5, 37.4" />
                  <Field name={k.stays} label={t('rules.pg.stays')} value={v[k.stays]} error={fe[k.stays]} inputmode="numeric" placeholder="420100 420500" />
                  <Field name={k.lastDay} type="date" label={t('rules.pg.last_day')} value={v[k.lastDay]} error={fe[k.lastDay]} />
                </div>
              </fieldset>
            );
          })}
          <div class="buttons">
            <button type="submit" name="run" value="1" class="primary">
              {t('rules.pg.run')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
