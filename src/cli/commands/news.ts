import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { NewsScanner, recordNewsScan, type ScannedArticle } from '../../service/news.js';
import { fetchArticle, readArticleText, type ArticleFormat } from '../../service/news-input.js';
import { PartyNames, keepArticle, readFeeds } from '../../service/news-watch.js';
import { parseCount } from './options.js';
import { checkLists, cliActor, screeningState, withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';

interface ScanOptions {
  db?: string;
  json?: boolean;
  format?: string;
  allowEmpty?: boolean;
  store?: boolean;
}

interface WatchOptions {
  db?: string;
  feed?: string[];
  every?: number;
  once?: boolean;
  allowEmpty?: boolean;
}

interface ListOptions {
  db?: string;
  entity?: string;
  party?: string;
  after?: string;
  limit?: number;
  json?: boolean;
}

/** The article's text: a file, standard input for `-`, or a URL. */
async function articleOf(source: string, format: ArticleFormat | undefined, io: Io) {
  if (/^https?:\/\//i.test(source)) return fetchArticle(source, format, { log: (m) => void io.err.write(`interdict: ${m}\n`) });
  let content: string;
  if (source === '-') {
    content = '';
    for await (const chunk of process.stdin) content += String(chunk);
  } else {
    try {
      content = await readFile(source, 'utf8');
    } catch (error) {
      throw new InputError('FILE_NOT_FOUND', `${source}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return readArticleText(content, format ?? (/\.x?html?$/i.test(source) ? 'html' : undefined));
}

const score = (s: number): string => s.toFixed(3);

/** The article read, for people: its designees, the people it names with their roles and quotes, the other names. */
function printScan(io: Io, scan: ScannedArticle): void {
  io.out.write(`${scan.title ?? '(untitled)'}${scan.published ? `, ${scan.published}` : ''}\n`);
  io.out.write(`${scan.mentions.length} mention(s), ${scan.people.length} people, ${scan.designees.length} designee(s) named, ${scan.possible.length} possible; against ${scan.versions.join(', ') || 'no list'}\n\n`);
  if (scan.designees.length || scan.possible.length) {
    printTable(io, ['designee', 'id', 'score', 'as', 'named'], [...scan.designees, ...scan.possible].map((d) => [d.caption, d.id, score(d.score), d.match ? 'match' : 'review', d.names.join('; ')]));
    io.out.write('\n');
  }
  printTable(io, ['person', 'names', 'role', 'list', 'quotes'], scan.people.map((p) => [
    String(p.id), p.names.join('; '), p.role, p.match ? `${p.match.match ? '' : 'maybe '}${p.match.caption} (${p.match.id}, ${score(p.match.score)})` : 'not listed', p.quotes.length ? p.quotes.map((q) => `"${q.length > 60 ? `${q.slice(0, 57)}...` : q}"`).join(' ') : null,
  ]));
  const others = scan.mentions.filter((m) => m.type !== 'Person');
  if (others.length) {
    io.out.write('\n');
    const seen = new Map<string, { type: string; count: number; match: string | null }>();
    for (const m of others) {
      const key = `${m.type}:${m.text}`;
      const known = seen.get(key) ?? { type: m.type, count: 0, match: m.match ? `${m.match.match ? '' : 'maybe '}${m.match.caption} (${m.match.id}, ${score(m.match.score)})` : null };
      known.count++;
      seen.set(key, known);
    }
    printTable(io, ['name', 'type', 'times', 'list'], [...seen.entries()].map(([key, v]) => [key.slice(v.type.length + 1), v.type, v.count, v.match ?? (v.type === 'Place' ? null : 'not listed')]));
  }
}

export function registerNews(program: Command, config: Config, io: Io): void {
  const news = program.command('news').description('read news: the people, organizations, ships and places an article names, linked to the lists (docs/news.md)');
  news
    .command('scan')
    .description('scan an article (plain text, HTML or a URL): every name with its offsets, type and role, the people with their quotes, and the designees it names with score and explanation')
    .argument('<source>', 'a file, an http(s) URL, or - for standard input')
    .option('--format <format>', 'text or html (default: by the file name, the content type or the content)')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'the scan as JSON: {"title", "published", "mentions", "people", "quotes", "designees", "possible", "versions"}')
    .option('--allow-empty', 'scan even when no list is loaded (names are found, none is linked)')
    .option('--store', 'keep the article with its scan (once: by its URL or its text), and alert the monitored parties it names (alerts of kind adverse_media)')
    .action(async (source: string, options: ScanOptions) => {
      if (options.format !== undefined && options.format !== 'text' && options.format !== 'html') throw new InputError('BAD_OPTION', `--format ${options.format}: text or html`);
      const article = await articleOf(source, options.format as ArticleFormat | undefined, io);
      await withStore(config, io, options, { command: 'news scan', create: options.store }, async (store, location) => {
        const against = await checkLists(store, config, io, 'default', options.allowEmpty);
        const state = await screeningState(store, location, against);
        const scan = new NewsScanner(state).scan(article);
        await recordNewsScan(store, cliActor({}), article, scan);
        if (options.json) printJson(io, scan);
        else printScan(io, scan);
        if (options.store) {
          const kept = await keepArticle(store, article, scan, await PartyNames.of(store, state), { actor: cliActor({}) });
          io.err.write(`interdict: ${kept.stored ? `kept as ${kept.id}` : `kept already as ${kept.id}`}; ${kept.parties.length} monitored part${kept.parties.length === 1 ? 'y' : 'ies'} named, ${kept.alerts.length} alert(s) raised\n`);
        }
      });
    });

  news
    .command('watch')
    .description('read news feeds (RSS, Atom) on a schedule: every new article is fetched, scanned and kept, and a monitored party it names raises an adverse_media alert; the feeds given are added to those watched')
    .option('--feed <url...>', 'a feed to watch (added to the feeds watched, which POST /news/feeds adds to as well)')
    .option('--every <minutes>', 'read the feeds this often until stopped (default 60)', parseCount(7 * 24 * 60))
    .option('--once', 'read the feeds once and stop')
    .option('--db <dir>', 'embedded store folder')
    .option('--allow-empty', 'watch even when no list is loaded (articles are kept and parties alerted; no name is linked to a list)')
    .action(async (options: WatchOptions) => {
      if (options.once && options.every !== undefined) throw new InputError('BAD_OPTION', '--once reads the feeds once; --every reads them on a schedule: give one');
      for (const url of options.feed ?? []) if (!/^https?:\/\//i.test(url)) throw new InputError('BAD_OPTION', `--feed ${url}: a feed's URL starts with http:// or https://`);
      await withStore(config, io, options, { command: 'news watch', create: true }, async (store, location) => {
        for (const url of options.feed ?? []) await store.news.addFeed(url, cliActor({}));
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        for (;;) {
          const feeds = (await store.news.listFeeds()).map((f) => f.url);
          if (!feeds.length) throw new InputError('BAD_OPTION', 'no feed is watched: give --feed URL (or add one with POST /news/feeds)');
          const against = await checkLists(store, config, io, 'default', options.allowEmpty);
          const readings = await readFeeds(store, await screeningState(store, location, against), feeds, { actor: cliActor({}), log: (m) => void io.err.write(`interdict: ${m}\n`) });
          for (const r of readings) io.out.write(`${new Date().toISOString()} ${r.feed}: ${r.items} item(s), ${r.kept} article(s) kept, ${r.alerts} alert(s)${r.errors.length ? `; ${r.errors.length} error(s): ${r.errors.join('; ')}` : ''}\n`);
          if (options.once || stop.signal.aborted) return;
          const minutes = options.every ?? 60;
          await new Promise<void>((wake) => {
            const timer = setTimeout(wake, minutes * 60_000);
            stop.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              wake();
            });
          });
          if (stop.signal.aborted) return;
        }
      });
    });

  news
    .command('list')
    .description('the articles kept, newest first: those naming a listed record or a monitored party, or fetched after a time')
    .option('--entity <id>', 'articles naming this listed record')
    .option('--party <id>', 'articles naming this monitored party')
    .option('--after <time>', 'articles fetched after this time (ISO 8601)')
    .option('--limit <n>', 'at most this many (default 50)', parseCount(500))
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'the articles as JSON')
    .action(async (options: ListOptions) => {
      if (options.after !== undefined && Number.isNaN(Date.parse(options.after))) throw new InputError('BAD_OPTION', `--after ${options.after}: a time in ISO 8601 (2018-01-19 or 2018-01-19T08:00:00Z)`);
      await withStore(config, io, options, { command: 'news list' }, async (store) => {
        const articles = await store.news.listArticles({ entity: options.entity, party: options.party, after: options.after, limit: options.limit });
        if (options.json) return printJson(io, { articles });
        printTable(io, ['id', 'published', 'title', 'designees', 'parties'], articles.map((a) => [a.id, a.published ?? a.fetchedAt, a.title, a.links.filter((l) => l.match).map((l) => l.entityId).join(' '), a.parties.map((p) => p.partyId).join(' ')]));
      });
    });
}
