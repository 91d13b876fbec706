import { CsrfField } from './layout.js';

/** A one-button form: state changes are POSTs with the form token, never links. */
export function ActionButton({ action, label, kind, name, value }: { action: string; label: string; kind?: 'primary' | 'secondary' | 'danger' | undefined; name?: string; value?: string }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField />
      {name && <input type="hidden" name={name} value={value ?? ''} />}
      <button type="submit" class={kind ?? 'secondary'}>
        {label}
      </button>
    </form>
  );
}
