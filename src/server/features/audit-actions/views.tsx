import { Layout, FormErrors } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { DataTable } from '../../views/table.js';
import { FilterForm } from '../../views/filter-form.js';
import { Field, SelectField } from '../../views/fields.js';
import { DateTime } from '../../views/time.js';
import { withQuery } from '../../views/pagination.js';
import { ExportLink } from '../../views/export-link.js';
import type { FieldError } from '../../problem.js';
import type { MessageKey } from '../../i18n/messages.js';
import { AUDIT_ACTIONS, type AuditAction } from '../audit/catalogue.js';
import { ACTION_CODES, SUBJECT_TYPES, type ActionRow } from './schema.js';

export type ActionFormValues = Partial<Record<'from' | 'to' | 'actor' | 'actorName' | 'action' | 'subjectType' | 'subject' | 'enterprise' | 'seq' | 'devices' | 'limit', string>>;

/** The catalogue's areas, by the code's first segment: the action select's groups. */
const AREA_OF: Record<string, string> = {
  login: 'accounts', password: 'accounts', user: 'accounts', token: 'accounts',
  enterprise: 'enterprises', vehicle: 'enterprises', person: 'enterprises', carrier: 'enterprises',
  pass: 'passes',
  key: 'keys',
  checkpoint: 'checkpoints', checkpoint_staff: 'checkpoints', enrollment_code: 'checkpoints', device: 'checkpoints',
  rules: 'rules',
  escort: 'escorts', custody: 'escorts',
  charter: 'charter',
  webhook: 'webhooks',
  audit: 'audit', event: 'audit',
};
const AREAS = ['passes', 'enterprises', 'keys', 'rules', 'checkpoints', 'escorts', 'charter', 'accounts', 'webhooks', 'audit'] as const;
export const areaOf = (code: string): string => AREA_OF[code.split('.')[0]!] ?? 'audit';

/** A detail as one short line: personal members included while kept. */
function summary(detail: Record<string, unknown>): string {
  const s = Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

export function ActionsPage(props: {
  values: ActionFormValues;
  errors?: FieldError[] | undefined;
  users: Array<{ id: number; username: string; displayName: string }>;
  items: ActionRow[];
  /** the page of each subject with one, by seq */
  links: Map<number, string>;
  nextCursor: number | null;
  isFirstPage: boolean;
  count: number | null;
}) {
  const { t, locale } = useView();
  const v = props.values;
  const label = (code: AuditAction) => AUDIT_ACTIONS[code].label[locale];
  const subjectLabel = (type: string) => t(`aa.subject.${type}` as MessageKey);
  return (
    <Layout title={t('aa.title')}>
      <p class="hint">{t('aa.hint')}</p>
      <FormErrors errors={props.errors} />
      <FilterForm action="/bureau/audit/actions" submit={t('aa.search')}>
        <Field name="from" type="date" label={t('aa.from')} value={v.from} />
        <Field name="to" type="date" label={t('aa.to')} value={v.to} />
        <SelectField name="actor" label={t('aa.actor')} value={v.actor} placeholder={t('aa.any')} options={props.users.map((u) => [String(u.id), u.displayName === u.username ? u.username : `${u.displayName}（${u.username}）`])} />
        <Field name="actorName" label={t('aa.actor_name')} hint={t('aa.actor_name_hint')} value={v.actorName} maxlength={64} />
        <SelectField
          name="action"
          label={t('aa.action')}
          value={v.action}
          placeholder={t('aa.any')}
          groups={AREAS.map((a) => ({ label: t(`aa.area.${a}`), options: ACTION_CODES.filter((c) => areaOf(c) === a).map((c) => [c, label(c)] as [string, string]) }))}
        />
        <SelectField name="subjectType" label={t('aa.subject_type')} value={v.subjectType} placeholder={t('aa.any')} options={SUBJECT_TYPES.map((s) => [s, subjectLabel(s)])} />
        <Field name="subject" label={t('aa.subject')} hint={t('aa.subject_hint')} value={v.subject} maxlength={64} />
        <Field name="enterprise" label={t('aa.enterprise')} value={v.enterprise} maxlength={18} />
        <div class="field checks">
          <label class="check">
            <input type="checkbox" name="devices" value="1" checked={v.devices === '1'} /> {t('aa.devices')}
          </label>
        </div>
        {v.seq && <input type="hidden" name="seq" value={v.seq} />}
      </FilterForm>
      {props.count !== null && props.count > 0 && (
        <ExportLink href={withQuery('/bureau/audit/actions.csv', v)} label={t('aa.export', { count: props.count })} total={props.count} />
      )}
      {v.seq && (
        <p>
          <a href={withQuery('/bureau/audit/actions', { devices: '1', cursor: String(Number(v.seq) + 26) })}>{t('aa.around')}</a>
        </p>
      )}
      <DataTable
        rows={props.items}
        empty={t('aa.none')}
        columns={[
          { label: t('aa.at'), rowHeader: true, cell: (r) => <DateTime value={r.at} /> },
          { label: t('aa.actor'), cell: (r) => (r.actorDisplay && r.actorDisplay !== r.actorName ? `${r.actorDisplay}（${r.actorName}）` : r.actorName) },
          { label: t('aa.action'), cell: (r) => (r.label ? r.label[locale] : <><code>{r.action}</code> {t('aa.unknown_action')}</>) },
          {
            label: t('aa.subject_col'),
            cell: (r) => {
              const text = `${subjectLabel(r.subjectType)}${r.subjectId === null ? '' : ` ${r.subjectId}`}`;
              const href = props.links.get(r.seq);
              return href ? <a href={href}>{text}</a> : text;
            },
          },
          {
            label: t('aa.detail'),
            cell: (r) => (
              <>
                {r.reason && <q>{r.reason}</q>} {summary(r.detail)}
                {r.erased && <span class="badge badge-off">{t('aa.erased')}</span>}
              </>
            ),
          },
          {
            label: t('aa.entry'),
            cell: (r) => (
              <a href={`/bureau/audit/actions?seq=${r.seq}`} title={r.hash ?? ''}>
                #{r.seq} <code>{(r.hash ?? '').slice(0, 8)}</code>
              </a>
            ),
          },
        ]}
      />
      <nav class="pager" aria-label="pages">
        {!props.isFirstPage && <a href={withQuery('/bureau/audit/actions', v)}>{t('aa.first_page')}</a>}{' '}
        {props.nextCursor !== null && <a href={withQuery('/bureau/audit/actions', { ...v, cursor: String(props.nextCursor) })} rel="next">{t('aa.older')}</a>}
      </nav>
    </Layout>
  );
}
