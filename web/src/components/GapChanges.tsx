import { Link } from 'react-router-dom';
import type { ChangedCell, GapChanges as Changes } from '../gaps.js';

/** A status as a word ("absent": the designation was not on the reference list then). */
const STATUS: Readonly<Record<string, string>> = { listed: 'listed', missing: 'missing', not_applicable: 'not applicable', absent: 'not yet designated' };

function ChangedCells({ cells, label, labelOf }: { cells: ChangedCell[]; label: string; labelOf: (dataset: string) => string }) {
  if (!cells.length) return <p className="muted">None.</p>;
  return (
    <table className="data" aria-label={label}>
      <thead><tr><th scope="col">Designation</th><th scope="col">Authority</th><th scope="col">Was</th><th scope="col">Now</th></tr></thead>
      <tbody>
        {cells.map((c) => (
          <tr key={`${c.id} ${c.dataset}`}>
            <td><Link to={`/entities/${encodeURIComponent(c.id)}`}>{c.caption}</Link> <code className="muted">{c.id}</code></td>
            <td>{labelOf(c.dataset)} <span className="tag">{c.dataset}</span></td>
            <td>{STATUS[c.was] ?? c.was}</td>
            <td>{STATUS[c.now] ?? c.now}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What changed since a date: designations added and removed, gaps closed (now listed) and opened (now missing). */
export function GapChanges({ changes, labelOf }: { changes: Changes; labelOf: (dataset: string) => string }) {
  return (
    <section className="card" aria-labelledby="gap-changes">
      <h2 id="gap-changes">Changed since {changes.since}</h2>
      <p data-testid="gap-changes-counts">
        {changes.added.length} designation{changes.added.length === 1 ? '' : 's'} added, {changes.removed.length} removed;{' '}
        {changes.closed.length} gap{changes.closed.length === 1 ? '' : 's'} closed, {changes.opened.length} opened.
      </p>
      <div className="grid">
        <div>
          <h3 id="gap-closed">Closed: listed now</h3>
          <ChangedCells cells={changes.closed} label="Gaps closed" labelOf={labelOf} />
        </div>
        <div>
          <h3 id="gap-opened">Opened: missing now</h3>
          <ChangedCells cells={changes.opened} label="Gaps opened" labelOf={labelOf} />
        </div>
      </div>
    </section>
  );
}
