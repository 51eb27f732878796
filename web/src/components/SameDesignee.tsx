import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { IDENTIFIER_PROPERTIES, labelOf } from '../../../src/core/ftm.js';
import { ApiError, api, type Designation, type DesigneeAnswer, type DesigneeMember, type RecordLink } from '../api.js';
import { formatDate } from '../format.js';
import { langOf } from '../script.js';
import { useLoad } from './use-load.js';

/** What each kind of evidence (`LinkEvidence['kind']`) is about, in words; a kind not named here is spelt out by labelOf. */
const EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  name: 'Names',
  birthDate: 'Birth dates',
  country: 'Countries',
  identifier: 'Identifiers',
  gender: labelOf('gender'),
  regime: 'Sanctions regime',
  reciprocal: 'Best match both ways',
  analyst: 'Analyst\'s decision',
};

/** Names shown beside the caption (name parts, such as first and last name, repeat them). */
const OTHER_NAMES = ['name', 'alias', 'weakAlias', 'previousName'];
/** Details compared side by side, when any record gives them. */
const DETAILS = ['birthDate', 'birthPlace', 'nationality', 'citizenship', 'country', 'jurisdiction', 'flag', 'gender'];
const DATES: ReadonlySet<string> = new Set(['birthDate']);

/** One value or several, as a list when several. */
function Values({ values, lang = false }: { values: string[]; lang?: boolean }) {
  if (!values.length) return <span className="muted">not given</span>;
  if (values.length === 1) return <span lang={lang ? langOf(values[0]!) : undefined}>{values[0]}</span>;
  return <ul className="values">{values.map((v, i) => <li key={i} lang={lang ? langOf(v) : undefined}>{v}</li>)}</ul>;
}

/** A designation's program, reference and listing date, as a description list. */
function DesignationTerms({ designation: d }: { designation: Designation }) {
  return (
    <dl className="terms">
      <dt>Program</dt><dd>{d.program ?? <span className="muted">not given</span>}</dd>
      <dt>Reference</dt><dd>{d.referenceNumber ?? <span className="muted">not given</span>}</dd>
      <dt>Listed on</dt><dd>{d.listingDate ? formatDate(d.listingDate) : <span className="muted">not given</span>}</dd>
    </dl>
  );
}

/** A record named in a link: its id linking to its page, and its caption when it is one of the designee's. */
function RecordRef({ id, members }: { id: string; members: DesigneeMember[] }) {
  const member = members.find((m) => m.id === id);
  return (
    <>
      {member && <>{member.caption} </>}
      (<Link to={`/entities/${encodeURIComponent(id)}`}>{id}</Link>{member ? `, ${member.datasets.join(', ')}` : ''})
    </>
  );
}

/** A link or a pair for review: the two records, the confidence, and each piece of evidence in words. */
function Pair({ link, members }: { link: RecordLink; members: DesigneeMember[] }) {
  const review = link.status === 'review';
  return (
    <li className={review ? 'pair review' : 'pair'}>
      <p>
        {review ? <span className="tag possible">possible, not confirmed</span> : <span className="tag">linked</span>}{' '}
        <RecordRef id={link.ids[0]} members={members} /> and <RecordRef id={link.ids[1]} members={members} />:{' '}
        confidence <strong>{link.confidence.toFixed(2)}</strong>
      </p>
      <dl className="evidence">
        {link.evidence.map((e, i) => (
          <Fragment key={i}>
            <dt>{EVIDENCE_LABELS[e.kind] ?? labelOf(e.kind)}</dt>
            <dd>{e.detail}</dd>
          </Fragment>
        ))}
      </dl>
    </li>
  );
}

/** The designations of one record: its lists' (the records of one list share that list's, said so). */
function designationsOf(member: DesigneeMember, answer: DesigneeAnswer): { designations: Designation[]; shared: boolean } {
  const designations = member.datasets.flatMap((d) => answer.designations[d] ?? []);
  const shared = answer.members.some((m) => m.id !== member.id && m.datasets.some((d) => member.datasets.includes(d)));
  return { designations, shared };
}

/** The records side by side: a column per record, a row per detail. */
function MembersTable({ answer, current }: { answer: DesigneeAnswer; current: string }) {
  const { members } = answer;
  const rows: { label: string; cell: (m: DesigneeMember) => ReactNode }[] = [
    { label: 'Type', cell: (m) => labelOf(m.schema) },
    { label: labelOf('name'), cell: (m) => <span lang={langOf(m.caption)}>{m.caption}</span> },
    { label: 'Other names', cell: (m) => <Values lang values={[...new Set(OTHER_NAMES.flatMap((k) => m.properties[k] ?? []))].filter((n) => n !== m.caption)} /> },
    ...DETAILS.filter((k) => members.some((m) => m.properties[k]?.length)).map((k) => ({
      label: labelOf(k),
      cell: (m: DesigneeMember) => <Values values={(m.properties[k] ?? []).map((v) => (DATES.has(k) ? formatDate(v) : v))} />,
    })),
    ...IDENTIFIER_PROPERTIES.filter((k) => members.some((m) => m.properties[k]?.length)).map((k) => ({
      label: labelOf(k),
      cell: (m: DesigneeMember) => <Values values={m.properties[k] ?? []} />,
    })),
    {
      label: 'Designations',
      cell: (m) => {
        const { designations, shared } = designationsOf(m, answer);
        if (!designations.length) return <span className="muted">none</span>;
        return (
          <>
            {shared && <p className="muted">This list's designations of all its records here:</p>}
            <ul className="values">{designations.map((d, i) => <li key={i}><DesignationTerms designation={d} /></li>)}</ul>
          </>
        );
      },
    },
  ];
  return (
    <div className="scroll" role="region" aria-label="Records side by side" tabIndex={0}>
      <table className="designee" aria-label="Records of the same designee">
        <thead>
          <tr>
            <td />
            {members.map((m) => {
              const authority = m.datasets.flatMap((d) => answer.designations[d] ?? []).find((d) => d.authority)?.authority;
              return (
                <th key={m.id} scope="col">
                  <span className="list">{authority ?? m.datasets.join(', ')}</span>{' '}
                  {m.datasets.map((d) => <span key={d} className="tag">{d}</span>)}
                  <br />
                  <Link to={`/entities/${encodeURIComponent(m.id)}`} aria-current={m.id === current ? 'page' : undefined}>{m.id}</Link>
                  {m.id === current && <span className="muted"> (this record)</span>}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {members.map((m) => <td key={m.id}>{row.cell(m)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The designee a record belongs to (GET /designees/{id}): the same person, company or vessel as
 * other lists carry it, its records side by side, how sure the links are and why, and the pairs
 * left for review, marked as possible, not confirmed.
 */
export function SameDesignee({ id }: { id: string }) {
  // A record on no current list (a removed one, opened from a diff) belongs to no designee: not an error.
  const { value: answer, error, loading } = useLoad(() => api.designee(id).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }), [id]);
  // While another record's designee loads, the last answer stands only if this record is one of its.
  const shown = loading ? (answer?.members.some((m) => m.id === id) ? answer : undefined) : answer;
  return (
    <section className="card" aria-labelledby="same-designee" aria-busy={loading}>
      <h2 id="same-designee">Same designee on other lists</h2>
      {error ? <p className="error" role="alert">{error}</p>
        : shown === undefined ? <p className="muted">Loading…</p>
        : shown === null ? <p>This record is on no current list version: it is linked to none.</p>
        : (
          <>
            {shown.members.length === 1
              ? <p data-testid="designee-summary">No other list's record was linked to this one.</p>
              : (
                <>
                  <p data-testid="designee-summary">
                    {shown.members.length} records on {shown.datasets.length === 1 ? 'one list' : `${shown.datasets.length} lists`} ({shown.datasets.join(', ')}) judged to be one designee;
                    the weakest link's confidence is <strong>{shown.confidence.toFixed(2)}</strong>.
                  </p>
                  <MembersTable answer={shown} current={id} />
                  <h3 id="designee-links">How they were linked</h3>
                  <ul className="pairs" aria-labelledby="designee-links">
                    {shown.links.map((link) => <Pair key={link.ids.join(' ')} link={link} members={shown.members} />)}
                  </ul>
                </>
              )}
            {shown.review.length > 0 && (
              <>
                <h3 id="designee-review">Possible, not confirmed</h3>
                <p className="muted">These pairs came close without being linked: they may be the same designee, and are not counted as one until an analyst has looked.</p>
                <ul className="pairs" aria-labelledby="designee-review">
                  {shown.review.map((link) => <Pair key={link.ids.join(' ')} link={link} members={shown.members} />)}
                </ul>
              </>
            )}
          </>
        )}
    </section>
  );
}
