import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { InputError } from '../../core/errors.js';
import { NewsScanner, recordNewsScan, type ScannedArticle } from '../../service/news.js';
import { fetchArticle, readArticleText, type ArticleFormat } from '../../service/news-input.js';
import { checkLists, cliActor, screeningState, withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';

interface ScanOptions {
  db?: string;
  json?: boolean;
  format?: string;
  allowEmpty?: boolean;
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
    .action(async (source: string, options: ScanOptions) => {
      if (options.format !== undefined && options.format !== 'text' && options.format !== 'html') throw new InputError('BAD_OPTION', `--format ${options.format}: text or html`);
      const article = await articleOf(source, options.format as ArticleFormat | undefined, io);
      await withStore(config, io, options, { command: 'news scan' }, async (store, location) => {
        const against = await checkLists(store, config, io, 'default', options.allowEmpty);
        const scan = new NewsScanner(await screeningState(store, location, against)).scan(article);
        await recordNewsScan(store, cliActor({}), article, scan);
        if (options.json) printJson(io, scan);
        else printScan(io, scan);
      });
    });
}
