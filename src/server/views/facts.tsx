import type { ComponentChildren } from 'preact';

/** One entry of a `dl.facts` list: a label and its value; `wide` gives it a whole row, `class` styles the value. */
export function Fact({ label, children, wide, class: valueClass }: { label: string; children: ComponentChildren; wide?: boolean; class?: string }) {
  return (
    <div class={wide ? 'wide' : undefined}>
      <dt>{label}</dt>
      <dd class={valueClass}>{children}</dd>
    </div>
  );
}
