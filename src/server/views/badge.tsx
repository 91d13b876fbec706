import type { ComponentChildren } from 'preact';

/** The portal's badge colours: ok (green), pending (amber), off (red); none stays neutral. */
export type BadgeTone = 'ok' | 'pending' | 'off';

/** A status badge; `class` names what it is (e.g. `badge-pass-issued`), `tone` how it looks. */
export function Badge({ tone, class: kind, children }: { tone?: BadgeTone | undefined; class?: string; children: ComponentChildren }) {
  return <span class={['badge', kind, tone && `badge-${tone}`].filter(Boolean).join(' ')}>{children}</span>;
}
