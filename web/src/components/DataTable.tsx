import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type CellContext, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useState, type MouseEvent } from 'react';

/** A table's columns (TanStack's column values are of any type, one per column). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Columns<T> = ColumnDef<T, any>[];

/** What a table's rows do, handed to its cells through the table's `meta`. */
interface RowActions<T> {
  selected?: (row: T) => boolean;
  onOpen?: (row: T) => void;
}

/**
 * For the cell that opens its row (a link or a button): whether its row is the one open, and how
 * to open it. Read from the table rather than captured by the column, so that columns stay the
 * same objects from render to render: TanStack renders a cell function as a component, and a new
 * function would mount the cell afresh and take the keyboard's focus from its button.
 */
export function rowOpener<T>(context: CellContext<T, unknown>): { isOpen: boolean; open: () => void } {
  const actions = context.table.options.meta as RowActions<T> | undefined;
  return { isOpen: actions?.selected?.(context.row.original) ?? false, open: () => actions?.onOpen?.(context.row.original) };
}

/**
 * A sortable table (TanStack Table). A row that opens something opens with a click anywhere on
 * it, a convenience for the mouse; the keyboard and assistive technology open it through a link
 * or button the page puts in one of its cells, so that rows keep their table semantics.
 */
export function DataTable<T>({ data, columns, onOpen, label, selected }: { data: T[]; columns: Columns<T>; onOpen?: (row: T) => void; label: string; selected?: (row: T) => boolean }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // useReactTable's table changes inside without a new identity, so nothing may be memoized around it: the React Compiler skips this component, which is what the rule reports.
  const meta: RowActions<T> = { selected, onOpen };
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data, columns, meta, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  // A click on the row's own link or button is theirs: the row does not act twice.
  const open = (row: T) => (event: MouseEvent) => {
    if (!(event.target instanceof Element) || !event.target.closest('a, button, input, select, textarea, label')) onOpen?.(row);
  };
  return (
    <table className="data" aria-label={label}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} aria-sort={header.column.getIsSorted() === 'asc' ? 'ascending' : header.column.getIsSorted() === 'desc' ? 'descending' : 'none'}>
                {header.isPlaceholder ? null : (
                  <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    {{ asc: ' ▲', desc: ' ▼' }[header.column.getIsSorted() as string] ?? ''}
                  </button>
                )}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className={`${onOpen ? 'openable' : ''} ${selected?.(row.original) ? 'selected' : ''}`} onClick={onOpen ? open(row.original) : undefined}>
            {row.getVisibleCells().map((cell) => <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
          </tr>
        ))}
        {!data.length && <tr><td colSpan={columns.length} className="muted">Nothing here.</td></tr>}
      </tbody>
    </table>
  );
}
