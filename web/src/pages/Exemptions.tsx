import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useKept } from '../components/use-kept.js';
import { useLoad } from '../components/use-load.js';
import { can, useSession } from '../session.js';
import { addExemption, emptyExemptionForm, exemptionFromForm, listExemptions, type ExemptionForm, type ExemptionQuery } from '../travel.js';
import '../shipments.css';
import '../travel.css';

const entityPath = (id: string): string => `/entities/${encodeURIComponent(id)}`;
const NO_FILTER: ExemptionQuery = { person: '', country: '', on: '', authority: '' };

/**
 * The travel-ban exemption register: the 1718 Committee's exemptions (1718 (2006) para 10,
 * 2094 (2013) para 10, guidelines section 12) and national licences, filtered by person,
 * country, day and authority; an analyst adds one (audited).
 */
export function ExemptionsPage() {
  const session = useSession();
  const [filter, setFilter] = useKept<ExemptionQuery>('exemptions.filter', () => NO_FILTER);
  const [typed, setTyped] = useState<ExemptionQuery>(filter);
  const { value: exemptions, error, loading, reload } = useLoad(() => listExemptions(filter), [filter]);
  const set = (key: keyof ExemptionQuery, label: string, type = 'text') => (
    <label>{label}
      <input type={type} name={`filter-${key}`} value={typed[key]} onChange={(e) => setTyped((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );
  return (
    <section>
      <h1>Exemptions</h1>
      <p className="muted">
        Exemptions from the travel bans: the 1718 Committee&apos;s (UNSCR 1718 (2006) para 10, 2094 (2013) para 10; the Committee&apos;s guidelines,
        section 12) and national licences. One applies to a trip only within its dates, for its persons, and when every country of the
        itinerary is among its countries of transit and destination (docs/travel.md); the <Link to="/travel">travel check</Link> reads them.
      </p>
      <form className="card" aria-label="Filter exemptions" onSubmit={(e) => { e.preventDefault(); setFilter(typed); }}>
        <div className="row">
          {set('person', 'Person (record id or name)')}
          {set('country', 'Country covered (ISO code)')}
          {set('on', 'In force on', 'date')}
          {set('authority', 'Authority')}
          <button type="submit">Filter</button>
          <button type="button" className="link" onClick={() => { setTyped(NO_FILTER); setFilter(NO_FILTER); }}>Show all</button>
        </div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {loading && !exemptions && <p className="muted">Loading…</p>}
      {exemptions && (
        <table className="plain" data-testid="exemptions">
          <thead><tr><th>Reference</th><th>Persons</th><th>From</th><th>To</th><th>Transit</th><th>Destination</th><th>Purpose</th><th>Conditions</th><th>Authority · source</th><th>Recorded</th></tr></thead>
          <tbody>
            {exemptions.map((e) => (
              <tr key={e.reference}>
                <td><code>{e.reference}</code></td>
                <td>{e.persons.map((id) => <div key={id}><Link to={entityPath(id)}>{id}</Link></div>)}{e.names.map((n) => <div key={n}>{n}</div>)}</td>
                <td>{e.from}</td><td>{e.to}</td>
                <td>{e.transit.join(', ') || '–'}</td><td>{e.destination.join(', ')}</td>
                <td>{e.purpose}</td><td>{e.conditions ?? '–'}</td>
                <td>{e.authority} · {e.source}</td>
                <td className="small">{e.recordedBy}, {e.recordedAt.slice(0, 10)}</td>
              </tr>
            ))}
            {!exemptions.length && <tr><td colSpan={10} className="muted">No exemption{filter === NO_FILTER ? ' in the register' : ' passes the filter'}.</td></tr>}
          </tbody>
        </table>
      )}
      {can(session, 'analyst') ? <AddExemption onAdded={reload} /> : <p className="muted">Adding an exemption needs an analyst&apos;s key (POST /exemptions).</p>}
    </section>
  );
}

function AddExemption({ onAdded }: { onAdded: () => void }) {
  const [form, setForm] = useKept<ExemptionForm>('exemptions.form', emptyExemptionForm);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setAdded(null);
    try {
      const stored = await addExemption(exemptionFromForm(form));
      setAdded(stored.reference);
      setForm(emptyExemptionForm());
      onAdded();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : `the server does not answer: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const field = (key: Exclude<keyof ExemptionForm, 'names'>, label: string, type = 'text') => (
    <label>{label}
      <input type={type} name={key} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );
  return (
    <form className="card" aria-label="Add an exemption" onSubmit={(e) => void submit(e)}>
      <h2>Add an exemption</h2>
      <div className="row">
        {field('reference', 'Reference (required)')}
        {field('authority', 'Authority (required)')}
        {field('source', 'Source (required: letter, notice, licence)')}
      </div>
      <div className="row">
        {field('persons', 'Listed records (entity ids, comma-separated)')}
        <label>Names (one a line)
          <textarea name="names" value={form.names} onChange={(e) => setForm((f) => ({ ...f, names: e.target.value }))} />
        </label>
      </div>
      <div className="row">
        {field('purpose', 'Purpose (required)')}
        {field('from', 'From (required)', 'date')}
        {field('to', 'To (required)', 'date')}
      </div>
      <div className="row">
        {field('transit', 'Transit countries (ISO codes)')}
        {field('destination', 'Destination countries (required)')}
        {field('conditions', 'Conditions')}
      </div>
      <div className="row"><button type="submit" disabled={busy}>Add exemption</button></div>
      {problem && <p className="error" role="alert" data-testid="add-problem">{problem}</p>}
      {added && <p className="ok" role="status">Recorded {added}.</p>}
    </form>
  );
}
