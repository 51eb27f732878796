import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { IDENTIFIER_PROPERTIES, labelOf } from '../../../src/core/ftm.js';
import { api, type EntityPage } from '../api.js';
import { formatDate } from '../format.js';
import { cellSentence, type GapAnswerRow, type GapCell } from '../gaps.js';
import { langOf } from '../script.js';
import { useLoad } from './use-load.js';

/** Names shown for a record (name parts, such as first and last name, repeat them). */
const NAMES = ['name', 'alias', 'weakAlias', 'previousName'];
/** Details compared, when any of the records gives them. */
const DETAILS = ['birthDate', 'birthPlace', 'nationality', 'citizenship', 'country', 'flag', 'gender'];

/** A column of the comparison: the reference record, or one of the other list's (linked, or possible with its confidence). */
interface Column {
  id: string;
  role: 'reference' | 'linked' | 'possible';
  confidence?: number;
}

function columnsOf(row: GapAnswerRow, cell: GapCell | undefined): Column[] {
  const others: Column[] = cell?.status === 'listed' ? cell.ids.map((id) => ({ id, role: 'linked' }))
    : cell?.status === 'missing' ? (cell.possible ?? []).map((p) => ({ id: p.id, role: 'possible', confidence: p.confidence }))
    : [];
  return [{ id: row.id, role: 'reference' }, ...others];
}

/** Values as a list, each marked when the other list lacks it (`lacking` holds them as the report gives them). */
function Marked({ values, lacking, dataset }: { values: { value: string; key: string }[]; lacking: ReadonlySet<string>; dataset: string }) {
  if (!values.length) return <span className="muted">not given</span>;
  return (
    <ul className="values">
      {values.map(({ value, key }) => (
        <li key={key} lang={langOf(value)}>
          {lacking.has(key) ? <><mark className="lacking">{value}</mark> <span className="tag lacking-tag">not on {dataset}</span></> : value}
        </li>
      ))}
    </ul>
  );
}

/** The records side by side, a column per record and a row per detail, the reference's names and identifiers the other list lacks marked. */
function SideBySide({ columns, records, cell, dataset }: { columns: Column[]; records: (EntityPage | string)[]; cell: GapCell | undefined; dataset: string }) {
  const lackingNames = new Set(cell?.status === 'listed' ? cell.missing_names : []);
  const lackingIds = new Set(cell?.status === 'listed' ? cell.missing_identifiers : []);
  const loaded = records.filter((r): r is EntityPage => typeof r !== 'string');
  const lacks = (i: number) => i === 0 && cell?.status === 'listed';
  const rows: { label: string; cell: (e: EntityPage, i: number) => ReactNode }[] = [
    { label: 'Type', cell: (e) => labelOf(e.schema) },
    {
      label: 'Names',
      cell: (e, i) => {
        const names = [...new Set([e.caption, ...NAMES.flatMap((k) => e.properties[k] ?? [])])];
        // A name the report says is lacking but that only a name part gives (firstName...) is shown too.
        if (lacks(i)) for (const n of lackingNames) if (!names.includes(n)) names.push(n);
        return <Marked values={names.map((n) => ({ value: n, key: n }))} lacking={lacks(i) ? lackingNames : new Set()} dataset={dataset} />;
      },
    },
    ...DETAILS.filter((k) => loaded.some((e) => e.properties[k]?.length)).map((k) => ({
      label: labelOf(k),
      cell: (e: EntityPage) => {
        const values = (e.properties[k] ?? []).map((v) => (k === 'birthDate' ? formatDate(v) : v));
        return values.length ? values.join('; ') : <span className="muted">not given</span>;
      },
    })),
    {
      label: 'Identifiers',
      cell: (e, i) => (
        <Marked values={IDENTIFIER_PROPERTIES.flatMap((k) => (e.properties[k] ?? []).map((v) => ({ value: `${labelOf(k)}: ${v}`, key: `${k}: ${v}` })))}
          lacking={lacks(i) ? lackingIds : new Set()} dataset={dataset} />
      ),
    },
    { label: 'Programs', cell: (e) => [...new Set(e.designations.map((d) => d.program ?? d.programId).filter(Boolean))].join('; ') || <span className="muted">not given</span> },
    { label: 'Listed on', cell: (e) => [...new Set(e.designations.map((d) => d.listingDate).filter((d): d is string => Boolean(d)).map(formatDate))].sort().join('; ') || <span className="muted">not given</span> },
    { label: 'Authority', cell: (e) => [...new Set(e.designations.map((d) => d.authority))].join('; ') || <span className="muted">not given</span> },
  ];
  return (
    <div className="scroll" role="region" aria-label="Records side by side" tabIndex={0}>
      <table className="designee" aria-label="Records side by side">
        <thead>
          <tr>
            <td />
            {columns.map((c, i) => (
              <th key={c.id} scope="col">
                <span className="list">{c.role === 'reference' ? 'Reference' : c.role === 'linked' ? `Linked on ${dataset}` : `Possible on ${dataset}`}</span>
                {c.role === 'possible' && <> <span className="tag possible">possible, not confirmed</span> <span className="muted">confidence {c.confidence?.toFixed(2)}</span></>}
                <br />
                <Link to={`/entities/${encodeURIComponent(c.id)}`}>{typeof records[i] === 'string' ? c.id : (records[i] as EntityPage).caption}</Link>
                {' '}<code className="muted">{c.id}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {records.map((e, i) => <td key={columns[i]!.id}>{typeof e === 'string' ? (r === rows[0] ? <span className="error">{e}</span> : null) : r.cell(e, i)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the cell says, in a sentence, with what to look at in the records below. */
function CellSummary({ cell, authority, dataset, reference }: { cell: GapCell | undefined; authority: string; dataset: string; reference: string }) {
  if (!cell) return <p>{dataset} is not in this report.</p>;
  if (cell.status === 'not_applicable') return <p><strong>Not applicable.</strong> {cell.reason}</p>;
  if (cell.status === 'missing') {
    return (
      <p>
        <strong>Missing:</strong> no record of {authority} ({dataset}) is linked to this designation.{' '}
        {cell.possible?.length ? 'The records below came close: possible, not confirmed, until an analyst has looked.' : 'No record of that list came close.'}
      </p>
    );
  }
  const lacking = [cell.missing_names.length && `${cell.missing_names.length} name${cell.missing_names.length > 1 ? 's' : ''}`, cell.missing_identifiers.length && `${cell.missing_identifiers.length} identifier${cell.missing_identifiers.length > 1 ? 's' : ''}`].filter(Boolean);
  return (
    <p>
      <strong>Listed</strong> by {authority} ({dataset}): {cellSentence(cell, reference)}.{' '}
      {lacking.length ? `Its record${cell.ids.length > 1 ? 's lack' : ' lacks'} ${lacking.join(' and ')} of the reference record, marked below.` : 'Its records give every name and identifier of the reference record.'}
    </p>
  );
}

/**
 * A cell opened: the reference record and the other list's records side by side (each read from
 * GET /entities/{id}), in a modal dialog that Escape or its button closes.
 */
export function GapCellDialog({ row, dataset, authority, reference, onClose }: { row: GapAnswerRow; dataset: string; authority: string; reference: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const cell = row.lists[dataset];
  const columns = columnsOf(row, cell);
  const ids = columns.map((c) => c.id);
  // A record that cannot be read is said so in its column; the others are still shown.
  const { value: records, error } = useLoad(
    () => Promise.allSettled(ids.map((id) => api.entity(id))).then((all) => all.map((r) => (r.status === 'fulfilled' ? r.value : `could not be read: ${(r.reason as Error).message}`))),
    [ids],
  );
  useEffect(() => {
    // Opened once; removing the element (the page closing the cell) closes it without a close event.
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="gap-dialog" aria-labelledby={titleId} onClose={onClose}>
      <header className="gap-dialog-head">
        <h2 id={titleId}>{row.caption} <span className="muted">· {authority}</span></h2>
        <button type="button" onClick={() => dialog.current?.close()}>Close</button>
      </header>
      <CellSummary cell={cell} authority={authority} dataset={dataset} reference={reference} />
      {error ? <p className="error" role="alert">{error}</p>
        : !records || records.length !== ids.length ? <p className="muted">Loading the records…</p>
        : <SideBySide columns={columns} records={records} cell={cell} dataset={dataset} />}
    </dialog>
  );
}
