import type { ComponentChildren } from 'preact';
import { useView } from './context.js';
import type { MessageKey } from '../i18n/messages.js';
import type { FieldError } from '../problem.js';

type Role = NonNullable<ReturnType<typeof useView>['actor']>['user']['role'];
const BUREAU: readonly Role[] = ['bureau_admin', 'bureau_officer'];
const ADMIN: readonly Role[] = ['bureau_admin'];
const ENTERPRISE: readonly Role[] = ['enterprise_user'];
const CARRIER: readonly Role[] = ['carrier_user'];
const ALL: readonly Role[] = [...BUREAU, ...ENTERPRISE, ...CARRIER];

type Entry = readonly [href: string, key: MessageKey, roles: readonly Role[]];

/** The flat menu of enterprise and carrier users (and the bureau's home link), in order; each entry says who sees it. */
const MENU: ReadonlyArray<Entry> = [
  ['/', 'nav.home', ALL],
  ['/enterprise/vehicles', 'nav.vehicles', ENTERPRISE],
  ['/enterprise/people', 'nav.people', ENTERPRISE],
  ['/enterprise/passes', 'nav.passes', ENTERPRISE],
  ['/enterprise/checks', 'nav.check_history', ENTERPRISE],
  ['/enterprise/webhooks', 'nav.webhooks', ENTERPRISE],
  ['/enterprise/charter', 'nav.charter_board', ENTERPRISE],
  ['/enterprise/custody', 'nav.custody', ENTERPRISE],
  ['/carrier', 'nav.charter_board', CARRIER],
];

/**
 * The bureau's menu, grouped (it wrapped onto two lines on a laptop): each group
 * is a <details> disclosure, so it opens without JavaScript. An entry whose
 * route is not registered in this build is left out (`optional`).
 */
const BUREAU_GROUPS: ReadonlyArray<{ key: MessageKey; entries: ReadonlyArray<Entry | readonly [...Entry, 'optional']> }> = [
  {
    key: 'nav.group.passes',
    entries: [
      ['/bureau/passes?status=submitted', 'nav.approvals', BUREAU],
      ['/bureau/passes?status=all', 'nav.passes', BUREAU],
      ['/bureau/enterprises', 'nav.enterprises', BUREAU],
      ['/bureau/vehicles', 'nav.vehicles', BUREAU],
      ['/bureau/people', 'nav.people', BUREAU],
      ['/bureau/escorts', 'nav.escorts', BUREAU],
      ['/bureau/custody', 'nav.custody', BUREAU],
      ['/bureau/charter', 'nav.charter_runs', BUREAU],
      ['/bureau/carriers', 'nav.carriers', BUREAU],
    ],
  },
  {
    key: 'nav.group.checkpoints',
    entries: [
      ['/bureau/checkpoints', 'nav.checkpoints', ADMIN],
      ['/bureau/devices', 'nav.devices', ADMIN],
    ],
  },
  {
    key: 'nav.group.rules',
    entries: [
      ['/bureau/rules', 'nav.rules', ADMIN],
      ['/bureau/rules/playground', 'nav.rules_playground', BUREAU],
      ['/bureau/keys', 'nav.keys', ADMIN],
      ['/bureau/webhooks', 'nav.webhooks', BUREAU],
      ['/bureau/staff', 'nav.staff', ADMIN],
    ],
  },
  {
    key: 'nav.group.audit',
    entries: [
      ['/bureau/dashboard', 'nav.audit_dashboard', BUREAU, 'optional'],
      ['/bureau/checks', 'nav.audit_checks', BUREAU, 'optional'],
      ['/bureau/audit/actions', 'nav.audit_actions', BUREAU, 'optional'],
      ['/bureau/anomalies', 'nav.audit_anomalies', BUREAU, 'optional'],
      ['/bureau/audit/integrity', 'nav.audit_integrity', BUREAU, 'optional'],
      ['/bureau/audit/retention', 'nav.audit_retention', BUREAU, 'optional'],
    ],
  },
];

/** The entry for the current page: its path is the page's path or a parent of it, its query a subset of the page's; the longest wins. */
export function currentHref(hrefs: string[], url: string): string | undefined {
  const here = new URL(url, 'http://x');
  const matches = hrefs.filter((href) => {
    const link = new URL(href, 'http://x');
    const pathOk = here.pathname === link.pathname || (link.pathname !== '/' && here.pathname.startsWith(`${link.pathname}/`));
    return pathOk && [...link.searchParams].every(([k, v]) => here.searchParams.get(k) === v);
  });
  return matches.sort((a, b) => b.length - a.length)[0];
}

function Nav() {
  const { actor, t, csrfToken, path, returnUrl, hasPage } = useView();
  const role = actor?.user.role;
  const links = role ? MENU.filter(([, , roles]) => roles.includes(role)) : [];
  const groups = role
    ? BUREAU_GROUPS.map((g) => ({
        key: g.key,
        entries: g.entries.filter(([href, , roles, optional]) => roles.includes(role) && (optional === undefined || (hasPage?.(href) ?? false))),
      })).filter((g) => g.entries.length > 0)
    : [];
  const current = currentHref([...links.map(([href]) => href), ...groups.flatMap((g) => g.entries.map(([href]) => href))], returnUrl ?? path);
  return (
    <nav class="nav" aria-label="main">
      {actor && !actor.user.mustChangePassword && (
        <ul>
          {links.map(([href, key]) => (
            <li>
              <a href={href} aria-current={href === current ? 'page' : undefined}>
                {t(key)}
              </a>
            </li>
          ))}
          {groups.map((g) => {
            const here = g.entries.some(([href]) => href === current);
            return (
              <li class="nav-group">
                <details>
                  <summary class={here ? 'here' : undefined}>{t(g.key)}</summary>
                  <ul>
                    {g.entries.map(([href, key]) => (
                      <li>
                        <a href={href} aria-current={href === current ? 'page' : undefined}>
                          {t(key)}
                        </a>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
        </ul>
      )}
      <div class="nav-right">
        {/* A page answering a form (a one-time password, a refused form) can't be reloaded; switching there would lose it. */}
        {returnUrl !== null && (
          <form method="post" action="/lang" class="inline">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="next" value={returnUrl} />
            <button type="submit" name="locale" value={t('nav.language') === 'English' ? 'en' : 'zh'} class="link">
              {t('nav.language')}
            </button>
          </form>
        )}
        {actor && (
          <>
            <span class="who">
              {actor.user.displayName} · {t(`role.${actor.user.role}`)}
            </span>
            <a href="/password">{t('nav.password')}</a>
            <form method="post" action="/logout" class="inline">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" class="link">
                {t('nav.logout')}
              </button>
            </form>
          </>
        )}
      </div>
    </nav>
  );
}

export function Layout({ title, children }: { title: string; children: ComponentChildren }) {
  const { t, locale } = useView();
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/portal.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a href="/" class="brand">
            <span class="seal" aria-hidden="true">卡</span> {t('app.name')}
          </a>
          <Nav />
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="foot">{t('app.bureau')}</footer>
      </body>
    </html>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'ok' | 'error' | 'warn'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function FormErrors({ errors }: { errors?: FieldError[] | undefined }) {
  const { t } = useView();
  if (!errors?.length) return null;
  return (
    <Notice kind="error">
      <p>{t('common.form_errors')}</p>
      <ul>
        {errors.map((e) => (
          <li>
            {e.path ? <strong>{e.path}: </strong> : null}
            {e.message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** The labelled input lives with the other form fields; re-exported for the pages that import it from here. */
export { Field } from './fields.js';

export function CsrfField() {
  const { csrfToken } = useView();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}
