import Papa from 'papaparse';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type ScreeningJob } from '../api.js';
import { DataTable, type Columns } from '../components/DataTable.js';
import { ScreenedAgainst } from '../components/ScreenedAgainst.js';
import { ScoreBar } from '../components/ScoreBar.js';

/** The properties a customer file's columns can be mapped to (as `interdict screen --columns`). */
const TARGETS = ['name', 'id', 'birthDate', 'nationality', 'country', 'passportNumber', 'idNumber', 'registrationNumber', 'imoNumber', 'schema'] as const;
/** Usual column names, pre-selected. */
const GUESSES: Record<string, RegExp> = {
  name: /^(name|full_?name|customer_?name|party_?name)$/i, id: /^(id|customer_?id|party_?id|reference|cust_?no)$/i, birthDate: /^(dob|birth_?date|date_?of_?birth)$/i,
  nationality: /^nationality$/i, country: /^country$/i, passportNumber: /^passport(_?(no|number))?$/i, imoNumber: /^imo(_?number)?$/i, schema: /^(schema|type)$/i,
};

/** A delimiter as a reader names it (a tab is invisible). */
const delimiterName = (delimiter: string): string => (delimiter === '\t' ? 'tab' : delimiter === ' ' ? 'space' : delimiter);

interface Outcome {
  line: string; id: string; name: string; schema: string; match_id: string; match_caption: string; score: string; match: string; datasets: string; error: string;
}

/** Batch screening: upload a CSV, map its columns, watch it run, filter and download the results. */
export function BatchPage() {
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [job, setJob] = useState<ScreeningJob | null>(null);
  const [results, setResults] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = (chosen: File | null) => {
    setFile(chosen); setJob(null); setResults(null); setError(null);
    if (!chosen) return;
    Papa.parse<string[]>(chosen, {
      preview: 1,
      complete: (parsed) => {
        const columns = (parsed.data[0] ?? []).map((c) => c.trim()).filter(Boolean);
        setHeader(columns);
        const guessed: Record<string, string> = {};
        for (const [target, pattern] of Object.entries(GUESSES)) {
          const column = columns.find((c) => pattern.test(c));
          if (column) guessed[target] = column;
        }
        setMapping(guessed);
      },
      error: (e) => setError(`${chosen.name}: ${e.message}`),
    });
  };

  const submit = async () => {
    if (!file) return;
    setError(null); setResults(null);
    try {
      const columns = Object.entries(mapping).filter(([, column]) => column).map(([target, column]) => `${target}=${column}`).join(',');
      setJob(await api.submitScreening(file, columns));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  // Live progress, then the results.
  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const timer = setTimeout(() => void api.screening(job.id).then(setJob, (e: Error) => setError(e.message)), 400);
    return () => clearTimeout(timer);
  }, [job]);
  useEffect(() => {
    if (job?.status === 'done' && results === null) void api.screeningResults(job.id).then(setResults, (e: Error) => setError(e.message));
  }, [job, results]);

  return (
    <section>
      <h1>Batch screening</h1>
      <div className="card">
        <label>
          Customer file (CSV with a header row)
          <input type="file" accept=".csv,text/csv" aria-label="Customer file" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
        </label>
        {header.length > 0 && (
          <>
            <h2>Columns</h2>
            <div className="mapping">
              {TARGETS.map((target) => (
                <label key={target}>
                  {target}{target === 'name' ? ' (required)' : ''}
                  <select value={mapping[target] ?? ''} aria-label={`column for ${target}`} onChange={(e) => setMapping({ ...mapping, [target]: e.target.value })}>
                    <option value="">—</option>
                    {header.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </label>
              ))}
            </div>
            <button type="button" disabled={!mapping.name || Boolean(job && job.status !== 'done' && job.status !== 'failed')} onClick={() => void submit()}>Screen {file?.name}</button>
          </>
        )}
        {error && <p className="error" role="alert">{error}</p>}
      </div>
      {job && (
        <div className="card" aria-label="Progress">
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
      {results !== null && job && <Results csv={results} name={`${file?.name.replace(/\.csv$/i, '') ?? job.id}.results.csv`} />}
    </section>
  );
}

function Results({ csv, name }: { csv: string; name: string }) {
  const rows = useMemo(() => Papa.parse<Outcome>(csv, { header: true, skipEmptyLines: true }).data, [csv]);
  const [minScore, setMinScore] = useState(0);
  const [decision, setDecision] = useState<'all' | 'match' | 'no match' | 'error'>('all');
  const shown = useMemo(() => rows.filter((r) => (Number(r.score) || 0) >= minScore && (decision === 'all' || (decision === 'error' ? Boolean(r.error) : decision === 'match' ? r.match === 'true' : r.match !== 'true'))), [rows, minScore, decision]);
  const download = () => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url; a.download = name; a.click();
    URL.revokeObjectURL(url);
  };
  const columns = useMemo<Columns<Outcome>>(() => [
    { accessorKey: 'line', header: 'Line', sortingFn: (a, b) => Number(a.original.line) - Number(b.original.line) },
    { accessorKey: 'id', header: 'Id' },
    { accessorKey: 'name', header: 'Name' },
    { accessorKey: 'match_caption', header: 'Best candidate', cell: ({ row }) => (row.original.match_id ? <Link to={`/entities/${encodeURIComponent(row.original.match_id)}`}>{row.original.match_caption}</Link> : <span className="muted">{row.original.error || '—'}</span>) },
    { accessorKey: 'score', header: 'Score', sortingFn: (a, b) => Number(a.original.score) - Number(b.original.score), cell: ({ row }) => (row.original.score ? <ScoreBar score={Number(row.original.score)} match={row.original.match === 'true'} /> : '') },
    { accessorKey: 'match', header: 'Decision', cell: ({ row }) => (row.original.match === 'true' ? 'match' : row.original.error ? 'error' : 'no match') },
    { accessorKey: 'datasets', header: 'Datasets' },
  ], []);
  return (
    <div className="card">
      <h2>Results</h2>
      <div className="row">
        <label>Score at least <input type="number" min={0} max={1} step={0.05} value={minScore} onChange={(e) => setMinScore(Number(e.target.value))} aria-label="minimum score" /></label>
        <label>Decision
          <select value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)} aria-label="decision filter">
            <option value="all">all</option><option value="match">match</option><option value="no match">no match</option><option value="error">error</option>
          </select>
        </label>
        <span className="muted">{shown.length} of {rows.length} rows</span>
        <button type="button" onClick={download}>Download CSV</button>
      </div>
      <DataTable label="Screening results" data={shown} columns={columns} />
    </div>
  );
}
