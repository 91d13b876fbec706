import { Layout, FormErrors } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { DataTable } from '../../views/table.js';
import { FilterForm } from '../../views/filter-form.js';
import { Field, SelectField } from '../../views/fields.js';
import { Fact } from '../../views/facts.js';
import { DateTime } from '../../views/time.js';
import { withQuery } from '../../views/pagination.js';
import type { FieldError } from '../../problem.js';
import { REASONS } from '../../../core/rules/reasons.js';
import { CHARTER_REASONS } from '../../../core/rules/charter-reasons.js';
import { SEARCH_DECISIONS, type CheckRow } from './schema.js';
import { EventAnomalies, type AnomalyView } from '../anomalies/views.js';

/** The form's fields as typed (strings), to refill the form and build links. */
export type FormValues = Partial<Record<'from' | 'to' | 'checkpoint' | 'device' | 'staff' | 'enterprise' | 'plate' | 'pass' | 'name' | 'idLast4' | 'decision' | 'fever' | 'keyarea' | 'anomalies', string>>;

/** A reason code in the viewer's language; the event keeps codes only, so a template's {facts} are elided. */
export function reasonText(code: string, locale: 'zh' | 'en'): string | null {
  const entry = (REASONS as Record<string, { zh: string; en: string } | undefined>)[code] ?? (CHARTER_REASONS as Record<string, { zh: string; en: string } | undefined>)[code];
  return entry ? entry[locale].replace(/\{[A-Za-z0-9_]+\}/g, '…') : null;
}

function Flags({ flags }: { flags: readonly string[] }) {
  const { t } = useView();
  return (
    <>
      {flags.map((f) => (
        <span class="badge badge-off">{t(`ac.flag.${f}` as 'ac.flag.gap')}</span>
      ))}
    </>
  );
}

export function ChecksSearchPage(props: {
  values: FormValues;
  errors?: FieldError[] | undefined;
  checkpoints: Array<{ id: number; name: string }>;
  items: CheckRow[];
  nextCursor: string | null;
  isFirstPage: boolean;
  count: number | null;
}) {
  const { t, locale } = useView();
  const v = props.values;
  const check = (name: 'fever' | 'keyarea' | 'anomalies') => (
    <label class="check">
      <input type="checkbox" name={name} value="1" checked={v[name] === '1'} /> {t(`ac.${name}`)}
    </label>
  );
  return (
    <Layout title={t('ac.title')}>
      <p class="hint">{t('ac.hint')}</p>
      <FormErrors errors={props.errors} />
      <FilterForm action="/bureau/checks" submit={t('ac.search')}>
        <Field name="from" type="date" label={t('ac.from')} value={v.from} />
        <Field name="to" type="date" label={t('ac.to')} value={v.to} />
        <SelectField name="checkpoint" label={t('ac.checkpoint')} value={v.checkpoint} placeholder={t('ac.any')} options={props.checkpoints.map((c) => [String(c.id), c.name])} />
        <Field name="device" label={t('ac.device')} value={v.device} />
        <Field name="staff" label={t('ac.staff')} value={v.staff} />
        <Field name="enterprise" label={t('ac.enterprise')} value={v.enterprise} maxlength={18} />
        <Field name="plate" label={t('ac.plate')} value={v.plate} maxlength={16} />
        <Field name="pass" label={t('ac.pass')} value={v.pass} />
        <Field name="name" label={t('ac.name')} value={v.name} maxlength={40} />
        <Field name="idLast4" label={t('ac.id_last4')} value={v.idLast4} maxlength={4} />
        <SelectField name="decision" label={t('ac.decision')} value={v.decision} placeholder={t('ac.any')} options={SEARCH_DECISIONS.map((d) => [d, d])} />
        <div class="field checks">
          {check('fever')}
          {check('keyarea')}
          {check('anomalies')}
        </div>
      </FilterForm>
      {props.count !== null && props.count > 0 && (
        <p class="export">
          <a class="button secondary" href={withQuery('/bureau/checks.csv', v)} download>
            {t('ac.export', { count: props.count })}
          </a>{' '}
          <span class="hint">{t('ac.export_hint')}</span>
        </p>
      )}
      <DataTable
        rows={props.items}
        empty={t('ac.none')}
        columns={[
          { label: t('ac.received_at'), rowHeader: true, cell: (r) => <a href={`/bureau/checks/${r.id}`}><DateTime value={r.receivedAt} /></a> },
          { label: t('ac.checkpoint'), cell: (r) => r.checkpointName },
          { label: t('ac.plate'), cell: (r) => r.plate ?? '' },
          { label: t('ac.decision'), cell: (r) => r.decision ?? r.type },
          { label: t('ac.reasons'), cell: (r) => r.reasons.map((c) => reasonText(c, locale) ?? c).join('；') },
          { label: t('ac.staff'), cell: (r) => r.staffBadge ?? '' },
          { label: t('ac.flags'), cell: (r) => <Flags flags={r.flags} /> },
        ]}
      />
      <nav class="pager" aria-label="pages">
        {!props.isFirstPage && <a href={withQuery('/bureau/checks', v)}>{t('ac.first_page')}</a>}{' '}
        {props.nextCursor && <a href={withQuery('/bureau/checks', { ...v, cursor: props.nextCursor })} rel="next">{t('ac.older')}</a>}
      </nav>
    </Layout>
  );
}

export interface EventView {
  row: CheckRow;
  hash: string;
  prevHash: string;
  payload: Record<string, unknown>;
  prev: Array<{ id: string; seq: number; hash: string }>;
  next: Array<{ id: string; seq: number; prev_hash: string }>;
  twins: Array<{ id: string; seq: number }>;
  /** the bureau's pass with the presented id, if it issued one */
  passId: number | null;
  staffName: string | null;
  deviceLabel: string | null;
}

export function EventPage({ e, anomalies = [] }: { e: EventView; anomalies?: AnomalyView[] }) {
  const { t, locale } = useView();
  const r = e.row;
  const offsetSec = (r.clockOffsetMs / 1000).toFixed(1);
  const observations = e.payload.observations;
  return (
    <Layout title={t('ac.event_title', { id: r.id.slice(0, 8) })}>
      <p>
        <a href="/bureau/checks">{t('ac.back')}</a>
      </p>
      <section class="card">
        <h2>{t('ac.decision_section')}</h2>
        <dl class="facts">
          <Fact label={t('ac.decision')}>{r.decision ?? r.type}</Fact>
          <Fact label={t('ac.rule_set')}>{r.ruleSetVersion ?? '—'}</Fact>
          <Fact label={t('ac.plate')}>{r.plate ?? '—'}</Fact>
          <Fact label={t('ac.flags')}>{r.flags.length ? <Flags flags={r.flags} /> : '—'}</Fact>
        </dl>
        <ul class="reasons">
          {r.reasons.map((c) => (
            <li>
              <code>{c}</code> {reasonText(c, locale) ?? t('ac.reason_unknown')}
            </li>
          ))}
        </ul>
      </section>
      <EventAnomalies items={anomalies} />
      <section class="card">
        <h2>{t('ac.pass_presented')}</h2>
        {r.passNo === null ? (
          <p>{t('ac.no_pass')}</p>
        ) : (
          <p>
            <code>{r.passNo}</code> — {e.passId !== null ? <a href={`/bureau/passes/${e.passId}`}>{t('ac.pass_ours')}</a> : t('ac.pass_not_ours')}
          </p>
        )}
        {r.receivingEnterprise && (
          <p>
            {t('ac.enterprise')}: <code>{r.receivingEnterprise}</code>
          </p>
        )}
      </section>
      <section class="card">
        <h2>{t('ac.staff_and_device')}</h2>
        <dl class="facts">
          <Fact label={t('ac.checkpoint')}>{r.checkpointName}</Fact>
          <Fact label={t('ac.device')}>
            <code>{r.deviceId}</code>
            {e.deviceLabel ? ` (${e.deviceLabel})` : ''}
          </Fact>
          <Fact label={t('ac.staff')}>
            {r.staffBadge ?? '—'}
            {e.staffName ? ` ${e.staffName}` : ''}
          </Fact>
        </dl>
      </section>
      <section class="card">
        <h2>{t('ac.times')}</h2>
        <dl class="facts">
          <Fact label={t('ac.device_time')}>
            <code>{r.deviceTime}</code>
          </Fact>
          <Fact label={t('ac.received_at')}>
            <DateTime value={r.receivedAt} /> <code>{r.receivedAt}</code>
          </Fact>
          <Fact label={t('ac.clock_offset')}>{`${offsetSec} s`}</Fact>
        </dl>
      </section>
      <section class="card">
        <h2>{t('ac.chain')}</h2>
        <dl class="facts">
          <Fact label={t('ac.seq')}>{r.seq}</Fact>
          <Fact label={t('ac.prev')}>
            {e.prev.length ? e.prev.map((p) => <a href={`/bureau/checks/${p.id}`}>#{p.seq} {p.hash === e.prevHash ? '✓' : '✗'}</a>) : t('ac.missing')}
          </Fact>
          <Fact label={t('ac.next')}>
            {e.next.length ? e.next.map((n) => <a href={`/bureau/checks/${n.id}`}>#{n.seq} {n.prev_hash === e.hash ? '✓' : '✗'}</a>) : t('ac.missing')}
          </Fact>
          {e.twins.length > 0 && (
            <Fact label={t('ac.twins')} wide>
              {e.twins.map((w) => (
                <a href={`/bureau/checks/${w.id}`}>{w.id}</a>
              ))}
            </Fact>
          )}
          <Fact label={t('ac.hash')} wide>
            <code>{e.hash}</code>
          </Fact>
          <Fact label={t('ac.prev_hash')} wide>
            <code>{e.prevHash}</code>
          </Fact>
        </dl>
      </section>
      <section class="card">
        <h2>{t('ac.observations')}</h2>
        <pre class="json">{JSON.stringify(observations ?? null, null, 2)}</pre>
      </section>
    </Layout>
  );
}
