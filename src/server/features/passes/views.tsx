import { CsrfField, FormErrors, Layout, Notice } from '../../views/layout.js';
import { Field, SelectField, TextAreaField, type Option } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge, type BadgeTone } from '../../views/badge.js';
import { FilterForm } from '../../views/filter-form.js';
import { Pager, withQuery } from '../../views/pagination.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import { chinaDate, chinaDateTime, atChinaMidnight, lastDay, validityEnd } from '../../views/time.js';
import { blankForm, type FormState } from '../../views/form-state.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { ActionButton } from '../../views/action-button.js';
import { lookupRegion } from '../../../core/validate/index.js';
import { cargoCategorySchema, passListFilterSchema, type DisplayStatus, type Pass } from './schema.js';

// ---------------------------------------------------------------------------
// Time

export function When({ value }: { value: string | null }) {
  if (!value) return <span class="muted">—</span>;
  return <time dateTime={value}>{chinaDateTime(value)}</time>;
}

/** Whole China-time days (the usual case) read as dates only, e.g. in a list. */
export function ValidityDays({ pass }: { pass: Pick<Pass, 'validFrom' | 'validTo'> }) {
  const from = new Date(pass.validFrom);
  const to = new Date(pass.validTo);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return <Validity pass={pass} />;
  if (!atChinaMidnight(pass.validFrom) || !atChinaMidnight(pass.validTo)) return <Validity pass={pass} />;
  return (
    <span class="validity">
      <time dateTime={pass.validFrom}>{chinaDate(pass.validFrom)}</time>
      {' – '}
      <time dateTime={pass.validTo}>{lastDay(pass.validTo)}</time>
    </span>
  );
}

export function Validity({ pass }: { pass: Pick<Pass, 'validFrom' | 'validTo'> }) {
  return (
    <span class="validity">
      <time dateTime={pass.validFrom}>{chinaDateTime(pass.validFrom)}</time>
      {' – '}
      <time dateTime={pass.validTo}>{validityEnd(pass.validTo)}</time>
    </span>
  );
}

// ---------------------------------------------------------------------------
// Small pieces

export const CARGO = cargoCategorySchema.options;
export const STATUSES = passListFilterSchema.options;

/** The portal's shared badge colours; a draft stays neutral. */
const BADGE_TONE: Record<DisplayStatus, BadgeTone | undefined> = {
  draft: undefined,
  submitted: 'pending',
  issued: 'ok',
  rejected: 'off',
  revoked: 'off',
  expired: 'off',
};

export function PassStatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useView();
  return (
    <Badge class={`badge-pass-${status}`} tone={BADGE_TONE[status]}>
      {t(`pass.status.${status}`)}
    </Badge>
  );
}

export function RegionName({ code }: { code: string }) {
  const region = lookupRegion(code);
  return (
    <>
      <span class="mono">{code}</span>
      {region && <span class="muted"> {[...region.parents.map((p) => p.name), region.name].join(' ')}</span>}
    </>
  );
}

/** A reason and one button: reject, revoke, ask for cancellation. */
function ReasonForm(props: { action: string; id: string; title: string; hint?: string; button: string; kind: 'primary' | 'danger' | 'secondary'; form?: FormState | undefined }) {
  const { t } = useView();
  const form = props.form ?? blankForm();
  return (
    <form method="post" action={props.action} class="form reason-form" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.hint && <p class="muted small">{props.hint}</p>}
      <CsrfField />
      <TextAreaField name="reason" label={t('pass.reason')} value={form.values.reason} error={form.fieldErrors.reason} required maxlength={500} />
      <div class="buttons">
        <button type="submit" class={props.kind}>
          {props.button}
        </button>
      </div>
    </form>
  );
}

const driverOf = (p: Pass) => p.people.find((x) => x.role === 'driver');

// ---------------------------------------------------------------------------
// Lists

export interface ListProps {
  items: Pass[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  /** '' or 'all': every status. */
  status: string;
  notice?: PageNotice | undefined;
}

export function EnterprisePassListPage(props: ListProps) {
  const { t } = useView();
  const href = (page: number) => withQuery('/enterprise/passes', { q: props.q, status: props.status, page });
  return (
    <Layout title={t('pass.list_title')}>
      <Notices notice={props.notice} />
      <div class="toolbar">
        <FilterForm action="/enterprise/passes" submit={t('common.search')}>
          <Field name="q" type="search" label={t('pass.search_label')} placeholder={t('pass.search_placeholder')} value={props.q} maxlength={60} />
          <SelectField
            name="status"
            label={t('pass.status')}
            value={props.status}
            options={[['', t('common.all')], ...STATUSES.map((s): Option => [s, t(`pass.status.${s}`)])]}
          />
        </FilterForm>
        <a href="/enterprise/passes/new" class="button primary">
          + {t('pass.apply')}
        </a>
      </div>
      <DataTable
        class="passes"
        rows={props.items}
        empty={props.q || props.status ? t('pass.no_results') : t('common.none')}
        columns={[
          {
            label: t('pass.plate'),
            rowHeader: true,
            cell: (p) => (
              <a href={`/enterprise/passes/${p.id}`} class="plate">
                {p.plate}
              </a>
            ),
          },
          { label: t('pass.pass_no'), class: 'mono', cell: (p) => p.passNo },
          {
            label: t('pass.driver'),
            cell: (p) => (
              <>
                {driverOf(p)?.name ?? '—'}
                {p.people.length > 1 && <span class="muted"> +{p.people.length - 1}</span>}
              </>
            ),
          },
          { label: t('pass.validity'), cell: (p) => <ValidityDays pass={p} /> },
          { label: t('pass.destination'), cell: (p) => p.destination },
          {
            label: t('pass.status'),
            cell: (p) => (
              <>
                <PassStatusBadge status={p.displayStatus} />
                {p.cancelRequestedAt && p.status === 'issued' && <div class="muted small">{t('pass.cancel_requested_short')}</div>}
              </>
            ),
          },
        ]}
      />
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={href} />
    </Layout>
  );
}

export interface BureauListProps extends ListProps {
  enterpriseId: string;
  enterprises: Array<{ id: number; name: string }>;
}

export function BureauPassListPage(props: BureauListProps) {
  const { t } = useView();
  const queue = props.status === 'submitted';
  const href = (page: number) => withQuery('/bureau/passes', { q: props.q, status: props.status, enterpriseId: props.enterpriseId, page });
  const approvable = props.items.some((p) => p.status === 'submitted');
  return (
    <Layout title={queue ? t('pass.queue_title') : t('pass.all_title')}>
      <Notices notice={props.notice} />
      <div class="toolbar">
        <FilterForm action="/bureau/passes" submit={t('common.filter')}>
          <Field name="q" type="search" label={t('common.search')} placeholder={t('pass.bureau_search_placeholder')} value={props.q} maxlength={60} />
          <SelectField
            name="status"
            label={t('pass.status')}
            value={props.status}
            options={[['all', t('common.all')], ...STATUSES.map((s): Option => [s, t(`pass.status.${s}`)])]}
          />
          <SelectField
            name="enterpriseId"
            label={t('pass.enterprise')}
            value={props.enterpriseId}
            options={[['', t('common.all')], ...props.enterprises.map((e): Option => [String(e.id), e.name])]}
          />
        </FilterForm>
      </div>
      {props.items.length === 0 ? (
        <p class="empty">{queue && !props.q && !props.enterpriseId ? t('pass.queue_empty') : t('pass.no_results')}</p>
      ) : (
        <form method="post" action="/bureau/passes/approve" class="bulk">
          <CsrfField />
          <input type="hidden" name="back" value={href(props.page)} />
          <DataTable
            class="passes"
            rows={props.items}
            rowClass={(p) => (p.cancelRequestedAt && p.status === 'issued' ? 'attention' : undefined)}
            columns={[
              approvable && {
                label: t('pass.select'),
                headClass: 'check',
                class: 'check',
                unlabelled: true,
                cell: (p) =>
                  p.status === 'submitted' && (
                    <input type="checkbox" name="ids" value={String(p.id)} id={`sel-${p.id}`} aria-label={t('pass.select_row', { plate: p.plate })} />
                  ),
              },
              {
                label: t('pass.plate'),
                rowHeader: true,
                cell: (p) => (
                  <>
                    <a href={`/bureau/passes/${p.id}`} class="plate">
                      {p.plate}
                    </a>
                    <div class="mono muted small">{p.passNo}</div>
                  </>
                ),
              },
              { label: t('pass.enterprise'), cell: (p) => p.enterpriseName },
              { label: t('pass.people'), cell: (p) => p.people.map((x) => x.name).join('、') },
              { label: t('pass.origin'), cell: (p) => <RegionName code={p.originRegion} /> },
              { label: t('pass.validity'), cell: (p) => <ValidityDays pass={p} /> },
              { label: queue ? t('pass.submitted_at') : t('pass.created_at'), cell: (p) => <When value={queue ? p.submittedAt : p.createdAt} /> },
              {
                label: t('pass.status'),
                cell: (p) => (
                  <>
                    <PassStatusBadge status={p.displayStatus} />
                    {p.cancelRequestedAt && p.status === 'issued' && <div class="small">{t('pass.cancel_requested_short')}</div>}
                  </>
                ),
              },
            ]}
          />
          {approvable && (
            <div class="buttons">
              <button type="submit" class="primary">
                {t('pass.approve_selected')}
              </button>
            </div>
          )}
        </form>
      )}
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={href} />
    </Layout>
  );
}

// ---------------------------------------------------------------------------
// Application form

export interface Choices {
  vehicles: Array<{ id: number; plate: string }>;
  people: Array<{ id: number; name: string; role: 'driver' | 'escort'; idMasked: string }>;
}

export const ESCORT_FIELDS = ['escort1', 'escort2', 'escort3'] as const;

export interface FormPageProps {
  /** The draft being edited; none for a new application. */
  pass?: Pass | undefined;
  replaces?: Pass | undefined;
  form: FormState;
  choices: Choices;
  maxDays: number;
  notApproved?: boolean;
  notice?: PageNotice | undefined;
}

export function PassFormPage(props: FormPageProps) {
  const { t } = useView();
  const { form, pass, choices } = props;
  const v = form.values;
  const fe = form.fieldErrors;
  const action = pass ? `/enterprise/passes/${pass.id}/edit` : '/enterprise/passes';
  const back = pass ? `/enterprise/passes/${pass.id}` : '/enterprise/passes';
  const person = (p: Choices['people'][number]): Option => [String(p.id), `${p.name}(${p.idMasked.slice(-4)})`];
  const drivers = choices.people.filter((p) => p.role === 'driver');
  const escorts = choices.people.filter((p) => p.role === 'escort');
  const labels: Record<string, string> = {
    vehicleId: t('pass.vehicle'),
    driverId: t('pass.driver'),
    escort1: t('pass.escort_n', { n: 1 }),
    escort2: t('pass.escort_n', { n: 2 }),
    escort3: t('pass.escort_n', { n: 3 }),
    validFrom: t('pass.valid_from'),
    validTo: t('pass.valid_to'),
    originRegion: t('pass.origin'),
    destination: t('pass.destination'),
    cargoCategory: t('pass.cargo'),
    routeNote: t('pass.route_note'),
  };
  return (
    <Layout title={pass ? t('pass.edit_title') : t('pass.new_title')}>
      <p class="back">
        <a href={back}>← {pass ? pass.passNo : t('pass.back_to_list')}</a>
      </p>
      <Notices notice={props.notice} />
      {props.notApproved && (
        <Notice kind="warn">
          <p>{t('pass.not_approved')}</p>
        </Notice>
      )}
      {props.replaces && (
        <Notice kind="info">
          <p>{t('pass.replacement_draft', { passNo: props.replaces.passNo })}</p>
        </Notice>
      )}
      {choices.vehicles.length === 0 && (
        <Notice kind="warn">
          <p>{t('pass.no_vehicles')}</p>
        </Notice>
      )}
      {drivers.length === 0 && (
        <Notice kind="warn">
          <p>{t('pass.no_drivers')}</p>
        </Notice>
      )}
      <FormErrors errors={form.errors?.map((e) => ({ ...e, path: labels[e.path] ?? e.path }))} />
      <form method="post" action={action} class="card form pass-form">
        <CsrfField />
        <h3 class="form-group">{t('pass.vehicle')}</h3>
        <SelectField
          name="vehicleId"
          label={t('pass.plate')}
          value={v.vehicleId}
          error={fe.vehicleId}
          required
          placeholder={t('pass.choose')}
          options={choices.vehicles.map((x): Option => [String(x.id), x.plate])}
        />
        <h3 class="form-group">{t('pass.people')}</h3>
        <SelectField name="driverId" label={t('pass.driver')} value={v.driverId} error={fe.driverId} required placeholder={t('pass.choose')} options={drivers.map(person)} />
        <div class="field-row">
          {ESCORT_FIELDS.map((name, i) => (
            <SelectField
              name={name}
              label={t('pass.escort_n', { n: i + 1 })}
              value={v[name]}
              error={fe[name]}
              placeholder={t('pass.no_escort')}
              groups={[
                { label: t('pass.role.escort'), options: escorts.map(person) },
                { label: t('pass.role.driver'), options: drivers.map(person) },
              ]}
            />
          ))}
        </div>
        <h3 class="form-group">{t('pass.validity')}</h3>
        <p class="field-hint">{t('pass.validity_hint', { days: props.maxDays })}</p>
        <div class="field-row">
          <Field name="validFrom" type="date" label={t('pass.valid_from')} value={v.validFrom} error={fe.validFrom} required />
          <Field name="validTo" type="date" label={t('pass.valid_to')} value={v.validTo} error={fe.validTo} required />
        </div>
        <h3 class="form-group">{t('pass.trip')}</h3>
        <Field
          name="originRegion"
          label={t('pass.origin')}
          hint={t('pass.origin_hint')}
          value={v.originRegion}
          error={fe.originRegion}
          required
          inputmode="numeric"
          pattern="[0-9]{6}"
          maxlength={6}
          minlength={6}
          autocomplete="off"
        />
        <Field
          name="destination"
          label={t('pass.destination')}
          hint={t('pass.destination_hint')}
          value={v.destination}
          error={fe.destination}
          required
          minlength={2}
          maxlength={200}
        />
        <SelectField
          name="cargoCategory"
          label={t('pass.cargo')}
          value={v.cargoCategory}
          error={fe.cargoCategory}
          required
          placeholder={t('pass.choose')}
          options={CARGO.map((c): Option => [c, t(`pass.cargo.${c}`)])}
        />
        <TextAreaField name="routeNote" label={t('pass.route_note')} hint={t('pass.route_note_hint')} value={v.routeNote} error={fe.routeNote} maxlength={500} />
        <p class="muted small">{t('pass.draft_hint')}</p>
        <div class="buttons">
          <button type="submit" class="primary">
            {t('pass.save_draft')}
          </button>
          <a href={back} class="button secondary">
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

// ---------------------------------------------------------------------------
// One pass

export function PeopleTable({ pass }: { pass: Pass }) {
  const { t } = useView();
  return (
    <DataTable
      bare
      class="people"
      rows={pass.people}
      columns={[
        { label: t('pass.person_role'), cell: (p) => t(`pass.role.${p.role}`) },
        { label: t('pass.person_name'), rowHeader: true, cell: (p) => p.name },
        { label: t('pass.person_id'), class: 'mono', cell: (p) => p.idMasked },
      ]}
    />
  );
}

function PassFacts({ pass: p, dutyPhone, related, base }: { pass: Pass; dutyPhone?: string | undefined; related: Related; base: string }) {
  const { t } = useView();
  return (
    <dl class="facts">
      <Fact label={t('pass.status')}>
        <PassStatusBadge status={p.displayStatus} />
      </Fact>
      <Fact label={t('pass.plate')}>
        <span class="plate">{p.plate}</span>
      </Fact>
      <Fact label={t('pass.enterprise')}>
        {p.enterpriseName}
        {dutyPhone && (
          <>
            {' · '}
            <a href={`tel:${dutyPhone}`} class="mono">
              {dutyPhone}
            </a>
          </>
        )}
      </Fact>
      <Fact label={t('pass.validity')} wide>
        <Validity pass={p} />
      </Fact>
      <Fact label={t('pass.origin')}>
        <RegionName code={p.originRegion} />
      </Fact>
      <Fact label={t('pass.destination')}>{p.destination}</Fact>
      <Fact label={t('pass.cargo')}>{t(`pass.cargo.${p.cargoCategory}`)}</Fact>
      {p.routeNote && (
        <Fact label={t('pass.route_note')} wide>
          {p.routeNote}
        </Fact>
      )}
      <Fact label={t('pass.created_at')}>
        <When value={p.createdAt} />
      </Fact>
      {p.submittedAt && (
        <Fact label={t('pass.submitted_at')}>
          <When value={p.submittedAt} />
        </Fact>
      )}
      {p.decidedAt && (
        <Fact label={t('pass.decided_at')}>
          <When value={p.decidedAt} />
        </Fact>
      )}
      {p.rejectReason && (
        <Fact label={t('pass.reject_reason')} wide>
          {p.rejectReason}
        </Fact>
      )}
      {p.revokedAt && (
        <Fact label={t('pass.revoked_at')}>
          <When value={p.revokedAt} />
        </Fact>
      )}
      {p.revokeReason && (
        <Fact label={t('pass.revoke_reason')} wide>
          {p.revokeReason}
        </Fact>
      )}
      {related.replaces && (
        <Fact label={t('pass.replaces')}>
          <a href={`${base}/${related.replaces.id}`} class="mono">
            {related.replaces.passNo}
          </a>
        </Fact>
      )}
      {related.replacedBy && (
        <Fact label={t('pass.replaced_by')}>
          <a href={`${base}/${related.replacedBy.id}`} class="mono">
            {related.replacedBy.passNo}
          </a>{' '}
          <PassStatusBadge status={related.replacedBy.displayStatus} />
        </Fact>
      )}
    </dl>
  );
}

function PrintLinks({ pass }: { pass: Pass }) {
  const { t } = useView();
  return (
    <div class="buttons print-links">
      <a href={`/passes/${pass.id}/print?size=a4`} class="button primary" target="_blank" rel="noopener">
        {t('pass.print_a4')}
      </a>
      <a href={`/passes/${pass.id}/print?size=a5`} class="button secondary" target="_blank" rel="noopener">
        {t('pass.print_a5')}
      </a>
      <a href={`/api/v1/passes/${pass.id}/qr.png`} class="button secondary" download={`pass-${pass.passNo}.png`}>
        {t('pass.download_png')}
      </a>
    </div>
  );
}

export interface Related {
  replaces?: Pass | undefined;
  replacedBy?: Pass | undefined;
}

/** Which reason form came back refused, to show it with the typed text. */
export interface ReasonFormState {
  which: 'reject' | 'revoke' | 'cancel';
  form: FormState;
}

export interface DetailProps {
  pass: Pass;
  dutyPhone?: string | undefined;
  related?: Related;
  notice?: PageNotice | undefined;
  reasonForm?: ReasonFormState | undefined;
}

export function EnterprisePassPage(props: DetailProps) {
  const { t } = useView();
  const p = props.pass;
  const base = `/enterprise/passes/${p.id}`;
  const related = props.related ?? {};
  const inForce = p.displayStatus === 'issued';
  const formFor = (which: ReasonFormState['which']) => (props.reasonForm?.which === which ? props.reasonForm.form : undefined);
  return (
    <Layout title={p.plate}>
      <p class="back">
        <a href="/enterprise/passes">← {t('pass.back_to_list')}</a>
      </p>
      <Notices notice={props.notice} />
      {p.status === 'draft' && related.replaces && (
        <Notice kind="info">
          <p>{t('pass.replacement_draft', { passNo: related.replaces.passNo })}</p>
        </Notice>
      )}
      {p.status === 'submitted' && (
        <Notice kind="info">
          <p>{t('pass.awaiting')}</p>
        </Notice>
      )}
      {p.status === 'rejected' && (
        <Notice kind="error">
          <p>{t('pass.rejected_notice', { reason: p.rejectReason ?? '—' })}</p>
        </Notice>
      )}
      {p.status === 'revoked' && (
        <Notice kind="error">
          <p>{t('pass.revoked_notice')}</p>
        </Notice>
      )}
      {p.displayStatus === 'expired' && (
        <Notice kind="warn">
          <p>{t('pass.expired_notice')}</p>
        </Notice>
      )}
      {inForce && p.cancelRequestedAt && (
        <Notice kind="warn">
          <p>{t('pass.cancel_pending_own', { at: chinaDateTime(p.cancelRequestedAt), reason: p.cancelReason ?? '—' })}</p>
        </Notice>
      )}

      <section class="card" aria-labelledby="facts">
        <div class="card-head">
          <h2 id="facts">{t('pass.pass_no')} <span class="mono">{p.passNo}</span></h2>
          {p.status === 'draft' && (
            <a href={`${base}/edit`} class="button secondary">
              {t('common.edit')}
            </a>
          )}
        </div>
        <PassFacts pass={p} dutyPhone={props.dutyPhone} related={related} base="/enterprise/passes" />
        <h3>{t('pass.people')}</h3>
        <PeopleTable pass={p} />
      </section>

      {p.status === 'draft' && (
        <section class="card actions" aria-label={t('common.actions')}>
          <div class="buttons">
            <ActionButton action={`${base}/submit`} label={t('pass.submit')} kind="primary" />
            <a href={`${base}/edit`} class="button secondary">
              {t('common.edit')}
            </a>
          </div>
        </section>
      )}

      {p.status === 'issued' && (
        <section class="card actions" aria-labelledby="actions">
          <h2 id="actions">{t('common.actions')}</h2>
          <PrintLinks pass={p} />
          {inForce && !p.replacedById && (
            <div class="amend">
              <p class="muted small">{t('pass.amend_hint')}</p>
              <ActionButton action={`${base}/amend`} label={t('pass.amend')} />
            </div>
          )}
          {related.replacedBy && related.replacedBy.status === 'draft' && (
            <p>
              <a href={`/enterprise/passes/${related.replacedBy.id}/edit`}>{t('pass.view_replacement')}</a>
            </p>
          )}
          {inForce && !p.cancelRequestedAt && (
            <ReasonForm
              action={`${base}/cancel-request`}
              id="cancel"
              title={t('pass.request_cancel')}
              hint={t('pass.request_cancel_hint')}
              button={t('pass.request_cancel')}
              kind="danger"
              form={formFor('cancel')}
            />
          )}
        </section>
      )}
    </Layout>
  );
}

export function BureauPassPage(props: DetailProps) {
  const { t } = useView();
  const p = props.pass;
  const base = `/bureau/passes/${p.id}`;
  const related = props.related ?? {};
  const inForce = p.status === 'issued';
  const formFor = (which: ReasonFormState['which']) => (props.reasonForm?.which === which ? props.reasonForm.form : undefined);
  return (
    <Layout title={`${p.plate} · ${p.enterpriseName}`}>
      <p class="back">
        <a href="/bureau/passes?status=submitted">← {t('pass.back_to_queue')}</a>
      </p>
      <Notices notice={props.notice} />
      {inForce && p.cancelRequestedAt && (
        <Notice kind="warn">
          <p>
            <strong>{t('pass.cancel_pending', { at: chinaDateTime(p.cancelRequestedAt), reason: p.cancelReason ?? '—' })}</strong>
          </p>
          <ActionButton action={`${base}/confirm-cancel`} label={t('pass.confirm_cancel')} kind="danger" />
        </Notice>
      )}
      {p.status === 'submitted' && related.replaces && (
        <Notice kind="info">
          <p>{t('pass.replacement_draft', { passNo: related.replaces.passNo })}</p>
        </Notice>
      )}

      <section class="card" aria-labelledby="facts">
        <h2 id="facts">
          {t('pass.pass_no')} <span class="mono">{p.passNo}</span>
        </h2>
        <PassFacts pass={p} dutyPhone={props.dutyPhone} related={related} base="/bureau/passes" />
        <h3>{t('pass.people')}</h3>
        <PeopleTable pass={p} />
      </section>

      {p.status === 'submitted' && (
        <section class="card actions" aria-labelledby="decide">
          <h2 id="decide">{t('common.actions')}</h2>
          <div class="buttons">
            <ActionButton action={`${base}/approve`} label={t('pass.approve')} kind="primary" />
          </div>
          <ReasonForm action={`${base}/reject`} id="reject" title={t('pass.reject')} button={t('pass.reject')} kind="danger" form={formFor('reject')} />
        </section>
      )}

      {inForce && (
        <section class="card actions" aria-labelledby="issued-actions">
          <h2 id="issued-actions">{t('common.actions')}</h2>
          <PrintLinks pass={p} />
          <ReasonForm action={`${base}/revoke`} id="revoke" title={t('pass.revoke')} button={t('pass.revoke')} kind="danger" form={formFor('revoke')} />
        </section>
      )}
    </Layout>
  );
}
