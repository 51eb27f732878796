import Papa from 'papaparse';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { CUSTOMER_COLUMNS, customerColumn, labelOf } from '../../../src/core/ftm.js';
import { api, type ScreeningJob } from '../api.js';
import { DataTable, rowOpener, type Columns } from '../components/DataTable.js';
import { ScreenedAgainst } from '../components/ScreenedAgainst.js';
import { ScoreBar } from '../components/ScoreBar.js';
import { useLoad } from '../components/use-load.js';

/** What a customer file's columns can fill (as `interdict screen --columns`): the row's id and schema, and the properties the server recognizes by column name. */
const TARGETS = ['name', 'id', ...Object.keys(CUSTOMER_COLUMNS).filter((p) => p !== 'name'), 'schema'];
/** The two targets that are no FtM property. */
const TARGET_LABELS: Record<string, string> = { id: 'Your id for the row', schema: 'Schema' };
const targetLabel = (target: string): string => TARGET_LABELS[target] ?? labelOf(target);

/** How often a running screening is asked how far it has got (ms). */
const PROGRESS_EVERY = 400;

/** A delimiter as a reader names it (a tab is invisible). */
const delimiterName = (delimiter: string): string => (delimiter === '\t' ? 'tab' : delimiter === ' ' ? 'space' : delimiter);

const running = (job: ScreeningJob): boolean => job.status !== 'done' && job.status !== 'failed';

/** The columns pre-selected for a header: each filled by the first column the server itself would read for it without a map. */
function guessColumns(header: string[]): Record<string, string> {
  const guessed: Record<string, string> = {};
  for (const column of header) {
    const target = customerColumn(column);
    if (target && !guessed[target]) guessed[target] = column;
  }
  return guessed;
}

/** One row of a screening's results CSV (`designee_*`: a match's designee, every list listing it and every record of it). */
interface Outcome {
  line: string; id: string; name: string; schema: string; match_id: string; match_caption: string; score: string; match: string; datasets: string; explanation: string; error: string; warnings: string;
  query_name: string; matched_name: string; designee_id: string; designee_datasets: string; designee_members: string;
}

/** The lists a row's best candidate is on: every list listing its designee, for a match. */
const listsOf = (outcome: Outcome): string => (outcome.designee_datasets || outcome.datasets).split(';').filter(Boolean).join(', ');

/** Batch screening: upload a CSV, map its columns, watch it run, filter the results, open each row's explanation, download them. */
export function BatchPage() {
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState<ScreeningJob | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // The job followed until it ends, then its results.
  const jobId = submitted?.id ?? null;
  const { value: polled, error: progressError } = useLoad(() => (jobId ? api.screening(jobId) : Promise.resolve(null)), [jobId], { again: (job) => (job && running(job) ? PROGRESS_EVERY : undefined) });
  const job = polled?.id === jobId ? polled : submitted;
  const finished = job?.status === 'done' ? job.id : null;
  const { value: results, error: resultsError } = useLoad(() => (finished ? api.screeningResults(finished) : Promise.resolve(null)), [finished]);

  const choose = (chosen: File | null) => {
    setFile(chosen); setSubmitted(null); setProblem(null); setHeader([]); setMapping({});
    if (!chosen) return;
    Papa.parse<string[]>(chosen, {
      preview: 1,
      complete: (parsed) => {
        const columns = (parsed.data[0] ?? []).map((c) => c.trim()).filter(Boolean);
        setHeader(columns);
        setMapping(guessColumns(columns));
      },
      error: (e) => setProblem(`${chosen.name}: ${e.message}`),
    });
  };

  const submit = async () => {
    if (!file) return;
    setProblem(null);
    try {
      const columns = Object.entries(mapping).filter(([, column]) => column).map(([target, column]) => `${target}=${column}`).join(',');
      setSubmitted(await api.submitScreening(file, columns));
    } catch (e) {
      setProblem((e as Error).message);
    }
  };

  const error = problem ?? progressError ?? resultsError;
  return (
    <section>
      <h1>Batch screening</h1>
      <div className="card">
        <label>
          Customer file (CSV with a header row)
          <input type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
        </label>
        {header.length > 0 && (
          <>
            <h2>Columns</h2>
            <div className="mapping">
              {TARGETS.map((target) => (
                <label key={target}>
                  {targetLabel(target)}{target === 'name' ? ' (required)' : ''}
                  <select value={mapping[target] ?? ''} onChange={(e) => setMapping({ ...mapping, [target]: e.target.value })}>
                    <option value="">—</option>
                    {header.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </label>
              ))}
            </div>
            <button type="button" disabled={!mapping.name || Boolean(job && running(job))} onClick={() => void submit()}>Screen {file?.name}</button>
          </>
        )}
        {error && <p className="error" role="alert">{error}</p>}
      </div>
      {job && (
        <div className="card" role="region" aria-label="Progress">
          <h2>Screening <code>{job.id}</code>: {job.status}</h2>
          <progress max={Math.max(job.total, 1)} value={job.done} aria-label="rows screened" />
          <p>
            {job.done.toLocaleString()} of {job.total.toLocaleString()} rows · {job.matches.toLocaleString()} matches · {job.bad} bad rows
            {job.warned > 0 && ` · ${job.warned.toLocaleString()} rows with warnings`}
            {job.not_reached > 0 && ` · ${job.not_reached.toLocaleString()} rows not reached`}
            {job.error ? ` · ${job.error}` : ''}
          </p>
          {job.detected && (
            <p className="muted">
              File read as <code>{job.detected.encoding}</code>
              {job.detected.delimiter !== null && <>, delimiter <code>{delimiterName(job.detected.delimiter)}</code></>}
            </p>
          )}
          <ScreenedAgainst lists={job.lists} warnings={job.warnings} />
        </div>
      )}
      {results && job && <Results key={job.id} csv={results} name={`${file?.name.replace(/\.csv$/i, '') ?? job.id}.results.csv`} />}
    </section>
  );
}

function Results({ csv, name }: { csv: string; name: string }) {
  const rows = useMemo(() => Papa.parse<Outcome>(csv, { header: true, skipEmptyLines: true }).data, [csv]);
  const [minScore, setMinScore] = useState(0);
  const [decision, setDecision] = useState<'all' | 'match' | 'no match' | 'error'>('all');
  const [opened, setOpened] = useState<string | null>(null);
  const shown = useMemo(() => rows.filter((r) => (Number(r.score) || 0) >= minScore && (decision === 'all' || (decision === 'error' ? Boolean(r.error) : decision === 'match' ? r.match === 'true' : r.match !== 'true'))), [rows, minScore, decision]);
  const open = rows.find((r) => r.line === opened);
  const download = () => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url; a.download = name; a.click();
    URL.revokeObjectURL(url);
  };
  const columns = useMemo<Columns<Outcome>>(() => [
    { accessorKey: 'line', header: 'Line', sortingFn: (a, b) => Number(a.original.line) - Number(b.original.line) },
    { accessorKey: 'id', header: 'Id' },
    {
      accessorKey: 'name', header: 'Name',
      // The row's button: what the keyboard opens the explanation with (the row itself opens with a click).
      cell: (context) => {
        const { isOpen, open } = rowOpener(context);
        return (
          <button type="button" className="link" aria-expanded={isOpen} aria-controls={isOpen ? 'row-explanation' : undefined} onClick={open}>
            {context.row.original.name || `line ${context.row.original.line}`}
          </button>
        );
      },
    },
    { accessorKey: 'match_caption', header: 'Best candidate', cell: ({ row }) => (row.original.match_id ? <Link to={`/entities/${encodeURIComponent(row.original.match_id)}`}>{row.original.match_caption}</Link> : <span className="muted">{row.original.error || '—'}</span>) },
    { accessorKey: 'score', header: 'Score', sortingFn: (a, b) => Number(a.original.score) - Number(b.original.score), cell: ({ row }) => (row.original.score ? <ScoreBar score={Number(row.original.score)} match={row.original.match === 'true'} /> : '') },
    { accessorKey: 'match', header: 'Decision', cell: ({ row }) => (row.original.match === 'true' ? 'match' : row.original.error ? 'error' : 'no match') },
    { id: 'lists', header: 'Listed by', accessorFn: listsOf },
  ], []);
  return (
    <div className="card">
      <h2>Results</h2>
      <div className="row">
        <label>Score at least <input type="number" min={0} max={1} step={0.05} value={minScore} onChange={(e) => setMinScore(Number(e.target.value))} /></label>
        <label>Decision
          <select value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)}>
            <option value="all">all</option><option value="match">match</option><option value="no match">no match</option><option value="error">error</option>
          </select>
        </label>
        <span className="muted" role="status">{shown.length} of {rows.length} rows</span>
        <button type="button" onClick={download}>Download CSV</button>
      </div>
      <div className={`results-split ${open ? 'opened' : ''}`}>
        <DataTable label="Screening results" data={shown} columns={columns} onOpen={(r) => setOpened(opened === r.line ? null : r.line)} selected={(r) => r.line === opened} />
        {open && <RowExplanation outcome={open} onClose={() => setOpened(null)} />}
      </div>
    </div>
  );
}

/** One row's outcome as the screening recorded it: its best candidate, the score's explanation feature by feature, its warnings. */
function RowExplanation({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const features = outcome.explanation ? outcome.explanation.split('; ') : [];
  return (
    <div id="row-explanation" className="row-explanation" role="region" aria-label={`Explanation of line ${outcome.line}`}>
      <h3>Line {outcome.line}: {outcome.name || 'no name'}</h3>
      {outcome.error ? <p className="error">{outcome.error}</p> : outcome.match_id ? (
        <p>
          Best candidate <Link to={`/entities/${encodeURIComponent(outcome.match_id)}`}>{outcome.match_caption}</Link>, score {Number(outcome.score).toFixed(2)}: {outcome.match === 'true' ? 'a match' : 'not a match'}.
          {outcome.matched_name && <> Matched on “{outcome.query_name}” ~ “{outcome.matched_name}”.</>}
        </p>
      ) : <p>No candidate scores high enough to be shown.</p>}
      {outcome.designee_id && (
        <p>
          Listed by {listsOf(outcome)}:{' '}
          {outcome.designee_members.split(';').map((id, i) => <span key={id}>{i > 0 && ', '}<Link to={`/entities/${encodeURIComponent(id)}`}><code>{id}</code></Link></span>)}
        </p>
      )}
      {features.length > 0 && <ul className="how">{features.map((feature, i) => <li key={i}>{feature}</li>)}</ul>}
      {outcome.warnings && <p className="warning">{outcome.warnings}</p>}
      <button type="button" className="link" onClick={onClose}>Close</button>
    </div>
  );
}
