/**
 * One vehicle, from the scanned text (or none) to the decision screen:
 * verify, show the pass card, let staff confirm plate and people, measure,
 * record stays, then decide with the core and record the event BEFORE the
 * decision shows (a decision nobody can find later did not happen).
 */
import { useEffect, useReducer, useState } from 'preact/hooks';
import { decide } from '../../../../src/core/rules/decide.js';
import type { Decision } from '../../../../src/core/rules/decision.js';
import { pick, t, useLocale } from '../i18n/index.js';
import { authenticClaims, draftProblems, newDraft, onBoard, personNumber, reduceDraft } from './draft.js';
import type { CheckDraft, DraftAction, DraftProblem } from './draft.js';
import type { CheckHost } from './host.js';
import { checkContext, toCheckInput, toCheckPayload, toWaitingEntry } from './to-input.js';
import { chinaDate, passCardModel } from './pass-card-model.js';
import { PassCard } from './pass-card.js';
import { PersonEditor } from './person-editor.js';
import { EnterprisePicker } from './enterprise-picker.js';
import { DecisionScreen } from './decision-screen.js';
import { MARK, mark, markPainted } from '../ui/timing.js';
import './check.css';

export type CheckStart = { kind: 'scanned'; text: string } | { kind: 'none' };

export interface CheckFlowProps {
  host: CheckHost;
  start: CheckStart;
  /** After "next vehicle", or when staff abandon the check (nothing is recorded then). */
  onDone: () => void;
}

type Phase =
  | { kind: 'verifying' }
  | { kind: 'form'; open?: Decision; error?: string }
  | { kind: 'saving' }
  | { kind: 'decided'; decision: Decision; plate: string; people: string[] };

type FlowAction = DraftAction | { type: 'reset'; draft: CheckDraft };
const reduce = (d: CheckDraft | null, a: FlowAction): CheckDraft | null =>
  a.type === 'reset' ? a.draft : d && reduceDraft(d, a);

/** Steps that more measuring or checking could settle: asked for before a MANUAL is recorded. */
const OPEN_STEPS = new Set(['step.retest', 'step.check.id4']);

export function CheckFlow({ host, start, onDone }: CheckFlowProps) {
  const l = useLocale();
  const [draft, dispatch] = useReducer(reduce, start.kind === 'none' ? newDraft({ kind: 'none' }) : null);
  const [phase, setPhase] = useState<Phase>(start.kind === 'none' ? { kind: 'form' } : { kind: 'verifying' });
  const [measuring, setMeasuring] = useState<number | null>(null);
  const [newName, setNewName] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);

  useEffect(() => {
    if (start.kind !== 'scanned') return;
    let live = true;
    // verifyPass never throws (contract); a rejection would still leave the flow stuck, so map it to an unreadable pass.
    host
      .verifyPass(start.text)
      .catch((e: unknown) => ({ ok: false as const, reason: 'malformed' as const, detail: String(e) }))
      .then((result) => {
        if (!live) return;
        dispatch({ type: 'reset', draft: newDraft({ kind: 'scanned', result }) });
        setPhase({ kind: 'form' });
        markPainted(MARK.card);
      });
    return () => {
      live = false;
    };
  }, [host, start]);

  if (phase.kind === 'decided') {
    return <DecisionScreen decision={phase.decision} plate={phase.plate} people={phase.people} onNext={onDone} />;
  }
  if (phase.kind === 'verifying' || !draft) {
    return <p class="check-busy" data-testid="verifying" role="status">{t('check.verifying')}</p>;
  }

  const trust = host.trust();
  const now = host.now();
  const today = chinaDate(now);
  const claims = authenticClaims(draft.pass);
  const problems = draftProblems(draft, now);
  const saving = phase.kind === 'saving';

  const labels = () =>
    onBoard(draft).map((p) => (p.passIndex !== null ? claims?.ppl[p.passIndex]?.[0] ?? '' : p.name || t('check.people.unnamed')));

  const run = async (force: boolean) => {
    mark(MARK.decide);
    const ctx = checkContext(host);
    const input = toCheckInput(draft, ctx);
    const decision = decide(input);
    if (!force && decision.steps.some((s) => OPEN_STEPS.has(s.code))) {
      setPhase({ kind: 'form', open: decision });
      return;
    }
    setPhase({ kind: 'saving' });
    try {
      const payload = toCheckPayload(input, decision);
      const waiting = decision.decision === 'ESCORT' ? toWaitingEntry(draft, ctx) : undefined;
      await host.recordCheck(payload, waiting);
      setMeasuring(null);
      setPhase({ kind: 'decided', decision, plate: input.observed.plate, people: labels() });
    } catch (e) {
      setPhase({ kind: 'form', error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <main class="check" data-testid="check-flow">
      <header class="check-header">
        <h1>{t('check.title')}</h1>
        <button
          type="button"
          class={confirmCancel ? 'danger' : ''}
          data-testid="check-cancel"
          data-confirm={confirmCancel ? 'yes' : undefined}
          disabled={saving}
          onClick={() => {
            // A gloved mis-tap must not throw away what staff typed: the second tap within a few seconds abandons (nothing is recorded).
            if (confirmCancel) return onDone();
            setConfirmCancel(true);
            setTimeout(() => setConfirmCancel(false), 4000);
          }}
        >
          {confirmCancel ? t('check.cancel_confirm') : t('check.cancel')}
        </button>
      </header>

      {draft.pass.kind === 'scanned' ? (
        <PassCard model={passCardModel(draft.pass.result, trust.directory)} />
      ) : (
        <h2 class="no-pass" data-testid="no-pass">{t('check.pass.none')}</h2>
      )}

      <section class="plate-section">
        <label class="field">
          <span>{t('check.plate.label')}</span>
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
        {claims && (
          draft.plateConfirmed ? (
            <p class="ok-text" data-testid="plate-confirmed">✔ {t('check.plate.confirmed')}</p>
          ) : (
            <>
              <button type="button" class="primary wide" data-testid="plate-confirm" onClick={() => dispatch({ type: 'confirmPlate' })}>
                {t('check.plate.confirm')}
              </button>
              <p class="muted">{t('check.plate.hint')}</p>
            </>
          )
        )}
      </section>

      <section>
        <h2>{t('check.people.title')}</h2>
        <ul class="people">
          {draft.people.map((p) => (
            <PersonEditor
              key={p.key}
              person={p}
              onPass={p.passIndex === null ? undefined : claims?.ppl[p.passIndex]}
              number={personNumber(draft, p.key)}
              ruleSet={trust.ruleSet}
              today={today}
              measuring={measuring === p.key}
              onMeasure={(open) => setMeasuring(open ? p.key : null)}
              dispatch={dispatch}
            />
          ))}
        </ul>
        <form
          class="add-person"
          onSubmit={(e) => {
            e.preventDefault();
            dispatch({ type: 'addPerson', name: newName });
            setNewName('');
          }}
        >
          <input
            data-testid="add-person-name"
            aria-label={t('check.people.add_name')}
            placeholder={t('check.people.add_name')}
            value={newName}
            onInput={(e) => setNewName(e.currentTarget.value)}
          />
          <button type="submit" data-testid="add-person">+ {t('check.people.add')}</button>
        </form>
      </section>

      <label class="check-row flag">
        <input
          type="checkbox"
          data-testid="staff-flag"
          checked={draft.staffKeyAreaFlag}
          onChange={(e) => dispatch({ type: 'staffFlag', value: e.currentTarget.checked })}
        />
        <span>{t('check.flag.label')}</span>
      </label>

      {draft.pass.kind === 'none' && (
        <EnterprisePicker directory={trust.directory} value={draft.receiverUscc} onChange={(uscc) => dispatch({ type: 'receiver', uscc })} />
      )}

      <footer class="decide-bar">
        {problems.length > 0 && (
          <ul class="problems" data-testid="problems">
            {problems.map((p, i) => <li key={i} data-code={p.code}>{problemText(draft, p)}</li>)}
          </ul>
        )}
        {phase.kind === 'form' && phase.error && (
          <p class="error" role="alert" data-testid="save-error">{t('check.save_failed', { error: phase.error })}</p>
        )}
        {phase.kind === 'form' && phase.open ? (
          <div class="open-items" role="alertdialog" aria-labelledby="open-title" data-testid="open-items">
            <h2 id="open-title">{t('check.pending.title')}</h2>
            <ul>
              {phase.open.steps.filter((s) => OPEN_STEPS.has(s.code)).map((s, i) => <li key={i}>{pick(s, l)}</li>)}
            </ul>
            <div class="row">
              <button type="button" class="primary" data-testid="open-back" onClick={() => setPhase({ kind: 'form' })}>
                {t('check.pending.back')}
              </button>
              <button type="button" data-testid="decide-anyway" onClick={() => void run(true)}>
                {t('check.pending.decide_anyway')}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            class="primary decide"
            data-testid="decide"
            disabled={problems.length > 0 || saving}
            onClick={() => void run(false)}
          >
            {saving ? t('check.saving') : t('check.decide')}
          </button>
        )}
      </footer>
    </main>
  );
}

function problemText(draft: CheckDraft, p: DraftProblem): string {
  switch (p.code) {
    case 'id4.incomplete':
    case 'stay.future':
      return t(`check.problem.${p.code}`, { n: personNumber(draft, p.key) });
    default:
      return t(`check.problem.${p.code}`);
  }
}
