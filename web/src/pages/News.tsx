import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.js';
import { DataTable, rowOpener, type Columns } from '../components/DataTable.js';
import { NewsArticle } from '../components/NewsArticle.js';
import { Tabs } from '../components/Tabs.js';
import { Time } from '../components/Time.js';
import { useKept } from '../components/use-kept.js';
import { useLoad } from '../components/use-load.js';
import { useSearchUpdate, type SearchUpdate } from '../components/use-search-update.js';
import { formatDate } from '../format.js';
import { news, normalizeText, type ArticleLink, type NewsFilter, type ShownScan, type StoredArticle } from '../news.js';
import { can, useSession } from '../session.js';
import '../news.css';

const TABS = { scan: 'Scan an article', stored: 'Stored articles', feeds: 'Feeds' } as const;
type View = keyof typeof TABS;
const VIEW_OF_TAB = Object.fromEntries(Object.entries(TABS).map(([k, v]) => [v, k])) as Record<string, View>;

/** What the analyst gave to scan. */
interface ScanForm {
  kind: 'text' | 'html' | 'url';
  content: string;
  url: string;
  title: string;
  published: string;
}

const problemOf = (error: unknown): string => (error instanceof ApiError ? error.message : `the server does not answer: ${(error as Error).message}`);

/**
 * News articles read for the people, organizations, ships and places they name (docs/news.md):
 * an article pasted (text or HTML) or fetched by URL and scanned (POST /news/scan), the stored
 * articles filtered by entity, party and date (GET /news) with each one's scan, and the feeds
 * watched (GET, POST and DELETE /news/feeds). The view, the filters and the article opened are
 * kept in the address (`#/news?view=stored&entity=us_ofac_sdn-12211&open=3`).
 */
export function NewsPage() {
  // Typing in a filter replaces the address; a change of view or an article opened is a step the back button undoes.
  const [params, update] = useSearchUpdate();
  const view: View = (params.get('view') as View | null) && params.get('view')! in TABS ? (params.get('view') as View) : 'scan';

  return (
    <section>
      <h1>News</h1>
      <Tabs label="News" tabs={Object.values(TABS)} selected={TABS[view]} onSelect={(tab) => update({ view: VIEW_OF_TAB[tab] === 'scan' ? null : VIEW_OF_TAB[tab]!, open: null }, false)}>
        {view === 'scan' && <ScanView />}
        {view === 'stored' && <StoredView params={params} update={update} />}
        {view === 'feeds' && <FeedsView />}
      </Tabs>
    </section>
  );
}

/** Paste an article or give its URL; the scan stays while the analyst opens a designee's page and comes back. */
function ScanView() {
  const [form, setForm] = useKept<ScanForm>('news.form', () => ({ kind: 'text', content: '', url: '', title: '', published: '' }));
  const [shown, setShown] = useKept<(ShownScan & { round: number }) | null>('news.scanned', () => null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<ScanForm>) => setForm((f) => ({ ...f, ...change }));
  const ready = form.kind === 'url' ? form.url.trim() !== '' : form.content.trim() !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem(null);
    try {
      const text = form.kind === 'text' ? normalizeText(form.content) : null;
      const source = form.kind === 'url' ? { kind: 'url' as const, url: form.url.trim() } : { kind: form.kind, content: form.kind === 'text' ? text! : form.content };
      const scan = await news.scan(source, { title: form.title.trim() || undefined, published: form.published.trim() || undefined });
      setShown((previous) => ({ scan, text, round: (previous?.round ?? 0) + 1 }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form className="card news-form" aria-label="Scan an article" onSubmit={(e) => void submit(e)}>
        <fieldset className="news-kind">
          <legend>The article</legend>
          {([['text', 'Text pasted'], ['html', 'HTML pasted'], ['url', 'A URL']] as const).map(([kind, words]) => (
            <label key={kind} className="inline"><input type="radio" name="news-kind" value={kind} checked={form.kind === kind} onChange={() => set({ kind })} /> {words}</label>
          ))}
        </fieldset>
        {form.kind === 'url' ? (
          <label>Article URL (the server fetches it: public addresses only)
            <input type="url" value={form.url} placeholder="https://…" onChange={(e) => set({ url: e.target.value })} />
          </label>
        ) : (
          <label>{form.kind === 'html' ? 'Article HTML (its article text is kept, menus and comments dropped)' : 'Article text'}
            <textarea className="news-input" value={form.content} spellCheck={false} onChange={(e) => set({ content: e.target.value })} />
          </label>
        )}
        <div className="row">
          <label>Title (optional)<input value={form.title} onChange={(e) => set({ title: e.target.value })} /></label>
          <label>Published (optional)<input value={form.published} placeholder="2018-01-15" onChange={(e) => set({ published: e.target.value })} /></label>
          <button type="submit" disabled={busy || !ready}>Scan</button>
        </div>
        {problem && <p className="error" role="alert" data-testid="scan-problem">{problem}</p>}
      </form>
      {busy && <p className="muted" role="status">Scanning…</p>}
      {shown && <NewsArticle key={shown.round} shown={shown} />}
    </>
  );
}

/** The stored articles, newest first, filtered as the address says; one opened shows its stored scan. */
function StoredView({ params, update }: { params: URLSearchParams; update: SearchUpdate }) {
  const filter: NewsFilter = useMemo(() => ({ entity: params.get('entity') ?? '', party: params.get('party') ?? '', after: params.get('after') ?? '' }), [params]);
  const openId = params.get('open');
  const { value: articles, error, loading } = useLoad(() => news.articles(filter), [filter], { delay: 300 });
  const { value: article, error: articleError } = useLoad(() => (openId ? news.article(openId) : Promise.resolve(null)), [openId]);
  const shown: ShownScan | null = useMemo(() => (article ? { scan: { ...article.scan, title: article.scan.title ?? article.title, url: article.scan.url ?? article.url }, text: article.text } : null), [article]);

  const columns: Columns<StoredArticle> = useMemo(() => [
    // An article its page gives no date for is dated by its fetching, and says so.
    { id: 'date', header: 'Date', accessorFn: (a) => a.published ?? a.fetched_at, cell: (c) => (c.row.original.published ? formatDate(c.row.original.published) : <span className="muted">fetched {formatDate(c.row.original.fetched_at)}</span>) },
    {
      id: 'title', header: 'Title', accessorFn: (a) => a.title ?? a.url ?? '',
      cell: (c) => {
        const { isOpen, open } = rowOpener(c);
        return <button type="button" className="link" aria-expanded={isOpen} onClick={open}>{c.getValue<string>() || `article ${c.row.original.id}`}</button>;
      },
    },
    { id: 'designees', header: 'Designees', accessorFn: (a) => a.designees.length, cell: (c) => <RecordLinks links={c.row.original.designees} /> },
    { id: 'possible', header: 'Possible matches', accessorFn: (a) => a.possible.length, cell: (c) => <RecordLinks links={c.row.original.possible} /> },
    { id: 'parties', header: 'Monitored parties', accessorFn: (a) => a.parties.length, cell: (c) => c.row.original.parties.map((p) => <span key={p.id} className="tag" title={`party ${p.id}, score ${p.score.toFixed(2)}`}>{p.name ?? `${p.id} (no longer monitored)`}</span>) },
    { id: 'mentions', header: 'Mentions', accessorKey: 'mentions' },
    { id: 'feed', header: 'Feed', accessorFn: (a) => a.feed ?? '', cell: (c) => <span className="muted small">{c.getValue<string>()}</span> },
  ], []);

  return (
    <>
      <form className="card row" aria-label="Filter the stored articles" onSubmit={(e) => e.preventDefault()}>
        <label>Listed entity id<input value={filter.entity} placeholder="us_ofac_sdn-12211" onChange={(e) => update({ entity: e.target.value.trim() || null, open: null }, true)} /></label>
        <label>Monitored party id<input value={filter.party} onChange={(e) => update({ party: e.target.value.trim() || null, open: null }, true)} /></label>
        <label>Fetched after<input type="date" value={filter.after} onChange={(e) => update({ after: e.target.value || null, open: null }, true)} /></label>
        {loading && <span className="muted" role="status">Loading…</span>}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {articles && (
        <div className="card">
          <DataTable label="Stored articles" data={articles} columns={columns} selected={(a) => String(a.id) === openId}
            onOpen={(a) => update({ open: String(a.id) === openId ? null : String(a.id) }, false)} />
        </div>
      )}
      {openId && articleError && <p className="error" role="alert">{articleError}</p>}
      {openId && shown && String(article?.id) === openId && (
        <section aria-label="Article opened">
          <p className="muted">Fetched <Time value={article!.fetched_at} />{article!.feed ? <> from the feed <code>{article!.feed}</code></> : null}</p>
          <NewsArticle key={openId} shown={shown} />
        </section>
      )}
    </>
  );
}

/** Listed records an article names, each a link to its page (its id when the current lists no longer hold it). */
function RecordLinks({ links }: { links: ArticleLink[] }) {
  return <>{links.map((d) => <Link key={d.id} className="tag" to={`/entities/${encodeURIComponent(d.id)}`} title={`score ${d.score.toFixed(2)}`}>{d.caption ?? d.id}</Link>)}</>;
}

/** The feeds watched, each with when it was last read and its last error; analysts add and remove them. */
function FeedsView() {
  const session = useSession();
  const analyst = can(session, 'analyst');
  const { value: feeds, error, reload } = useLoad(() => news.feeds(), []);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      reload();
      return true;
    } catch (e) {
      setProblem(problemOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() && (await act(() => news.addFeed(url.trim())))) setUrl('');
  };

  return (
    <>
      {analyst && (
        <form className="card row" aria-label="Watch a feed" onSubmit={(e) => void add(e)}>
          <label>Feed URL (RSS or Atom)<input type="url" value={url} placeholder="https://…/rss.xml" onChange={(e) => setUrl(e.target.value)} /></label>
          <button type="submit" disabled={busy || !url.trim()}>Watch</button>
        </form>
      )}
      {problem && <p className="error" role="alert">{problem}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {feeds && (
        <div className="card">
          <table className="data" aria-label="Feeds watched">
            <thead><tr><th scope="col">Feed</th><th scope="col">Added</th><th scope="col">Last read</th><th scope="col">Last error</th><th scope="col">Articles</th>{analyst && <th scope="col">Actions</th>}</tr></thead>
            <tbody>
              {feeds.map((f) => (
                <tr key={f.url}>
                  <td><a href={f.url} target="_blank" rel="noreferrer">{f.url}</a></td>
                  <td><Time value={f.added_at} /> <span className="muted small">by {f.added_by}</span></td>
                  <td>{f.last_checked ? <Time value={f.last_checked} /> : <span className="muted">not yet</span>}</td>
                  <td>{f.last_error ? <span className="error">{f.last_error}</span> : <span className="muted">none</span>}</td>
                  <td>{f.articles}</td>
                  {analyst && <td><button type="button" className="link" disabled={busy} aria-label={`Stop watching ${f.url}`} onClick={() => void act(() => news.removeFeed(f.url))}>Stop watching</button></td>}
                </tr>
              ))}
              {!feeds.length && <tr><td colSpan={analyst ? 6 : 5} className="muted">No feeds watched.</td></tr>}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">Feeds are read by <code>interdict news watch</code>; a monitored party named in a new article raises an <code>adverse_media</code> alert.</p>
    </>
  );
}
