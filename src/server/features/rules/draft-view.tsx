/** The draft rule set page: settings form, key areas, comparison with the version in force, publish form. */
import { CsrfField, FormErrors, Layout } from '../../views/layout.js';
import { Field, SelectField, TextAreaField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { ActionButton } from '../../views/action-button.js';
import { labelErrors, type FormState } from '../../views/form-state.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { chinaDateTime } from '../../views/time.js';
import { regionCovers } from '../../../core/validate/index.js';
import { REASON_MAX, type Draft, type DraftFields, type EditableField, type RegionRef, type RuleSetVersion } from './schema.js';
import { RulesStyles, toHours, Card, RegionTable, ComparisonView, ScheduledNotices } from './views.js';

// ---------------------------------------------------------------------------
// /bureau/rules/draft

/** The settings form's fields: the trust ages are edited in hours. */
export const SETTINGS_FORM_FIELDS = {
  feverThresholdC: 'feverThresholdC',
  plausibleMinC: 'plausibleMinC',
  plausibleMaxC: 'plausibleMaxC',
  retestRequired: 'retestRequired',
  stayLookbackDays: 'stayLookbackDays',
  clockToleranceSec: 'clockToleranceSec',
  trustWarnAgeSec: 'trustWarnAgeHours',
  trustMaxAgeSec: 'trustMaxAgeHours',
  maxCheckpointWaitSec: 'maxCheckpointWaitHours',
  maxTransitSec: 'maxTransitHours',
  isolationDays: 'isolationDays',
} as const satisfies Record<Exclude<EditableField, 'keyAreas'>, string>;

export function settingsValues(f: DraftFields): Record<string, string> {
  return {
    feverThresholdC: String(f.feverThresholdC),
    plausibleMinC: String(f.plausibleMinC),
    plausibleMaxC: String(f.plausibleMaxC),
    retestRequired: f.retestRequired ? 'yes' : 'no',
    stayLookbackDays: String(f.stayLookbackDays),
    clockToleranceSec: String(f.clockToleranceSec),
    trustWarnAgeHours: toHours(f.trustWarnAgeSec),
    trustMaxAgeHours: toHours(f.trustMaxAgeSec),
    maxCheckpointWaitHours: toHours(f.maxCheckpointWaitSec),
    maxTransitHours: toHours(f.maxTransitSec),
    isolationDays: String(f.isolationDays),
  };
}

export interface DraftPageProps {
  draft: Draft;
  versions: RuleSetVersion[];
  /** The region search: what was typed, and what it found (null: no search). */
  q: string;
  results: RegionRef[] | null;
  settingsForm?: FormState | undefined;
  areasForm?: FormState | undefined;
  publishForm?: FormState | undefined;
  notice?: PageNotice | undefined;
  /** `YYYY-MM-DDTHH:mm` in China time, the earliest effective time the form offers. */
  minEffective: string;
}

function SettingsForm({ draft, form }: { draft: Draft; form?: FormState | undefined }) {
  const { t } = useView();
  const values = form?.values ?? settingsValues(draft.fields);
  const fe = form?.fieldErrors ?? {};
  const labels: Record<string, string> = {};
  for (const [field, name] of Object.entries(SETTINGS_FORM_FIELDS)) labels[name] = t(`rules.field.${field as EditableField}`);
  const num = (field: Exclude<EditableField, 'keyAreas' | 'retestRequired'>, hint?: string, decimal = true) => {
    const name = SETTINGS_FORM_FIELDS[field];
    return (
      <Field
        name={name}
        label={t(`rules.field.${field}`)}
        value={values[name]}
        error={fe[name]}
        inputmode={decimal ? 'decimal' : 'numeric'}
        required
        {...(hint ? { hint } : {})}
      />
    );
  };
  return (
    <Card id="draft-settings" title={t('rules.rules_section')}>
      <FormErrors errors={labelErrors(form?.errors, labels)} />
      <form method="post" action="/bureau/rules/draft" novalidate>
        <CsrfField />
        <div class="rules-grid">
          {num('feverThresholdC', t('rules.hint.feverThresholdC'))}
          {num('plausibleMinC', t('rules.hint.plausibleMinC'))}
          {num('plausibleMaxC', t('rules.hint.plausibleMaxC'))}
          <SelectField
            name="retestRequired"
            label={t('rules.field.retestRequired')}
            hint={t('rules.hint.retestRequired')}
            value={values.retestRequired}
            error={fe.retestRequired}
            options={[
              ['yes', t('rules.retest.yes')],
              ['no', t('rules.retest.no')],
            ]}
          />
          {num('stayLookbackDays', t('rules.hint.stayLookbackDays'), false)}
          {num('clockToleranceSec', t('rules.hint.clockToleranceSec'), false)}
          {num('trustWarnAgeSec', t('rules.hint.trustWarn'))}
          {num('trustMaxAgeSec', t('rules.hint.trustMax'))}
          {num('maxCheckpointWaitSec', t('rules.hint.maxCheckpointWait'))}
          {num('maxTransitSec', t('rules.hint.maxTransit'))}
          {num('isolationDays', t('rules.hint.isolationDays'), false)}
        </div>
        <div class="buttons">
          <button type="submit" class="primary">
            {t('rules.save_settings')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function AreaButton({ action, code, q, label, kind }: { action: string; code: string; q: string; label: string; kind?: string }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="q" value={q} />
      <button type="submit" class={kind ?? 'secondary'}>
        {label}
      </button>
    </form>
  );
}

function KeyAreas(props: Pick<DraftPageProps, 'draft' | 'q' | 'results' | 'areasForm'>) {
  const { t } = useView();
  const { draft, q, results } = props;
  const listed = new Set(draft.fields.keyAreas);
  const coveredBy = (code: string) => draft.fields.keyAreas.find((a) => a !== code && regionCovers(a, code));
  return (
    <Card id="areas" title={t('rules.field.keyAreas')} extra={<strong id="covered-counties">{t('rules.covers_counties', { n: draft.coveredCounties })}</strong>}>
      <FormErrors errors={props.areasForm?.errors} />
      {draft.keyAreas.length ? (
        <RegionTable
          regions={draft.keyAreas}
          action={(r) => <AreaButton action="/bureau/rules/draft/areas/remove" code={r.code} q={q} label={t('rules.remove')} kind="danger" />}
        />
      ) : (
        <p class="empty">{t('rules.no_key_areas')}</p>
      )}
      <h3 id="area-search-title">{t('rules.search_regions')}</h3>
      <form method="get" action="/bureau/rules/draft#areas" class="search" role="search" aria-labelledby="area-search-title" data-region-search="">
        <Field name="q" type="search" label={t('rules.search_label')} hint={t('rules.search_hint')} value={q} maxlength={40} autocomplete="off" />
        <div class="buttons">
          <button type="submit" class="secondary">
            {t('common.search')}
          </button>
        </div>
      </form>
      <div id="area-results" aria-live="polite">
        {results !== null && (
          <>
            <h3>{t('rules.search_results', { q })}</h3>
            {results.length ? (
              <RegionTable
                regions={results}
                action={(r) =>
                  listed.has(r.code) ? (
                    <span class="muted">{t('rules.added_already')}</span>
                  ) : (
                    <>
                      {coveredBy(r.code) && <span class="muted small">{t('rules.covered_by', { code: coveredBy(r.code)! })} </span>}
                      <AreaButton action="/bureau/rules/draft/areas/add" code={r.code} q={q} label={t('rules.add')} />
                    </>
                  )
                }
              />
            ) : (
              <p class="empty">{t('rules.search_none')}</p>
            )}
          </>
        )}
      </div>
    </Card>
  );
}

function PublishForm({ draft, form, minEffective }: { draft: Draft; form?: FormState | undefined; minEffective: string }) {
  const { t } = useView();
  const v = form?.values ?? {};
  const fe = form?.fieldErrors ?? {};
  const labels = { reason: t('rules.reason'), effectiveFrom: t('rules.effective_from') };
  return (
    <Card id="publish" title={t('rules.publish_title')}>
      <p>{t('rules.publish_hint')}</p>
      <FormErrors errors={labelErrors(form?.errors, labels)} />
      <form method="post" action="/bureau/rules/draft/publish">
        <CsrfField />
        <TextAreaField name="reason" label={t('rules.publish_reason')} value={v.reason} error={fe.reason} required maxlength={REASON_MAX} />
        <div class={fe.effectiveFrom ? 'field has-error' : 'field'}>
          <label for="f-effectiveFrom">{t('rules.publish_effective')}</label>
          <p class="field-hint" id="f-effectiveFrom-hint">
            {t('rules.publish_effective_hint')}
          </p>
          <input
            id="f-effectiveFrom"
            name="effectiveFrom"
            type="datetime-local"
            value={v.effectiveFrom ?? ''}
            min={minEffective}
            aria-describedby={fe.effectiveFrom ? 'f-effectiveFrom-hint f-effectiveFrom-err' : 'f-effectiveFrom-hint'}
            aria-invalid={fe.effectiveFrom ? 'true' : undefined}
          />
          {fe.effectiveFrom && (
            <p class="field-error" id="f-effectiveFrom-err">
              {fe.effectiveFrom}
            </p>
          )}
        </div>
        <div class="buttons">
          <button type="submit" class="primary">
            {t('rules.publish_submit', { n: draft.nextVersion })}
          </button>
          <a class="button" href="/bureau/rules/playground">
            {t('rules.try_in_playground')}
          </a>
        </div>
      </form>
    </Card>
  );
}

export function DraftPage(props: DraftPageProps) {
  const { t } = useView();
  const { draft } = props;
  return (
    <Layout title={t('rules.draft_title')}>
      <RulesStyles />
      <p class="back">
        <a href="/bureau/rules">{t('rules.back_to_versions')}</a>
      </p>
      <Notices notice={props.notice} />
      <p>
        {t('rules.draft_intro', { n: draft.basedOn ?? '—', next: draft.nextVersion })}{' '}
        <span class="muted">
          {draft.updatedAt && draft.updatedBy
            ? t('rules.draft_edited', { who: draft.updatedBy, at: chinaDateTime(draft.updatedAt) })
            : t('rules.draft_unchanged')}
        </span>
      </p>
      <ScheduledNotices versions={props.versions} />
      <SettingsForm draft={draft} form={props.settingsForm} />
      <KeyAreas draft={draft} q={props.q} results={props.results} areasForm={props.areasForm} />
      <Card id="compare" title={t('rules.compare_title', { n: draft.activeVersion })}>
        <ComparisonView
          comparison={draft.comparedWithActive}
          fromLabel={t('rules.compare_active')}
          toLabel={t('rules.compare_draft')}
        />
        {draft.updatedAt && (
          <div class="buttons">
            <ActionButton action="/bureau/rules/draft/discard" label={t('rules.discard')} kind="danger" />
          </div>
        )}
      </Card>
      <PublishForm draft={draft} form={props.publishForm} minEffective={props.minEffective} />
      <script src="/static/rules.js" defer></script>
    </Layout>
  );
}
