import { useMemo, useState } from 'react';
import { api, type AuditEntry } from '../api.js';
import { DataTable, type Columns } from '../components/DataTable.js';
import { Time } from '../components/Time.js';
import { useLoad } from '../components/use-load.js';

/** How many characters of a value's JSON a cell shows before shortening it (the rest one click or Enter away). */
const SHOWN_CHARACTERS = 160;

/** A value before or after a change, as JSON: whole when short, else shortened with a mark and expandable, never cut silently. */
function JsonValue({ value }: { value: unknown }) {
  const [whole, setWhole] = useState(false);
  if (value === null || value === undefined) return null;
  const json = JSON.stringify(value);
  // Cut between characters, not inside a surrogate pair.
  const characters = Array.from(json);
  if (characters.length <= SHOWN_CHARACTERS) return <code className="json">{json}</code>;
  return (
    <span className="shortened">
      <code className="json">{whole ? json : `${characters.slice(0, SHOWN_CHARACTERS).join('')}…`}</code>
      <button type="button" className="link" aria-expanded={whole} onClick={() => setWhole(!whole)}>
        {whole ? 'show less' : `show all (${characters.length.toLocaleString()} characters)`}
      </button>
    </span>
  );
}

/** The audit log, newest first, with the verification of its hash chain. */
export function AuditPage() {
  const { value: check, error: checkError } = useLoad(() => api.verifyAudit(), []);
  const { value: entries, error } = useLoad(async () => {
    const all: AuditEntry[] = [];
    for (let after = 0; ; ) {
      const page = await api.audit(after);
      all.push(...page.entries);
      if (page.next === null) break;
      after = page.next;
    }
    return all.reverse();
  }, []);
  const columns = useMemo<Columns<AuditEntry>>(() => [
    { accessorKey: 'seq', header: '#' },
    { accessorKey: 'at', header: 'Time', cell: ({ row }) => <Time value={row.original.at} precision="second" /> },
    { accessorKey: 'actor', header: 'Actor' },
    { accessorKey: 'action', header: 'Action' },
    { accessorKey: 'subject', header: 'Subject' },
    { id: 'before', header: 'Before', cell: ({ row }) => <JsonValue value={row.original.before} /> },
    { id: 'after', header: 'After', cell: ({ row }) => <JsonValue value={row.original.after} /> },
    { accessorKey: 'hash', header: 'Hash', cell: ({ row }) => <code title={row.original.hash}>{row.original.hash.slice(0, 12)}</code> },
  ], []);
  return (
    <section>
      <h1>Audit log</h1>
      <div className="card" role="region" aria-label="Chain verification">
        {checkError && <p className="error" role="alert">{checkError}</p>}
        {check && (check.ok
          ? <p className="ok" data-testid="chain">Chain verified: {check.entries.toLocaleString()} entries, each carrying the hash of the one before.</p>
          : <p className="error" role="alert" data-testid="chain">Chain broken at entry {check.broken?.seq}: {check.broken?.reason}.</p>)}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <DataTable label="Audit entries" data={entries ?? []} columns={columns} />
    </section>
  );
}
