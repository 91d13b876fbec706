import type { VNode } from 'preact';
import { CsrfField, Field, FormErrors, Layout, Notice } from '../../views/layout.js';
import { SelectField, TextAreaField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { FilterForm } from '../../views/filter-form.js';
import { Pager, withQuery } from '../../views/pagination.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import { lookupRegion } from '../../../core/validate/index.js';
import type { User } from '../users/schema.js';
import { AccountFields, UserTable } from '../users/views.js';
import { DateTime } from '../../views/time.js';
import { labelErrors, type FormState } from '../../views/form-state.js';
import { Notices, type OneTimePassword, type PageNotice } from '../../views/notices.js';
import type { Enterprise, EnterpriseStatus } from './schema.js';

const STATUSES: readonly EnterpriseStatus[] = ['registered', 'approved', 'suspended'];

export function StatusBadge({ status }: { status: EnterpriseStatus }) {
  const { t } = useView();
  return <Badge class={`badge-${status}`}>{t(`enterprise.status.${status}`)}</Badge>;
}

/** The code with its name from GB/T 2260 when the table knows it. */
export function Region({ code }: { code: string }) {
  const region = lookupRegion(code);
  // With its parents: there are many 鼓楼区 and 朝阳区.
  const name = region && [...region.parents.map((p) => p.name), region.name].join(' ');
  return (
    <span class="region">
      <span class="mono">{code}</span>
      {name && <span class="muted"> {name}</span>}
    </span>
  );
}

function useLabels() {
  const { t } = useView();
  return {
    name: t('enterprise.name'),
    creditCode: t('enterprise.credit_code'),
    address: t('enterprise.address'),
    regionCode: t('enterprise.region'),
    dutyPhone: t('enterprise.duty_phone'),
    reason: t('enterprise.suspend_reason'),
    status: t('enterprise.status'),
    username: t('user.username'),
    displayName: t('user.display_name'),
  };
}

/** What the escort loop flags per enterprise on the bureau's list (overdue requests, arrived key-area people without isolation). */
export interface EnterpriseAttention {
  overdue: number;
  unconfirmedIsolation: number;
}

export function EnterpriseListPage(props: {
  items: Enterprise[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  status: string;
  attention?: ReadonlyMap<number, EnterpriseAttention>;
  /** per enterprise, its overdue custody tasks (item 7) */
  custodyOverdue?: ReadonlyMap<number, number>;
}) {
  const { t } = useView();
  return (
    <Layout title={t('enterprise.list_title')}>
      <div class="toolbar">
        <FilterForm action="/bureau/enterprises" submit={t('common.search')}>
          <Field
            name="q"
            type="search"
            label={t('enterprise.search_label')}
            placeholder={t('enterprise.search_placeholder')}
            value={props.q}
            maxlength={100}
          />
          <SelectField
            name="status"
            label={t('enterprise.status')}
            value={props.status}
            options={[['', t('common.all')], ...STATUSES.map((s): [string, string] => [s, t(`enterprise.status.${s}`)])]}
          />
        </FilterForm>
        <a href="/bureau/enterprises/new" class="button primary">
          + {t('enterprise.new_title')}
        </a>
      </div>

      <DataTable
        rows={props.items}
        empty={props.q || props.status ? t('enterprise.no_results') : t('common.none')}
        rowClass={(e) => (props.attention?.has(e.id) || props.custodyOverdue?.has(e.id) ? 'flagged' : undefined)}
        columns={[
          { label: t('enterprise.name'), rowHeader: true, cell: (e) => <a href={`/bureau/enterprises/${e.id}`}>{e.name}</a> },
          { label: t('enterprise.credit_code'), class: 'mono', cell: (e) => e.creditCode },
          { label: t('enterprise.region'), cell: (e) => <Region code={e.regionCode} /> },
          {
            label: t('enterprise.duty_phone'),
            cell: (e) => (
              <a href={`tel:${e.dutyPhone}`} class="mono">
                {e.dutyPhone}
              </a>
            ),
          },
          {
            label: t('enterprise.status'),
            cell: (e) => {
              const a = props.attention?.get(e.id);
              return (
                <>
                  <StatusBadge status={e.status} />
                  {a && a.overdue > 0 && (
                    <>
                      {' '}
                      <a href={`/bureau/escorts?overdue=yes`} class="badge badge-off">{t('escort.attention_overdue', { n: a.overdue })}</a>
                    </>
                  )}
                  {a && a.unconfirmedIsolation > 0 && (
                    <>
                      {' '}
                      <span class="badge badge-off">{t('escort.attention_isolation', { n: a.unconfirmedIsolation })}</span>
                    </>
                  )}
                  {(props.custodyOverdue?.get(e.id) ?? 0) > 0 && (
                    <>
                      {' '}
                      <a href="/bureau/custody?overdue=yes" class="badge badge-off">{t('custody.attention_overdue', { n: props.custodyOverdue!.get(e.id)! })}</a>
                    </>
                  )}
                </>
              );
            },
          },
        ]}
      />

      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={(page) => withQuery('/bureau/enterprises', { q: props.q, status: props.status, page })} />
    </Layout>
  );
}

/** Register (no enterprise yet) or correct (an existing one) an enterprise. */
export function EnterpriseFormPage(props: { enterprise?: Enterprise; form: FormState }) {
  const { t } = useView();
  const { form, enterprise } = props;
  const v = form.values;
  const fe = form.fieldErrors;
  const action = enterprise ? `/bureau/enterprises/${enterprise.id}/edit` : '/bureau/enterprises';
  return (
    <Layout title={enterprise ? t('enterprise.edit_title') : t('enterprise.new_title')}>
      <p class="back">
        <a href={enterprise ? `/bureau/enterprises/${enterprise.id}` : '/bureau/enterprises'}>
          ← {enterprise ? enterprise.name : t('enterprise.back_to_list')}
        </a>
      </p>
      <FormErrors errors={labelErrors(form.errors, useLabels())} />
      <form method="post" action={action} class="card form">
        <CsrfField />
        <Field name="name" label={t('enterprise.name')} value={v.name} error={fe.name} required minlength={2} maxlength={100} autocomplete="organization" />
        <Field
          name="creditCode"
          label={t('enterprise.credit_code')}
          hint={t('enterprise.credit_code_hint')}
          value={v.creditCode}
          error={fe.creditCode}
          required
          maxlength={18}
          minlength={18}
          autocomplete="off"
          autocapitalize="characters"
        />
        <Field name="address" label={t('enterprise.address')} value={v.address} error={fe.address} required minlength={2} maxlength={200} autocomplete="street-address" />
        <Field
          name="regionCode"
          label={t('enterprise.region')}
          hint={t('enterprise.region_hint')}
          value={v.regionCode}
          error={fe.regionCode}
          required
          inputmode="numeric"
          pattern="[0-9]{6}"
          maxlength={6}
          autocomplete="off"
        />
        <Field
          name="dutyPhone"
          label={t('enterprise.duty_phone')}
          hint={t('enterprise.phone_hint')}
          type="tel"
          value={v.dutyPhone}
          error={fe.dutyPhone}
          required
          maxlength={20}
          autocomplete="tel"
        />
        <div class="buttons">
          <button type="submit" class="primary">
            {enterprise ? t('common.save') : t('common.create')}
          </button>
          <a href={enterprise ? `/bureau/enterprises/${enterprise.id}` : '/bureau/enterprises'} class="button secondary">
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

function EnterpriseFacts({ enterprise: e }: { enterprise: Enterprise }) {
  const { t } = useView();
  return (
    <dl class="facts">
      <Fact label={t('enterprise.name')}>{e.name}</Fact>
      <Fact label={t('enterprise.credit_code')} class="mono">
        {e.creditCode}
      </Fact>
      <Fact label={t('enterprise.address')}>{e.address}</Fact>
      <Fact label={t('enterprise.region')}>
        <Region code={e.regionCode} />
      </Fact>
      <Fact label={t('enterprise.duty_phone')}>
        <a href={`tel:${e.dutyPhone}`} class="mono">
          {e.dutyPhone}
        </a>
      </Fact>
      <Fact label={t('enterprise.status')}>
        <StatusBadge status={e.status} />
      </Fact>
      {e.statusReason && <Fact label={t('enterprise.status_reason')}>{e.statusReason}</Fact>}
      <Fact label={t('enterprise.registered_at')}>
        <DateTime value={e.createdAt} />
      </Fact>
      <Fact label={t('enterprise.updated_at')}>
        <DateTime value={e.updatedAt} />
      </Fact>
    </dl>
  );
}

export interface DetailProps {
  enterprise: Enterprise;
  users: User[];
  notice?: PageNotice | undefined;
  oneTime?: OneTimePassword | undefined;
  statusForm?: FormState | undefined;
  userForm?: FormState | undefined;
}

/** The bureau's page for one enterprise: facts, status actions, accounts. */
export function EnterpriseDetailPage(props: DetailProps) {
  const { t } = useView();
  const e = props.enterprise;
  const statusForm = props.statusForm ?? { values: {}, fieldErrors: {} };
  const userForm = props.userForm ?? { values: {}, fieldErrors: {} };
  const labels = useLabels();
  const action = `/bureau/enterprises/${e.id}/status`;
  return (
    <Layout title={e.name}>
      <p class="back">
        <a href="/bureau/enterprises">← {t('enterprise.back_to_list')}</a>
      </p>
      <Notices notice={props.notice} oneTime={props.oneTime} />

      <section class="card" aria-labelledby="facts">
        <div class="card-head">
          <h2 id="facts">{t('enterprise.details')}</h2>
          <a href={`/bureau/enterprises/${e.id}/edit`} class="button secondary">
            {t('common.edit')}
          </a>
        </div>
        <EnterpriseFacts enterprise={e} />
      </section>

      <section class="card no-print" aria-labelledby="status-actions">
        <h2 id="status-actions">{t('enterprise.status_actions')}</h2>
        <FormErrors errors={labelErrors(statusForm.errors, labels)} />
        <div class="status-actions">
          {e.status !== 'approved' && (
            <form method="post" action={action} class="inline">
              <CsrfField />
              <input type="hidden" name="status" value="approved" />
              <button type="submit" class="primary">
                {t('enterprise.approve')}
              </button>
            </form>
          )}
          {e.status !== 'registered' && (
            <form method="post" action={action} class="inline">
              <CsrfField />
              <input type="hidden" name="status" value="registered" />
              <button type="submit" class="secondary">
                {t('enterprise.back_to_registered')}
              </button>
            </form>
          )}
        </div>
        {e.status !== 'suspended' && (
          <form method="post" action={action} class="form suspend">
            <CsrfField />
            <input type="hidden" name="status" value="suspended" />
            <TextAreaField name="reason" label={t('enterprise.suspend_reason')} value={statusForm.values.reason} error={statusForm.fieldErrors.reason} required maxlength={500} />
            <div class="buttons">
              <button type="submit" class="danger">
                {t('enterprise.suspend')}
              </button>
            </div>
          </form>
        )}
      </section>

      <section class="card" aria-labelledby="accounts">
        <h2 id="accounts">{t('enterprise.users')}</h2>
        <UserTable users={props.users} manage />
        <div class="add-user no-print">
          <h3 id="add-user">{t('enterprise.add_user')}</h3>
          <FormErrors errors={labelErrors(userForm.errors, labels)} />
          <form method="post" action={`/bureau/enterprises/${e.id}/users`} class="form" aria-labelledby="add-user">
            <CsrfField />
            <AccountFields form={userForm} />
            <div class="buttons">
              <button type="submit" class="primary">
                {t('common.create')}
              </button>
            </div>
          </form>
        </div>
      </section>
    </Layout>
  );
}

/** An enterprise user's home: its own enterprise only, and the contact details it may keep current. */
export function EnterpriseHomePage(props: { enterprise: Enterprise; users: User[]; form: FormState; notice?: PageNotice | undefined; sections?: ReadonlyArray<VNode<any> | null> }) {
  const { t } = useView();
  const { enterprise: e, form } = props;
  return (
    <Layout title={t('enterprise.home_title')}>
      <Notices notice={props.notice} />
      {e.status !== 'approved' && (
        <Notice kind="warn">
          <p>{t('enterprise.not_approved_hint')}</p>
        </Notice>
      )}
      {props.sections}
      <section class="card" aria-labelledby="facts">
        <h2 id="facts">{t('enterprise.details')}</h2>
        <EnterpriseFacts enterprise={e} />
        <p class="muted small">{t('enterprise.contact_hint')}</p>
      </section>

      <section class="card no-print" aria-labelledby="contact">
        <h2 id="contact">{t('enterprise.contact_title')}</h2>
        <FormErrors errors={labelErrors(form.errors, useLabels())} />
        <form method="post" action="/enterprise/contact" class="form">
          <CsrfField />
          <Field name="address" label={t('enterprise.address')} value={form.values.address} error={form.fieldErrors.address} required minlength={2} maxlength={200} autocomplete="street-address" />
          <Field
            name="dutyPhone"
            label={t('enterprise.duty_phone')}
            hint={t('enterprise.phone_hint')}
            type="tel"
            value={form.values.dutyPhone}
            error={form.fieldErrors.dutyPhone}
            required
            maxlength={20}
            autocomplete="tel"
          />
          <div class="buttons">
            <button type="submit" class="primary">
              {t('common.save')}
            </button>
          </div>
        </form>
      </section>

      <section class="card" aria-labelledby="accounts">
        <h2 id="accounts">{t('enterprise.users')}</h2>
        <p class="muted small">{t('enterprise.accounts_hint')}</p>
        <UserTable users={props.users} manage={false} />
      </section>
    </Layout>
  );
}
