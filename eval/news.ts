// The news reader judged on the team's labelled articles (test/fixtures/news: the two seed
// articles, read from ../shared/seeds, and the short articles written for the purpose): the
// mentions it finds (text and type, against the hand-written list), and the designees it links
// (each link made against the records the labels accept for that person, firm or ship).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { NEWS_MATCHING, NewsScanner, type ScannedArticle } from '../src/service/news.js';
import { articleFromText } from '../src/service/news-input.js';

export interface LabelledMention {
  text: string;
  type: 'Person' | 'Organization' | 'Vessel' | 'Place';
  person?: string;
}

export interface LabelledThing {
  key?: string;
  names: string[];
  links: string[];
  role?: string | null;
  quotes?: string[];
}

export interface LabelledArticle {
  article: string;
  mentions: LabelledMention[];
  people: LabelledThing[];
  organizations: LabelledThing[];
  vessels: LabelledThing[];
}

export const NEWS_FIXTURES = new URL('../test/fixtures/news/', import.meta.url).pathname;
export const SEEDS = join(new URL('..', import.meta.url).pathname, '../shared/seeds');

/** The labelled articles with their texts; the seeds only where ../shared/seeds holds them. */
export function labelledArticles(): { name: string; text: string; labels: LabelledArticle }[] {
  const found: { name: string; text: string; labels: LabelledArticle }[] = [];
  const seeds = join(NEWS_FIXTURES, 'seeds.json');
  if (existsSync(seeds) && existsSync(SEEDS)) {
    for (const labels of JSON.parse(readFileSync(seeds, 'utf8')) as LabelledArticle[]) found.push({ name: `seed ${labels.article}`, text: readFileSync(join(SEEDS, labels.article), 'utf8'), labels });
  }
  const dir = join(NEWS_FIXTURES, 'articles');
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const labels = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LabelledArticle;
      found.push({ name: labels.article, text: readFileSync(join(dir, labels.article), 'utf8'), labels });
    }
  }
  return found;
}

export interface NewsScores {
  articles: number;
  /** Mentions by text and type: found, expected, both. */
  mentions: { found: number; expected: number; right: number; precision: number; recall: number };
  /** Links to the lists at the threshold: made, right (a record the labels accept), and the labelled designees linked. */
  links: { made: number; right: number; designees: number; linked: number; precision: number; recall: number };
  /** Officials and other unlisted people, firms and ships linked to a list record (each a false link). */
  unlistedLinked: string[];
  /** Mentions missed and found wrongly, and links made wrongly, for reading. */
  missed: string[];
  extra: string[];
  wrongLinks: string[];
}

const ratio = (a: number, b: number): number => (b ? a / b : 1);

/** What a scan names and links, against an article's labels. */
function compare(name: string, scan: ScannedArticle, labels: LabelledArticle, scores: NewsScores): void {
  const expected = new Map<string, number>();
  for (const m of labels.mentions) expected.set(`${m.type}:${m.text}`, (expected.get(`${m.type}:${m.text}`) ?? 0) + 1);
  const found = new Map<string, number>();
  for (const m of scan.mentions) found.set(`${m.type}:${m.text}`, (found.get(`${m.type}:${m.text}`) ?? 0) + 1);
  for (const [key, n] of found) {
    const right = Math.min(n, expected.get(key) ?? 0);
    scores.mentions.right += right;
    if (n > right) scores.extra.push(`${name}: ${key}${n - right > 1 ? ` x${n - right}` : ''}`);
  }
  for (const [key, n] of expected) if (n > (found.get(key) ?? 0)) scores.missed.push(`${name}: ${key}${n - (found.get(key) ?? 0) > 1 ? ` x${n - (found.get(key) ?? 0)}` : ''}`);
  scores.mentions.found += scan.mentions.length;
  scores.mentions.expected += labels.mentions.length;

  // Each labelled person, firm or ship: the records it may be linked to, by any of its names. A
  // person is linked once, by all their names (`Kim` alone refers back to whoever it names);
  // an organization or ship by each name it is given.
  const things = [...labels.people, ...labels.organizations, ...labels.vessels];
  const thingOf = (names: string[]): LabelledThing | undefined => things.find((t) => names.some((n) => /\s/.test(n.trim()) && t.names.includes(n))) ?? things.find((t) => names.some((n) => t.names.includes(n)));
  const linkedThings = new Set<LabelledThing>();
  const judge = (names: string[], match: NonNullable<ScannedArticle['people'][number]['match']>): void => {
    scores.links.made++;
    const thing = thingOf(names);
    if (thing?.links.includes(match.id)) {
      scores.links.right++;
      linkedThings.add(thing);
      return;
    }
    scores.wrongLinks.push(`${name}: ${names.join(' / ')} -> ${match.caption} (${match.id}, ${match.score.toFixed(3)})`);
    if (thing && !thing.links.length) scores.unlistedLinked.push(`${name}: ${names[0]} -> ${match.id}`);
  };
  for (const person of scan.people) if (person.match?.match) judge(person.names, person.match);
  const made = new Set<string>();
  for (const mention of scan.mentions) {
    if (mention.person !== null || !mention.match?.match || made.has(`${mention.text}\u0001${mention.match.id}`)) continue;
    made.add(`${mention.text}\u0001${mention.match.id}`);
    judge([mention.text], mention.match);
  }
  for (const thing of things) if (thing.links.length) scores.links.designees++;
  scores.links.linked += linkedThings.size;
}

/** Scan every labelled article with `scanner` and score it. */
export function scoreNews(scanner: NewsScanner, articles = labelledArticles()): NewsScores {
  const scores: NewsScores = { articles: 0, mentions: { found: 0, expected: 0, right: 0, precision: 0, recall: 0 }, links: { made: 0, right: 0, designees: 0, linked: 0, precision: 0, recall: 0 }, unlistedLinked: [], missed: [], extra: [], wrongLinks: [] };
  for (const { name, text, labels } of articles) {
    compare(name, scanner.scan(articleFromText(text)), labels, scores);
    scores.articles++;
  }
  scores.mentions.precision = ratio(scores.mentions.right, scores.mentions.found);
  scores.mentions.recall = ratio(scores.mentions.right, scores.mentions.expected);
  scores.links.precision = ratio(scores.links.right, scores.links.made);
  scores.links.recall = ratio(scores.links.linked, scores.links.designees);
  return scores;
}

/**
 * `npm run eval`: the reader on the labelled articles at link thresholds from 0.7 to 0.95, with
 * the mentions' precision and recall (which do not depend on the threshold), the links' precision,
 * recall and F1, and the links it makes wrongly at the threshold in use.
 */
export function evaluateNews(entities: Entity[]): void {
  const articles = labelledArticles();
  const state = { index: CandidateIndex.build(entities), entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
  console.log(`\nnews: ${articles.length} labelled articles (test/fixtures/news; the seeds ${existsSync(SEEDS) ? 'included' : 'not found'})`);
  console.log(`${'threshold'.padEnd(10)} ${'mentions P'.padEnd(11)} ${'mentions R'.padEnd(11)} ${'links P'.padEnd(8)} ${'links R'.padEnd(8)} F1`);
  for (const threshold of [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) {
    const s = scoreNews(new NewsScanner(state, { threshold }), articles);
    const f1 = (2 * s.links.precision * s.links.recall) / Math.max(1e-9, s.links.precision + s.links.recall);
    console.log(`${threshold.toFixed(2).padEnd(10)} ${s.mentions.precision.toFixed(3).padEnd(11)} ${s.mentions.recall.toFixed(3).padEnd(11)} ${s.links.precision.toFixed(3).padEnd(8)} ${s.links.recall.toFixed(3).padEnd(8)} ${f1.toFixed(3)}${threshold === NEWS_MATCHING.threshold ? '  (in use)' : ''}`);
    if (threshold === NEWS_MATCHING.threshold) for (const wrong of s.wrongLinks) console.log(`  wrong link: ${wrong}`);
  }
}
