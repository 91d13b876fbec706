import type { ComponentChildren } from 'preact';

export interface Column<T> {
  /** The column header, and each cell's data-label (narrow screens show it beside the value). */
  label: string;
  cell: (row: T) => ComponentChildren;
  /** This column names the row: its cells are `th scope="row"`. */
  rowHeader?: boolean;
  /** Class of the body cells. */
  class?: string;
  /** Class of the header cell. */
  headClass?: string;
  /** Cells without a data-label, e.g. a row's checkbox, which has its own accessible label. */
  unlabelled?: boolean;
}

/**
 * The portal's list table (`table.data` in a scrolling `.table-wrap`): one
 * header row of labels, one body row per item. A column given as false is
 * left out, so a column shown to some viewers only is written once.
 */
export function DataTable<T>(props: {
  rows: readonly T[];
  columns: ReadonlyArray<Column<T> | false | null | undefined>;
  /** Added to `data`, e.g. "passes". */
  class?: string;
  rowClass?: (row: T) => string | undefined;
  /** Shown as `p.empty` instead of a table without rows; without it an empty table is rendered. */
  empty?: ComponentChildren;
  /** Without the `.table-wrap` around it, for a short table inside a card. */
  bare?: boolean;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <p class="empty">{props.empty}</p>;
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  const table = (
    <table class={props.class ? `data ${props.class}` : 'data'}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" class={c.headClass}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr class={props.rowClass?.(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th scope="row" data-label={c.label} class={c.class}>
                  {c.cell(row)}
                </th>
              ) : (
                <td data-label={c.unlabelled ? undefined : c.label} class={c.class}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return props.bare ? table : <div class="table-wrap">{table}</div>;
}
