import { loadavg } from 'node:os';
import { join } from 'node:path';
import nlp from 'compromise';
import type { Entity } from '../src/core/entity.js';
import { CandidateIndex } from '../src/core/index/index.js';
import { NewsScanner } from '../src/service/news.js';
import type { Screening } from '../src/service/screener.js';
import { readPublication } from '../src/sources/index.js';
import { listedVariants, tradeParties } from '../eval/trade-parties.js';
import { seededRandom } from './seeded.js';
import { SHARED_DATA, requireSharedData } from './shared-data.js';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1_000);
const WORDS = 800;
/** Of the people, firms and ships an article names, the share that are listed ones (as listed, or written another way). */
const LISTED_SHARE = 0.03;
/** Articles the baseline reads: compromise alone is slow, so its rate is taken on fewer. */
const BASELINE_ARTICLES = 100;

const ROLES = ['Foreign Minister', 'Deputy Secretary of State', 'Vice Foreign Minister', 'Defense Minister', 'foreign ministry spokesman', 'Unification Minister', 'chief executive', 'senior official', 'Treasury Secretary', 'ambassador to the United Nations', 'special envoy', 'trade minister', 'analyst'];
const DEMONYMS = ['Japanese', 'South Korean', 'Chinese', 'Russian', 'U.S.', 'British', 'German', 'Canadian', 'Australian', 'French'];
const PLACES = ['Seoul', 'Tokyo', 'Beijing', 'Washington', 'Moscow', 'Pyongyang', 'Vladivostok', 'Dandong', 'Nampo', 'Singapore', 'Geneva', 'New York', 'Busan', 'Dalian', 'Hong Kong', 'the Yellow Sea', 'the East China Sea'];
const VESSEL_WORDS = ['tanker', 'vessel', 'cargo ship', 'freighter'];
const FILLER = [
  'the talks were expected to continue next week after a pause of several months',
  'officials said the measures would be reviewed at the end of the year',
  'the decision followed months of negotiations between the two sides',
  'satellite images showed increased activity at the site during the period',
  'prices for fuel and rice rose sharply in the markets near the border',
  'the report was shared with members of the committee on Thursday',
  'experts said enforcement had weakened as trade routes shifted',
  'shipping data showed that several transfers took place at night with transponders switched off',
  'the agreement left open questions about inspections and verification',
  'diplomats described the meeting as frank and at times tense',
  'the ministry did not respond to requests for comment',
  'analysts cautioned that the figures could not be independently confirmed',
];
const QUOTES = ['We will keep up the pressure until the talks resume', 'This is a clear violation of the resolutions', 'We have no information on that matter', 'The door to dialogue remains open', 'Enforcement must be stepped up by every member state'];

interface Cast {
  people: string[];
  firms: string[];
  vessels: string[];
}

/** A listed person's name as a newspaper writes it: `KIM, Jong Un` is `Kim Jong Un`. */
const natural = (caption: string): string => {
  const [last, first] = caption.split(/,\s*/);
  const order = first ? `${first} ${last}` : caption;
  return order.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
};

/** Names an article draws on: made-up people and firms, invented ship names, and a few listed ones written as listed or another way. */
function castOf(entities: Entity[]): { unlisted: Cast; listed: Cast } {
  const latin = /^[\p{Script=Latin}\s.,'&-]+$/u;
  const made = tradeParties({ seed: 21, companies: 2_000, people: 2_000, traders: 1_000, banks: 200 }).filter((p) => latin.test(p.name));
  const next = seededRandom(7);
  const syllables = ['Wan', 'Heng', 'Ocean', 'Star', 'Golden', 'Sea', 'Pearl', 'Ming', 'Hai', 'Da', 'Tong', 'Fortune', 'Grace', 'Sky', 'Bright'];
  const ships = Array.from({ length: 300 }, () => `${syllables[Math.floor(next() * syllables.length)]} ${syllables[Math.floor(next() * syllables.length)]} ${1 + Math.floor(next() * 30)}`);
  const variants = listedVariants(entities, { seed: 5, count: 300 });
  const listedPeople = entities.filter((e) => e.schema === 'Person' && latin.test(e.caption)).slice(0, 400).map((e) => natural(e.caption));
  return {
    unlisted: { people: made.filter((p) => p.kind === 'person').map((p) => p.name), firms: made.filter((p) => p.kind !== 'person').map((p) => p.name), vessels: ships },
    listed: {
      people: [...listedPeople, ...variants.filter((v) => v.schema === 'Person').map((v) => natural(v.name))],
      firms: [...entities.filter((e) => e.schema !== 'Person' && e.schema !== 'Vessel' && latin.test(e.caption)).slice(0, 300).map((e) => e.caption), ...variants.filter((v) => v.schema !== 'Person').map((v) => v.name)],
      vessels: entities.filter((e) => e.schema === 'Vessel' && latin.test(e.caption)).map((e) => e.caption),
    },
  };
}

/** An article of about `WORDS` words: officials quoted with their roles, firms, ships and places, between sentences naming nothing. */
function article(cast: { unlisted: Cast; listed: Cast }, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const from = (kind: keyof Cast): string => (next() < LISTED_SHARE ? pick(cast.listed[kind]) : pick(cast.unlisted[kind]));
  const filler = (): string => {
    const s = pick(FILLER);
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const sentences = [
    () => `"${pick(QUOTES)}," ${pick(DEMONYMS)} ${pick(ROLES)} ${from('people')} said in ${pick(PLACES)}.`,
    () => `${from('people')}, a ${pick(ROLES)}, told reporters that ${pick(FILLER)}.`,
    () => `The ${pick(VESSEL_WORDS)} ${from('vessels')} was seen off ${pick(PLACES)}, and ${pick(FILLER)}.`,
    () => `${from('firms')} said it had stopped shipments to ${pick(PLACES)} after ${pick(FILLER)}.`,
    () => `According to ${from('firms')}, ${pick(FILLER)}.`,
    filler,
    filler,
    filler,
  ];
  const paragraphs: string[] = [];
  let words = 0;
  while (words < WORDS) {
    const paragraph = Array.from({ length: 3 + Math.floor(next() * 3) }, () => pick(sentences)()).join(' ');
    words += paragraph.split(/\s+/).length;
    paragraphs.push(paragraph);
  }
  return paragraphs.join('\n\n');
}

/** Articles as the benchmark makes them (for a look at what they hold). */
export async function sampleArticles(entities: Entity[], n: number): Promise<string[]> {
  const cast = castOf(entities);
  const next = seededRandom(42);
  return Array.from({ length: n }, () => article(cast, next));
}

/**
 * Reading news (`interdict news scan`, `POST /news/scan`): `ARTICLES` made-up articles of about
 * 800 words (officials of several countries quoted with their roles, firms, ships and places;
 * 3% of the people, firms and ships named are listed ones, as listed or written another way)
 * scanned against UN 2026-02-27 + OFAC SDN CSV 2021-07-07 by one NewsScanner, as a server does
 * (names met in earlier articles are remembered). The target: 1,000 articles under 20 s. The
 * baseline, in the same run: compromise alone finding the people, organizations and places of
 * `BASELINE_ARTICLES` of them (no list, no roles, no quotes).
 */
export async function benchNews(): Promise<void> {
  if (!requireSharedData('news')) return;
  const entities: Entity[] = [];
  for (const path of ['un_sc/2026-02-27/consolidated.xml', 'ofac_sdn_csv/2021-07-07']) entities.push(...(await readPublication(join(SHARED_DATA, path))).entities);
  const state: Screening = { index: CandidateIndex.build(entities), entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
  const cast = castOf(entities);
  const next = seededRandom(42);
  const articles = Array.from({ length: ARTICLES }, () => article(cast, next));
  const words = articles.reduce((n, a) => n + a.split(/\s+/).length, 0);
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`news: ${ARTICLES.toLocaleString('en')} articles, ${Math.round(words / ARTICLES)} words each on average, UN 2026-02-27 + OFAC 2021-07-07: ${entities.length.toLocaleString('en')} entities; load average ${load()}`);

  let t = performance.now();
  for (const text of articles.slice(0, BASELINE_ARTICLES)) {
    const doc = nlp(text);
    doc.people().out('array');
    doc.organizations().out('array');
    doc.places().out('array');
  }
  const baselineMs = (performance.now() - t) / BASELINE_ARTICLES;
  console.log(`  baseline, compromise alone (people, organizations, places; no list): ${baselineMs.toFixed(1)} ms an article, ${((baselineMs * ARTICLES) / 1000).toFixed(1)} s for ${ARTICLES.toLocaleString('en')}`);

  const scanner = new NewsScanner(state);
  t = performance.now();
  let mentions = 0;
  let designees = 0;
  let possible = 0;
  for (const text of articles) {
    const scan = scanner.scan({ text });
    mentions += scan.mentions.length;
    designees += scan.designees.length;
    possible += scan.possible.length;
  }
  const ms = performance.now() - t;
  const perArticle = ms / ARTICLES;
  console.log(`  scanned: ${(ms / 1000).toFixed(1)} s, ${perArticle.toFixed(1)} ms an article (${(perArticle / baselineMs).toFixed(2)}x compromise's time), ${Math.round(mentions / ARTICLES)} mentions an article; ${designees} designees and ${possible} possible ones named; target 1,000 articles under 20 s: ${(perArticle * 1000) / 1000 < 20 ? 'met' : 'NOT met'} (${((perArticle * 1000) / 1000).toFixed(1)} s); load average ${load()}`);
}
