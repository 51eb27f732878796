import { InputError, NotFoundError } from '../core/errors.js';
import { appendAudit } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/** An article to keep: its text and scan, and the listed records and monitored parties it names. */
export interface NewArticle {
  url: string | null;
  contentSha256: string;
  title: string | null;
  published: string | null;
  feed: string | null;
  text: string;
  scan: unknown;
  links: { entityId: string; score: number; match: boolean }[];
  parties: { partyId: string; score: number }[];
}

/** An article as listed: what it is and what it names, without its text. */
export interface ArticleSummary {
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  feed: string | null;
  fetchedAt: string;
  /** How many names it holds. */
  mentions: number;
  /** The listed records it names (at the threshold, or below it for review). */
  links: { entityId: string; score: number; match: boolean }[];
  parties: { partyId: string; score: number }[];
}

export interface StoredArticle extends ArticleSummary {
  text: string;
  scan: unknown;
}

export interface ArticleQuery {
  /** Articles naming this listed record. */
  entity?: string;
  /** Articles naming this monitored party. */
  party?: string;
  /** Articles fetched after this time (ISO 8601). */
  after?: string;
  /** At most 500 (default 50). */
  limit?: number;
}

export interface NewsFeed {
  url: string;
  addedBy: string;
  addedAt: string;
  lastChecked: string | null;
  lastError: string | null;
  /** Articles kept from it. */
  articles: number;
}

interface ArticleRow {
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  feed: string | null;
  fetched_at: string;
  mentions: number | string;
  links: { entityId: string; score: number; match: boolean }[] | null;
  parties: { partyId: string; score: number }[] | null;
  text?: string;
  scan?: unknown;
}

const SUMMARY = `a.id, a.url, a.title, a.published, a.feed, ${utc('a.fetched_at')} AS fetched_at, coalesce(jsonb_array_length(a.scan->'mentions'), 0) AS mentions,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('entityId', l.entity_id, 'score', l.score, 'match', l.match) ORDER BY l.score DESC), '[]') FROM news_links l WHERE l.article_id = a.id) AS links,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('partyId', p.party_id, 'score', p.score) ORDER BY p.score DESC), '[]') FROM news_parties p WHERE p.article_id = a.id) AS parties`;

const toSummary = (r: ArticleRow): ArticleSummary => ({ id: r.id, url: r.url, title: r.title, published: r.published, feed: r.feed, fetchedAt: r.fetched_at, mentions: Number(r.mentions), links: r.links ?? [], parties: r.parties ?? [] });

const MAX_LIMIT = 500;

/** News articles kept with their scans, and the feeds watched. */
export type NewsSql = ReturnType<typeof createNewsSql>;

export function createNewsSql(sql: SqlClient) {
  return {
    /**
     * Keep an article, once: one already kept under its URL or with the same text is not kept
     * again (`stored` false, its id given). Audited with what it names, never its text.
     */
    async storeArticle(article: NewArticle, actor: string): Promise<{ id: string; stored: boolean }> {
      for (const [field, value] of [['url', article.url], ['title', article.title], ['text', article.text]] as const) {
        if (value !== null && !storable(value)) throw new InputError('INVALID_ARTICLE', `${field}: holds a NUL character, which cannot be stored`);
      }
      const id = `art_${article.contentSha256.slice(0, 20)}`;
      return sql.transaction(async (tx) => {
        const { rows: known } = await tx.query<{ id: string }>('SELECT id FROM news_articles WHERE content_sha256 = $1 OR (url IS NOT NULL AND url = $2)', [article.contentSha256, article.url]);
        if (known[0]) return { id: known[0].id, stored: false };
        await tx.query('INSERT INTO news_articles (id, url, content_sha256, title, published, feed, text, scan) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [id, article.url, article.contentSha256, article.title, article.published, article.feed, article.text, JSON.stringify(article.scan)]);
        if (article.links.length) {
          await tx.query('INSERT INTO news_links (article_id, entity_id, score, match) SELECT $1, x.entity_id, x.score, x.match FROM jsonb_to_recordset($2::jsonb) AS x(entity_id text, score double precision, match boolean) ON CONFLICT DO NOTHING', [id, JSON.stringify(article.links.map((l) => ({ entity_id: l.entityId, score: l.score, match: l.match })))]);
        }
        if (article.parties.length) {
          await tx.query('INSERT INTO news_parties (article_id, party_id, score) SELECT $1, x.party_id, x.score FROM jsonb_to_recordset($2::jsonb) AS x(party_id text, score double precision) ON CONFLICT DO NOTHING', [id, JSON.stringify(article.parties.map((p) => ({ party_id: p.partyId, score: p.score })))]);
        }
        await appendAudit(tx, { actor, action: 'news.store', subject: `article:${id}`, after: { url: article.url, feed: article.feed, content_sha256: article.contentSha256, entities: article.links.filter((l) => l.match).map((l) => l.entityId), parties: article.parties.map((p) => p.partyId) } });
        return { id, stored: true };
      });
    },

    /** Articles naming an entity or a party, fetched after a time, newest first (by publication, then fetching). */
    async listArticles(query: ArticleQuery = {}): Promise<ArticleSummary[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.entity !== undefined) {
        if (!storable(query.entity)) return [];
        where.push(`EXISTS (SELECT 1 FROM news_links l WHERE l.article_id = a.id AND l.entity_id = $${params.push(query.entity)})`);
      }
      if (query.party !== undefined) {
        if (!storable(query.party)) return [];
        where.push(`EXISTS (SELECT 1 FROM news_parties p WHERE p.article_id = a.id AND p.party_id = $${params.push(query.party)})`);
      }
      if (query.after !== undefined) where.push(`a.fetched_at > $${params.push(query.after)}::timestamptz`);
      params.push(Math.min(query.limit ?? 50, MAX_LIMIT));
      const { rows } = await sql.query<ArticleRow>(
        `SELECT ${SUMMARY} FROM news_articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.published DESC NULLS LAST, a.fetched_at DESC, a.id LIMIT $${params.length}`,
        params,
      );
      return rows.map(toSummary);
    },

    async getArticle(id: string): Promise<StoredArticle> {
      const { rows } = storable(id) ? await sql.query<ArticleRow>(`SELECT ${SUMMARY}, a.text, a.scan FROM news_articles a WHERE a.id = $1`, [id]) : { rows: [] };
      const row = rows[0];
      if (!row) throw new NotFoundError(`article ${id}`);
      return { ...toSummary(row), text: row.text!, scan: row.scan };
    },

    /** Whether an article is kept already, by its URL. */
    async hasArticleUrl(url: string): Promise<boolean> {
      const { rows } = await sql.query('SELECT 1 FROM news_articles WHERE url = $1', [url]);
      return rows.length > 0;
    },

    /** Watch a feed (audited); a feed watched already is left as it is. */
    async addFeed(url: string, actor: string): Promise<NewsFeed> {
      if (!storable(url)) throw new InputError('INVALID_ARTICLE', 'url: holds a NUL character');
      await sql.transaction(async (tx) => {
        const { rows } = await tx.query('INSERT INTO news_feeds (url, added_by) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING RETURNING url', [url, actor]);
        if (rows.length) await appendAudit(tx, { actor, action: 'news.feed.add', subject: `feed:${url}`, after: { url } });
      });
      return (await this.listFeeds()).find((f) => f.url === url)!;
    },

    /** Stop watching a feed (audited); its articles stay. */
    async removeFeed(url: string, actor: string): Promise<void> {
      await sql.transaction(async (tx) => {
        const { rows } = await tx.query('DELETE FROM news_feeds WHERE url = $1 RETURNING url', [url]);
        if (!rows.length) throw new NotFoundError(`feed ${url}`);
        await appendAudit(tx, { actor, action: 'news.feed.remove', subject: `feed:${url}`, before: { url } });
      });
    },

    async listFeeds(): Promise<NewsFeed[]> {
      const { rows } = await sql.query<{ url: string; added_by: string; added_at: string; last_checked: string | null; last_error: string | null; articles: string | number }>(
        `SELECT f.url, f.added_by, ${utc('f.added_at')} AS added_at, ${utc('f.last_checked')} AS last_checked, f.last_error, (SELECT count(*) FROM news_articles a WHERE a.feed = f.url) AS articles FROM news_feeds f ORDER BY f.url`,
      );
      return rows.map((r) => ({ url: r.url, addedBy: r.added_by, addedAt: r.added_at, lastChecked: r.last_checked, lastError: r.last_error, articles: Number(r.articles) }));
    },

    /** Record how a feed's reading went: null when it was read. */
    async feedChecked(url: string, error: string | null): Promise<void> {
      await sql.query('UPDATE news_feeds SET last_checked = now(), last_error = $2 WHERE url = $1', [url, error]);
    },
  };
}
