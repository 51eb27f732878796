import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { COLLECTIONS, DATASETS } from '../../../src/core/collections.js';
import { labelOf } from '../../../src/core/ftm.js';
import { api } from '../api.js';
import { DesignationsChart } from '../components/DesignationsChart.js';
import { GapAuthorities } from '../components/GapAuthorities.js';
import { GapCellDialog } from '../components/GapCellDialog.js';
import { GapChanges } from '../components/GapChanges.js';
import { GapLegend, GapMatrix, type OpenedCell } from '../components/GapMatrix.js';
import { useLoad } from '../components/use-load.js';
import { choicesOf, fetchGaps, filterRows, type GapAnswer, type TakenVersion } from '../gaps.js';
import '../implementation.css';

/** The report asked for when the address names none: the Security Council's DPRK designations. */
const DEFAULTS = { reference: 'un_sc', collection: 'dprk' } as const;

/** An authority's name: the report's, else the publisher of a dataset Interdict parses itself, else the dataset's id. */
function nameOf(answer: GapAnswer | undefined, dataset: string): string {
  return answer?.authorities?.[dataset]?.authority ?? (DATASETS as Record<string, { publisher: string } | undefined>)[dataset]?.publisher ?? dataset;
}

/** A filter's choices and the one the address names, even when no row has it (a link from another report): the control shows what filters the rows. */
const withChosen = (choices: string[], chosen: string): string[] => (chosen && !choices.includes(chosen) ? [...choices, chosen] : choices);

/** A list's version in words: its publication date, else its id. */
const versionWords = (version: TakenVersion): string => (version.published ? `version of ${version.published}` : `undated version ${version.id}`);

/**
 * How far each authority implements the reference list's designations (GET /gaps): per authority
 * a summary, a matrix of designations against authorities whose cells open the records behind
 * them, designations per year, and what changed since a date. Every choice is kept in the
 * address's query, so that a view can be linked.
 */
export function ImplementationPage() {
  const [params, setParams] = useSearchParams();
  const reference = params.get('reference') || DEFAULTS.reference;
  const collection = params.get('collection') || DEFAULTS.collection;
  const chosen = (params.get('against') ?? '').split(',').filter((d) => d && d !== reference);
  const at = params.get('at') ?? '';
  const since = params.get('since') ?? '';
  const type = params.get('type') ?? '';
  const program = params.get('program') ?? '';
  const text = params.get('q') ?? '';
  const openId = params.get('open');
  const openList = params.get('list');

  // Each change replaces the address rather than adding to the history: the back button leaves the page, not each keystroke.
  const update = useCallback((changes: Record<string, string | null>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return next;
  }, { replace: true }), [setParams]);
  const onOpen = useCallback((cell: OpenedCell) => update({ open: cell.id, list: cell.dataset }), [update]);

  const { value: versions } = useLoad(() => api.versions(), []);
  const loaded = useMemo(() => [...new Set((versions ?? []).filter((v) => v.current).map((v) => v.dataset))].sort(), [versions]);
  const { value: answer, error, loading } = useLoad(() => fetchGaps({ reference, collection, against: chosen, at, since }), [reference, collection, chosen, at, since]);

  const authorityOf = useCallback((dataset: string) => nameOf(answer, dataset), [answer]);
  const rows = useMemo(() => filterRows(answer?.rows ?? [], { type, program, text }), [answer, type, program, text]);
  const types = useMemo(() => choicesOf(answer?.rows ?? [], 'schema'), [answer]);
  const programs = useMemo(() => choicesOf(answer?.rows ?? [], 'programs'), [answer]);
  const openedRow = openId && openList ? answer?.rows.find((r) => r.id === openId) : undefined;
  const opened = openedRow && openList ? { id: openedRow.id, dataset: openList } : null;

  // The lists offered: those loaded besides the reference, and any the report compares that the list of versions lacks.
  const others = [...new Set([...loaded, ...(answer?.against ?? [])])].filter((d) => d !== reference).sort();
  const shown = chosen.length ? chosen : (answer?.against ?? others);
  const toggle = (dataset: string, on: boolean) => {
    const next = on ? [...shown, dataset] : shown.filter((d) => d !== dataset);
    update({ against: next.length && next.length < others.length ? [...new Set(next)].sort().join(',') : null });
  };

  const lacking = answer ? [
    types === null && 'record types (no type filter)',
    programs === null && 'programs (no program filter)',
    !answer.authorities && 'how each authority implements UN designations',
    !answer.by_year && 'designations per year (no chart)',
    !answer.separate && 'separate designations',
    at && answer.at === undefined && `lists at a date (the report is of the current lists, not at ${at})`,
    since && !answer.changes && `changes since a date (none shown since ${since})`,
  ].filter((x): x is string => Boolean(x)) : [];

  return (
    <section aria-busy={loading}>
      <h1>Implementation</h1>
      <form className="card gap-controls" aria-label="Report" onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <label>Reference list
            <select value={reference} onChange={(e) => update({ reference: e.target.value === DEFAULTS.reference ? null : e.target.value, against: chosen.filter((d) => d !== e.target.value).join(',') || null, open: null, list: null })}>
              {[...new Set([reference, ...loaded])].sort().map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
          <label>Collection
            <select value={collection} onChange={(e) => update({ collection: e.target.value === DEFAULTS.collection ? null : e.target.value, open: null, list: null })}>
              {[...new Set([collection, ...COLLECTIONS])].map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label>Lists taken at
            <input type="date" value={at} onChange={(e) => update({ at: e.target.value, open: null, list: null })} />
          </label>
          <label>Changes since
            <input type="date" value={since} max={at || undefined} onChange={(e) => update({ since: e.target.value })} />
          </label>
        </div>
        <fieldset className="gap-authorities-choice">
          <legend>Authorities shown</legend>
          {others.map((d) => (
            <label key={d} className="check">
              <input type="checkbox" checked={shown.includes(d)} disabled={shown.length === 1 && shown.includes(d)} onChange={(e) => toggle(d, e.target.checked)} />
              {d} <span className="muted">{nameOf(answer, d) !== d ? nameOf(answer, d) : ''}</span>
            </label>
          ))}
          {!others.length && <span className="muted">No other list is loaded.</span>}
        </fieldset>
        <div className="row">
          {types !== null && (
            <label>Type
              <select value={type} onChange={(e) => update({ type: e.target.value })}>
                <option value="">Any type</option>
                {withChosen(types, type).map((t) => <option key={t} value={t}>{labelOf(t)}{types.includes(t) ? '' : ' (none here)'}</option>)}
              </select>
            </label>
          )}
          {programs !== null && (
            <label>Program
              <select value={program} onChange={(e) => update({ program: e.target.value })}>
                <option value="">Any program</option>
                {withChosen(programs, program).map((p) => <option key={p} value={p}>{p}{programs.includes(p) ? '' : ' (none here)'}</option>)}
              </select>
            </label>
          )}
          <label className="wide">Name or id
            <input type="search" value={text} placeholder="e.g. KOMID or KPe.001" onChange={(e) => update({ q: e.target.value })} />
          </label>
        </div>
      </form>

      {error ? <p className="error" role="alert">{error}</p>
        : !answer ? <p className="muted">Loading…</p>
        : (
          <>
            {loading && <p className="muted" role="status">Updating…</p>}
            {lacking.length > 0 && <p className="muted" data-testid="gap-lacking">This server does not give {lacking.join('; ')}.</p>}
            {(answer.notes ?? []).length > 0 && <div className="warning">{answer.notes!.map((n, i) => <p key={i}>{n}</p>)}</div>}
            <div className="card">
              <h2>Authorities</h2>
              <p data-testid="gap-scope">
                {answer.rows.length} designation{answer.rows.length === 1 ? '' : 's'} of {nameOf(answer, answer.reference)} (<span className="tag">{answer.reference}</span>)
                {answer.collection ? ` in ${answer.collection}` : ''}
                {answer.at !== undefined && (answer.at ? `, the lists as they stood on ${answer.at}` : ', the current lists')}
                {answer.versions?.[answer.reference] && ` (${versionWords(answer.versions[answer.reference]!)})`}.
              </p>
              {answer.against.length ? <GapAuthorities answer={answer} labelOf={authorityOf} /> : <p className="muted">No other list to compare with.</p>}
            </div>
            {answer.changes && <GapChanges changes={answer.changes} labelOf={authorityOf} />}
            <div className="card">
              <h2>Designations against authorities</h2>
              {!answer.rows.length ? <p className="muted">The reference list has no designation in {answer.collection ?? 'this scope'}.</p> : (
                <>
                  <p className="muted" data-testid="gap-count">{rows.length === answer.rows.length ? `${rows.length} designations` : `${rows.length} of ${answer.rows.length} designations`}. A cell opens the records behind it.</p>
                  <GapLegend reference={answer.reference} />
                  <GapMatrix rows={rows} against={answer.against} reference={answer.reference} authorityOf={authorityOf} opened={opened} onOpen={onOpen} />
                </>
              )}
            </div>
            <div className="card">
              <h2>Designations per year</h2>
              {answer.by_year
                ? <DesignationsChart byYear={answer.by_year} reference={answer.reference} against={answer.against} labelOf={authorityOf} />
                : <p className="muted">This server gives no designations per year: no chart.</p>}
            </div>
            {openedRow && opened && (
              <GapCellDialog key={`${opened.id} ${opened.dataset}`} row={openedRow} dataset={opened.dataset} authority={authorityOf(opened.dataset)} reference={answer.reference}
                onClose={() => update({ open: null, list: null })} />
            )}
          </>
        )}
    </section>
  );
}
