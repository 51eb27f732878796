import { Fragment, useMemo, useState } from 'react';
import type { MeasureView, RegimeAnswer } from '../api.js';
import { DIRECTION_WORDS, EFFECT_WORDS, filterMeasures, MAPPING_WORDS, readAskedCode, sourceParts, TYPE_WORDS, VERIFICATION_WORDS, type RuleFilter } from '../regime.js';

/** A source cited by its key in the rules file: its text, each address in it a link. */
function Source({ text }: { text: string }) {
  return <>{sourceParts(text).map((part, i) => (part.href ? <a key={i} href={part.href} target="_blank" rel="noreferrer">{part.text}</a> : <Fragment key={i}>{part.text}</Fragment>))}</>;
}

const Verification = ({ status }: { status: MeasureView['verification'] }) => <span className={`tag verification-${status}`}>{VERIFICATION_WORDS[status]}</span>;

/** A measure's HS coverage: codes, exclusions, where the codes come from (indicative marked), and the words naming its goods. */
function Coverage({ measure }: { measure: MeasureView }) {
  if (!measure.coverage.length) return <span className="muted">no goods</span>;
  return (
    <ul className="how">
      {measure.coverage.map((c, i) => (
        <li key={i}>
          {c.hs?.length ? <>HS <code>{c.hs.join(', ')}</code></> : 'no HS codes'}
          {c.exclude?.length ? <> except <code>{c.exclude.join(', ')}</code></> : null}
          {c.mapping && <> {c.mapping === 'indicative' ? <span className="tag indicative" title={MAPPING_WORDS.indicative}>indicative</span> : <span className="muted">({MAPPING_WORDS[c.mapping]})</span>}</>}
          {c.scope === 'part' && <span className="muted"> (in part: the codes hold other goods too)</span>}
          {c.terms?.length ? <div className="muted small">words: {c.terms.join(', ')}</div> : null}
        </li>
      ))}
    </ul>
  );
}

/** Everything else a measure says: its text, cap, exceptions, notes and sources. */
function MeasureDetail({ measure, sources }: { measure: MeasureView; sources: Record<string, string> }) {
  return (
    <div className="measure-detail">
      <p>{measure.description}</p>
      <dl className="terms">
        <dt>Resolution</dt><dd>{measure.resolution}{measure.paragraph ? `, operative paragraph ${measure.paragraph}` : ' (paragraph not confirmed)'}</dd>
        <dt>Type</dt><dd>{TYPE_WORDS[measure.type]}</dd>
        {measure.superseded_by && <><dt>Superseded by</dt><dd><code>{measure.superseded_by}</code>{measure.until ? ` from ${measure.until}` : ''}</dd></>}
        {measure.cap && <><dt>Cap</dt><dd>{measure.cap.amount} ({measure.cap.period}){measure.cap.text ? `: ${measure.cap.text}` : ''} <Verification status={measure.cap.verification} /></dd></>}
        {measure.exceptions.length > 0 && (
          <><dt>Exceptions</dt><dd><ul className="how">{measure.exceptions.map((e, i) => <li key={i}>{e.text} <Verification status={e.verification} />{e.applies ? <span className="muted"> (the check looks for it in the shipment)</span> : null}</li>)}</ul></dd></>
        )}
        {measure.coverage.some((c) => c.note) && <><dt>Coverage notes</dt><dd>{measure.coverage.filter((c) => c.note).map((c, i) => <p key={i}>{c.note}</p>)}</dd></>}
        {measure.notes && <><dt>Notes</dt><dd>{measure.notes}</dd></>}
        <dt>Sources</dt>
        <dd><ul className="how sources">{measure.sources.map((key) => <li key={key}><code>{key}</code> {sources[key] ? <Source text={sources[key]} /> : null}</li>)}</ul></dd>
      </dl>
    </div>
  );
}

/**
 * The regime's rules (GET /regime): each measure with its basis, dates in force, direction,
 * effect, HS coverage and verification, its cap, exceptions and sources a click away; filtered
 * by direction, HS code, a date in force and words (the filter lives in the address).
 */
export function RegimeRules({ regime, filter, onFilter }: { regime: RegimeAnswer; filter: RuleFilter; onFilter: (change: Partial<RuleFilter>) => void }) {
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const asked = readAskedCode(filter.hs);
  const shown = useMemo(() => filterMeasures(regime.measures, filter), [regime, filter]);
  // A measure shown alone (a finding's link to it) is shown in full.
  const isOpen = (id: string) => toggled.has(id) !== (shown.length === 1);
  const toggle = (id: string) => setToggled((previous) => {
    const next = new Set(previous);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  const filtered = Boolean(filter.direction || filter.hs || filter.on || filter.text);
  return (
    <div>
      <p className="muted" data-testid="regime-version">
        {regime.title}: <code>{regime.file}</code>, rules {regime.rules_version}, compiled from {regime.compiled_from}. HS codes marked
        {' '}<span className="tag indicative">indicative</span> are a screening policy, not law: the resolution names the goods, not the code.
      </p>
      <form className="row card" aria-label="Filter the measures" onSubmit={(e) => e.preventDefault()}>
        <label>Direction
          <select value={filter.direction} onChange={(e) => onFilter({ direction: e.target.value as RuleFilter['direction'] })}>
            <option value="">Any direction</option>
            <option value="export_from_dprk">Out of the DPRK (and both ways)</option>
            <option value="import_to_dprk">Into the DPRK (and both ways)</option>
          </select>
        </label>
        <label>HS code
          <input value={filter.hs} placeholder="e.g. 2701.12" aria-invalid={Boolean(asked.problem)} aria-describedby={asked.problem ? 'hs-problem' : undefined} onChange={(e) => onFilter({ hs: e.target.value })} />
        </label>
        <label>In force on
          <input type="date" value={filter.on} onChange={(e) => onFilter({ on: e.target.value })} />
        </label>
        <label className="wide">Words
          <input type="search" value={filter.text} placeholder="e.g. coal, 2371, seafood" onChange={(e) => onFilter({ text: e.target.value })} />
        </label>
        {filtered && <button type="button" className="secondary" onClick={() => onFilter({ direction: '', hs: '', on: '', text: '' })}>Show all</button>}
      </form>
      {asked.problem && <p id="hs-problem" className="error" role="alert">HS code: {asked.problem}</p>}
      <p role="status" data-testid="regime-count">
        {shown.length} of {regime.measures.length} measures
        {asked.code ? ` cover HS ${filter.hs.trim()}` : ''}
        {filter.on ? ` in force on ${filter.on}` : ''}
        {filter.direction ? `, ${DIRECTION_WORDS[filter.direction]}` : ''}
        {asked.code && shown.some((s) => s.hs === 'wider') ? ` (those marked "may cover" list a narrower code inside HS ${filter.hs.trim()})` : ''}.
        {asked.code ? ' Measures naming goods by words only (luxury goods, arms) have no code to meet.' : ''}
      </p>
      <div className="scroll">
        <table className="data measures" aria-label="Measures">
          <thead>
            <tr><th scope="col">Measure</th><th scope="col">Basis</th><th scope="col">In force</th><th scope="col">Direction</th><th scope="col">Effect</th><th scope="col">HS coverage</th><th scope="col">Verification</th></tr>
          </thead>
          <tbody>
            {shown.map(({ measure, hs }) => (
              <Fragment key={measure.id}>
                <tr data-measure={measure.id} className={isOpen(measure.id) ? 'selected' : ''}>
                  <td>
                    <button type="button" className="link" aria-expanded={isOpen(measure.id)} aria-controls={`measure-${measure.id}`} onClick={() => toggle(measure.id)}>{measure.title}</button>
                    <div><code>{measure.id}</code></div>
                  </td>
                  <td>{measure.basis}</td>
                  <td className="dates" title={measure.until ? `in force from ${measure.in_force}; ${measure.until} is the first day it no longer applies` : undefined}>{measure.until ? `${measure.in_force} until ${measure.until}` : `since ${measure.in_force}`}</td>
                  <td>{DIRECTION_WORDS[measure.direction]}</td>
                  <td>{EFFECT_WORDS[measure.effect]}{measure.cap ? <div className="muted small">cap</div> : null}</td>
                  <td>
                    {hs && <div className={hs === 'within' ? 'covers' : 'may-cover'}>{hs === 'within' ? `covers HS ${filter.hs.trim()}` : `may cover HS ${filter.hs.trim()}`}</div>}
                    <Coverage measure={measure} />
                  </td>
                  <td><Verification status={measure.verification} /></td>
                </tr>
                {isOpen(measure.id) && (
                  <tr id={`measure-${measure.id}`} className="measure-more">
                    <td colSpan={7}><MeasureDetail measure={measure} sources={regime.sources} /></td>
                  </tr>
                )}
              </Fragment>
            ))}
            {!shown.length && <tr><td colSpan={7} className="muted">No measure matches the filter.</td></tr>}
          </tbody>
        </table>
      </div>
      <div className="card regime-more">
        <h2>Exemptions every measure admits</h2>
        <ul className="how">
          {regime.general_exemptions.map((e, i) => <li key={i}>{e.text} <Verification status={e.verification} /> {e.sources.map((s) => <span key={s}><code>{s}</code> {regime.sources[s] ? <Source text={regime.sources[s]} /> : null} </span>)}</li>)}
        </ul>
        <h2>National designations</h2>
        <p className="muted">How a finding cites a national list's designation: the list and the instrument of its program.</p>
        {Object.entries(regime.national_programs).map(([dataset, national]) => (
          <table key={dataset} className="plain" aria-label={`${national.list} programs`}>
            <caption>{national.list} (<code>{dataset}</code>)</caption>
            <tbody>
              {Object.entries(national.programs).map(([program, p]) => <tr key={program}><th scope="row">{program}</th><td>{p.instrument} <Verification status={p.verification} /></td></tr>)}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}
