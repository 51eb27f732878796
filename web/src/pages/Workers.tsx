import { useMemo, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Explanation } from '../components/Explanation.js';
import { useChecks } from '../components/use-checks.js';
import { useKept } from '../components/use-kept.js';
import { can, useSession } from '../session.js';
import type { FeatureExplanation } from '../api.js';
import {
  WORKER_VERDICTS, WORKER_VERDICT_MEANINGS, checkWorkers, countWorkerVerdicts, emptyWorkerForm, findingSubject, readWorkersText, withWorkerLines, workerFromForm,
  type WorkerAnswer, type WorkerForm, type WorkerVerdict,
} from '../workers.js';
import '../shipments.css';

/** Workers as CSV under a header of the field names: the text box's placeholder. */
const EXAMPLE = 'id,name,nationality,employer,permit_issued,permit_expires,country\nw1,Kim Chol Su,KP,Amur Stroy LLC,2016-05-01,2020-05-01,RU';

const VERDICT_WORDS: Record<WorkerVerdict, string> = { prohibited: 'Prohibited', review: 'Review', clear: 'Clear' };

/** A verdict in its colour and in words (the colour never says it alone). */
function Verdict({ verdict }: { verdict: WorkerVerdict }) {
  return <span className={`verdict verdict-${verdict}`} title={WORKER_VERDICT_MEANINGS[verdict]}>{VERDICT_WORDS[verdict]}</span>;
}

/**
 * DPRK nationals working abroad: one worker typed in or many pasted or uploaded (CSV, JSON),
 * judged as of a day by POST /workers/check against UNSCR 2375 OP17 and 2397 OP8, and their
 * employer, labour agency and name against the lists; each answer's verdict and findings with
 * their basis and status, and the listed entities matched.
 */
export function WorkersPage() {
  const session = useSession();
  return (
    <section>
      <h1>Workers</h1>
      <p className="muted">
        DPRK nationals working abroad against UNSCR 2375 (2017) OP17 (no new work authorizations from 11 September 2017) and
        2397 (2017) OP8 (repatriation by 22 December 2019), and their employer, labour agency and name against the lists (docs/workers.md).
      </p>
      {can(session, 'analyst') ? <CheckWorkers /> : <p className="muted">Checking workers needs an analyst's key (POST /workers/check).</p>}
    </section>
  );
}

function CheckWorkers() {
  // Kept when the analyst opens a listed entity and comes back.
  const [form, setForm] = useKept<WorkerForm>('workers.form', emptyWorkerForm);
  const [on, setOn] = useKept('workers.on', () => '');
  const { text, fileName, checked, problem, busy, run, choose, type } = useChecks<WorkerAnswer>('workers', withWorkerLines);
  const read = useMemo(() => (text.trim() ? readWorkersText(text) : null), [text]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('form', () => checkWorkers({ json: [workerFromForm(form)] }, on));
  };
  const field = (key: Exclude<keyof WorkerForm, 'return_prohibited'>, label: string, type = 'text') => (
    <label>{label}
      <input type={type} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );

  return (
    <>
      <div className="card">
        <label>Judged as of (default: today)
          <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
        </label>
        <p className="muted small">The measures in force on this day apply: a check dated before a measure took effect is not caught by it.</p>
      </div>
      <div className="card">
        <h2>One worker</h2>
        <form aria-label="One worker" onSubmit={submit}>
          <div className="row">
            {field('id', 'Your id for the worker')}
            {field('name', 'Name (required)')}
            {field('birthDate', 'Birth date')}
            {field('nationality', 'Nationality (required)')}
            {field('passport', 'Passport')}
          </div>
          <div className="row">
            {field('employer', 'Employer')}
            {field('agency', 'Labour agency')}
            {field('country', 'Country of work (required)')}
          </div>
          <div className="row">
            {field('permit_issued', 'Permit issued', 'date')}
            {field('permit_expires', 'Permit expires', 'date')}
            {field('contract_signed', 'Contract signed', 'date')}
          </div>
          <div className="row">
            {field('host_nationality', 'Other nationality held')}
            <label className="inline">
              <input type="checkbox" checked={form.return_prohibited} onChange={(e) => setForm((f) => ({ ...f, return_prohibited: e.target.checked }))} />
              Return prohibited under international law
            </label>
            {form.return_prohibited && field('return_prohibited_basis', 'On what basis')}
          </div>
          <div className="row">
            <button type="submit" disabled={busy}>Check worker</button>
            <button type="button" className="link" onClick={() => setForm(emptyWorkerForm())}>Clear the form</button>
          </div>
        </form>
        {problem?.from === 'form' && <p className="error" role="alert" data-testid="check-problem">{problem.message}</p>}
      </div>
      <div className="card">
        <h2>Many workers</h2>
        <p className="muted">
          CSV with a header row of the field names, JSON lines or a JSON array, as <code>interdict workers check</code> reads them, up to 1,000 a check.
        </p>
        <div className="row">
          <label>Workers file (.csv, .jsonl or .json)
            <input type="file" accept=".csv,.jsonl,.ndjson,.json,text/csv,application/json,text/plain" onChange={(e) => void choose(e)} />
          </label>
        </div>
        <label>Workers as CSV or JSON
          <textarea className="shipments-text" value={text} placeholder={EXAMPLE} spellCheck={false} onChange={(e) => type(e.target.value)} />
        </label>
        <div className="row">
          <button type="button" disabled={busy || !read?.count} onClick={() => read?.count && void run('text', () => checkWorkers(read.csv !== undefined ? { csv: read.csv } : { json: read.json! }, on), read.lines ?? [])}>
            Check {read?.count ? `${read.count} worker${read.count === 1 ? '' : 's'}` : 'workers'}
          </button>
          {read?.count !== undefined && <span className="muted">{read.count} read{fileName ? ` from ${fileName}` : ''}{read.csv !== undefined ? ' (CSV)' : ''}</span>}
        </div>
        {read?.problem && <p className="error" role="alert">{read.problem}</p>}
        {problem?.from === 'text' && <p className="error" role="alert" data-testid="check-problem">{problem.message}</p>}
      </div>
      {busy && <p className="muted" role="status">Checking…</p>}
      {checked && <WorkerResults key={checked.round} check={checked.round} answers={checked.answers} />}
    </>
  );
}

/** The answers: counts by verdict, a table of workers, and the one opened with its findings. */
function WorkerResults({ answers, check }: { answers: WorkerAnswer[]; check: number }) {
  const [opened, setOpened] = useKept<number | null>(`workers.${check}.opened`, () => (answers.length === 1 ? 0 : null));
  const counts = countWorkerVerdicts(answers);
  const summary = WORKER_VERDICTS.filter((v) => counts[v]).map((v) => `${counts[v]} ${VERDICT_WORDS[v].toLowerCase()}`).join(', ');
  const open = opened === null ? undefined : answers[opened];
  return (
    <div className="card" role="region" aria-label="Answers">
      <h2>Answers</h2>
      <p data-testid="worker-counts">
        {answers.length} worker{answers.length === 1 ? '' : 's'} checked as of {answers[0]?.on}: {summary}.
        {answers[0] && <span className="muted"> Rules {answers[0].rules_version}.</span>}
      </p>
      <div className="scroll">
        <table className="data" aria-label="Workers checked">
          <thead><tr><th scope="col">#</th><th scope="col">Worker</th><th scope="col">Verdict</th><th scope="col">Findings</th><th scope="col">Worst finding's basis</th></tr></thead>
          <tbody>
            {answers.map((answer, i) => (
              <tr key={i} className={i === opened ? 'selected' : undefined}>
                <td>{i + 1}</td>
                <td><button type="button" className="link" aria-expanded={i === opened} onClick={() => setOpened(i === opened ? null : i)}>{answer.id}</button></td>
                <td><Verdict verdict={answer.verdict} /></td>
                <td>{answer.findings.length}</td>
                <td>{answer.findings[0]?.basis ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open && <WorkerFindings answer={open} />}
    </div>
  );
}

/** A worker's findings, worst first: what each gives, what it is about, its basis and measure, its status, its detail and any listed entity matched. */
function WorkerFindings({ answer }: { answer: WorkerAnswer }) {
  return (
    <section className="shipment-findings" aria-label={`Findings of worker ${answer.id}`}>
      <h3>Worker {answer.id}: <Verdict verdict={answer.verdict} /></h3>
      {!answer.findings.length ? <p>No finding: not a DPRK national working abroad, no listed employer, agency or worker.</p> : (
        <div className="scroll">
          <table className="data findings" aria-label={`Findings of worker ${answer.id}`}>
            <thead><tr><th scope="col">Gives</th><th scope="col">About</th><th scope="col">Basis</th><th scope="col">Status</th><th scope="col">Detail</th></tr></thead>
            <tbody>
              {answer.findings.map((finding, i) => (
                <tr key={i} data-kind={finding.kind}>
                  <td><Verdict verdict={finding.verdict} /></td>
                  <td>{findingSubject(finding)}</td>
                  <td>
                    {finding.basis}
                    {finding.measure && <div><code>{finding.measure}</code></div>}
                  </td>
                  <td>
                    {finding.status === 'verified'
                      ? <span className="tag">verified</span>
                      : <span className="tag indicative" title="not established law: the reference marks this fact so">{finding.status.replace(/_/g, ' ')}</span>}
                  </td>
                  <td>
                    <p className="finding-detail">{finding.detail}</p>
                    {finding.exemption && <p>Exception: {finding.exemption}</p>}
                    {finding.entity && (
                      <div className="finding-match">
                        <p>
                          Listed entity <Link to={`/entities/${encodeURIComponent(finding.entity)}`}>{finding.caption ?? finding.entity}</Link> <code>{finding.entity}</code>
                          {finding.score !== undefined && ` (score ${finding.score.toFixed(2)})`}
                        </p>
                        {finding.explanation !== undefined && (
                          <details>
                            <summary>How the name matched</summary>
                            <Explanation explanations={finding.explanation as Record<string, FeatureExplanation>} />
                          </details>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
