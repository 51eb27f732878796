import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { labelOf } from '../../../src/core/ftm.js';
import { formatDate } from '../format.js';
import { STATUS_WORDS, personStatus, piecesOf, statusOf, type ArticleDesignee, type MentionMatch, type MentionStatus, type ScannedMention, type ScannedPerson, type ShownScan } from '../news.js';
import { Explanation } from './Explanation.js';
import { MatchBadge, ScoreBar } from './ScoreBar.js';

const TYPES = ['Person', 'Organization', 'Vessel', 'Place'] as const;
const STATUSES: MentionStatus[] = ['designee', 'possible', 'unlisted', 'place'];
/** The letter before a highlighted name (news.css writes it): its type, for readers who do not tell the colours apart. */
const LETTERS: Record<(typeof TYPES)[number], string> = { Person: 'P', Organization: 'O', Vessel: 'V', Place: 'L' };
/** Mentions counted by standing, in words. */
const COUNTED: Record<MentionStatus, [string, string]> = { designee: ['designee', 'designees'], possible: ['possible match', 'possible matches'], unlisted: ['not listed', 'not listed'], place: ['place', 'places'] };

/** A listed record, as a link to its page, with its score. */
function MatchLink({ match }: { match: MentionMatch }) {
  return (
    <span className="news-match">
      <Link to={`/entities/${encodeURIComponent(match.id)}`}>{match.caption}</Link>{' '}
      <ScoreBar score={match.score} match={match.match} />
    </span>
  );
}

/** A mention's summary in words: what it is, what the article calls it, its standing on the lists. */
function describe(mention: ScannedMention, people: readonly ScannedPerson[]): string {
  const status = statusOf(mention);
  const person = mention.person !== null ? people[mention.person] : undefined;
  const role = mention.role ?? person?.role;
  const listed = mention.match ? `: ${mention.match.caption}, score ${mention.match.score.toFixed(2)}` : '';
  return `${mention.text} · ${labelOf(mention.type)}${role ? ` (${role})` : ''} · ${STATUS_WORDS[status]}${listed}`;
}

/** The mention opened: its type, role, why it has its type, and the listed record it names with the matcher's explanation. */
function MentionDetail({ mention, people, onClose }: { mention: ScannedMention; people: readonly ScannedPerson[]; onClose: () => void }) {
  const status = statusOf(mention);
  const person = mention.person !== null ? people[mention.person] : undefined;
  return (
    <div className="card news-detail" role="region" aria-label="Mention opened" data-testid="mention-detail">
      <h3>
        {mention.text} <span className={`news-status news-status-${status}`}>{STATUS_WORDS[status]}</span>
        <button type="button" className="link" onClick={onClose}>Close</button>
      </h3>
      <dl className="news-facts">
        <dt>Type</dt><dd>{labelOf(mention.type)}{mention.why ? <span className="muted"> (by {mention.why})</span> : null}</dd>
        {(mention.role ?? person?.role) && <><dt>Role</dt><dd>{mention.role ?? person?.role}</dd></>}
        {person && person.names.length > 1 && <><dt>Also named</dt><dd>{person.names.filter((n) => n !== mention.text).join('; ')}</dd></>}
        <dt>Offsets</dt><dd>{mention.start}–{mention.end}</dd>
      </dl>
      {mention.match ? (
        <>
          <p>
            {mention.match.match ? 'Names the listed record ' : 'May name, below the threshold, the listed record '}
            <MatchLink match={mention.match} /> <MatchBadge match={mention.match.match} />{' '}
            <span className="muted">{labelOf(mention.match.schema)} · {mention.match.datasets.map((d) => <span key={d} className="tag">{d}</span>)}</span>
          </p>
          <Explanation explanations={mention.match.explanations} />
        </>
      ) : (
        <p className="muted">{mention.type === 'Place' ? 'Places are not screened against the lists.' : 'No listed record matches this name down to the review floor.'}</p>
      )}
    </div>
  );
}

/** The designees (or possible matches) an article names: each record linked, its score, the names the article gives it. */
function DesigneeTable({ label, designees, onMention }: { label: string; designees: ArticleDesignee[]; onMention: (index: number) => void }) {
  if (!designees.length) return <p className="muted">None.</p>;
  return (
    <table className="data" aria-label={label}>
      <thead><tr><th scope="col">Listed record</th><th scope="col">Type</th><th scope="col">Lists</th><th scope="col">Score</th><th scope="col">Named in the article</th></tr></thead>
      <tbody>
        {designees.map((d) => (
          <tr key={d.id}>
            <td><Link to={`/entities/${encodeURIComponent(d.id)}`}>{d.caption}</Link><div className="muted small"><code>{d.id}</code></div></td>
            <td>{labelOf(d.schema)}</td>
            <td>{d.datasets.map((x) => <span key={x} className="tag">{x}</span>)}</td>
            <td><ScoreBar score={d.score} match={d.match} /></td>
            <td>
              {d.names.join('; ')}{' '}
              <button type="button" className="link" onClick={() => onMention(d.mentions[0]!)}>show{d.mentions.length > 1 ? ` (${d.mentions.length} mentions)` : ''}</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A scanned article: its text with each mention highlighted by type (the underline's colour and a
 * letter) and standing on the lists (the ground: designee, possible, not listed), a mention opened
 * with its listed record and the matcher's explanation; the people with their roles, quotes and
 * standing; the designees and the possible matches. Without the text (an HTML page or a URL read
 * on the server) the mentions are listed instead.
 */
export function NewsArticle({ shown }: { shown: ShownScan }) {
  const { scan, text } = shown;
  const [opened, setOpened] = useState<number | null>(null);
  const pieces = useMemo(() => (text !== null ? piecesOf(text, scan.mentions, scan.quotes) : null), [text, scan]);
  const open = (index: number) => {
    setOpened(index);
    requestAnimationFrame(() => document.getElementById(`news-mention-${index}`)?.scrollIntoView({ block: 'nearest' }));
  };
  const openedMention = opened !== null ? scan.mentions[opened] : undefined;
  const counts = STATUSES.map((s) => ({ status: s, n: scan.mentions.filter((m) => statusOf(m) === s).length }));
  const speakerOf = (quote: number | null) => {
    const q = quote !== null ? scan.quotes[quote] : undefined;
    const speaker = q?.speaker !== null && q?.speaker !== undefined ? scan.people[q.speaker] : undefined;
    return speaker ? `quoted: said by ${speaker.names[0]}` : 'quoted: the article names no speaker';
  };

  return (
    <div className="news-article">
      <div className="card">
        <h2>{scan.title ?? 'Untitled article'}</h2>
        <p className="muted">
          {scan.published && <>Published {formatDate(scan.published)} · </>}
          {scan.url && <><a href={scan.url} target="_blank" rel="noreferrer">{scan.url}</a> · </>}
          {scan.mentions.length} mentions: {counts.filter((c) => c.n).map((c) => `${c.n} ${COUNTED[c.status][c.n === 1 ? 0 : 1]}`).join(', ') || 'none'}
          {scan.versions.length > 0 && <> · screened against {scan.versions.map((v) => <code key={v} className="tag">{v}</code>)}</>}
        </p>
        <ul className="legend news-legend" aria-label="Highlight colours">
          {TYPES.map((t) => <li key={t}><span className={`news-mention news-type-${t} news-unlisted`}>{LETTERS[t]}</span> {labelOf(t)}</li>)}
          {STATUSES.filter((s) => s !== 'place').map((s) => <li key={s}><span className={`news-mention news-type-Person news-${s}`}>name</span> {STATUS_WORDS[s]}</li>)}
          <li><q className="news-quote">…</q> a quote</li>
        </ul>
        <div className="news-reading">
          {pieces ? (
            <div className="news-text" role="document" aria-label="Article text" data-testid="article-text">
              {pieces.map((piece, i) => {
                if (piece.kind === 'text') return piece.quote !== null ? <span key={i} className="news-quote" title={speakerOf(piece.quote)}>{piece.text}</span> : <span key={i}>{piece.text}</span>;
                const mention = scan.mentions[piece.index]!;
                const status = statusOf(mention);
                return (
                  <button key={i} type="button" id={`news-mention-${piece.index}`}
                    className={`news-mention news-type-${mention.type} news-${status}${opened === piece.index ? ' opened' : ''}${piece.quote !== null ? ' in-quote' : ''}`}
                    data-status={status} data-type={mention.type} title={describe(mention, scan.people)} aria-label={describe(mention, scan.people)}
                    aria-pressed={opened === piece.index} onClick={() => setOpened(opened === piece.index ? null : piece.index)}>
                    {mention.text}
                  </button>
                );
              })}
            </div>
          ) : (
            <p className="muted">The server read the article&apos;s text from the page; its mentions are listed below.</p>
          )}
          {openedMention ? <MentionDetail mention={openedMention} people={scan.people} onClose={() => setOpened(null)} /> : <p className="muted news-hint">Open a highlighted name for what it is, the listed record it names and the matcher&apos;s explanation.</p>}
        </div>
        <details className="news-mentions" open={!pieces}>
          <summary>Every mention ({scan.mentions.length})</summary>
          <table className="data" aria-label="Mentions">
            <thead><tr><th scope="col">Text</th><th scope="col">Type</th><th scope="col">Role</th><th scope="col">Lists</th><th scope="col">Offsets</th></tr></thead>
            <tbody>
              {scan.mentions.map((m, i) => (
                <tr key={i}>
                  <td><button type="button" className="link" onClick={() => open(i)}>{m.text}</button></td>
                  <td>{labelOf(m.type)}</td>
                  <td>{m.role ?? ''}</td>
                  <td><span className={`news-status news-status-${statusOf(m)}`}>{STATUS_WORDS[statusOf(m)]}</span> {m.match && <MatchLink match={m.match} />}</td>
                  <td className="muted">{m.start}–{m.end}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </div>
      <div className="card">
        <h2>People</h2>
        {scan.people.length ? (
          <table className="data" aria-label="People">
            <thead><tr><th scope="col">Names</th><th scope="col">Role</th><th scope="col">Quotes</th><th scope="col">Lists</th></tr></thead>
            <tbody>
              {scan.people.map((p) => {
                const status = personStatus(p);
                return (
                  <tr key={p.id} data-testid={`person-${p.id}`}>
                    <th scope="row">{p.names.join('; ')}</th>
                    <td>{p.role ?? ''}{p.country ? <span className="muted"> · {p.country}</span> : null}</td>
                    <td>{p.quotes.length ? <ul className="news-quotes">{p.quotes.map((q, i) => <li key={i}><q>{q}</q></li>)}</ul> : <span className="muted">none</span>}</td>
                    <td><span className={`news-status news-status-${status}`}>{STATUS_WORDS[status]}</span> {p.match && <MatchLink match={p.match} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : <p className="muted">No people named.</p>}
        {scan.quotes.some((q) => q.speaker === null) && (
          <>
            <h3>Quotes without a named speaker</h3>
            <ul className="news-quotes">{scan.quotes.filter((q) => q.speaker === null).map((q, i) => <li key={i}><q>{q.text}</q></li>)}</ul>
          </>
        )}
      </div>
      <div className="card">
        <h2>Designees named</h2>
        <DesigneeTable label="Designees named" designees={scan.designees} onMention={open} />
        <h2>Possible matches, for review</h2>
        <DesigneeTable label="Possible matches" designees={scan.possible} onMention={open} />
      </div>
    </div>
  );
}
