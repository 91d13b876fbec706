import { Layout, FormErrors } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { DataTable } from '../../views/table.js';
import { FilterForm } from '../../views/filter-form.js';
import { Field, SelectField } from '../../views/fields.js';
import { DateTime } from '../../views/time.js';
import { withQuery } from '../../views/pagination.js';
import type { FieldError } from '../../problem.js';
import { ANOMALY_KINDS, type AnomalyKind } from '../../../core/audit/anomalies.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { AnomalyRow } from './schema.js';
import { Evidence, detailText, kindKey } from '../../views/anomaly-evidence.js';
export { kindKey } from '../../views/anomaly-evidence.js';

export type AnomalyFormValues = Partial<Record<'kind' | 'checkpoint' | 'device' | 'from' | 'to', string>>;

/** A row with what its links need: the bureau's pass id when it issued the presented pass. */
export type AnomalyView = AnomalyRow & { passId: number | null };

export function AnomaliesPage(props: {
  values: AnomalyFormValues;
  errors?: FieldError[] | undefined;
  checkpoints: Array<{ id: number; name: string }>;
  counts: Partial<Record<AnomalyKind, number>>;
  items: AnomalyView[];
  nextCursor: string | null;
  isFirstPage: boolean;
}) {
  const { t } = useView();
  const v = props.values;
  const total = Object.values(props.counts).reduce((s, n) => s + (n ?? 0), 0);
  const withKind = (kind: string | undefined) => withQuery('/bureau/anomalies', { ...v, kind });
  const matching = v.kind ? (props.counts[v.kind as AnomalyKind] ?? 0) : total;
  return (
    <Layout title={t('an.title')}>
      <p class="hint">{t('an.hint')}</p>
      <FormErrors errors={props.errors} />
      <section class="card anomaly-counts" aria-label={t('an.counts')}>
        <h2>{t('an.counts')}</h2>
        <p>
          <a href={withKind(undefined)} aria-current={v.kind ? undefined : 'true'}>{t('an.total', { count: total })}</a>
        </p>
        <ul class="counts">
          {ANOMALY_KINDS.filter((k) => (props.counts[k] ?? 0) > 0).map((k) => (
            <li>
              <a href={withKind(k)} aria-current={v.kind === k ? 'true' : undefined}>
                {t(kindKey(k))}
              </a>{' '}
              <span class="count" data-kind={k}>{props.counts[k]}</span>
            </li>
          ))}
        </ul>
      </section>
      <FilterForm action="/bureau/anomalies" submit={t('an.search')}>
        <SelectField name="kind" label={t('an.kind')} value={v.kind} placeholder={t('an.any')} options={ANOMALY_KINDS.map((k) => [k, t(kindKey(k))])} />
        <SelectField name="checkpoint" label={t('an.checkpoint')} value={v.checkpoint} placeholder={t('an.any')} options={props.checkpoints.map((c) => [String(c.id), c.name])} />
        <Field name="device" label={t('an.device')} value={v.device} />
        <Field name="from" type="date" label={t('an.from')} value={v.from} />
        <Field name="to" type="date" label={t('an.to')} value={v.to} />
      </FilterForm>
      {props.isFirstPage && matching > 0 && (
        <p class="export">
          <a class="button secondary" href={withQuery('/bureau/anomalies.csv', v)} download>
            {t('an.export', { count: matching })}
          </a>
        </p>
      )}
      <DataTable
        rows={props.items}
        empty={t('an.none')}
        columns={[
          { label: t('an.at'), rowHeader: true, cell: (a) => <DateTime value={a.at} /> },
          { label: t('an.kind'), cell: (a) => <span data-kind={a.kind}>{t(kindKey(a.kind))}</span> },
          { label: t('an.severity'), cell: (a) => <span class={`badge severity-${a.severity}`}>{t(`an.severity.${a.severity}` as MessageKey)}</span> },
          { label: t('an.checkpoint'), cell: (a) => a.checkpointName ?? '' },
          { label: t('an.details'), cell: (a) => <small>{detailText(a.details)}</small> },
          { label: t('an.evidence'), cell: (a) => <Evidence a={a} /> },
        ]}
      />
      <nav class="pager" aria-label="pages">
        {!props.isFirstPage && <a href={withQuery('/bureau/anomalies', v)}>{t('an.first_page')}</a>}{' '}
        {props.nextCursor && <a href={withQuery('/bureau/anomalies', { ...v, cursor: props.nextCursor })} rel="next">{t('an.older')}</a>}
      </nav>
    </Layout>
  );
}
