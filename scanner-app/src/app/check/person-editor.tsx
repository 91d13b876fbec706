/**
 * One person on the check form: on board or not, the ID card's last four
 * against the pass, temperatures with the core's assessment after each
 * reading, and declared stays.
 */
import { useState } from 'preact/hooks';
import { assessTemperature } from '../../../../src/core/rules/temperature.js';
import type { RuleSet } from '../../../../src/core/rules/rule-set.js';
import { t, useLocale } from '../i18n/index.js';
import type { DraftAction, DraftPerson } from './draft.js';
import { id4Matches } from './to-input.js';
import { Keypad } from './keypad.js';
import { RegionPicker, RegionName } from './region-picker.js';
import './check.css';

export interface PersonEditorProps {
  person: DraftPerson;
  /** [name, id4] from the pass; undefined for someone added by staff. */
  onPass: readonly [string, string] | undefined;
  /** Number as the decision counts people (1-based); null when not on board. */
  number: number | null;
  ruleSet: RuleSet;
  /** China date today (YYYY-MM-DD): the latest last day of a stay. */
  today: string;
  measuring: boolean;
  onMeasure: (open: boolean) => void;
  dispatch: (a: DraftAction) => void;
}

export function PersonEditor({ person: p, onPass, number, ruleSet, today, measuring, onMeasure, dispatch }: PersonEditorProps) {
  useLocale();
  const i = p.key;
  const role = p.passIndex === null ? 'check.role.other' : p.passIndex === 0 ? 'check.role.driver' : 'check.role.escort';
  const name = onPass?.[0] ?? (p.name || t('check.people.unnamed'));
  const match = p.passIndex === null ? null : id4Matches(p.id4, onPass?.[1]);
  return (
    <li class={`person ${p.onBoard ? '' : 'person--absent'}`} data-testid={`person-${i}`}>
      <div class="person-head">
        {p.passIndex !== null ? (
          <label class="check-row">
            <input
              type="checkbox"
              data-testid={`onboard-${i}`}
              checked={p.onBoard}
              onChange={(e) => dispatch({ type: 'onBoard', key: i, onBoard: e.currentTarget.checked })}
            />
            <span>{t('check.people.on_board')}</span>
          </label>
        ) : (
          <button type="button" data-testid={`remove-person-${i}`} onClick={() => dispatch({ type: 'removePerson', key: i })}>
            {t('check.people.remove')}
          </button>
        )}
        <div class="person-title">
          <strong class="person-name">{name}</strong>
          {onPass && <span class="pass-person-id4">…{onPass[1]}</span>}
          <span class="role">{t(role)}</span>
          <span class="muted">{number === null ? t('check.people.not_on_board') : t('check.people.number', { n: number })}</span>
        </div>
      </div>
      {p.onBoard && (
        <>
          {p.passIndex !== null && (
            <label class="field">
              <span>{t('check.id4.label')}</span>
              <input
                data-testid={`id4-${i}`}
                class={`id4 ${match === true ? 'ok' : match === false ? 'bad' : ''}`}
                inputMode="text"
                autoComplete="off"
                autoCapitalize="characters"
                maxLength={4}
                value={p.id4}
                onInput={(e) => dispatch({ type: 'id4', key: i, value: e.currentTarget.value })}
              />
              {match !== null && (
                <span class={match ? 'ok-text' : 'bad-text'} data-testid={`id4-result-${i}`} role="status">
                  {match ? `✔ ${t('check.id4.match')}` : `✖ ${t('check.id4.mismatch')}`}
                </span>
              )}
            </label>
          )}
          <Temperature person={p} ruleSet={ruleSet} measuring={measuring} onMeasure={onMeasure} dispatch={dispatch} number={number} />
          <Stays person={p} today={today} dispatch={dispatch} />
        </>
      )}
    </li>
  );
}

function Temperature({ person: p, ruleSet, measuring, onMeasure, dispatch, number }: Pick<PersonEditorProps, 'ruleSet' | 'measuring' | 'onMeasure' | 'dispatch' | 'number'> & { person: DraftPerson }) {
  const status = assessTemperature(0, p, ruleSet).status;
  const facts = { threshold: ruleSet.feverThresholdC, min: ruleSet.plausibleMinC, max: ruleSet.plausibleMaxC };
  const cls = status === 'normal' ? 'ok' : status === 'missing' ? 'muted' : 'bad';
  return (
    <div class="temperature">
      <div class="temperature-head">
        <span>{t('check.temp.label')}</span>
        {p.readings.length > 0 && (
          <span data-testid={`readings-${p.key}`}>{t('check.temp.readings', { list: p.readings.map((r) => r.toFixed(1)).join(' → ') })}</span>
        )}
        <strong class={`temp-status temp-status--${cls}`} data-testid={`temp-status-${p.key}`} data-status={status} role="status">
          {t(`check.temp.${status}`, facts)}
        </strong>
      </div>
      {measuring ? (
        <Keypad
          label={`${t('check.people.number', { n: number ?? '' })} ${t('check.temp.label')}`}
          onEnter={(celsius) => dispatch({ type: 'reading', key: p.key, celsius })}
          onClose={() => onMeasure(false)}
        />
      ) : (
        <button type="button" class={status === 'normal' ? '' : 'primary'} data-testid={`measure-${p.key}`} onClick={() => onMeasure(true)}>
          {t(status === 'retest' || status === 'implausible' ? 'check.temp.retest_button' : 'check.temp.measure')}
        </button>
      )}
    </div>
  );
}

function Stays({ person: p, today, dispatch }: { person: DraftPerson; today: string; dispatch: (a: DraftAction) => void }) {
  const [open, setOpen] = useState(false);
  const [region, setRegion] = useState('');
  const [lastDay, setLastDay] = useState(today);
  const valid = region !== '' && /^\d{4}-\d{2}-\d{2}$/.test(lastDay) && lastDay <= today;
  return (
    <div class="stays">
      <div>{t('check.stays.title')}</div>
      <ul>
        {p.stays.map((s, j) => (
          <li key={`${s.region}-${s.lastDay}`} data-testid={`stay-${p.key}-${j}`}>
            <RegionName code={s.region} /> <span>{t('check.stays.until', { lastDay: s.lastDay })}</span>
            <button type="button" onClick={() => dispatch({ type: 'removeStay', key: p.key, index: j })}>{t('check.stays.remove')}</button>
          </li>
        ))}
      </ul>
      {open ? (
        <div class="stay-form" data-testid={`stay-form-${p.key}`}>
          <RegionPicker value={region} onChange={setRegion} testid={`stay-region-${p.key}`} />
          <label class="field">
            <span>{t('check.stays.last_day')}</span>
            <input type="date" data-testid={`stay-day-${p.key}`} max={today} value={lastDay} onInput={(e) => setLastDay(e.currentTarget.value)} />
          </label>
          <div class="row">
            <button type="button" onClick={() => setOpen(false)}>{t('action.cancel')}</button>
            <button
              type="button"
              class="primary"
              data-testid={`stay-save-${p.key}`}
              disabled={!valid}
              onClick={() => {
                dispatch({ type: 'addStay', key: p.key, stay: { region, lastDay } });
                setRegion('');
                setOpen(false);
              }}
            >
              {t('check.stays.save')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" data-testid={`stay-add-${p.key}`} onClick={() => setOpen(true)}>
          + {t('check.stays.add')}
        </button>
      )}
    </div>
  );
}
