import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Readability as ReadabilityType } from '@mozilla/readability';
import type { parseHTML as parseHTMLType } from 'linkedom';
import { InputError } from '../core/errors.js';
import type { ArticleInput } from './news.js';
import { download } from './update.js';

// An article as the reader takes it: plain text as it is, or HTML reduced to the article's own
// text (Mozilla's Readability on linkedom's DOM drops menus, comments and share buttons), its
// paragraphs kept apart, with its title and publication date; a URL is fetched first with the
// list update's timeouts and retries.

export type ArticleFormat = 'text' | 'html';

/** Articles larger than this are refused: a page of news is far smaller. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, dd, dt';

/** Readability and linkedom, loaded when a page is first read (no other command pays for them). */
let html: { Readability: typeof ReadabilityType; parseHTML: typeof parseHTMLType } | undefined;
function htmlReaders(): { Readability: typeof ReadabilityType; parseHTML: typeof parseHTMLType } {
  const load = createRequire(import.meta.url);
  return (html ??= { Readability: (load('@mozilla/readability') as { Readability: typeof ReadabilityType }).Readability, parseHTML: (load('linkedom') as { parseHTML: typeof parseHTMLType }).parseHTML });
}

/** Whether text reads as HTML: a tag of a page near its start. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(text.slice(0, 2000));
}

/** The article's text of an HTML page, one paragraph a block, with its title and publication date. */
export function articleFromHtml(page: string, url?: string): ArticleInput {
  const { Readability, parseHTML } = htmlReaders();
  const { document } = parseHTML(page);
  const published = document.querySelector('meta[property="article:published_time"], meta[name="article:published_time"], meta[name="date"], meta[itemprop="datePublished"]')?.getAttribute('content')
    ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const content = parsed?.content ?? document.body?.innerHTML ?? '';
  const { document: body } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  const blocks = [...body.querySelectorAll(BLOCKS)]
    // A block within another block is read with it.
    .filter((el) => !el.parentElement?.closest(BLOCKS))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const text = blocks.length ? blocks.join('\n\n') : (body.body?.textContent ?? '').replace(/[ \t]+/g, ' ').trim();
  const title = (parsed?.title ?? document.querySelector('title')?.textContent ?? '').trim() || null;
  return { text: title && !text.startsWith(title) ? `${title}\n\n${text}` : text, title, published: parsed?.publishedTime ?? published, url: url ?? null };
}

/** A plain-text article: its first line, when short, is its title. */
export function articleFromText(text: string, url?: string): ArticleInput {
  const normalized = text.replace(/\r\n?/g, '\n');
  // A page's leftovers before the title are no title: `Go to contents`, `Skip to main content`.
  const first = normalized.split('\n').map((l) => l.trim()).find((l) => l && !/^(go|skip|jump) to (the )?(main )?(content|contents|navigation)$/i.test(l)) ?? '';
  return { text: normalized, title: first && first.length <= 200 ? first : null, published: null, url: url ?? null };
}

/** Read an article given as text or HTML (by `format`, else by its look). */
export function readArticleText(content: string, format?: ArticleFormat, url?: string): ArticleInput {
  if (Buffer.byteLength(content) > MAX_ARTICLE_BYTES) throw new InputError('INVALID_ARTICLE', `the article is ${Buffer.byteLength(content)} bytes; at most ${MAX_ARTICLE_BYTES} are read`);
  if (!content.trim()) throw new InputError('INVALID_ARTICLE', 'the article is empty');
  const html = format ? format === 'html' : looksLikeHtml(content);
  return html ? articleFromHtml(content, url) : articleFromText(content, url);
}

export interface FetchOptions {
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  log?: (message: string) => void;
}

/** Fetch an article by its URL (http or https), with the list update's timeouts and retries, and read it. */
export async function fetchArticle(url: string, format?: ArticleFormat, options: FetchOptions = {}): Promise<ArticleInput> {
  if (!/^https?:\/\//i.test(url)) throw new InputError('INVALID_ARTICLE', `${url}: an article's URL starts with http:// or https://`);
  const dir = mkdtempSync(join(tmpdir(), 'interdict-news-'));
  try {
    const file = join(dir, 'article');
    await download(url, file, { timeoutMs: options.timeoutMs ?? 30_000, retries: options.retries ?? 3, backoffMs: options.backoffMs ?? 1000, log: options.log });
    return readArticleText(readFileSync(file, 'utf8'), format, url);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
