import { CsrfField, Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { Badge, type BadgeTone } from '../../views/badge.js';
import { DataTable } from '../../views/table.js';
import type { KeyInfo, KeyPurpose } from './schema.js';
import { DateTime, shanghai } from '../../views/time.js';

/** A next key younger than this gets a warning next to the promote button. */
export const SYNC_WARNING_MS = 24 * 3600 * 1000;

const PURPOSES: readonly KeyPurpose[] = ['pass', 'bundle', 'audit'];
const STATE_TONE = { next: 'pending', active: 'ok', retired: 'off' } as const satisfies Record<KeyInfo['state'], BadgeTone>;

function When({ value }: { value: string | null }) {
  if (!value) return <span class="muted">—</span>;
  return <DateTime value={value} />;
}

type Translate = ReturnType<typeof useView>['t'];

function ageText(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60000));
  if (minutes < 120) return t('keys.age_minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('keys.age_hours', { n: hours });
  return t('keys.age_days', { n: Math.floor(hours / 24) });
}

function Published({ k }: { k: KeyInfo }) {
  const { t } = useView();
  if (!k.published) return <Badge tone="off">{t('keys.published_no')}</Badge>;
  return (
    <>
      <Badge tone="ok">{t('keys.published_yes')}</Badge>
      {k.publishedUntil && (
        <span class="muted">
          {' '}
          {t('keys.published_until', { at: shanghai(k.publishedUntil) })}
        </span>
      )}
    </>
  );
}

function KeyTable({ keys }: { keys: KeyInfo[] }) {
  const { t } = useView();
  return (
    <DataTable
      rows={keys}
      empty={t('common.none')}
      columns={[
        { label: t('keys.kid'), cell: (k) => <code class="mono">{k.kid}</code> },
        { label: t('keys.state'), cell: (k) => <Badge tone={STATE_TONE[k.state]}>{t(`keys.state.${k.state}`)}</Badge> },
        { label: t('keys.created_at'), cell: (k) => <When value={k.createdAt} /> },
        { label: t('keys.activated_at'), cell: (k) => <When value={k.activatedAt} /> },
        { label: t('keys.retired_at'), cell: (k) => <When value={k.retiredAt} /> },
        { label: t('keys.last_exp'), cell: (k) => <When value={k.lastExp === null ? null : new Date(k.lastExp * 1000).toISOString()} /> },
        { label: t('keys.published'), cell: (k) => <Published k={k} /> },
      ]}
    />
  );
}

function PurposeSection({ purpose, keys, now }: { purpose: KeyPurpose; keys: KeyInfo[]; now: Date }) {
  const { t } = useView();
  const next = keys.find((k) => k.state === 'next');
  const age = next ? now.getTime() - Date.parse(next.createdAt) : 0;
  return (
    <section class="card" aria-labelledby={`keys-${purpose}`}>
      <h2 id={`keys-${purpose}`}>{t(`keys.purpose.${purpose}`)}</h2>
      <KeyTable keys={keys} />
      {next ? (
        <>
          {age < SYNC_WARNING_MS ? (
            <Notice kind="warn">
              <p>{t('keys.warning_unsynced', { age: ageText(t, age) })}</p>
            </Notice>
          ) : (
            <p>{t('keys.next_published_since', { age: ageText(t, age) })}</p>
          )}
          <form method="post" action="/bureau/keys/promote">
            <CsrfField />
            <input type="hidden" name="purpose" value={purpose} />
            <div class="field">
              <label>
                <input type="checkbox" name="confirm" value="yes" required /> {t('keys.promote_confirm')}
              </label>
            </div>
            <button type="submit" class="primary">
              {t('keys.promote')} <code class="mono">{next.kid}</code>
            </button>
          </form>
        </>
      ) : (
        <>
          <p class="muted">{t('keys.no_next')}</p>
          <form method="post" action="/bureau/keys/next" class="inline">
            <CsrfField />
            <input type="hidden" name="purpose" value={purpose} />
            <button type="submit" class="secondary">
              {t('keys.add_next')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

export interface KeysPageNotice {
  kind: 'ok' | 'error';
  text: string;
}

export function KeysPage({ keys, now, notice }: { keys: KeyInfo[]; now: Date; notice?: KeysPageNotice | undefined }) {
  const { t } = useView();
  return (
    <Layout title={t('keys.title')}>
      {notice && (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
        </Notice>
      )}
      <p>{t('keys.intro')}</p>
      <Notice kind="info">
        <p>{t('keys.rotation_steps')}</p>
      </Notice>
      <p>
        <a href="/.well-known/jwks.json">{t('keys.jwks_link')}</a>
      </p>
      {PURPOSES.map((purpose) => (
        <PurposeSection purpose={purpose} keys={keys.filter((k) => k.purpose === purpose)} now={now} />
      ))}
    </Layout>
  );
}
