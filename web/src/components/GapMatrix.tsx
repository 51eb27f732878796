import { createContext, useContext, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { labelOf } from '../../../src/core/ftm.js';
import { cellRank, cellSentence, cellText, toneOf, type GapAnswerRow } from '../gaps.js';
import { formatDate } from '../format.js';
import { DataTable, type Columns } from './DataTable.js';

/** A cell of the matrix: a designation and a list. */
export interface OpenedCell {
  id: string;
  dataset: string;
}

/**
 * What the cells need beyond their row: which cell is open, how to open one, and the names said
 * in their labels. Given through a context, not captured by the columns, so that the columns stay
 * the same objects while a cell opens (a new cell function would mount the cell afresh and take
 * the keyboard's focus from its button, as DataTable's rowOpener explains).
 */
interface MatrixContext {
  opened: OpenedCell | null;
  onOpen: (cell: OpenedCell) => void;
  reference: string;
  authorityOf: (dataset: string) => string;
}

const Matrix = createContext<MatrixContext>({ opened: null, onOpen: () => undefined, reference: '', authorityOf: (d) => d });

/** One cell: a button shaded by status and lag, showing the lag or the status in words, its sentence as label and tooltip. */
function CellButton({ row, dataset }: { row: GapAnswerRow; dataset: string }) {
  const { opened, onOpen, reference, authorityOf } = useContext(Matrix);
  const cell = row.lists[dataset];
  const sentence = cellSentence(cell, reference);
  const isOpen = opened?.id === row.id && opened.dataset === dataset;
  return (
    <button type="button" className={`gap-cell tone-${toneOf(cell)}${isOpen ? ' open' : ''}`} aria-haspopup="dialog" disabled={!cell}
      aria-label={`${row.caption}, ${authorityOf(dataset)}: ${sentence}`} title={sentence} onClick={() => onOpen({ id: row.id, dataset })}>
      {cellText(cell)}
    </button>
  );
}

function columnsFor(against: string[], headers: Record<string, string>): Columns<GapAnswerRow> {
  return [
    {
      id: 'caption',
      header: 'Designation',
      accessorFn: (row) => row.caption,
      cell: ({ row }) => (
        <>
          <Link to={`/entities/${encodeURIComponent(row.original.id)}`}>{row.original.caption}</Link>
          {row.original.schema && <span className="muted"> · {labelOf(row.original.schema)}</span>}
        </>
      ),
    },
    { id: 'id', header: 'Id', accessorFn: (row) => row.id, cell: ({ getValue }) => <code>{getValue() as string}</code> },
    { id: 'listed_on', header: 'Listed on', accessorFn: (row) => row.listed_on ?? '', cell: ({ getValue }) => (getValue() ? formatDate(getValue() as string) : <span className="muted">not given</span>) },
    ...against.map((dataset): Columns<GapAnswerRow>[number] => ({
      id: `list:${dataset}`,
      header: () => <span title={headers[dataset]}>{dataset}</span>,
      accessorFn: (row) => cellRank(row.lists[dataset]),
      sortingFn: 'basic',
      sortDescFirst: false,
      cell: ({ row }) => <CellButton row={row.original} dataset={dataset} />,
    })),
  ];
}

/**
 * The designations of the reference list (rows) against the other lists (columns): each cell
 * shaded by status and lag and saying it in words, sortable by any column, each cell a button
 * that opens the records behind it.
 */
export function GapMatrix({ rows, against, reference, authorityOf, opened, onOpen }: { rows: GapAnswerRow[]; against: string[]; reference: string; authorityOf: (dataset: string) => string; opened: OpenedCell | null; onOpen: (cell: OpenedCell) => void }) {
  const headers = Object.fromEntries(against.map((d) => [d, authorityOf(d)]));
  const headerKey = JSON.stringify(headers);
  // Columns change only with the lists shown and their names (see MatrixContext).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columns = useMemo(() => columnsFor(against, headers), [headerKey]);
  const context = useMemo(() => ({ opened, onOpen, reference, authorityOf }), [opened, onOpen, reference, authorityOf]);
  return (
    <Matrix.Provider value={context}>
      <div className="matrix" role="region" aria-label="Designations against authorities" tabIndex={0}>
        <DataTable data={rows} columns={columns} label="Implementation matrix" />
      </div>
    </Matrix.Provider>
  );
}

/** What the shades mean, in words beside a swatch of each. */
export function GapLegend({ reference }: { reference: string }) {
  const items: [string, string][] = [
    ['prompt', `listed within 30 days of ${reference} (lag in days)`],
    ['late', 'listed more than 30 days later'],
    ['listed', 'listed, lag unknown'],
    ['missing', 'missing'],
    ['not-applicable', 'not applicable (the reason on pointing at the cell)'],
  ];
  return (
    <ul className="legend gap-legend" aria-label="What the cells' shades mean">
      {items.map(([tone, text]) => <li key={tone}><span className={`swatch tone-${tone}`} aria-hidden="true" /> {text}</li>)}
    </ul>
  );
}
