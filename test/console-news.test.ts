import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_BUILT, HAVE_CHROMIUM, eventually, postJson, requireConsoleInCi, useConsole } from './helpers/console.js';
import { fixture, tempDir, tempFile } from './helpers/fixtures.js';
import { BUILT, REPO } from './helpers/processes.js';

/**
 * An article naming three OFAC designees of the fixture list (KIM, Yong Chol 12211; KOREA MINING
 * DEVELOPMENT TRADING CORPORATION 9345; the vessel CHONG CHON GANG 17069) and an official sharing
 * a designee's surname, who is on no list and is quoted.
 */
const ARTICLE = [
  'Pyongyang envoy meets Seoul officials',
  '',
  'SEOUL — North Korean spy chief Kim Yong Chol met envoys on Tuesday, officials said. The Korea Mining Development Trading Corporation shipped arms aboard the vessel Chong Chon Gang, according to the report.',
  '',
  '"We will not tolerate these provocations," said South Korean Foreign Minister Kim Sung-han.',
].join('\n');
const QUOTE = 'We will not tolerate these provocations';
/** The page as docs/console.md shows it: into docs/screenshots with INTERDICT_SCREENSHOTS=1, else a scratch folder. */
const SCREENSHOTS = process.env.INTERDICT_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : tempDir('interdict-screenshots-');

interface Scan {
  mentions: { text: string; start: number; end: number; type: string; match: { id: string; caption: string; match: boolean } | null }[];
  people: { id: number; names: string[]; role: string | null; quotes: string[]; match: { id: string } | null }[];
  designees: { id: string }[];
}

requireConsoleInCi();

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s News page in Chromium, on the OFAC fixture list', () => {
  // The same article kept, for the stored articles and the entity's timeline.
  const app = useConsole('interdict-news-console-', [['load', fixture('ofac-csv')], ['news', 'scan', tempFile('article.txt', ARTICLE), '--store']]);

  const articleText = () => app.page.getByRole('document', { name: 'Article text' });
  /** A highlighted mention in the article's text, by the name as written. */
  const mention = (text: string) => articleText().locator('button.news-mention', { hasText: text });

  it('scans a pasted article: the designee highlighted as a match that links to its entity page, the official not listed, the quote under its speaker', async () => {
    // What the page must show, as the API gives it.
    const scan = await postJson<Scan>(app, '/news/scan', { text: ARTICLE });
    const kim = scan.mentions.find((m) => m.text === 'Kim Yong Chol');
    expect(kim).toMatchObject({ type: 'Person', match: { id: 'us_ofac_sdn-12211', caption: 'KIM, Yong Chol', match: true } });
    expect(ARTICLE.slice(kim!.start, kim!.end)).toBe('Kim Yong Chol');
    const minister = scan.people.find((p) => p.names.includes('Kim Sung-han'));
    expect(minister).toMatchObject({ role: 'South Korean Foreign Minister', match: null, quotes: [QUOTE] });
    expect(scan.designees.map((d) => d.id).sort()).toEqual(['us_ofac_sdn-12211', 'us_ofac_sdn-17069', 'us_ofac_sdn-9345']);

    await app.page.goto(`${app.base}/`);
    await app.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'News', exact: true }).click();
    await eventually(() => app.page.getByRole('tab', { name: 'Scan an article' }).getAttribute('aria-selected')).toBe('true');
    const form = app.page.getByRole('form', { name: 'Scan an article' });
    await form.getByLabel('Text pasted').check();
    await form.getByLabel('Article text').fill(ARTICLE);
    await form.getByRole('button', { name: 'Scan', exact: true }).click();

    // The designee: highlighted as one, its type a person, said in words to assistive technology.
    await eventually(() => mention('Kim Yong Chol').getAttribute('data-status')).toBe('designee');
    expect(await mention('Kim Yong Chol').getAttribute('data-type')).toBe('Person');
    expect(await mention('Kim Yong Chol').getAttribute('aria-label')).toContain('designee: KIM, Yong Chol');
    // The company and the ship too, each with its type.
    expect(await mention('Korea Mining Development Trading Corporation').getAttribute('data-status')).toBe('designee');
    expect(await mention('Korea Mining Development Trading Corporation').getAttribute('data-type')).toBe('Organization');
    expect(await mention('Chong Chon Gang').getAttribute('data-type')).toBe('Vessel');
    // The official: highlighted, on no list.
    expect(await mention('Kim Sung-han').getAttribute('data-status')).toBe('unlisted');
    // The whole text is shown, in order, mentions in place.
    expect(await articleText().textContent()).toBe(ARTICLE);

    // Opened: the listed record, its score and the matcher's explanation, and a link to its page.
    await mention('Kim Yong Chol').click();
    const detail = app.page.getByRole('region', { name: 'Mention opened' });
    await eventually(() => detail.getByRole('heading').first().textContent()).toContain('designee');
    const link = detail.getByRole('link', { name: 'KIM, Yong Chol' });
    expect(await link.getAttribute('href')).toBe('#/entities/us_ofac_sdn-12211');
    expect(await detail.locator('table.explanation').count()).toBe(1);
    expect(await detail.textContent()).toContain('North Korean spy chief');
    await app.page.screenshot({ path: join(SCREENSHOTS, 'news.png'), fullPage: true });

    // The people: the official not listed, with his role and his quote under his name; the designee linked.
    const people = app.page.getByRole('table', { name: 'People' });
    const ministerRow = people.getByRole('row').filter({ has: app.page.getByRole('rowheader', { name: 'Kim Sung-han' }) });
    await eventually(() => ministerRow.textContent()).toContain('not listed');
    expect(await ministerRow.textContent()).toContain('South Korean Foreign Minister');
    expect(await ministerRow.locator('q').allTextContents()).toEqual([QUOTE]);
    const kimRow = people.getByRole('row').filter({ has: app.page.getByRole('rowheader', { name: 'Kim Yong Chol' }) });
    expect(await kimRow.getByRole('link', { name: 'KIM, Yong Chol' }).getAttribute('href')).toBe('#/entities/us_ofac_sdn-12211');
    // In the text, the quote says who said it.
    expect(await articleText().locator('.news-quote', { hasText: QUOTE }).first().getAttribute('title')).toBe('quoted: said by Kim Sung-han');

    // The designees named, each linked.
    const designees = app.page.getByRole('table', { name: 'Designees named' });
    expect((await designees.getByRole('link').allTextContents()).sort()).toEqual(['CHONG CHON GANG', 'KIM, Yong Chol', 'KOREA MINING DEVELOPMENT TRADING CORPORATION']);

    // The link opens the entity page; back on the News page the scan is still there.
    await link.click();
    await eventually(async () => app.page.url()).toMatch(/#\/entities\/us_ofac_sdn-12211$/);
    await eventually(() => app.page.getByRole('heading', { level: 1 }).textContent()).toBe('KIM, Yong Chol');
    await app.page.goBack();
    await eventually(() => mention('Kim Yong Chol').getAttribute('data-status')).toBe('designee');
  });

  it('lists the stored article by the entity it names and opens it with its stored scan highlighted; the entity page shows it in its timeline', async () => {
    const listed = await fetch(`${app.base}/news?entity=us_ofac_sdn-12211`);
    expect(listed.status, app.log).toBe(200);
    const { articles } = (await listed.json()) as { articles: { id: string; title: string; designees: { id: string }[] }[] };
    expect(articles).toHaveLength(1);
    const stored = articles[0]!;
    expect(stored.title).toBe('Pyongyang envoy meets Seoul officials');

    await app.page.goto(`${app.base}/#/news`);
    await app.page.getByRole('tab', { name: 'Stored articles' }).click();
    await app.page.getByRole('form', { name: 'Filter the stored articles' }).getByLabel('Listed entity id').fill('us_ofac_sdn-12211');
    await eventually(async () => app.page.url()).toContain('entity=us_ofac_sdn-12211');
    const table = app.page.getByRole('table', { name: 'Stored articles' });
    await eventually(() => table.getByRole('button', { name: stored.title }).count()).toBe(1);
    expect((await table.getByRole('link').allTextContents()).sort()).toEqual(['CHONG CHON GANG', 'KIM, Yong Chol', 'KOREA MINING DEVELOPMENT TRADING CORPORATION']);
    await table.getByRole('button', { name: stored.title }).click();
    await eventually(async () => app.page.url()).toContain(`open=${encodeURIComponent(stored.id)}`);
    await eventually(() => mention('Kim Yong Chol').getAttribute('data-status')).toBe('designee');
    expect(await mention('Kim Sung-han').getAttribute('data-status')).toBe('unlisted');
    expect(await articleText().textContent()).toBe(ARTICLE);
    // Fetched after a day to come: none (the date is sent as its first moment, UTC).
    await app.page.getByRole('form', { name: 'Filter the stored articles' }).getByLabel('Fetched after').fill('2100-01-01');
    await eventually(() => table.textContent()).toContain('Nothing here.');
    expect(app.page.url()).toContain('after=2100-01-01');

    // An entity no article names has no timeline; the designee's lists the article, which opens on the News page.
    expect(((await (await fetch(`${app.base}/news?entity=us_ofac_sdn-20001`)).json()) as { articles: unknown[] }).articles).toEqual([]);
    await app.page.goto(`${app.base}/#/entities/us_ofac_sdn-20001`);
    await eventually(() => app.page.getByRole('heading', { name: 'Same designee on other lists' }).count()).toBe(1);
    expect(await app.page.getByRole('region', { name: 'In the news' }).count()).toBe(0);
    await app.page.goto(`${app.base}/#/entities/us_ofac_sdn-12211`);
    const timeline = app.page.getByRole('region', { name: 'In the news' });
    await eventually(() => timeline.getByRole('link', { name: stored.title }).count()).toBe(1);
    await timeline.getByRole('link', { name: stored.title }).click();
    await eventually(async () => app.page.url()).toContain(`view=stored`);
    await eventually(() => mention('Kim Yong Chol').getAttribute('data-status')).toBe('designee');
  });

  it('watches a feed and stops watching it', async () => {
    const feed = 'https://93.184.215.14/news/rss.xml';
    await app.page.goto(`${app.base}/#/news?view=feeds`);
    const feeds = app.page.getByRole('table', { name: 'Feeds watched' });
    await eventually(() => feeds.textContent()).toContain('No feeds watched.');
    const form = app.page.getByRole('form', { name: 'Watch a feed' });
    await form.getByLabel('Feed URL (RSS or Atom)').fill(feed);
    await form.getByRole('button', { name: 'Watch' }).click();
    await eventually(() => feeds.getByRole('link', { name: feed }).count()).toBe(1);
    expect(await feeds.textContent()).toContain('not yet');
    const listed = (await (await fetch(`${app.base}/news/feeds`)).json()) as { feeds: { url: string }[] };
    expect(listed.feeds.map((f) => f.url)).toEqual([feed]);
    await feeds.getByRole('button', { name: `Stop watching ${feed}` }).click();
    await eventually(() => feeds.textContent()).toContain('No feeds watched.');
    // A URL that is no web address is refused, the API's reason shown.
    await form.getByLabel('Feed URL (RSS or Atom)').fill('ftp://93.184.215.14/rss.xml');
    await form.getByRole('button', { name: 'Watch' }).click();
    await eventually(() => app.page.getByRole('alert').first().textContent()).toContain('starts with http:// or https://');
  });

  it('keeps the tab in the address', async () => {
    await app.page.goto(`${app.base}/#/news`);
    await app.page.getByRole('tab', { name: 'Feeds' }).click();
    await eventually(async () => app.page.url()).toMatch(/#\/news\?view=feeds$/);
    await app.page.goBack();
    await eventually(() => app.page.getByRole('tab', { name: 'Scan an article' }).getAttribute('aria-selected')).toBe('true');
    await app.page.goto(`${app.base}/#/news?view=stored`);
    await eventually(() => app.page.getByRole('tab', { name: 'Stored articles' }).getAttribute('aria-selected')).toBe('true');
  });
});
