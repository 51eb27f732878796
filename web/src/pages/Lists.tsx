import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type ListDiff, type ListVersion } from '../api.js';
import { useLoad } from '../components/useLoad.js';

const label = (v: ListVersion) => v.published ?? v.loadedAt.slice(0, 10);

// Two stored versions never change, nor does their diff: the chart and the comparison share them.
const diffs = new Map<string, ReturnType<typeof api.diff>>();
function diffOf(from: string, to: string): ReturnType<typeof api.diff> {
  const key = `${from} ${to}`;
  let diff = diffs.get(key);
  if (!diff) {
    diff = api.diff(from, to);
    diffs.set(key, diff);
    diff.catch(() => diffs.delete(key));
  }
  return diff;
}

/** Each dataset's versions on a timeline, additions and removals per version, and the diff of any two. */
export function ListsPage() {
  const { value: versions, error } = useLoad(() => api.versions(), []);
  const datasets = useMemo(() => [...new Set((versions ?? []).map((v) => v.dataset))].sort(), [versions]);
  const [dataset, setDataset] = useState<string>('');
  useEffect(() => { if (!dataset && datasets[0]) setDataset(datasets[0]); }, [datasets, dataset]);
  // Oldest first, as on a timeline.
  const mine = useMemo(() => (versions ?? []).filter((v) => v.dataset === dataset).sort((a, b) => label(a).localeCompare(label(b)) || a.loadedAt.localeCompare(b.loadedAt)), [versions, dataset]);

  const { value: changes } = useLoad(async () => {
    const out: { version: string; added: number; removed: number; changed: number }[] = [];
    for (let i = 1; i < mine.length; i++) {
      const d = await diffOf(mine[i - 1]!.id, mine[i]!.id);
      out.push({ version: label(mine[i]!), added: d.added.length, removed: d.removed.length, changed: d.changed.length });
    }
    return out;
  }, [mine]);

  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    setFrom(mine.length > 1 ? mine[mine.length - 2]!.id : '');
    setTo(mine.length ? mine[mine.length - 1]!.id : '');
  }, [mine]);
  const { value: diff, error: diffError } = useLoad<(ListDiff & { from: string; to: string }) | null>(() => (from && to && from !== to ? diffOf(from, to) : Promise.resolve(null)), [from, to]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!versions) return <p className="muted">Loading…</p>;
  return (
    <section>
      <h1>Lists</h1>
      <div className="tabs" role="tablist" aria-label="Datasets">
        {datasets.map((d) => <button key={d} type="button" role="tab" aria-selected={d === dataset} className={d === dataset ? 'active' : ''} onClick={() => setDataset(d)}>{d}</button>)}
      </div>
      <div className="grid">
        <div className="card">
          <h2>Versions</h2>
          <ol className="timeline" aria-label="Versions">
            {mine.map((v) => (
              <li key={v.id} className={v.current ? 'current' : ''}>
                <strong>{label(v)}</strong> <code>{v.id}</code>
                <div className="muted">{v.entityCount.toLocaleString()} entities · loaded {v.loadedAt.replace('T', ' ').slice(0, 16)}{v.current ? ' · current' : ''}</div>
              </li>
            ))}
          </ol>
        </div>
        <div className="card">
          <h2>Additions and removals per version</h2>
          {changes === undefined ? <p className="muted">Comparing versions…</p> : changes.length > 0 ? (
            <figure className="chart" aria-label="Additions and removals per version">
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={changes}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="version" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="added" fill="#2e7d32" />
                  <Bar dataKey="removed" fill="#c62828" />
                  <Bar dataKey="changed" fill="#f9a825" />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          ) : <p className="muted">One version only: nothing to compare yet.</p>}
        </div>
      </div>
      <div className="card">
        <h2>Compare two versions</h2>
        <div className="row">
          <label>From <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From version">{mine.map((v) => <option key={v.id} value={v.id}>{label(v)} ({v.id})</option>)}</select></label>
          <label>To <select value={to} onChange={(e) => setTo(e.target.value)} aria-label="To version">{mine.map((v) => <option key={v.id} value={v.id}>{label(v)} ({v.id})</option>)}</select></label>
        </div>
        {diffError && <p className="error">{diffError}</p>}
        {diff && (
          <div className="diff" aria-label="Differences">
            {(['added', 'removed', 'changed'] as const).map((kind) => (
              <div key={kind}>
                <h3>{kind} ({diff[kind].length})</h3>
                <ul className="ids">
                  {diff[kind].slice(0, 200).map((id) => <li key={id}>{kind === 'removed' ? <code>{id}</code> : <Link to={`/entities/${encodeURIComponent(id)}`}>{id}</Link>}</li>)}
                  {diff[kind].length > 200 && <li className="muted">… and {diff[kind].length - 200} more</li>}
                </ul>
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
