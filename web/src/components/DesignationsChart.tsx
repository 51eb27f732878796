import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { yearlySeries, type GapAnswer } from '../gaps.js';

/** How many lists the stylesheet has colours for (implementation.css, --series-N and --series-N-light); more reuse them in turn. */
const SERIES = 6;
const colour = (index: number, light: boolean) => `var(--series-${(index % SERIES) + 1}${light ? '-light' : ''})`;

/**
 * Designations per year of listing, a stacked bar per list and year: the designations it carries
 * from the reference (UN-derived, the darker shade) under its own (separate, the lighter). The
 * numbers are also given as a table, for those who do not read the chart.
 */
export function DesignationsChart({ byYear, reference, against, labelOf }: { byYear: NonNullable<GapAnswer['by_year']>; reference: string; against: string[]; labelOf: (dataset: string) => string }) {
  // A list that gives no listing dates (OFAC's CSV) puts all its records under "unknown", a bar that can dwarf every year's: the analyst may leave it out.
  const [unknownShown, setUnknownShown] = useState(true);
  const datasets = [reference, ...against].filter((d) => byYear[d]);
  const all = yearlySeries(byYear, datasets);
  const hasUnknown = all.some((p) => p.year === 'unknown');
  const data = unknownShown ? all : all.filter((p) => p.year !== 'unknown');
  if (!all.length) return <p className="muted">No designation here has a listing year.</p>;
  const series = datasets.flatMap((d, i) => [
    { key: `${d}:un`, dataset: d, name: d === reference ? `${labelOf(d)}` : `${labelOf(d)}: UN-derived`, fill: colour(i, false) },
    ...(d === reference ? [] : [{ key: `${d}:separate`, dataset: d, name: `${labelOf(d)}: separate`, fill: colour(i, true) }]),
  ]);
  return (
    <>
      {hasUnknown && (
        <label className="check">
          <input type="checkbox" checked={unknownShown} onChange={(e) => setUnknownShown(e.target.checked)} />
          Show the records that give no listing year (as “unknown”)
        </label>
      )}
      <figure className="chart" aria-label="Designations per year by authority">
        <ResponsiveContainer width="100%" height={320}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="year" label={{ value: 'Year of listing', position: 'insideBottom', offset: -16 }} />
            <YAxis allowDecimals={false} label={{ value: 'Designations', angle: -90, position: 'insideLeft' }} />
            <Tooltip />
            {/* The bars' order (the reference first, then each list's UN-derived and separate), with the labels in the text's colour: a light series' colour is too pale to read. */}
            <Legend verticalAlign="top" itemSorter={null} formatter={(value: string) => <span className="legend-text">{value}</span>} />
            {series.map((s) => <Bar key={s.key} dataKey={s.key} name={s.name} stackId={s.dataset} fill={s.fill} />)}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <details>
        <summary>The numbers</summary>
        <div className="scroll">
          <table className="data" aria-label="Designations per year by authority">
            <thead><tr><th scope="col">Year</th>{series.map((s) => <th key={s.key} scope="col">{s.name}</th>)}</tr></thead>
            <tbody>
              {all.map((point) => (
                <tr key={point.year}>
                  <th scope="row">{point.year}</th>
                  {series.map((s) => <td key={s.key} className="num">{point[s.key]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
