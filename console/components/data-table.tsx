import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Column<T> {
  readonly label: string;
  /** The value it sorts and filters by. */
  readonly value: (row: T) => string | number | null | undefined;
  /** How a cell shows; the value by default. */
  readonly render?: (row: T) => ComponentChildren;
  readonly numeric?: boolean;
}

/**
 * A table sortable by any column (its header is a button; aria-sort tells the order) and, with
 * `filter`, filtered by text over every column's value.
 */
export function DataTable<T>(props: {
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly filter?: boolean;
  readonly empty?: string;
}) {
  const [sort, setSort] = useState<{ readonly column: number; readonly descending: boolean }>();
  const [text, setText] = useState('');
  const needle = text.trim().toLowerCase();
  let rows = needle ? props.rows.filter((row) => props.columns.some((column) => String(column.value(row) ?? '').toLowerCase().includes(needle))) : [...props.rows];
  if (sort) {
    const { value } = props.columns[sort.column]!;
    rows = rows.sort((a, b) => compare(value(a), value(b)) * (sort.descending ? -1 : 1));
  }
  return (
    <div class="table">
      {props.filter && (
        <label class="filter">
          Filter {props.caption.toLowerCase()}
          <input type="search" value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
      )}
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column, index) => (
              <th key={column.label} scope="col" class={column.numeric ? 'numeric' : undefined} aria-sort={sort?.column === index ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                <button type="button" class="sort" onClick={() => setSort({ column: index, descending: sort?.column === index && !sort.descending })}>
                  {column.label}
                  <span aria-hidden="true">{sort?.column === index ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((column) => (
                <td key={column.label} class={column.numeric ? 'numeric' : undefined}>{column.render ? column.render(row) : (column.value(row) ?? '–')}</td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={props.columns.length} class="empty">
                {props.empty ?? 'None'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Numbers by value, anything else as text; missing values last. */
function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
