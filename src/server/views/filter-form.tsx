import type { ComponentChildren } from 'preact';

/** A list's search and filter fields: a GET form, so the filtered list has an address of its own. */
export function FilterForm({ action, submit, children }: { action: string; submit: string; children: ComponentChildren }) {
  return (
    <form method="get" action={action} class="search" role="search">
      {children}
      <div class="buttons">
        <button type="submit" class="secondary">
          {submit}
        </button>
      </div>
    </form>
  );
}
