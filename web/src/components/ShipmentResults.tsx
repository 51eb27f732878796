import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { FindingMatch, ShipmentCheck, ShipmentFinding } from '../api.js';
import { countVerdicts, VERDICT_MEANINGS, VERDICT_WORDS, VERDICTS, type Verdict } from '../shipments.js';
import { DataTable, rowOpener, type Columns } from './DataTable.js';
import { Explanation } from './Explanation.js';
import { useKept } from './use-kept.js';

/** A verdict in its colour and in words (the colour never says it alone). */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`verdict verdict-${verdict}`} title={VERDICT_MEANINGS[verdict]}>{VERDICT_WORDS[verdict]}</span>;
}

/** A checked shipment with its place in the request (ids may repeat, or be the server's `body item 3`). */
interface Row {
  index: number;
  answer: ShipmentCheck;
}

const entityPath = (id: string): string => `/entities/${encodeURIComponent(id)}`;

/**
 * The shipments' answers: counts by verdict, a verdict filter, a table of shipments, and the one
 * opened with its findings. `check` names the check they answer: the filter and the shipment
 * opened are kept for it while the analyst looks at a listed record.
 */
export function ShipmentResults({ answers, check }: { answers: ShipmentCheck[]; check: number }) {
  const rows = useMemo<Row[]>(() => answers.map((answer, index) => ({ index, answer })), [answers]);
  const [verdict, setVerdict] = useKept<Verdict | ''>(`shipments.${check}.verdict`, () => '');
  const [opened, setOpened] = useKept<number | null>(`shipments.${check}.opened`, () => (answers.length === 1 ? 0 : null));
  const counts = useMemo(() => countVerdicts(answers), [answers]);
  const shown = useMemo(() => rows.filter((r) => !verdict || r.answer.verdict === verdict), [rows, verdict]);
  const open = opened === null ? undefined : rows[opened];
  const columns = useMemo<Columns<Row>>(() => [
    { id: 'n', header: '#', accessorFn: (r) => r.index + 1 },
    {
      id: 'id', header: 'Shipment', accessorFn: (r) => r.answer.id,
      cell: (context) => {
        const { isOpen, open } = rowOpener(context);
        return <button type="button" className="link" aria-expanded={isOpen} aria-controls={isOpen ? 'shipment-findings' : undefined} onClick={open}>{context.row.original.answer.id}</button>;
      },
    },
    { id: 'verdict', header: 'Verdict', accessorFn: (r) => VERDICTS.indexOf(r.answer.verdict), cell: ({ row }) => <VerdictBadge verdict={row.original.answer.verdict} /> },
    { id: 'findings', header: 'Findings', accessorFn: (r) => r.answer.findings.length },
    { id: 'basis', header: 'Worst finding\'s basis', accessorFn: (r) => r.answer.findings[0]?.basis ?? '', cell: ({ row }) => row.original.answer.findings[0]?.basis ?? <span className="muted">—</span> },
  ], []);
  const summary = VERDICTS.filter((v) => counts[v]).map((v) => `${counts[v]} ${VERDICT_WORDS[v].toLowerCase()}`).join(', ');
  return (
    <div className="card" role="region" aria-label="Answers">
      <h2>Answers</h2>
      <p data-testid="shipment-counts">
        {answers.length} shipment{answers.length === 1 ? '' : 's'} checked: {summary}.
        {answers[0] && <span className="muted"> Rules {answers[0].rules_version}.</span>}
      </p>
      {answers.length > 1 && (
        <div className="row">
          <label>Verdict
            <select value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict | '')}>
              <option value="">Any verdict ({answers.length})</option>
              {VERDICTS.map((v) => <option key={v} value={v}>{VERDICT_WORDS[v]} ({counts[v]})</option>)}
            </select>
          </label>
          <span className="muted" role="status">{shown.length} of {answers.length} shipments shown</span>
        </div>
      )}
      <DataTable label="Shipments checked" data={shown} columns={columns} onOpen={(r) => setOpened(opened === r.index ? null : r.index)} selected={(r) => r.index === opened} />
      {open && <ShipmentFindings row={open} onClose={answers.length > 1 ? () => setOpened(null) : undefined} />}
    </div>
  );
}

/** Which goods line, party or ship a finding is about. */
function subjectOf(finding: ShipmentFinding): string {
  if (finding.kind === 'goods') return `goods line ${finding.line ?? ''}${finding.hs ? ` (HS ${finding.hs})` : ''}`.trim();
  if (finding.kind === 'party') return finding.party ? `party: ${finding.party.role} ${finding.party.name}` : 'party';
  return finding.kind === 'vessel' ? 'vessel' : 'route';
}

/** A shipment's findings, worst first, each with what it gives, its measure and legal basis, its detail and whether it rests on verified facts only. */
function ShipmentFindings({ row, onClose }: { row: Row; onClose?: () => void }) {
  const { answer } = row;
  return (
    <section id="shipment-findings" className="shipment-findings" aria-label={`Findings of shipment ${answer.id}`}>
      <h3>Shipment {answer.id}: <VerdictBadge verdict={answer.verdict} /></h3>
      {!answer.findings.length ? <p>No finding: no DPRK nexus, no listed party or ship.</p> : (
        <div className="scroll">
          <table className="data findings" aria-label={`Findings of shipment ${answer.id}`}>
            <thead>
              <tr><th scope="col">Gives</th><th scope="col">About</th><th scope="col">Basis</th><th scope="col">Status</th><th scope="col">Detail</th></tr>
            </thead>
            <tbody>
              {answer.findings.map((finding, i) => (
                <tr key={i} data-kind={finding.kind}>
                  <td><VerdictBadge verdict={finding.verdict} /></td>
                  <td>{subjectOf(finding)}</td>
                  <td>
                    {finding.basis ?? <span className="muted">—</span>}
                    {finding.measure && (
                      <div>{finding.measure.includes(':')
                        ? <code>{finding.measure}</code>
                        : <Link to={`/shipments?view=rules&q=${encodeURIComponent(finding.measure)}`} title="the measure in the rules"><code>{finding.measure}</code></Link>}
                      </div>
                    )}
                  </td>
                  <td>
                    {finding.status === 'indicative'
                      ? <span className="tag indicative" title="screening policy, not law: an indicative HS mapping or a fact not fully verified">indicative</span>
                      : <span className="tag">verified</span>}
                    {finding.status === 'indicative' && <div className="muted small">{[finding.mapping === 'indicative' && 'mapping indicative', finding.mapping === 'national_implementation' && 'national codes', finding.verification && finding.verification !== 'verified' && finding.verification.replace('_', ' ')].filter(Boolean).join('; ')}</div>}
                  </td>
                  <td><FindingDetail finding={finding} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {onClose && <button type="button" className="link" onClick={onClose}>Close</button>}
    </section>
  );
}

/** A finding's detail, its exceptions, a code-less line's candidate chapters, and a party's or ship's match with the matcher's explanation. */
function FindingDetail({ finding }: { finding: ShipmentFinding }) {
  return (
    <>
      <p className="finding-detail">{finding.detail}</p>
      {finding.exceptions && finding.exceptions.length > 0 && (
        <div>Exceptions the measure has (told, not applied):
          <ul className="how">{finding.exceptions.map((e, i) => <li key={i}>{e.text} <span className="muted">({e.verification.replace('_', ' ')})</span></li>)}</ul>
        </div>
      )}
      {finding.candidates && finding.candidates.length > 0 && (
        <div>Chapters the description names:
          <ul className="how">{finding.candidates.map((c) => <li key={c.chapter}>{c.chapter} {c.title} ({c.words.join(', ')}){c.measures.length ? `: ${c.measures.join(', ')}` : ''}</li>)}</ul>
        </div>
      )}
      {finding.match && <MatchBlock match={finding.match} />}
    </>
  );
}

const HOW_FOUND: Record<FindingMatch['how'], string> = { imo: 'exactly on its IMO number', company_imo: 'exactly on a company IMO number', mmsi: 'exactly on its MMSI', swift: 'exactly on its SWIFT/BIC code', name: 'by name' };

/** The listed record matched: a link to its page, how it was found, its relations (each a link), and for a match by name the matcher's explanation. */
function MatchBlock({ match }: { match: FindingMatch }) {
  return (
    <div className="finding-match">
      <p>
        Listed record <Link to={entityPath(match.id)}>{match.caption}</Link> <code>{match.id}</code>, found {HOW_FOUND[match.how]}{match.how === 'name' ? ` (score ${match.score.toFixed(2)})` : ''}
        {match.datasets.length > 0 && <> · {match.datasets.map((d) => <span key={d} className="tag">{d}</span>)}</>}
      </p>
      {match.relations && match.relations.length > 0 && (
        <p>
          {match.relations.map((r, i) => (
            <span key={i}>{i > 0 && '; '}{r.relation === 'linked_to' ? 'linked to ' : 'linked from '}
              {r.ids.length ? r.ids.map((id, j) => <span key={id}>{j > 0 && ', '}<Link to={entityPath(id)}>{r.name}</Link></span>) : r.name}
            </span>
          ))}
        </p>
      )}
      {match.explanation && (
        <details>
          <summary>How the name matched</summary>
          <Explanation explanations={match.explanation} />
        </details>
      )}
    </div>
  );
}
