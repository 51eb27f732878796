import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { labelOf } from '../../../src/core/ftm.js';
import { api, type Decision, type FeatureExplanation, type QueuedAlert } from '../api.js';
import { DataTable, rowOpener, type Columns } from '../components/DataTable.js';
import { Explanation } from '../components/Explanation.js';
import { ScoreBar } from '../components/ScoreBar.js';
import { ScreenedAgainst } from '../components/ScreenedAgainst.js';
import { Time } from '../components/Time.js';
import { useLoad } from '../components/use-load.js';
import { can, useSession } from '../session.js';

const STATUSES = ['open', 'confirming', 'true_match', 'false_positive', 'closed'];

/** The alert queue, filtered by status, dataset and score, with the review panel of the alert opened. */
export function AlertsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const [filter, setFilter] = useState({ status: 'open', dataset: '', minScore: 0 });
  const { status, dataset, minScore } = filter;
  const { value: alerts, error, reload } = useLoad(() => api.alerts({ status, dataset, minScore }), [status, dataset, minScore]);
  // Bumped when the queue changes under the review (a re-screening, a decision): the review reads its alert again.
  const [round, setRound] = useState(0);
  const [run, setRun] = useState<string | null>(null);

  const columns = useMemo<Columns<QueuedAlert>>(() => [
    { accessorKey: 'id', header: 'Alert' },
    {
      id: 'party', header: 'Party', accessorFn: (a) => a.partyName ?? a.partyId,
      // The row's link: what the keyboard opens the review with (the row itself opens with a click).
      cell: (context) => (
        <>
          <Link to={`/alerts/${context.row.original.id}`} aria-current={rowOpener(context).isOpen ? 'true' : undefined}>{context.row.original.partyName ?? context.row.original.partyId}</Link>
          {' '}<code className="muted">{context.row.original.partyId}</code>
        </>
      ),
    },
    { accessorKey: 'caption', header: 'Listed entity' },
    { accessorKey: 'score', header: 'Score', cell: ({ row }) => <ScoreBar score={row.original.score} match /> },
    // Every list that lists the designee, not only the list of the record that scored best.
    { accessorKey: 'datasets', header: 'Datasets', cell: ({ row }) => row.original.datasets.join(', ') },
    { accessorKey: 'status', header: 'Status' },
    { accessorKey: 'createdAt', header: 'Raised', cell: ({ row }) => <Time value={row.original.createdAt} /> },
  ], []);

  const changed = () => {
    reload();
    setRound((n) => n + 1);
  };
  const runNow = async () => {
    try {
      const r = await api.monitorRun(false);
      setRun(r.skipped ? 'another re-screening is under way' : `${r.status}: ${r.alertsRaised} alerts raised, ${r.alertsClosed} closed`);
      changed();
    } catch (e) {
      setRun((e as Error).message);
    }
  };

  return (
    <section>
      <h1>Alerts</h1>
      <div className="card row" role="group" aria-label="Filters">
        <label>Status
          <select value={status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
            <option value="">any</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Dataset <input value={dataset} placeholder="us_ofac_sdn" onChange={(e) => setFilter({ ...filter, dataset: e.target.value.trim() })} /></label>
        <label>Score at least <input type="number" min={0} max={1} step={0.05} value={minScore} onChange={(e) => setFilter({ ...filter, minScore: Number(e.target.value) })} /></label>
        {can(session, 'admin') && <button type="button" onClick={() => void runNow()}>Re-screen now</button>}
        {run && <span className="muted" role="status">{run}</span>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className={`split ${id ? 'reviewing' : ''}`}>
        <div className="queue">
          <DataTable label="Alerts" data={alerts ?? []} columns={columns} onOpen={(a) => navigate(`/alerts/${a.id}`)} selected={(a) => String(a.id) === id} />
        </div>
        {id && <Review key={`${id}-${round}`} id={Number(id)} onDecided={changed} />}
      </div>
    </section>
  );
}

/** One alert: the party and the entity side by side, the explanation between them, and the decision. */
function Review({ id, onDecided }: { id: number; onDecided: () => void }) {
  const session = useSession();
  const { value: alert, error, reload } = useLoad(() => api.alert(id), [id]);
  const entityId = alert?.entityId;
  const { value: entity } = useLoad(() => (entityId ? api.entity(entityId).catch(() => null) : Promise.resolve(null)), [entityId]);
  // Nothing is chosen for the analyst: a note alone must never clear a hit.
  const [decision, setDecision] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!alert) return <p className="muted">Loading…</p>;
  const act = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
      setNote('');
      reload();
      onDecided();
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const decide = (event: FormEvent) => {
    event.preventDefault();
    if (!decision) {
      setProblem('choose True match or False positive before recording a decision');
      return;
    }
    void act(() => api.decide(id, decision, note));
  };
  return (
    <div className="card review" role="region" aria-label={`Alert ${id}`}>
      <h2>Alert {id} <span className={`tag status-${alert.status}`}>{alert.status}</span></h2>
      <div className="side-by-side">
        <div>
          <h3>Party</h3>
          <p><strong>{alert.party?.name ?? alert.partyId}</strong> <code>{alert.partyId}</code></p>
          <Properties properties={alert.party?.properties ?? {}} />
        </div>
        <div className="between">
          <h3>Why</h3>
          <ScoreBar score={alert.score} match />
          <Explanation explanations={alert.explanation as Record<string, FeatureExplanation>} />
          <p className="muted">List version <code>{alert.versionId}</code> · raised <Time value={alert.createdAt} /></p>
          {alert.list && <ScreenedAgainst lists={[alert.list]} warnings={[]} />}
        </div>
        <div>
          <h3>Listed entity</h3>
          <p><Link to={`/entities/${encodeURIComponent(alert.entityId)}`}><strong>{alert.caption}</strong></Link> <code>{alert.entityId}</code></p>
          {entity ? <Properties properties={entity.properties} /> : <p className="muted">No current list carries it.</p>}
          {entity && entity.designations.map((d, i) => <p key={i} className="muted">{d.authority}: {d.program ?? ''} {d.listingDate ? `(listed ${d.listingDate})` : ''}</p>)}
          {alert.members.length > 1 && (
            <>
              <h4>Records of this designee</h4>
              <p className="muted">One alert for every list listing it: the decision holds for each record.</p>
              <ul aria-label="Records of this designee">{alert.members.map((member) => <MemberRecord key={member} id={member} best={member === alert.entityId} />)}</ul>
            </>
          )}
        </div>
      </div>
      {alert.decidedBy && <p>Decided by <strong>{alert.decidedBy}</strong>{alert.decidedAt && <> at <Time value={alert.decidedAt} /></>}{alert.note ? `: “${alert.note}”` : ''}{alert.confirmedBy ? `; confirmed by ${alert.confirmedBy}` : ''}</p>}
      {alert.status === 'open' && can(session, 'analyst') && (
        <form className="decide" onSubmit={decide} aria-label="Decision">
          <fieldset>
            <legend>Decision</legend>
            <label><input type="radio" name="decision" checked={decision === 'true_match'} onChange={() => { setDecision('true_match'); setProblem(null); }} /> True match</label>
            <label><input type="radio" name="decision" checked={decision === 'false_positive'} onChange={() => { setDecision('false_positive'); setProblem(null); }} /> False positive</label>
          </fieldset>
          <label className="wide">Note <textarea required value={note} onChange={(e) => setNote(e.target.value)} /></label>
          <div className="record">
            {/* Kept in place once a decision is chosen (hidden, not removed), so the form does not shift under the pointer. */}
            <span id={`decision-hint-${id}`} className={`hint ${decision ? 'met' : ''}`}>Choose True match or False positive to record a decision.</span>
            <button type="submit" disabled={!decision} aria-describedby={decision ? undefined : `decision-hint-${id}`}>Record decision</button>
          </div>
        </form>
      )}
      {alert.status === 'confirming' && can(session, 'analyst') && (
        <form className="decide" onSubmit={(e) => { e.preventDefault(); void act(() => api.confirm(id, note || undefined)); }} aria-label="Confirmation">
          <p>A true match awaits a second analyst (four eyes).</p>
          <label className="wide">Note <textarea value={note} onChange={(e) => setNote(e.target.value)} /></label>
          <button type="submit">{alert.decision === 'false_positive' ? 'Confirm false positive' : 'Confirm true match'}</button>
        </form>
      )}
      {problem && <p className="error" role="alert">{problem}</p>}
    </div>
  );
}

/** One record of the alert's designee, with the list that carries it. */
function MemberRecord({ id, best }: { id: string; best: boolean }) {
  const { value: record, error } = useLoad(() => api.entity(id), [id]);
  return (
    <li>
      <Link to={`/entities/${encodeURIComponent(id)}`}>{record?.caption ?? id}</Link> <code>{id}</code>{' '}
      {record ? <span className="tag">{record.datasets.join(', ')}</span> : error ? <span className="muted">no stored list carries it</span> : null}
      {best && <span className="muted"> (scored best)</span>}
    </li>
  );
}

function Properties({ properties }: { properties: Record<string, string[]> }) {
  return (
    <table className="plain">
      <tbody>{Object.entries(properties).filter(([k]) => k !== 'notes').map(([k, v]) => <tr key={k}><th scope="row">{labelOf(k)}</th><td>{v.join('; ')}</td></tr>)}</tbody>
    </table>
  );
}
