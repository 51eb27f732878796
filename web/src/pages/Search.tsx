import { useState } from 'react';
import { Link } from 'react-router-dom';
import { MAIN_IDENTIFIER, QUERY_SCHEMATA, labelOf } from '../../../src/core/ftm.js';
import { api } from '../api.js';
import { Explanation } from '../components/Explanation.js';
import { ScreenedAgainst } from '../components/ScreenedAgainst.js';
import { MatchBadge, ScoreBar } from '../components/ScoreBar.js';
import { useLoad } from '../components/use-load.js';
import { useSession } from '../session.js';

/** How long typing must pause before the form is asked (ms). */
const TYPING_PAUSE = 200;

interface SearchForm {
  name: string;
  schema: string;
  birthDate: string;
  country: string;
  identifier: string;
}

/** The identifier property a value typed for this schema fills. */
const identifierOf = (schema: string): string => MAIN_IDENTIFIER[schema] ?? 'idNumber';

/** The form as a /match query, or null while it holds neither a name nor an identifier. */
function queryOf(form: SearchForm): { schema: string; properties: Record<string, string[]> } | null {
  if (!form.name.trim() && !form.identifier.trim()) return null;
  const properties: Record<string, string[]> = {};
  if (form.name.trim()) properties.name = [form.name.trim()];
  if (form.birthDate.trim()) properties.birthDate = [form.birthDate.trim()];
  if (form.country.trim()) properties[form.schema === 'Person' ? 'nationality' : 'country'] = [form.country.trim()];
  if (form.identifier.trim()) properties[identifierOf(form.schema)] = [form.identifier.trim()];
  return { schema: form.schema, properties };
}

/** Search and match: results follow the form as it is typed, with the lists they were screened against and their age. */
export function SearchPage() {
  const { matching } = useSession();
  const [form, setForm] = useState<SearchForm>({ name: '', schema: 'Person', birthDate: '', country: '', identifier: '' });
  const [open, setOpen] = useState<string | null>(null);
  const query = queryOf(form);
  // Down to the server's default cutoff: near misses are shown, unflagged, for the analyst to judge.
  const { value: answer, error } = useLoad(() => (query ? api.match(query, { limit: 10, cutoff: matching.cutoff }) : Promise.resolve(null)), [query, matching.cutoff], { delay: TYPING_PAUSE });
  const shown = query ? answer : null;

  const field = (key: keyof SearchForm, label: string, placeholder = '') => (
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
          {labelOf('name')}
          <input autoFocus value={form.name} placeholder="Kim Jong Un, 김정은, Korea Mining…" onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Schema
          <select value={form.schema} onChange={(e) => setForm({ ...form, schema: e.target.value })}>
            {QUERY_SCHEMATA.map((s) => <option key={s} value={s}>{labelOf(s)}</option>)}
          </select>
        </label>
        {field('birthDate', labelOf('birthDate'), '1984-01-08')}
        {field('country', form.schema === 'Person' ? labelOf('nationality') : labelOf('country'), 'kp')}
        {field('identifier', labelOf(identifierOf(form.schema)), 'passport, IMO, registration no.')}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {shown && <ScreenedAgainst lists={shown.lists} warnings={shown.warnings} />}
      {shown && (
        <ol className="results" aria-label="Results">
          {shown.results.length === 0 && <li className="muted">No candidate scores {matching.cutoff} or more.</li>}
          {shown.results.map((r) => (
            <li key={r.id} className="card result">
              <div className="result-head">
                <Link to={`/entities/${encodeURIComponent(r.id)}`} className="caption">{r.caption}</Link>
                <span className="muted">{labelOf(r.schema)}</span>
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
