import { Link } from 'react-router-dom';
import { ApiError } from '../api.js';
import { formatDate } from '../format.js';
import { news, type StoredArticle } from '../news.js';
import { useLoad } from './use-load.js';
import { ScoreBar } from './ScoreBar.js';

/** The stored articles naming an entity, or null when the server keeps none (no news store: 404) or none name it. */
async function articlesNaming(entity: string): Promise<StoredArticle[] | null> {
  try {
    const articles = await news.articles({ entity }, 50);
    return articles.length ? articles : null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * "In the news": the stored articles naming a listed entity (GET /news?entity=), newest first, as a
 * timeline; each opens on the News page with its stored scan. Not shown when no article names it.
 */
export function NewsTimeline({ entity }: { entity: string }) {
  const { value: articles, error } = useLoad(() => articlesNaming(entity), [entity]);
  if (error) return <div className="card"><h2>In the news</h2><p className="error" role="alert">{error}</p></div>;
  if (!articles) return null;
  return (
    <section className="card" aria-label="In the news">
      <h2>In the news</h2>
      <ol className="news-timeline">
        {articles.map((a) => {
          const named = a.designees.find((d) => d.id === entity);
          const maybe = named ? undefined : a.possible.find((d) => d.id === entity);
          const when = a.published ?? a.fetched_at;
          return (
            <li key={a.id}>
              <span>
                <time dateTime={when}>{formatDate(when)}</time>
                {!a.published && <span className="muted small"> fetched</span>}
              </span>
              <div>
                <Link to={`/news?view=stored&entity=${encodeURIComponent(entity)}&open=${encodeURIComponent(String(a.id))}`}>{a.title ?? a.url ?? `article ${a.id}`}</Link>
                <div className="muted small">
                  {a.url && <><a href={a.url} target="_blank" rel="noreferrer">{(() => { try { return new URL(a.url).host; } catch { return a.url; } })()}</a> · </>}
                  {a.mentions} mentions
                  {named && <> · named at <ScoreBar score={named.score} match /></>}
                  {maybe && <> · <span className="tag possible">possibly named, for review</span> <ScoreBar score={maybe.score} match={false} /></>}
                  {a.designees.filter((d) => d.id !== entity).length > 0 && <> · also {a.designees.filter((d) => d.id !== entity).map((d) => <Link key={d.id} className="tag" to={`/entities/${encodeURIComponent(d.id)}`}>{d.caption ?? d.id}</Link>)}</>}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
