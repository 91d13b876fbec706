import type { ComponentChildren } from 'preact';
import { Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import type { MessageKey } from '../../i18n/messages.js';
import { DateTime } from '../../views/time.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { chinaDateTime } from '../../views/time.js';
import { EPOCH } from './service.js';
import {
  type Comparison,
  type DraftFields,
  type EditableField,
  type RegionRef,
  type RuleSetVersion,
  type VersionStatus,
} from './schema.js';

type Translate = ReturnType<typeof useView>['t'];

/** The feature's own styles (side-by-side panels, field grids); a stylesheet link is allowed in the body. */
export function RulesStyles() {
  return <link rel="stylesheet" href="/static/rules.css" />;
}

const STATUS_BADGE: Record<VersionStatus, string> = { active: 'badge badge-ok', scheduled: 'badge badge-pending', superseded: 'muted' };

/** Seconds as hours for the form and the tables, without trailing zeros. */
export const toHours = (sec: number) => String(Math.round((sec / 3600) * 1000) / 1000);

/** A setting's value as people read it: units, yes/no, hours for the trust ages. */
export function formatField(t: Translate, field: EditableField, value: unknown): string {
  switch (field) {
    case 'feverThresholdC':
    case 'plausibleMinC':
    case 'plausibleMaxC':
      return t('rules.celsius', { n: String(value) });
    case 'retestRequired':
      return t(value ? 'rules.yes' : 'rules.no');
    case 'stayLookbackDays':
      return t('rules.days', { n: Number(value) });
    case 'clockToleranceSec':
      return t('rules.seconds', { n: Number(value) });
    case 'trustWarnAgeSec':
    case 'trustMaxAgeSec':
    case 'maxCheckpointWaitSec':
    case 'maxTransitSec':
      return t('rules.hours', { n: toHours(Number(value)) });
    case 'isolationDays':
      return t('rules.days', { n: Number(value) });
    case 'keyAreas':
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

const SETTINGS: ReadonlyArray<Exclude<EditableField, 'keyAreas'>> = [
  'feverThresholdC',
  'plausibleMinC',
  'plausibleMaxC',
  'retestRequired',
  'stayLookbackDays',
  'clockToleranceSec',
  'trustWarnAgeSec',
  'trustMaxAgeSec',
  'maxCheckpointWaitSec',
  'maxTransitSec',
  'isolationDays',
];

export function StatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useView();
  return <span class={STATUS_BADGE[status]}>{t(`rules.status.${status}`)}</span>;
}

function EffectiveFrom({ value }: { value: string }) {
  const { t } = useView();
  return value === EPOCH ? <span class="muted">{t('rules.effective_always')}</span> : <DateTime value={value} />;
}

export function Card({ id, title, children, extra }: { id: string; title: string; children: ComponentChildren; extra?: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}

/** The decision settings as a list of facts. */
export function SettingsFacts({ fields }: { fields: DraftFields }) {
  const { t } = useView();
  return (
    <dl class="facts">
      {SETTINGS.filter((f) => f !== 'plausibleMaxC').map((f) => (
        <Fact label={f === 'plausibleMinC' ? t('rules.field.plausibleRange') : t(`rules.field.${f}`)}>
          {f === 'plausibleMinC'
            ? t('rules.range', { min: String(fields.plausibleMinC), max: String(fields.plausibleMaxC) })
            : formatField(t, f, fields[f])}
        </Fact>
      ))}
    </dl>
  );
}

const levelKey = (level: RegionRef['level']): MessageKey => `rules.level.${level}`;

function RegionLabel({ region }: { region: RegionRef }) {
  const { t } = useView();
  return region.fullName ? <>{region.fullName}</> : <span class="muted">{t('rules.region_unknown')}</span>;
}

/** Key areas (or search results) with their names and coverage; `action` renders the last cell. */
export function RegionTable({ regions, action }: { regions: RegionRef[]; action?: (r: RegionRef) => ComponentChildren }) {
  const { t } = useView();
  return (
    <DataTable
      rows={regions}
      columns={[
        { label: t('rules.region_code'), cell: (r) => <code class="mono">{r.code}</code> },
        { label: t('rules.region_name'), cell: (r) => <RegionLabel region={r} /> },
        { label: t('rules.region_level'), cell: (r) => t(levelKey(r.level)) },
        { label: t('rules.region_counties'), cell: (r) => r.counties },
        action && { label: t('common.actions'), headClass: 'actions', class: 'actions', cell: action },
      ]}
    />
  );
}

function AreaList({ title, regions }: { title: string; regions: RegionRef[] }) {
  if (!regions.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {regions.map((r) => (
          <li>
            <code class="mono">{r.code}</code> <RegionLabel region={r} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** What changes from one version (or the draft) to another. */
export function ComparisonView({ comparison, fromLabel, toLabel }: { comparison: Comparison; fromLabel: string; toLabel: string }) {
  const { t } = useView();
  const c = comparison;
  if (!c.changes.length && !c.keyAreasAdded.length && !c.keyAreasRemoved.length) return <p class="muted">{t('rules.compare_same')}</p>;
  return (
    <>
      {c.changes.length > 0 && (
        <DataTable
          rows={c.changes}
          columns={[
            { label: t('rules.compare_field'), rowHeader: true, cell: (ch) => t(`rules.field.${ch.field}`) },
            { label: fromLabel, cell: (ch) => formatField(t, ch.field, ch.from) },
            { label: toLabel, cell: (ch) => <strong>{formatField(t, ch.field, ch.to)}</strong> },
          ]}
        />
      )}
      <AreaList title={t('rules.areas_added')} regions={c.keyAreasAdded} />
      <AreaList title={t('rules.areas_removed')} regions={c.keyAreasRemoved} />
      {(c.keyAreasAdded.length > 0 || c.keyAreasRemoved.length > 0) && (
        <p>{t('rules.counties_change', { from: c.countiesFrom, to: c.countiesTo })}</p>
      )}
    </>
  );
}

export function ScheduledNotices({ versions }: { versions: RuleSetVersion[] }) {
  const { t } = useView();
  const scheduled = versions.filter((v) => v.status === 'scheduled');
  if (!scheduled.length) return null;
  return (
    <Notice kind="info">
      {scheduled.map((v) => (
        <p>{t('rules.scheduled_notice', { n: v.version, at: chinaDateTime(v.ruleSet.effectiveFrom) })}</p>
      ))}
    </Notice>
  );
}

// ---------------------------------------------------------------------------
// /bureau/rules

export function VersionsPage({ versions, notice }: { versions: RuleSetVersion[]; notice?: PageNotice | undefined }) {
  const { t } = useView();
  return (
    <Layout title={t('rules.title')}>
      <Notices notice={notice} />
      <p>{t('rules.intro')}</p>
      <ScheduledNotices versions={versions} />
      <div class="toolbar">
        <div class="buttons">
          <a class="button primary" href="/bureau/rules/draft">
            {t('rules.edit_draft')}
          </a>
          <a class="button" href="/bureau/rules/playground">
            {t('rules.open_playground')}
          </a>
        </div>
      </div>
      <Card id="rules-versions" title={t('rules.versions')}>
        <DataTable
          rows={versions}
          columns={[
            { label: t('rules.version'), rowHeader: true, cell: (v) => <a href={`/bureau/rules/${v.version}`}>{t('rules.version_n', { n: v.version })}</a> },
            { label: t('rules.status'), cell: (v) => <StatusBadge status={v.status} /> },
            { label: t('rules.effective_from'), cell: (v) => <EffectiveFrom value={v.ruleSet.effectiveFrom} /> },
            { label: t('rules.field.keyAreas'), cell: (v) => <span class="mono">{v.ruleSet.keyAreas.join(' ') || '—'}</span> },
            { label: t('rules.author'), cell: (v) => v.authorName },
            { label: t('rules.published_at'), cell: (v) => <DateTime value={v.ruleSet.publishedAt} /> },
            { label: t('rules.reason'), cell: (v) => v.ruleSet.reason },
          ]}
        />
      </Card>
    </Layout>
  );
}

// ---------------------------------------------------------------------------
// /bureau/rules/:version

export function VersionPage(props: {
  version: RuleSetVersion;
  keyAreas: RegionRef[];
  coveredCounties: number;
  changes?: Comparison | undefined;
  notice?: PageNotice | undefined;
}) {
  const { t, actor } = useView();
  const { version: v } = props;
  const rs = v.ruleSet;
  return (
    <Layout title={t('rules.version_title', { n: v.version })}>
      {actor?.user.role === 'bureau_admin' && (
        <p class="back">
          <a href="/bureau/rules">{t('rules.back_to_versions')}</a>
        </p>
      )}
      <Notices notice={props.notice} />
      <section class="card" aria-label={t('rules.version_n', { n: v.version })}>
        <dl class="facts">
          <Fact label={t('rules.status')}>
            <StatusBadge status={v.status} />
          </Fact>
          <Fact label={t('rules.effective_from')}>
            <EffectiveFrom value={rs.effectiveFrom} />
          </Fact>
          <Fact label={t('rules.published_at')}>
            <DateTime value={rs.publishedAt} />
          </Fact>
          <Fact label={t('rules.author')}>{v.authorName}</Fact>
          <Fact label={t('rules.reason')}>{rs.reason}</Fact>
        </dl>
      </section>
      <Card id="rules-settings" title={t('rules.rules_section')}>
        <SettingsFacts fields={rs} />
      </Card>
      <Card id="rules-areas" title={t('rules.field.keyAreas')} extra={<strong>{t('rules.covers_counties', { n: props.coveredCounties })}</strong>}>
        {props.keyAreas.length ? <RegionTable regions={props.keyAreas} /> : <p class="empty">{t('rules.no_key_areas')}</p>}
      </Card>
      {props.changes && (
        <Card id="rules-changes" title={t('rules.changes_from_previous', { n: v.version - 1 })}>
          <ComparisonView
            comparison={props.changes}
            fromLabel={t('rules.version_n', { n: v.version - 1 })}
            toLabel={t('rules.version_n', { n: v.version })}
          />
        </Card>
      )}
    </Layout>
  );
}
