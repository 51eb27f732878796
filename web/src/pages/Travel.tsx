import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type FeatureExplanation } from '../api.js';
import { Explanation } from '../components/Explanation.js';
import { useKept } from '../components/use-kept.js';
import { can, useSession } from '../session.js';
import {
  TRAVEL_VERDICT_MEANINGS, TRAVEL_VERDICT_WORDS, checkTravellers, emptyTravellerForm, readTravellersText, travellerFromForm,
  type PersonFinding, type TravelAnswer, type TravelVerdict, type TravellerForm,
} from '../travel.js';
import '../shipments.css';
import '../travel.css';

const EXAMPLE = '{"id": "t1", "name": "Jang Chang-ha", "birthDate": "1964-01-10", "nationality": "KP", "from": "2019-05-01", "to": "2019-05-10", "itinerary": ["CN", "RU"], "purpose": "conference"}';

const entityPath = (id: string): string => `/entities/${encodeURIComponent(id)}`;

/** A verdict in its colour and in words (the colour never says it alone). */
function Verdict({ verdict }: { verdict: TravelVerdict }) {
  return <span className={`verdict verdict-${verdict}`} title={TRAVEL_VERDICT_MEANINGS[verdict]}>{TRAVEL_VERDICT_WORDS[verdict]}</span>;
}

/**
 * Travellers against the travel bans: one typed in or many pasted (JSON), checked by POST
 * /travel/check against the listed people under a travel ban and the exemption register; each
 * answer's verdict and findings with their basis, status and exemption, and the listed record
 * matched (a link to its page).
 */
export function TravelPage() {
  const session = useSession();
  return (
    <section>
      <h1>Travel check</h1>
      <p className="muted">
        Travellers against the listed people under a travel ban (UNSCR 1718 (2006) OP8(e) for the DPRK; the UN list and DFAT&apos;s carry
        travel-ban data, OFAC&apos;s does not) and the <Link to="/exemptions">exemption register</Link> (docs/travel.md).
      </p>
      {can(session, 'analyst') ? <CheckTravellers /> : <p className="muted">Checking travellers needs an analyst&apos;s key (POST /travel/check).</p>}
    </section>
  );
}

function CheckTravellers() {
  const [form, setForm] = useKept<TravellerForm>('travel.form', emptyTravellerForm);
  const [text, setText] = useKept('travel.text', () => '');
  const [answers, setAnswers] = useKept<TravelAnswer[] | null>('travel.answers', () => null);
  const [problem, setProblem] = useState<{ from: 'form' | 'text'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const read = useMemo(() => readTravellersText(text), [text]);

  const run = async (from: 'form' | 'text', travellers: unknown[]) => {
    setBusy(true);
    setProblem(null);
    try {
      setAnswers(await checkTravellers(travellers));
    } catch (error) {
      setProblem({ from, message: error instanceof ApiError ? error.message : `the server does not answer: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('form', [travellerFromForm(form)]);
  };
  const field = (key: keyof TravellerForm, label: string, type = 'text') => (
    <label>{label}
      <input type={type} name={key} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );

  return (
    <>
      <div className="card">
        <h2>One traveller</h2>
        <form aria-label="One traveller" onSubmit={submit}>
          <div className="row">
            {field('id', 'Your id for the traveller (required)')}
            {field('name', 'Name (required)')}
            {field('birthDate', 'Birth date')}
            {field('nationality', 'Nationality (ISO code)')}
            {field('passport', 'Passport')}
          </div>
          <div className="row">
            {field('from', 'From (required)', 'date')}
            {field('to', 'To (required)', 'date')}
            {field('itinerary', 'Itinerary: countries, in order (required: CN, RU)')}
            {field('purpose', 'Purpose')}
          </div>
          <div className="row">
            <button type="submit" disabled={busy}>Check traveller</button>
            <button type="button" className="link" onClick={() => setForm(emptyTravellerForm())}>Clear the form</button>
          </div>
        </form>
        {problem?.from === 'form' && <p className="error" role="alert" data-testid="check-problem">{problem.message}</p>}
      </div>
      <div className="card">
        <h2>Many travellers</h2>
        <p className="muted">JSON lines or a JSON array, as <code>interdict travel check</code> reads them, up to 1,000 a check.</p>
        <label>Travellers as JSON
          <textarea className="shipments-text" name="travellers" value={text} placeholder={EXAMPLE} spellCheck={false} onChange={(e) => { setText(e.target.value); if (problem?.from === 'text') setProblem(null); }} />
        </label>
        {read.problem && <p className="error" role="alert">{read.problem}</p>}
        <div className="row">
          <button type="button" disabled={busy || !read.travellers?.length} onClick={() => read.travellers?.length && void run('text', read.travellers)}>
            Check {read.travellers?.length ? `${read.travellers.length} traveller${read.travellers.length === 1 ? '' : 's'}` : 'travellers'}
          </button>
        </div>
        {problem?.from === 'text' && <p className="error" role="alert" data-testid="check-problem">{problem.message}</p>}
      </div>
      {answers && <TravelResults answers={answers} />}
    </>
  );
}

function TravelResults({ answers }: { answers: TravelAnswer[] }) {
  const lists = answers[0]?.lists ?? [];
  return (
    <div className="card" data-testid="travel-results">
      <h2>Answers</h2>
      <p className="muted small">Screened against {lists.join(', ') || 'no list'}.</p>
      {answers.map((answer) => (
        <div key={answer.id} className="travel-answer" data-testid={`traveller-${answer.id}`}>
          <h3>{answer.id} <Verdict verdict={answer.verdict} /></h3>
          {answer.findings.length ? (
            <ul className="travel-findings">{answer.findings.map((f, i) => <FindingItem key={i} finding={f} />)}</ul>
          ) : <p className="muted">No listed person under a travel ban matched.</p>}
        </div>
      ))}
    </div>
  );
}

function FindingItem({ finding }: { finding: PersonFinding }) {
  return (
    <li data-testid="finding">
      <p>
        <strong>{finding.kind === 'possible_match' ? 'Possible match' : 'Travel ban'}</strong>
        {finding.entity && <> · <Link to={entityPath(finding.entity)}>{finding.caption ?? finding.entity}</Link> <code>{finding.entity}</code></>}
        {finding.score !== undefined && <> · score {finding.score.toFixed(2)}</>}
      </p>
      <p>{finding.detail}</p>
      <p className="small">Basis: {finding.basis} <span className="tag" title="how well the basis is established">{finding.status.replace('_', ' ')}</span>
        {finding.exemption && <> · exemption <code>{finding.exemption}</code></>}
      </p>
      {finding.reasons && <ul className="travel-reasons">{finding.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
      {finding.explanation !== undefined && (
        <details>
          <summary>How the name matched</summary>
          <Explanation explanations={finding.explanation as Record<string, FeatureExplanation>} />
        </details>
      )}
    </li>
  );
}
