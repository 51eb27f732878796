import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type MatchAnswer } from '../api.js';
import { Explanation } from '../components/Explanation.js';
import { ScreenedAgainst } from '../components/ScreenedAgainst.js';
import { MatchBadge, ScoreBar } from '../components/ScoreBar.js';

const IDENTIFIER: Record<string, string> = { Person: 'idNumber', Organization: 'registrationNumber', Company: 'registrationNumber', Vessel: 'imoNumber', LegalEntity: 'registrationNumber' };

/** Search and match: results follow the form as it is typed, with the lists they were screened against and their age. */
export function SearchPage() {
  const [form, setForm] = useState({ name: '', schema: 'Person', birthDate: '', country: '', identifier: '' });
  const [answer, setAnswer] = useState<MatchAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!form.name.trim() && !form.identifier.trim()) {
      setAnswer(null);
      return;
    }
    const properties: Record<string, string[]> = {};
    if (form.name.trim()) properties.name = [form.name.trim()];
    if (form.birthDate.trim()) properties.birthDate = [form.birthDate.trim()];
    if (form.country.trim()) properties[form.schema === 'Person' ? 'nationality' : 'country'] = [form.country.trim()];
    if (form.identifier.trim()) properties[IDENTIFIER[form.schema] ?? 'idNumber'] = [form.identifier.trim()];
    let live = true;
    // Wait for a pause in typing, then ask.
    const timer = setTimeout(() => {
      api.match({ schema: form.schema, properties }, { limit: 10 }).then(
        (r) => { if (live) { setAnswer(r); setError(null); } },
        (e: Error) => { if (live) setError(e.message); },
      );
    }, 200);
    return () => { live = false; clearTimeout(timer); };
  }, [form]);

  const field = (key: keyof typeof form, label: string, placeholder = '') => (
    <label>
      {label}
      <input value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section>
      <h1>Search and match</h1>
      <form className="card search-form" onSubmit={(e) => e.preventDefault()} role="search">
        <label className="wide">
          Name
          <input autoFocus value={form.name} placeholder="Kim Jong Un, 김정은, Korea Mining…" onChange={(e) => setForm({ ...form, name: e.target.value })} aria-label="Name" />
        </label>
        <label>
          Schema
          <select value={form.schema} onChange={(e) => setForm({ ...form, schema: e.target.value })}>
            {['Person', 'Organization', 'Vessel', 'Thing'].map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        {field('birthDate', 'Birth date', '1984-01-08')}
        {field('country', 'Nationality or country', 'kp')}
        {field('identifier', 'Identifier', 'passport, IMO, registration no.')}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {answer && <ScreenedAgainst lists={answer.lists} warnings={answer.warnings} />}
      {answer && (
        <ol className="results" aria-label="Results">
          {answer.results.length === 0 && <li className="muted">No candidate scores 0.5 or more.</li>}
          {answer.results.map((r) => (
            <li key={r.id} className="card result">
              <div className="result-head">
                <Link to={`/entities/${encodeURIComponent(r.id)}`} className="caption">{r.caption}</Link>
                <span className="muted">{r.schema}</span>
                <ScoreBar score={r.score} match={r.match} />
                <MatchBadge match={r.match} />
                <span className="datasets">{r.datasets.map((d) => <span key={d} className="tag">{d}</span>)}</span>
                <button type="button" className="link" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                  {open === r.id ? 'Hide explanation' : 'Explain'}
                </button>
              </div>
              {open === r.id && <Explanation explanations={r.explanations} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
