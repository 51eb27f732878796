import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../api.js';
import { useLoad } from '../components/use-load.js';
import { bbl, byStateAndMonth, petroleumApi, readDeliveriesText, runningTotals, words, type LedgerStatus, type PetroleumKind, type PetroleumNotice, type StoredDelivery } from '../petroleum.js';
import { can, useSession } from '../session.js';
import '../petroleum.css';

const KINDS: Record<PetroleumKind, string> = { refined: 'Refined petroleum', crude: 'Crude oil' };

/**
 * The petroleum ledgers: a year's running total against its cap as a chart with the threshold
 * lines, the deliveries by State and month, the factors per State, and a State's notice for a
 * month. The year and ledger live in the address (`#/petroleum?year=2019&kind=refined`).
 */
export function PetroleumPage() {
  const session = useSession();
  const analyst = can(session, 'analyst');
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getUTCFullYear();
  const kind: PetroleumKind = params.get('kind') === 'crude' ? 'crude' : 'refined';
  const choose = (changes: Record<string, string>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    return next;
  }, { replace: true });

  const { value: status, error, reload: reloadStatus } = useLoad(() => petroleumApi.status(year, kind), [year, kind]);
  const { value: deliveries, reload: reloadDeliveries } = useLoad(() => petroleumApi.deliveries(year, kind), [year, kind]);
  const changed = () => {
    reloadStatus();
    reloadDeliveries();
  };

  return (
    <section>
      <h1>Petroleum ledgers</h1>
      <form className="card row" aria-label="Ledger" onSubmit={(e) => e.preventDefault()}>
        <label>Ledger
          <select value={kind} onChange={(e) => choose({ kind: e.target.value })}>
            {Object.entries(KINDS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </label>
        <label>Year
          <input type="number" min={2017} max={2100} value={year} onChange={(e) => e.target.value && choose({ year: e.target.value })} />
        </label>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {status && <Standing status={status} />}
      {status && <LedgerChart status={status} />}
      {status && deliveries && <ByStateAndMonth status={status} deliveries={deliveries} />}
      {deliveries && <Deliveries deliveries={deliveries} />}
      {analyst && <RecordDeliveries onRecorded={changed} />}
      <Factors analyst={analyst} onChanged={changed} />
      <Notice kind={kind} deliveries={deliveries ?? []} />
    </section>
  );
}

/** Where the year stands: total, share, thresholds, cease point and projection, each with its status. */
function Standing({ status }: { status: LedgerStatus }) {
  return (
    <div className="card" data-testid="standing">
      <h2>{KINDS[status.kind]} {status.year}</h2>
      <p>
        {status.period.from} to {status.period.to}, {status.basis}: cap <strong>{bbl(status.cap_bbl)} bbl</strong>
        {status.cap_t ? ` or ${bbl(status.cap_t)} t` : ''} ({words(status.cap_verification)}).
      </p>
      <p className="petroleum-total">
        <strong data-testid="total">{bbl(status.total_bbl)} bbl</strong> recorded in {status.deliveries} deliver{status.deliveries === 1 ? 'y' : 'ies'}:
        {' '}<strong data-testid="share">{(status.share * 100).toFixed(1)}%</strong> of the cap
      </p>
      <ul className="petroleum-facts">
        <li data-testid="thresholds">Thresholds ({words(status.thresholds_verification)}): {status.thresholds.map((t) => `${t.pct}% ${t.crossed ? `crossed ${t.crossed}` : 'not reached'}`).join(', ')}</li>
        <li data-testid="cease">
          Cease point {status.cease_pct}%: a setting, the resolution's exact threshold is {words(status.cease_verification)} (EU Reg. 2017/1509 blocks at 90%, the coal cap ceases at 95%)
          {status.ceased ? <strong className="verdict-prohibited">: reached {status.ceased}, no more may be supplied in the period</strong> : ': not reached'}
        </li>
        <li data-testid="projection">Projection: {status.projected_cap_month ? `the cap is reached in ${status.projected_cap_month}` : 'the cap is not reached within the period'}{status.pace_through ? ` at the pace through ${status.pace_through}` : ''}</li>
      </ul>
    </div>
  );
}

/** The running total against the cap, month by month, with a line at each threshold, the cease point and the cap. */
function LedgerChart({ status }: { status: LedgerStatus }) {
  const data = useMemo(() => runningTotals(status), [status]);
  const lines = [...new Set([...status.thresholds.map((t) => t.pct), 100])];
  return (
    <div className="card">
      <h2>Running total against the cap</h2>
      <figure className="chart" aria-label="Running total against the cap">
        <ResponsiveContainer width="100%" height={320}>
          <ComposedChart data={data} margin={{ top: 8, right: 96, bottom: 24, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis domain={[0, Math.max(status.cap_bbl, data.at(-1)?.running ?? 0)]} tickFormatter={(v: number) => `${Math.round(v / 1000)}k`} label={{ value: 'Barrels', angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => `${bbl(Number(v))} bbl`} />
            <Legend verticalAlign="top" />
            <Bar dataKey="delivered" name="Delivered in the month" fill="var(--series-2, #8ab)" />
            <Line dataKey="running" name="Running total" stroke="var(--series-1, #246)" strokeWidth={2} dot />
            {lines.map((pct) => (
              <ReferenceLine key={pct} y={(status.cap_bbl * pct) / 100} stroke={pct === 100 ? '#a00' : pct === status.cease_pct ? '#c60' : '#888'} strokeDasharray={pct === 100 ? undefined : '4 4'}
                label={{ value: pct === 100 ? 'cap' : `${pct}%${pct === status.cease_pct ? ' (cease)' : ''}`, position: 'right' }} />
            ))}
            {!lines.includes(status.cease_pct) && <ReferenceLine y={(status.cap_bbl * status.cease_pct) / 100} stroke="#c60" strokeDasharray="4 4" label={{ value: `${status.cease_pct}% (cease)`, position: 'right' }} />}
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

/** Barrels by State and month. */
function ByStateAndMonth({ status, deliveries }: { status: LedgerStatus; deliveries: StoredDelivery[] }) {
  const months = Object.keys(status.by_month);
  const rows = byStateAndMonth(deliveries, months);
  return (
    <div className="card">
      <h2>By State and month (bbl)</h2>
      {!rows.length ? <p className="muted">No delivery is recorded for {status.year}.</p> : (
        <div className="scroll">
          <table className="data" aria-label="Deliveries by State and month">
            <thead><tr><th scope="col">State</th>{months.map((m) => <th key={m} scope="col">{m.slice(2)}</th>)}<th scope="col">Total</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.state}><th scope="row">{r.state}</th>{r.cells.map((c, i) => <td key={months[i]} className="num">{c ? bbl(c) : ''}</td>)}<td className="num">{bbl(r.total)}</td></tr>
              ))}
              <tr><th scope="row">All</th>{months.map((m) => <td key={m} className="num">{status.by_month[m] ? bbl(status.by_month[m]!) : ''}</td>)}<td className="num">{bbl(status.total_bbl)}</td></tr>
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The deliveries recorded: as reported, as counted, the factor and where it came from. */
function Deliveries({ deliveries }: { deliveries: StoredDelivery[] }) {
  if (!deliveries.length) return null;
  return (
    <div className="card">
      <h2>Deliveries</h2>
      <div className="scroll">
        <table className="data" aria-label="Deliveries">
          <thead><tr><th scope="col">State</th><th scope="col">Month</th><th scope="col">Reported</th><th scope="col">bbl</th><th scope="col">Factor</th><th scope="col">Vessel</th><th scope="col">Parties</th><th scope="col">Source</th></tr></thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{d.state}</td><td>{d.date ?? d.month}</td><td className="num">{d.quantity.toLocaleString('en-US')} {d.unit}</td><td className="num">{bbl(d.barrels)}</td>
                <td>{d.factor === null ? '' : `${d.factor} (${d.factor_source === 'entry' ? 'reported' : 'State\'s'})`}</td>
                <td>{d.vessel ? [d.vessel.name, d.vessel.imo && `IMO ${d.vessel.imo}`].filter(Boolean).join(', ') : ''}</td>
                <td>{d.parties.map((p) => p.name).join('; ')}</td><td>{d.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Deliveries pasted as JSON lines, recorded all together or none. */
function RecordDeliveries({ onRecorded }: { onRecorded: () => void }) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const read = readDeliveriesText(text);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!read.items) return;
    try {
      const recorded = await petroleumApi.record(read.items);
      setMessage({ error: false, text: `${recorded.length} deliver${recorded.length === 1 ? 'y' : 'ies'} recorded` });
      setText('');
      onRecorded();
    } catch (error) {
      setMessage({ error: true, text: error instanceof ApiError ? error.message : (error as Error).message });
    }
  };
  return (
    <form className="card" aria-label="Record deliveries" onSubmit={(e) => void submit(e)}>
      <h2>Record deliveries</h2>
      <p className="muted">One JSON object a line, as <code>interdict petroleum record</code> reads a .jsonl file: all are recorded, or none when any cannot be.</p>
      <textarea className="petroleum-text" value={text} spellCheck={false} placeholder='{"state": "CN", "month": "2019-09", "quantity": 2136, "unit": "t", "kind": "refined", "barrels_per_tonne": 7.33, "source": "..."}' onChange={(e) => { setText(e.target.value); setMessage(null); }} />
      {read.problem && <p className="error" role="alert">{read.problem}</p>}
      <button type="submit" disabled={!read.items}>Record {read.items ? `${read.items.length} deliver${read.items.length === 1 ? 'y' : 'ies'}` : ''}</button>
      {message && <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'} data-testid="record-message">{message.text}</p>}
    </form>
  );
}

/** The factors per State: shown to all, set by an analyst with a note saying where each comes from. */
function Factors({ analyst, onChanged }: { analyst: boolean; onChanged: () => void }) {
  const { value: factors, error, reload } = useLoad(() => petroleumApi.factors(), []);
  const { value: settings } = useLoad(() => petroleumApi.settings(), []);
  const [state, setState] = useState('');
  const [factor, setFactor] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await petroleumApi.setFactor(state.trim(), factor.trim() ? Number(factor) : null, note);
      reload();
      onChanged();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : (e as Error).message);
    }
  };
  return (
    <div className="card">
      <h2>Factors per State</h2>
      <p className="muted">Barrels per tonne for a State's deliveries in tonnes that give no factor of their own (about 7.5 to 8.33 are reported; none is assumed). Deliveries recorded keep the factor they were counted with.
        {settings && ` Cease point: ${settings.cease_pct}% (${words(settings.cease_verification)}).`}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="data" aria-label="Factors per State">
        <thead><tr><th scope="col">State</th><th scope="col">bbl/t</th><th scope="col">Note</th><th scope="col">Set by</th><th scope="col">Set at</th></tr></thead>
        <tbody>
          {(factors ?? []).map((f) => <tr key={f.state}><td>{f.state}</td><td className="num">{f.barrels_per_tonne}</td><td>{f.note}</td><td>{f.setBy}</td><td>{f.setAt}</td></tr>)}
          {factors && !factors.length && <tr><td colSpan={5} className="muted">No factor is set: deliveries in tonnes give their own.</td></tr>}
        </tbody>
      </table>
      {analyst && (
        <form className="row" aria-label="Set a factor" onSubmit={(e) => void submit(e)}>
          <label>State <input value={state} size={4} placeholder="CN" onChange={(e) => setState(e.target.value)} required /></label>
          <label>Barrels per tonne <input value={factor} size={6} inputMode="decimal" placeholder="7.33 (empty: remove)" onChange={(e) => setFactor(e.target.value)} /></label>
          <label>Note <input value={note} size={40} placeholder="where the factor comes from" onChange={(e) => setNote(e.target.value)} required /></label>
          <button type="submit">Set</button>
        </form>
      )}
      {problem && <p className="error" role="alert">{problem}</p>}
    </div>
  );
}

/** A State's 30-day notification of a month, written from the ledger. */
function Notice({ kind, deliveries }: { kind: PetroleumKind; deliveries: StoredDelivery[] }) {
  const choices = useMemo(() => [...new Set(deliveries.map((d) => `${d.state} ${d.month}`))].sort(), [deliveries]);
  const [state, setState] = useState('');
  const [month, setMonth] = useState('');
  const [notice, setNotice] = useState<PetroleumNotice | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const write = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      setNotice(await petroleumApi.notice(state.trim(), month.trim(), kind));
    } catch (e) {
      setNotice(null);
      setProblem(e instanceof ApiError ? e.message : (e as Error).message);
    }
  };
  return (
    <div className="card">
      <h2>Notice to the 1718 Committee</h2>
      <form className="row" aria-label="Notice" onSubmit={(e) => void write(e)}>
        <label>State <input value={state} size={4} placeholder="CN" onChange={(e) => setState(e.target.value)} required /></label>
        <label>Month <input value={month} size={8} placeholder="2019-09" pattern="\d{4}-\d{2}" onChange={(e) => setMonth(e.target.value)} required /></label>
        <button type="submit">Write the notice</button>
        {choices.length > 0 && <span className="muted">Recorded: {choices.map((c) => (
          <button key={c} type="button" className="link" onClick={() => { const [s, m] = c.split(' '); setState(s!); setMonth(m!); }}>{c}</button>
        ))}</span>}
      </form>
      {problem && <p className="error" role="alert">{problem}</p>}
      {notice && (
        <>
          <p className="muted">Due by {notice.due}; {bbl(notice.total_bbl)} bbl in {notice.deliveries.length} deliver{notice.deliveries.length === 1 ? 'y' : 'ies'}.</p>
          <pre className="petroleum-notice" data-testid="notice">{notice.text}</pre>
        </>
      )}
    </div>
  );
}
