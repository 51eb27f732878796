import type { Authority, GapAnswer } from '../gaps.js';

/** How an authority carries UN designations, in words (`Authority['implements_un']`). */
const IMPLEMENTS: Readonly<Record<Authority['implements_un'], string>> = {
  lists: 'lists them itself',
  own_programs: 'lists them under its own programs',
  regulation: 'applies them by regulation, without listing them',
  unknown: 'unknown',
};
const VERIFICATION: Readonly<Record<Authority['verification'], string>> = { verified: 'verified', partially_verified: 'partly verified', unverified: 'not verified' };

function Implements({ authority }: { authority: Authority | undefined }) {
  if (!authority) return <span className="muted">not given by this server</span>;
  return (
    <>
      <strong>{IMPLEMENTS[authority.implements_un] ?? authority.implements_un}</strong> <span className="muted">({VERIFICATION[authority.verification] ?? authority.verification})</span>
      {authority.detail && <div>{authority.detail}</div>}
      {authority.sources.length > 0 && (
        <div className="sources">
          Sources: {authority.sources.map((url, i) => <span key={url}>{i > 0 && ', '}<a href={url} target="_blank" rel="noreferrer">{hostOf(url)}</a></span>)}
        </div>
      )}
    </>
  );
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const count = (n: number | undefined) => (n === undefined ? <span className="muted">—</span> : n.toLocaleString());

/**
 * Per authority: how it carries UN designations (with its sources), how many of the reference's
 * designations it lists, misses or need not list, its median lag, and its own (separate) designations.
 */
export function GapAuthorities({ answer, labelOf }: { answer: GapAnswer; labelOf: (dataset: string) => string }) {
  return (
    <div className="scroll">
      <table className="data authorities" aria-label="Authorities">
        <thead>
          <tr>
            <th scope="col">Authority</th>
            <th scope="col">How it implements UN designations</th>
            <th scope="col" className="num">Listed</th>
            <th scope="col" className="num">Missing</th>
            <th scope="col" className="num">Not applicable</th>
            <th scope="col" className="num">Median lag</th>
            <th scope="col" className="num">Separate designations</th>
          </tr>
        </thead>
        <tbody>
          {answer.against.map((d) => {
            const s = answer.summary[d];
            const version = answer.versions?.[d];
            return (
              <tr key={d} data-dataset={d}>
                <th scope="row">
                  {labelOf(d)} <span className="tag">{d}</span>
                  {version && <div className="muted version">{version.published ? `version of ${version.published}` : <>undated version <code>{version.id}</code></>}</div>}
                </th>
                <td><Implements authority={answer.authorities?.[d]} /></td>
                <td className="num">{count(s?.listed)}</td>
                <td className="num">{count(s?.missing)}</td>
                <td className="num">{count(s?.not_applicable)}</td>
                <td className="num">{s?.median_lag_days === null || s?.median_lag_days === undefined ? <span className="muted">unknown</span> : `${s.median_lag_days} days`}</td>
                <td className="num">{answer.separate ? count(answer.separate[d]?.total ?? 0) : <span className="muted">not given</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
