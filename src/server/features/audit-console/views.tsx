import { Layout, FormErrors } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { DataTable } from '../../views/table.js';
import { FilterForm } from '../../views/filter-form.js';
import { Field, SelectField } from '../../views/fields.js';
import { Fact } from '../../views/facts.js';
import { DateTime } from '../../views/time.js';
import { withQuery } from '../../views/pagination.js';
import { ExportLink } from '../../views/export-link.js';
import type { FieldError } from '../../problem.js';
import { REASONS } from '../../../core/rules/reasons.js';
import { CHARTER_REASONS } from '../../../core/rules/charter-reasons.js';
import { SEARCH_DECISIONS, type CheckRow } from './schema.js';
import { z } from 'zod';
import { observedPersonSchema } from '../../../core/rules/index.js';

type SearchDecision = (typeof SEARCH_DECISIONS)[number];
/** "ESCORT 企业接车": the code stays visible (it is what the API, the CSV and the rules speak), the words are for people. */
function decisionText(t: ReturnType<typeof useView>['t'], decision: string | null, type: string): string {
  if (decision === null) return type;
  return (SEARCH_DECISIONS as readonly string[]).includes(decision) ? `${decision} ${t(`ac.decision.${decision as SearchDecision}`)}` : decision;
}
import { EventAnomalies, type AnomalyEvidence } from '../../views/anomaly-evidence.js';

/** The form's fields as typed (strings), to refill the form and build links. */
export type FormValues = Partial<Record<'from' | 'to' | 'checkpoint' | 'device' | 'staff' | 'enterprise' | 'plate' | 'pass' | 'name' | 'idLast4' | 'decision' | 'fever' | 'keyarea' | 'anomalies', string>>;

/** A reason code in the viewer's language; the event keeps codes only, so a template's {facts} are elided. */
export function reasonText(code: string, locale: 'zh' | 'en'): string | null {
  const entry = (REASONS as Record<string, { zh: string; en: string } | undefined>)[code] ?? (CHARTER_REASONS as Record<string, { zh: string; en: string } | undefined>)[code];
  return entry ? entry[locale].replace(/\{[A-Za-z0-9_]+\}/g, '…') : null;
}

const checkObservationsSchema = z.object({
  people: z.array(observedPersonSchema),
  staffKeyAreaFlag: z.boolean().optional(),
  pass: z.string().optional(),
});

/**
 * A check's observations as the officer reads them: one row a person. The reasons above carry no
 * figures (the event stores their codes only), so the temperatures and stays they speak of are here.
 * Anything else (a charter coach, an older shape) is left to the raw JSON below.
 */
function Observations({ value }: { value: unknown }) {
  const { t } = useView();
  const parsed = checkObservationsSchema.safeParse(value);
  if (!parsed.success) return null;
  const o = parsed.data;
  const id4 = (m: boolean | null) => t(m === null ? 'ac.obs.id4_none' : m ? 'ac.obs.id4_ok' : 'ac.obs.id4_bad');
  return (
    <>
      <dl class="facts">
        {o.pass !== undefined && <Fact label={t('ac.obs.pass')}><code>{o.pass}</code></Fact>}
        {o.staffKeyAreaFlag !== undefined && <Fact label={t('ac.obs.staff_flag')}>{t(o.staffKeyAreaFlag ? 'ac.yes' : 'ac.no')}</Fact>}
      </dl>
      <DataTable
        bare
        class="observations"
        rows={o.people.map((p, i) => ({ ...p, n: i + 1 }))}
        columns={[
          { label: t('ac.obs.person'), rowHeader: true, cell: (p) => String(p.n) },
          { label: t('ac.obs.on_pass'), cell: (p) => (p.passIndex === null ? t('ac.obs.not_on_pass') : t('ac.obs.on_pass_no', { n: p.passIndex + 1 })) },
          { label: t('ac.obs.id4'), cell: (p) => id4(p.id4Matches) },
          { label: t('ac.obs.readings'), cell: (p) => p.readings.map((r) => r.toFixed(1)).join(' → ') || '—' },
          { label: t('ac.obs.stays'), cell: (p) => p.stays.map((s) => `${s.region} (${s.lastDay})`).join('；') || '—' },
        ]}
      />
    </>
  );
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
        <SelectField name="decision" label={t('ac.decision')} value={v.decision} placeholder={t('ac.any')} options={SEARCH_DECISIONS.map((d) => [d, decisionText(t, d, '')])} />
        <div class="field checks">
          {check('fever')}
          {check('keyarea')}
          {check('anomalies')}
        </div>
      </FilterForm>
      {props.count !== null && props.count > 0 && (
        <ExportLink href={withQuery('/bureau/checks.csv', v)} label={t('ac.export', { count: props.count })} total={props.count} hint={t('ac.export_hint')} />
      )}
      <DataTable
        rows={props.items}
        empty={t('ac.none')}
        columns={[
          { label: t('ac.received_at'), rowHeader: true, cell: (r) => <a href={`/bureau/checks/${r.id}`}><DateTime value={r.receivedAt} /></a> },
          { label: t('ac.checkpoint'), cell: (r) => r.checkpointName },
          { label: t('ac.plate'), cell: (r) => r.plate ?? '' },
          { label: t('ac.decision'), cell: (r) => decisionText(t, r.decision, r.type) },
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
  /** when retention erased the event's personal members; its hash and signature are those of the original */
  redactedAt?: string | null;
  payload: Record<string, unknown>;
  prev: Array<{ id: string; seq: number; hash: string }>;
  next: Array<{ id: string; seq: number; prev_hash: string }>;
  twins: Array<{ id: string; seq: number }>;
  /** the bureau's pass with the presented id, if it issued one */
  passId: number | null;
  staffName: string | null;
  deviceLabel: string | null;
  /** the audit log entry that recorded the receipt (device.event) and the latest signed checkpoint covering it */
  log?: LogTrace | null;
}

export interface LogTrace {
  seq: number;
  at: string;
  hash: string | null;
  prevHash: string | null;
  checkpoint: { size: number; at: string; kid: string } | null;
}

/** The event's place in the tamper-evident audit log (docs/audit-log.md). */
function LogSection({ log }: { log: LogTrace | null }) {
  const { t } = useView();
  return (
    <section class="card" id="log-trace">
      <h2>{t('ac.log')}</h2>
      {log === null ? (
        <p>{t('ac.log_none')}</p>
      ) : (
        <dl class="facts">
          <Fact label={t('ac.log_entry')}>
            <a href={`/bureau/audit/actions?seq=${log.seq}`}>#{log.seq}</a> <DateTime value={log.at} />
          </Fact>
          <Fact label={t('ac.log_checkpoint')}>
            {log.checkpoint ? (
              <>
                {t('ac.log_covered', { size: log.checkpoint.size })} <DateTime value={log.checkpoint.at} /> <code>{log.checkpoint.kid}</code>
              </>
            ) : (
              t('ac.log_not_covered')
            )}
          </Fact>
          <Fact label={t('ac.hash')} wide>
            <code>{log.hash ?? '—'}</code>
          </Fact>
          <Fact label={t('ac.prev_hash')} wide>
            <code>{log.prevHash ?? '—'}</code>
          </Fact>
        </dl>
      )}
    </section>
  );
}

/** "8 h 05 min 00 s", "−3.2 s": long enough gaps read as hours, short ones keep their tenths. */
export function duration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  const s = Math.round(abs / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h} h ${pad(m)} min ${pad(s % 60)} s` : `${sign}${m} min ${pad(s % 60)} s`;
}

export function EventPage({ e, anomalies = [] }: { e: EventView; anomalies?: AnomalyEvidence[] }) {
  const { t, locale } = useView();
  const r = e.row;
  const observations = e.payload.observations;
  return (
    <Layout title={t('ac.event_title', { id: r.id.slice(0, 8) })}>
      <p>
        <a href="/bureau/checks">{t('ac.back')}</a>
      </p>
      <section class="card">
        <h2>{t('ac.decision_section')}</h2>
        <dl class="facts">
          <Fact label={t('ac.decision')}>{decisionText(t, r.decision, r.type)}</Fact>
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
          <Fact label={t('ac.clock_offset')}>
            {duration(r.clockOffsetMs)} <span class="hint">{t('ac.clock_offset_hint')}</span>
          </Fact>
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
          {e.redactedAt && (
            <Fact label={t('ac.redacted')} wide>
              <span data-redacted>
                {t('ac.redacted_note')} <DateTime value={e.redactedAt} />
              </span>
            </Fact>
          )}
        </dl>
      </section>
      {e.log !== undefined && <LogSection log={e.log} />}
      <section class="card">
        <h2>{t('ac.observations')}</h2>
        <Observations value={observations} />
        <details>
          <summary>{t('ac.obs.raw')}</summary>
          <pre class="json">{JSON.stringify(observations ?? null, null, 2)}</pre>
        </details>
      </section>
    </Layout>
  );
}
