import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useState } from 'react';

/** A table's columns (TanStack's column values are of any type, one per column). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Columns<T> = ColumnDef<T, any>[];

/** A sortable table (TanStack Table); rows can be opened with a click or Enter. */
export function DataTable<T>({ data, columns, onOpen, label, selected }: { data: T[]; columns: Columns<T>; onOpen?: (row: T) => void; label: string; selected?: (row: T) => boolean }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({ data, columns, state: { sorting }, onSortingChange: setSorting, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
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
          <tr key={row.id} className={`${onOpen ? 'openable' : ''} ${selected?.(row.original) ? 'selected' : ''}`} tabIndex={onOpen ? 0 : undefined}
            onClick={onOpen ? () => onOpen(row.original) : undefined}
            onKeyDown={onOpen ? (e) => { if (e.key === 'Enter') onOpen(row.original); } : undefined}>
            {row.getVisibleCells().map((cell) => <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
          </tr>
        ))}
        {!data.length && <tr><td colSpan={columns.length} className="muted">Nothing here.</td></tr>}
      </tbody>
    </table>
  );
}
