/**
 * One charter coach, from the scanned `KC1/` text to the result: verify the
 * pass offline (pinned pass keys, revocations), find its run in the
 * expected-runs document, then the passenger checklist with the decision of
 * `decideCharter` live on screen; "decide" records the charter_check event
 * BEFORE the result shows (a decision nobody can find later did not happen).
 */
import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import { decideCharter } from '../../../../src/core/rules/charter-decide.js';
import type { CharterDecision, PersonVerdict } from '../../../../src/core/rules/charter-decide.js';
import type { CharterRun } from '../../../../src/core/charter/runs.js';
import type { VerifyCharterResult } from '../../../../src/core/charter/verify.js';
import { CHARTER_ERROR_TEXT } from '../../../../src/core/charter/errors.js';
import { pick, t, useLocale } from '../i18n/index.js';
import type { MessageKey } from '../i18n/index.js';
import { Keypad } from '../check/keypad.js';
import { RegionName, RegionPicker } from '../check/region-picker.js';
import { chinaDate } from '../check/pass-card-model.js';
import { charterClaims, charterProblems, newCharterDraft, passengerOpen, reduceCharter, untouchedPlace } from './draft.js';
import type { CharterAction, CharterDraft, ObservedDraft, Who } from './draft.js';
import type { CharterHost } from './host.js';
import { toCharterInput, toCharterPayload } from './to-input.js';
import { CharterResult } from './charter-result.js';
import { CHARTER_LOOK } from '../check/decision-style.js';
import '../check/check.css';
import './charter.css';

export interface CharterFlowProps {
  host: CharterHost;
  text: string;
  onDone: () => void;
}

type Phase =
  | { kind: 'verifying' }
  | { kind: 'form'; open?: { decision: CharterDecision; untouched: number[] }; error?: string }
  | { kind: 'saving' }
  | { kind: 'decided'; decision: CharterDecision; draft: CharterDraft };

/** Steps a re-test or an ID check could settle: asked for before the decision is recorded. */
const OPEN_STEPS = new Set(['charter.step.retest', 'charter.step.check_id4']);

const whoKey = (w: Who) => (w.role === 'driver' ? 'd' : w.role === 'passenger' ? `p${w.index}` : `u${w.key}`);

export function CharterFlow({ host, text, onDone }: CharterFlowProps) {
  const l = useLocale();
  const [draft, dispatch] = useReducer(
    (d: CharterDraft | null, a: CharterAction | { type: 'reset'; draft: CharterDraft }) => (a.type === 'reset' ? a.draft : d && reduceCharter(d, a)),
    null,
  );
  const [phase, setPhase] = useState<Phase>({ kind: 'verifying' });
  const [measuring, setMeasuring] = useState<string | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);

  useEffect(() => {
    let live = true;
    host
      .verifyCharter(text)
      .catch((e: unknown): VerifyCharterResult => ({ ok: false, reason: 'malformed', detail: String(e) }))
      .then((result) => {
        if (!live) return;
        const claims = charterClaims(result);
        // Only a pass whose signature held names its run; an unreadable one has no run to check against.
        const run: CharterRun | null = claims ? host.charterRun(claims.jti) : null;
        dispatch({ type: 'reset', draft: newCharterDraft(result, run) });
        setPhase({ kind: 'form' });
      });
    return () => {
      live = false;
    };
  }, [host, text]);

  const trust = host.trust();
  const now = host.now();
  const ctx = { now, ruleSet: trust.ruleSet, trustAgeSec: trust.ageSec };
  const live = useMemo(() => (draft ? decideCharter(toCharterInput(draft, ctx)) : null), [draft, trust.ruleSet, trust.ageSec]);

  if (phase.kind === 'decided') {
    return <CharterResult decision={phase.decision} draft={phase.draft} directory={trust.directory} onDone={onDone} />;
  }
  if (phase.kind === 'verifying' || !draft || !live) {
    return <p class="check-busy" data-testid="verifying" role="status">{t('charter.verifying')}</p>;
  }

  const claims = charterClaims(draft.pass);
  const run = draft.run;
  const problems = charterProblems(draft);
  const saving = phase.kind === 'saving';
  const today = chinaDate(now);
  const look = CHARTER_LOOK[live.decision];
  const done = draft.passengers.filter((p) => !passengerOpen(p)).length;
  const verdictOf = (w: Who): PersonVerdict | undefined =>
    w.role === 'driver' ? live.driver ?? undefined : w.role === 'passenger' ? live.passengers[w.index] : live.unlisted[draft.unlisted.findIndex((u) => u.key === w.key)];

  const decide = async (force: boolean) => {
    const input = toCharterInput(draft, { ...ctx, now: host.now() });
    const decision = decideCharter(input);
    // Places nobody touched would be recorded as not on board: asked first, like an owed re-test.
    const untouched = draft.passengers.flatMap((p, i) => (untouchedPlace(p) ? [i] : []));
    if (!force && (untouched.length > 0 || decision.steps.some((s) => OPEN_STEPS.has(s.code)))) {
      setPhase({ kind: 'form', open: { decision, untouched } });
      return;
    }
    setPhase({ kind: 'saving' });
    try {
      await host.recordCharterCheck(toCharterPayload(input, decision));
      setMeasuring(null);
      setPhase({ kind: 'decided', decision, draft });
    } catch (e) {
      setPhase({ kind: 'form', error: e instanceof Error ? e.message : String(e) });
    }
  };

  const row = (w: Who, label: string, name: string | null, id4: string | null, extra: string | null, obs: ObservedDraft, id4Matches: boolean | null | undefined, present: boolean | null) => {
    const k = whoKey(w);
    const v = verdictOf(w);
    const retest = v?.pending != null && obs.readings.length > 0;
    // The controls stay visible before the tick: comparing the ID card or measuring ticks the passenger (one tap fewer per seat).
    const shown = true;
    return (
      <li key={k} class={`charter-person${present === false ? ' charter-person--absent' : ''}`} data-testid={`person-${k}`} data-outcome={v?.outcome ?? ''}>
        <div class="charter-person-head">
          <span class="who">{label}</span>
          {name && <strong data-testid={`name-${k}`}>{name}</strong>}
          {id4 && <span>…{id4}</span>}
          {present === false && obs.readings.length === 0 && id4Matches === null ? (
            <span class="charter-chip charter-outcome" data-testid={`outcome-${k}`} data-outcome="UNCHECKED">{t('charter.outcome.UNCHECKED')}</span>
          ) : v && (
            <span class={`charter-chip charter-outcome tone-${CHARTER_LOOK[v.outcome === 'ABSENT' ? 'RELEASE' : v.outcome].tone}`} data-testid={`outcome-${k}`} data-outcome={v.outcome}>
              {t(`charter.outcome.${v.outcome}` as MessageKey)}
            </span>
          )}
          {extra && <span class="ent">{extra}</span>}
        </div>
        <div class="charter-person-actions">
          {present !== null && (
            <label>
              <input type="checkbox" data-testid={`present-${k}`} checked={present} onChange={(e) => w.role === 'passenger' && dispatch({ type: 'present', index: w.index, value: e.currentTarget.checked })} />
              {t('charter.present')}
            </label>
          )}
          {shown && id4Matches !== undefined && (
            <>
              <button type="button" class={id4Matches === true ? 'on-ok' : ''} aria-pressed={id4Matches === true} data-testid={`id4-ok-${k}`} onClick={() => dispatch({ type: 'id4', who: w, value: id4Matches === true ? null : true })}>
                ✔ {t('charter.id4.match')}
              </button>
              <button type="button" class={id4Matches === false ? 'on-bad' : ''} aria-pressed={id4Matches === false} data-testid={`id4-bad-${k}`} onClick={() => dispatch({ type: 'id4', who: w, value: id4Matches === false ? null : false })}>
                ✖ {t('charter.id4.mismatch')}
              </button>
            </>
          )}
          {shown && (
            <button type="button" class={retest ? 'primary' : ''} data-testid={`measure-${k}`} onClick={() => setMeasuring(measuring === k ? null : k)}>
              {retest ? t('charter.retest') : t('charter.temp')}
              {obs.readings.length > 0 && <span class="charter-readings" data-testid={`readings-${k}`}> {obs.readings.map((r) => r.toFixed(1)).join('→')}</span>}
            </button>
          )}
          {shown && <StaysEditor who={w} k={k} stays={obs.stays} today={today} dispatch={dispatch} />}
          {w.role === 'unlisted' && (
            <button type="button" data-testid={`remove-${k}`} onClick={() => dispatch({ type: 'removeUnlisted', key: w.key })}>✕</button>
          )}
        </div>
        {measuring === k && (
          <Keypad label={`${label} ${t('charter.temp')}`} onEnter={(celsius) => dispatch({ type: 'reading', who: w, celsius })} onClose={() => setMeasuring(null)} />
        )}
        {v && v.outcome !== 'RELEASE' && v.outcome !== 'ABSENT' && (
          <ul class="charter-person-reasons" data-testid={`reasons-${k}`}>
            {v.reasons.filter((r) => r.code !== 'charter.temp.normal').map((r, i) => <li key={i} data-code={r.code}>{pick(r, l)}</li>)}
          </ul>
        )}
      </li>
    );
  };

  return (
    <main class="charter" data-testid="charter-flow">
      <header class="check-header">
        <h1>{t('charter.title')}</h1>
        <button
          type="button"
          class={confirmCancel ? 'danger' : ''}
          data-testid="charter-cancel"
          disabled={saving}
          onClick={() => {
            // As the freight check: the second tap within a few seconds abandons (nothing is recorded).
            if (confirmCancel) return onDone();
            setConfirmCancel(true);
            setTimeout(() => setConfirmCancel(false), 4000);
          }}
        >
          {confirmCancel ? t('check.cancel_confirm') : t('check.cancel')}
        </button>
      </header>

      <section class="pass-card" data-testid="charter-pass" data-ok={draft.pass.ok ? 'yes' : 'no'}>
        <h2 class={draft.pass.ok ? 'ok-text' : 'bad-text'}>
          {draft.pass.ok ? `✔ ${t('charter.pass.valid')}` : `✖ ${t('charter.pass.invalid')}：${pick(CHARTER_ERROR_TEXT[draft.pass.reason], l)}`}
        </h2>
        {claims && (
          <p>
            <strong data-testid="charter-pass-plate">{claims.pl}</strong> · {t('charter.pass.summary', { jti: claims.jti, n: claims.n })}
          </p>
        )}
        {run ? <p data-testid="charter-run-id">{t('charter.run.id', { run: run.run })}</p> : <p class="bad-text" data-testid="charter-no-run">{t('charter.run.none')}</p>}
      </section>

      <div class={`charter-live tone-${look.tone}`} data-testid="charter-live" data-decision={live.decision} role="status">
        <span>{t('charter.live')}</span>
        <strong>{pick(look, l)}</strong>
        {run && <span data-testid="charter-progress">{t('charter.progress', { done, n: draft.passengers.length })}</span>}
        <details>
          <summary>{t('check.decision.reasons')}</summary>
          <ul data-testid="charter-live-reasons">
            {live.reasons.filter((r) => r.code !== 'charter.temp.normal').map((r, i) => <li key={i} data-code={r.code}>{pick(r, l)}</li>)}
          </ul>
        </details>
      </div>

      <label class="field">
        <span>{t('charter.plate.label')}</span>
        <input
          class="plate-input"
          data-testid="plate-input"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          value={draft.plate}
          onInput={(e) => dispatch({ type: 'plate', value: e.currentTarget.value })}
        />
      </label>

      <ul class="charter-people">
        {row({ role: 'driver' }, t('charter.driver'), claims?.drv[0] ?? null, claims?.drv[1] ?? null, null, draft.driver, draft.driver.id4Matches, null)}
      </ul>

      {run && (
        <>
          <div class="charter-tools">
            <button type="button" aria-pressed={onlyOpen} data-testid="filter-open" onClick={() => setOnlyOpen(!onlyOpen)}>
              {onlyOpen ? t('charter.filter.all') : t('charter.filter.open')}
            </button>
          </div>
          <ul class="charter-people" data-testid="charter-passengers">
            {run.passengers.map((entry, i) => {
              const p = draft.passengers[i]!;
              if (onlyOpen && !passengerOpen(p) && live.passengers[i]?.pending == null) return null;
              const ent = trust.directory.get(entry.ent)?.name ?? entry.ent;
              // Grouped by enterprise as the canonical order already is: the enterprise shows on the first of each group.
              const first = i === 0 || run.passengers[i - 1]!.ent !== entry.ent;
              return row({ role: 'passenger', index: i }, t('charter.passenger', { n: i + 1 }), entry.name, entry.id4, first ? t('charter.enterprise', { name: ent }) : null, p, p.id4Matches, p.present);
            })}
          </ul>
        </>
      )}

      <ul class="charter-people">
        {draft.unlisted.map((u, j) => row({ role: 'unlisted', key: u.key }, t('charter.unlisted', { n: j + 1 }), null, null, null, u, undefined, null))}
      </ul>
      <div class="charter-tools">
        <button type="button" data-testid="add-unlisted" onClick={() => dispatch({ type: 'addUnlisted' })}>{t('charter.add_unlisted')}</button>
      </div>

      <label class="charter-flag">
        <input type="checkbox" data-testid="staff-flag" checked={draft.staffKeyAreaFlag} onChange={(e) => dispatch({ type: 'staffFlag', value: e.currentTarget.checked })} />
        <span>{t('charter.flag')}</span>
      </label>

      <footer class="charter-footer">
        {problems.length > 0 && (
          <ul class="problems" data-testid="problems">
            {problems.map((p) => <li key={p}>{t(`charter.problem.${p}`)}</li>)}
          </ul>
        )}
        {phase.kind === 'form' && phase.error && <p class="error" role="alert" data-testid="save-error">{t('check.save_failed', { error: phase.error })}</p>}
        {phase.kind === 'form' && phase.open ? (
          <div class="open-items" role="alertdialog" aria-labelledby="charter-open-title" data-testid="open-items">
            <h2 id="charter-open-title">{t('check.pending.title')}</h2>
            <ul>
              {phase.open.untouched.length > 0 && (
                <li data-testid="open-untouched">{t('charter.untouched', { list: phase.open.untouched.map((i) => i + 1).join(', ') })}</li>
              )}
              {phase.open.decision.steps.filter((s) => OPEN_STEPS.has(s.code)).slice(0, 8).map((s, i) => <li key={i}>{pick(s, l)}</li>)}
            </ul>
            <div class="row">
              <button type="button" class="primary" data-testid="open-back" onClick={() => setPhase({ kind: 'form' })}>{t('check.pending.back')}</button>
              <button type="button" data-testid="decide-anyway" onClick={() => void decide(true)}>{t('check.pending.decide_anyway')}</button>
            </div>
          </div>
        ) : (
          <button type="button" class="primary" data-testid="decide" disabled={problems.length > 0 || saving} onClick={() => void decide(false)}>
            {saving ? t('check.saving') : t('charter.decide')}
          </button>
        )}
      </footer>
    </main>
  );
}

function StaysEditor({ who, k, stays, today, dispatch }: { who: Who; k: string; stays: ObservedDraft['stays']; today: string; dispatch: (a: CharterAction) => void }) {
  const [open, setOpen] = useState(false);
  const [region, setRegion] = useState('');
  const [lastDay, setLastDay] = useState(today);
  const valid = region !== '' && /^\d{4}-\d{2}-\d{2}$/.test(lastDay) && lastDay <= today;
  return (
    <>
      {stays.map((s, j) => (
        <button type="button" key={`${s.region}-${s.lastDay}`} data-testid={`stay-${k}-${j}`} title={t('check.stays.remove')} onClick={() => dispatch({ type: 'removeStay', who, index: j })}>
          <RegionName code={s.region} /> {s.lastDay} ✕
        </button>
      ))}
      {open ? (
        <div class="stay-form" data-testid={`stay-form-${k}`}>
          <RegionPicker value={region} onChange={setRegion} testid={`stay-region-${k}`} />
          <label class="field">
            <span>{t('check.stays.last_day')}</span>
            <input type="date" data-testid={`stay-day-${k}`} max={today} value={lastDay} onInput={(e) => setLastDay(e.currentTarget.value)} />
          </label>
          <div class="row">
            <button type="button" onClick={() => setOpen(false)}>{t('action.cancel')}</button>
            <button
              type="button"
              class="primary"
              data-testid={`stay-save-${k}`}
              disabled={!valid}
              onClick={() => {
                dispatch({ type: 'addStay', who, stay: { region, lastDay } });
                setRegion('');
                setOpen(false);
              }}
            >
              {t('check.stays.save')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" data-testid={`stay-add-${k}`} onClick={() => setOpen(true)}>{t('charter.stays.add')}</button>
      )}
    </>
  );
}
