import type { ListAge } from '../api.js';
import { formatDate } from '../format.js';

const days = (n: number): string => (n === 1 ? '1 day' : `${n.toLocaleString()} days`);

/**
 * The lists a screening ran against and how old each is, stale ones flagged, with the screening's
 * warnings above them: a clear result is only as good as the lists behind it.
 */
export function ScreenedAgainst({ lists, warnings }: { lists: ListAge[]; warnings: string[] }) {
  if (!lists.length && !warnings.length) return null;
  return (
    <div className="screened-against">
      {warnings.length > 0 && (
        <div className="warning" role="alert">
          {warnings.map((warning, i) => <p key={i}>{warning}</p>)}
        </div>
      )}
      {lists.length > 0 && (
        <table className="lists" aria-label="Lists screened against">
          <caption>Screened against</caption>
          <thead><tr><th>List</th><th>Version</th><th>As of</th><th>Age</th></tr></thead>
          <tbody>
            {lists.map((list) => (
              <tr key={list.version} className={list.stale ? 'stale' : undefined}>
                <td>{list.dataset}</td>
                <td><code>{list.version}</code></td>
                <td title={list.published ? `published ${list.published}` : 'the list states no date: counted from its load, or from when the publisher was last found serving it'}>
                  {formatDate(list.as_of)}
                </td>
                <td>{days(list.age_days)}{list.stale && <> <span className="tag stale">stale</span></>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
