import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { labelOf } from '../../../src/core/ftm.js';
import { api, type ListVersion, type VersionDiff } from '../api.js';
import { Tabs } from '../components/Tabs.js';
import { Time } from '../components/Time.js';
import { useLoad } from '../components/use-load.js';
import { formatDate } from '../format.js';

const label = (v: ListVersion) => formatDate(v.published ?? v.loadedAt);

/** How many entities of each kind a diff lists before saying how many more there are. */
const LISTED = 200;

// Two stored versions never change, nor does their diff: the chart and the comparison share them.
const diffs = new Map<string, Promise<VersionDiff>>();
function diffOf(from: string, to: string): Promise<VersionDiff> {
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
  const [chosen, setChosen] = useState('');
  const dataset = datasets.includes(chosen) ? chosen : (datasets[0] ?? '');
  // Oldest first, as on a timeline.
  const mine = useMemo(() => (versions ?? []).filter((v) => v.dataset === dataset).sort((a, b) => label(a).localeCompare(label(b)) || a.loadedAt.localeCompare(b.loadedAt)), [versions, dataset]);

  const { value: changes, loading: comparing } = useLoad(async () => {
    const out: { version: string; added: number; removed: number; changed: number }[] = [];
    for (let i = 1; i < mine.length; i++) {
      const d = await diffOf(mine[i - 1]!.id, mine[i]!.id);
      out.push({ version: label(mine[i]!), added: d.added.length, removed: d.removed.length, changed: d.changed.length });
    }
    return out;
  }, [mine]);

  // The two versions compared: the analyst's choice within this dataset, else its newest two.
  const [picked, setPicked] = useState<{ dataset: string; from: string; to: string } | null>(null);
  const pair = picked?.dataset === dataset ? picked : { dataset, from: mine.at(-2)?.id ?? '', to: mine.at(-1)?.id ?? '' };
  const { from, to } = pair;
  const { value: diff, error: diffError, loading: diffing } = useLoad(() => (from && to && from !== to ? diffOf(from, to) : Promise.resolve(null)), [from, to]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!versions) return <p className="muted">Loading…</p>;
  return (
    <section>
      <h1>Lists</h1>
      <Tabs label="Datasets" tabs={datasets} selected={dataset} onSelect={setChosen}>
        <div className="grid">
          <div className="card">
            <h2>Versions</h2>
            <ol className="timeline" aria-label="Versions">
              {mine.map((v) => (
                <li key={v.id} className={v.current ? 'current' : ''}>
                  <strong>{label(v)}</strong> <code>{v.id}</code>
                  <div className="muted">{v.entityCount.toLocaleString()} entities · loaded <Time value={v.loadedAt} />{v.current ? ' · current' : ''}</div>
                </li>
              ))}
            </ol>
          </div>
          <div className="card">
            <h2>Additions and removals per version</h2>
            {changes === undefined || comparing ? <p className="muted">Comparing versions…</p> : changes.length > 0 ? (
              <figure className="chart" aria-label="Additions and removals per version">
                <ResponsiveContainer width="100%" height={260}>
                  <BarChart data={changes}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="version" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    {/* The colours are the stylesheet's (styles.css, --chart-*), as the diff below uses them. */}
                    <Bar dataKey="added" fill="var(--chart-added)" />
                    <Bar dataKey="removed" fill="var(--chart-removed)" />
                    <Bar dataKey="changed" fill="var(--chart-changed)" />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            ) : <p className="muted">One version only: nothing to compare yet.</p>}
          </div>
        </div>
        <div className="card">
          <h2>Compare two versions</h2>
          <div className="row">
            <label>From version <select value={from} onChange={(e) => setPicked({ ...pair, from: e.target.value })}>{mine.map((v) => <option key={v.id} value={v.id}>{label(v)} ({v.id})</option>)}</select></label>
            <label>To version <select value={to} onChange={(e) => setPicked({ ...pair, to: e.target.value })}>{mine.map((v) => <option key={v.id} value={v.id}>{label(v)} ({v.id})</option>)}</select></label>
          </div>
          {diffError && <p className="error" role="alert">{diffError}</p>}
          {diffing && <p className="muted">Comparing…</p>}
          {diff && !diffing && <Differences diff={diff} />}
        </div>
      </Tabs>
    </section>
  );
}

/** A diff's entities by name, each linked to its page while a current list carries it, with what changed in a changed one. */
function Differences({ diff }: { diff: VersionDiff }) {
  return (
    <div className="diff" role="region" aria-label="Differences">
      {(['added', 'removed', 'changed'] as const).map((kind) => (
        <div key={kind} className={`diff-${kind}`}>
          <h3>{kind} ({diff[kind].length})</h3>
          <ul className="ids">
            {diff[kind].slice(0, LISTED).map((id) => {
              const caption = diff.captions[id] ?? id;
              const changed = diff.changed_properties[id];
              return (
                <li key={id}>
                  {kind === 'removed' ? <span>{caption}</span> : <Link to={`/entities/${encodeURIComponent(id)}`}>{caption}</Link>}
                  {' '}<code className="muted">{id}</code>
                  {changed && changed.length > 0 && <div className="muted changed">changed: {changed.map(labelOf).join(', ')}</div>}
                </li>
              );
            })}
            {diff[kind].length > LISTED && <li className="muted">… and {diff[kind].length - LISTED} more</li>}
          </ul>
        </div>
      ))}
    </div>
  );
}
