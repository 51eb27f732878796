import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DescribedDiff } from '../src/core/diff.js';
import type { Designation } from '../src/core/entity.js';
import { QUERY_SCHEMATA, labelOf } from '../src/core/ftm.js';
import type { Designee, RecordLink } from '../src/core/linking.js';
import type { ListAge } from '../src/service/list-ages.js';
import type { ScreeningJob } from '../src/service/jobs.js';
import type { AuditEntry } from '../src/store/audit.js';
import type { Alert } from '../src/store/monitoring.js';
import type { ListVersion } from '../src/store/store.js';
import { runCli } from './helpers/cli.js';
import { CHROMIUM, CONSOLE_BUILT, HAVE_CHROMIUM, LIST_AGE, eventually, openBrowser, requireConsoleInCi, serveConsole } from './helpers/console.js';
import { tempDir } from './helpers/fixtures.js';
import { BUILT, REPO } from './helpers/processes.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

/** The README's screenshots, taken by these tests: into docs/screenshots with INTERDICT_SCREENSHOTS=1, else a scratch folder (a test run leaves the repository as it was). */
const SCREENSHOTS = process.env.INTERDICT_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : tempDir('interdict-screenshots-');
/** How long the audit log shows a value before shortening it (Audit.tsx). */
const AUDIT_VALUE_SHOWN = 160;
/** An FtM property key as written in code (passportNumber): what a label must never be. */
const RAW_KEY = /[a-z][A-Z]/;

/** GET /designees/{id}, as far as the test reads it. */
type DesigneeAnswer = Omit<Designee, 'members'> & {
  members: { id: string; caption: string; schema: string; datasets: string[]; properties: Record<string, string[]> }[];
  designations: Record<string, Designation[]>;
  review: RecordLink[];
};

requireConsoleInCi();
if (!HAVE_CHROMIUM) console.warn(`console tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM || !HAVE_SHARED_DATA)('the analyst console in Chromium, on real lists (OFAC 2021-04-25 -> 2021-07-07)', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';
  const keys: Record<'analyst' | 'second' | 'admin', string> = { analyst: '', second: '', admin: '' };
  let log = '';

  beforeAll(async () => {
    const db = tempDir('interdict-console-');
    expect((await runCli(['load', dataPath('un_sc/2026-02-27/consolidated.xml'), '--db', db], LIST_AGE)).code).toBe(0);
    expect((await runCli(['load', dataPath('ofac_sdn_csv/2021-04-25'), '--db', db], LIST_AGE)).code).toBe(0);
    // Customers, stored only (--no-screen) and screened when the next version comes: some are listed people.
    const parties = join(db, 'parties.csv');
    writeFileSync(parties, ['id,name,birth_date', 'cust-1,Kim Jong Un,1984-01-08', 'cust-2,Pak Pong Ju,', 'cust-3,Anna Schmidt,1990-02-02', 'cust-4,Choe Ryong Hae,1950'].join('\n'));
    expect((await runCli(['parties', 'import', parties, '--db', db, '--no-screen'], LIST_AGE)).code).toBe(0);
    expect((await runCli(['load', dataPath('ofac_sdn_csv/2021-07-07'), '--db', db], LIST_AGE)).code).toBe(0);
    for (const [name, role] of [['analyst', 'analyst'], ['second', 'analyst'], ['admin', 'admin']] as const) {
      const created = await runCli(['keys', 'create', '--role', role, '--label', `${name} e2e`, '--db', db]);
      keys[name] = created.stdout.trim().split('\n').pop()!;
    }
    // A true match needs a second analyst's confirmation.
    expect((await runCli(['settings', 'set', 'four_eyes', 'true', '--db', db])).code).toBe(0);
    ({ base, server } = await serveConsole(db, (text) => (log += text)));
    ({ browser, page } = await openBrowser());
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  const go = (screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).click();
  const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  /** Sign in afresh, whoever was signed in (the key lives in the tab's session storage). */
  const signIn = async (key: string) => {
    await page.goto(`${base}/`);
    await page.evaluate('sessionStorage.clear()');
    await page.reload();
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  /** Unfold a search result's explanation (it stays unfolded while the same result is shown). */
  const explain = async (result: ReturnType<Page['locator']>) => {
    const button = result.getByRole('button', { name: /^(Explain|Hide explanation)$/ });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await eventually(() => result.locator('table.explanation').count()).toBe(1);
  };

  /** The row of an explanation table for one feature, by its label. */
  const featureRow = (explanation: ReturnType<Page['locator']>, label: string) => explanation.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) });

  /** The API itself, to compare the page with. */
  const apiGet = async <T>(path: string, key: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, { headers: { 'x-api-key': key } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const currentVersion = async (dataset: string): Promise<ListVersion> =>
    (await apiGet<{ versions: ListVersion[] }>('/lists/versions', keys.admin)).versions.find((v) => v.dataset === dataset && v.current)!;

  it('asks for a key, refuses a wrong one, and shows what the role allows', async () => {
    await signIn('not-a-key');
    await eventually(() => page.getByRole('alert').textContent()).toContain('unknown or revoked API key');
    await signIn(keys.analyst);
    await eventually(() => page.getByTestId('role').textContent()).toContain('analyst');
    // An analyst screens in batch and reviews alerts; the audit log is the admin's (the whole menu renders at once).
    await eventually(() => page.getByRole('link', { name: 'Batch screening' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
  }, 60_000);

  it('searches "Kim Jong Un" as it is typed and shows the OFAC entry, its score, its explanation and the age of the list', async () => {
    await page.getByLabel('Name').fill('Kim Jong Un');
    const results = page.getByRole('list', { name: 'Results' });
    const first = results.getByRole('listitem').first();
    await eventually(() => first.textContent()).toMatch(/KIM, Jong Un/i);
    expect(await first.textContent()).toContain('us_ofac_sdn');
    expect(await first.textContent()).toContain('match');
    await first.getByRole('button', { name: 'Explain' }).click();
    const explanation = first.locator('table.explanation');
    await eventually(() => explanation.textContent()).toContain('Name');
    // The aligned words are highlighted, on both sides.
    await eventually(() => explanation.locator('mark.token').count()).toBeGreaterThanOrEqual(6);
    // How each pair of words matched is said in words, and the colours have a legend.
    const name = featureRow(explanation, 'Name');
    expect(await name.locator('td').nth(2).textContent()).toBe('the same word: kim, jong, un');
    expect(await name.locator('td').nth(3).textContent()).toContain('the score to begin with');
    expect(await first.getByRole('list', { name: 'Word colours' }).textContent()).toContain('the same word');

    // What it was screened against, and how old that is: the OFAC CSV states no date, so the
    // list counts from its load, minutes ago, and is not stale.
    const version = await currentVersion('us_ofac_sdn');
    const answer = await fetch(`${base}/match/default`, { method: 'POST', headers: { 'x-api-key': keys.analyst, 'content-type': 'application/json' }, body: JSON.stringify({ queries: { q: { schema: 'Person', properties: { name: ['Kim Jong Un'] } } } }) });
    const age = ((await answer.json()) as { lists: ListAge[] }).lists.find((l) => l.dataset === 'us_ofac_sdn')!;
    expect(age).toMatchObject({ version: version.id, age_days: 0, stale: false });
    const screened = page.getByRole('table', { name: 'Lists screened against' });
    await eventually(() => screened.textContent()).toContain(version.id);
    // List, version, since when it is current, and its age (not flagged stale).
    expect(await screened.locator('tbody tr', { hasText: 'us_ofac_sdn' }).locator('td').allTextContents()).toEqual(['us_ofac_sdn', version.id, age.as_of.slice(0, 10), '0 days']);
    expect(await page.getByRole('alert').count()).toBe(0);
    await shoot('search');

    // A stale list is flagged and its warning raised. These lists are minutes old, so the API's
    // answer is aged on its way to the page (as the server words it for a list past the limit).
    const warning = `us_ofac_sdn is 30 days old (version ${version.id}, current as of 2021-07-07; the limit is 14 days): anyone designated since is missed. Update it (interdict update, or POST /lists/load)`;
    const aged = (url: URL) => url.pathname === '/match/default';
    await page.route(aged, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { lists: ListAge[] };
      await route.fulfill({ response, json: { ...body, lists: body.lists.map((l) => ({ ...l, age_days: 30, stale: true })), warnings: [warning] } });
    });
    await page.getByLabel('Name').fill('Kim Jong-un');
    await eventually(() => page.getByRole('alert').textContent()).toContain(warning);
    expect(await screened.locator('tbody tr', { hasText: 'us_ofac_sdn' }).locator('td').last().textContent()).toBe('30 days stale');
    await page.unroute(aged);
    await page.getByLabel('Name').fill('Kim Jong Un');
    await eventually(() => page.getByRole('alert').count()).toBe(0);
    expect(await screened.textContent()).not.toContain('stale');
  }, 60_000);

  it('offers every schema a query may have, Company among them, and labels the fields in words, not FtM keys', async () => {
    const schema = page.getByLabel('Schema');
    expect(await schema.locator('option').allTextContents()).toEqual(QUERY_SCHEMATA.map((s) => labelOf(s)));
    expect(await schema.locator('option', { hasText: /^Company$/ }).getAttribute('value')).toBe('Company');
    // The identifier a person types is the one the schema most likely means.
    await schema.selectOption('Company');
    await eventually(() => page.getByLabel('Registration number').count()).toBe(1);
    expect(await page.getByLabel('Country', { exact: true }).count()).toBe(1);
    await schema.selectOption('Vessel');
    await eventually(() => page.getByLabel('IMO number').count()).toBe(1);
    await schema.selectOption('Person');
    await eventually(() => page.getByLabel('ID number').count()).toBe(1);
    expect(await page.getByLabel('Nationality').count()).toBe(1);
    for (const label of await page.getByRole('search').locator('label').evaluateAll((labels) => labels.map((l) => l.firstChild?.textContent ?? ''))) expect(label).not.toMatch(RAW_KEY);
  }, 60_000);

  it('explains a match with each name\'s words in its own order, and says what an agreeing birth date did to the score', async () => {
    await page.getByLabel('Birth date').fill('1984-01-08');
    await page.getByLabel('Name').fill('Jong Un Kim');
    const first = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first();
    await eventually(() => first.textContent()).toMatch(/KIM, Jong Un/i);
    await explain(first);
    const explanation = first.locator('table.explanation');
    const name = featureRow(explanation, 'Name');
    // The words of each side as that side writes them, whatever order they were paired in.
    await eventually(() => name.locator('td').nth(0).locator('.token').allTextContents()).toEqual(['jong', 'un', 'kim']);
    expect(await name.locator('td').nth(1).locator('.token').allTextContents()).toEqual(['kim', 'jong', 'un']);
    // The birth date (OFAC gives 08 Jan 1984) agreed, and left the score as the name gave it.
    const birth = featureRow(explanation, 'Birth date');
    expect(await birth.locator('td').allTextContents()).toEqual(['1984-01-08', '1984-01-08', 'Dates agree', 'none: the score stays']);
    await page.getByLabel('Birth date').fill('');
  }, 60_000);

  it('shows a Hangul name in a CJK font, not as empty boxes', async () => {
    await page.getByLabel('Name').fill('김정은');
    const first = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first();
    await eventually(() => first.textContent()).toMatch(/KIM, Jong Un/i);
    await explain(first);
    const given = first.locator('table.explanation tbody tr').first().locator('td').first().locator('.name-given');
    await eventually(() => given.textContent()).toBe('김정은');
    // The fonts Chromium drew the name with: three syllables, each from a font holding Hangul.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'ol[aria-label="Results"] > li:first-child table.explanation tbody tr:first-child td .name-given' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.filter((f) => /CJK/.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0)).toBe(3);
    await cdp.detach();
    await page.getByLabel('Name').fill('Kim Jong Un');
    await eventually(() => page.getByRole('list', { name: 'Results' }).getByRole('listitem').first().textContent()).toMatch(/KIM, Jong Un/i);
  }, 60_000);

  it('opens the entity: names, designations by authority, identifiers, and the versions that carried it', async () => {
    await page.getByRole('list', { name: 'Results' }).getByRole('link', { name: /KIM, Jong Un/i }).first().click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/KIM, Jong Un/i);
    await eventually(() => page.getByRole('table', { name: 'Names' }).locator('tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('heading', { name: 'Designations' }).count()).toBe(1);
    await eventually(() => page.getByRole('table', { name: /Designations by/ }).first().textContent()).toMatch(/DPRK/);
    const versions = page.getByRole('table', { name: 'Versions' });
    await eventually(() => versions.textContent()).toContain('us_ofac_sdn');
    expect(await versions.textContent()).toContain('current');
    // Properties are labelled in words (Other name, Birth date), never by their FtM keys.
    const properties = [
      ...(await page.getByRole('table', { name: 'Names' }).locator('td:nth-child(2)').allTextContents()),
      ...(await page.getByRole('table', { name: 'Identifiers' }).locator('th').allTextContents()),
    ];
    expect(properties).toContain('Name');
    expect(properties).toContain('Birth date');
    for (const label of properties) expect(label).not.toMatch(RAW_KEY);
  }, 60_000);

  /** The entity page's section on the designee, and its table of records side by side. */
  const designeeSection = () => page.getByRole('region', { name: 'Same designee on other lists' });
  /** A row of the records' table, by its label. */
  const designeeRow = (label: string) => designeeSection().getByRole('table', { name: 'Records of the same designee' }).locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) });

  it('shows the same designee on other lists: the UN record and OFAC\'s side by side, their designations, and the link\'s confidence and evidence in words', async () => {
    // KOMID: the UN's KPe.001 and OFAC's 9345, linked (the API's answer is what the page must show).
    const designee = await apiGet<DesigneeAnswer>('/designees/un_sc-KPe.001', keys.analyst);
    expect(designee.members.map((m) => m.id)).toEqual(['un_sc-KPe.001', 'us_ofac_sdn-9345']);
    expect(designee.links).toHaveLength(1);
    await page.goto(`${base}/#/entities/un_sc-KPe.001`);
    const section = designeeSection();
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('Same designee on other lists');
    const table = section.getByRole('table', { name: 'Records of the same designee' });
    const columns = table.locator('thead th[scope="col"]');
    await eventually(() => columns.count()).toBe(2);
    expect(await section.getByTestId('designee-summary').textContent()).toContain('2 records on 2 lists (un_sc, us_ofac_sdn)');
    // A column per record: its list (the authority, the dataset) and its id linking to its own page, this one marked current.
    for (const [i, member] of designee.members.entries()) {
      const column = columns.nth(i);
      expect(await column.textContent()).toContain(designee.designations[member.datasets[0]!]![0]!.authority);
      expect(await column.locator('.tag').allTextContents()).toEqual(member.datasets);
      expect(await column.getByRole('link', { name: member.id }).getAttribute('href')).toBe(`#/entities/${member.id}`);
    }
    expect(await table.getByRole('link', { name: 'un_sc-KPe.001' }).getAttribute('aria-current')).toBe('page');
    expect(await table.getByRole('link', { name: 'us_ofac_sdn-9345' }).getAttribute('aria-current')).toBeNull();
    // Rows labelled in words: the names as each list writes them, and each list's designations (program, reference, listing date).
    expect(await designeeRow('Name').locator('td').allTextContents()).toEqual(designee.members.map((m) => m.caption));
    expect(await designeeRow('Type').locator('td').allTextContents()).toEqual(designee.members.map((m) => labelOf(m.schema)));
    for (const label of await table.locator('tbody th').allTextContents()) expect(label).not.toMatch(RAW_KEY);
    for (const [i, member] of designee.members.entries()) {
      const cell = designeeRow('Designations').locator('td').nth(i);
      const listed = designee.designations[member.datasets[0]!]!;
      expect(listed.length).toBeGreaterThan(0);
      for (const d of listed) {
        expect(await cell.textContent()).toContain(d.program ?? 'not given');
        expect(await cell.textContent()).toContain(d.referenceNumber ?? 'not given');
        if (d.listingDate) expect(await cell.textContent()).toContain(d.listingDate.slice(0, 10));
      }
    }
    expect(await designeeRow('Designations').locator('td').first().textContent()).toContain('KPe.001');
    // The link: both records, its confidence, and each piece of evidence in words; confirmed, so not marked as possible.
    const [link] = designee.links;
    const pairs = section.getByRole('list', { name: 'How they were linked' }).getByRole('listitem');
    expect(await pairs.count()).toBe(1);
    const pair = pairs.first();
    expect(await pair.textContent()).toContain(`confidence ${link!.confidence.toFixed(2)}`);
    expect(await pair.getByRole('link').allTextContents()).toEqual(link!.ids);
    expect(await pair.getByRole('definition').allTextContents()).toEqual(link!.evidence.map((e) => e.detail));
    expect(await pair.getByRole('definition').allTextContents()).toContain('both listed under DPRK');
    expect(await pair.getByRole('term').allTextContents()).toEqual(expect.arrayContaining(['Names', 'Sanctions regime', 'Best match both ways']));
    expect(await pair.textContent()).not.toContain('possible, not confirmed');
    await page.screenshot({ path: join(SCREENSHOTS, 'entity.png'), fullPage: true });

    // OFAC's record opens from its column, and shows the same designee, itself marked current now.
    await table.getByRole('link', { name: 'us_ofac_sdn-9345' }).click();
    await eventually(async () => page.url()).toBe(`${base}/#/entities/us_ofac_sdn-9345`);
    await eventually(() => table.getByRole('link', { name: 'us_ofac_sdn-9345' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(designee.members[1]!.caption);
    expect(await table.getByRole('link', { name: 'un_sc-KPe.001' }).getAttribute('aria-current')).toBeNull();
    expect(await columns.count()).toBe(2);
  }, 60_000);

  it('says when no other list\'s record was linked, and marks a pair left for review as possible, not confirmed', async () => {
    // Kim Tong Chol: the UN's KPi.068 and OFAC's 22996, born a day apart by their lists, came close (0.87) without being linked.
    const designee = await apiGet<DesigneeAnswer>('/designees/un_sc-KPi.068', keys.analyst);
    expect(designee.members.map((m) => m.id)).toEqual(['un_sc-KPi.068']);
    const possible = designee.review.find((l) => l.ids.includes('us_ofac_sdn-22996'))!;
    expect(possible).toMatchObject({ ids: ['un_sc-KPi.068', 'us_ofac_sdn-22996'], status: 'review' });
    await page.goto(`${base}/#/entities/un_sc-KPi.068`);
    const section = designeeSection();
    await eventually(() => section.getByTestId('designee-summary').textContent()).toBe('No other list\'s record was linked to this one.');
    expect(await section.getByRole('table').count()).toBe(0);
    const item = section.getByRole('list', { name: 'Possible, not confirmed' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'us_ofac_sdn-22996' }) });
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('possible, not confirmed');
    expect(await item.textContent()).toContain(`confidence ${possible.confidence.toFixed(2)}`);
    expect(await item.getByRole('definition').allTextContents()).toEqual(possible.evidence.map((e) => e.detail));
    expect(await item.getByRole('link', { name: 'us_ofac_sdn-22996' }).getAttribute('href')).toBe('#/entities/us_ofac_sdn-22996');
  }, 60_000);

  it('shows each list\'s versions on a timeline, the changes per version, and the diff between two versions', async () => {
    await go('Lists');
    // The datasets are tabs: one tab stop, arrow keys move and select, the content is the selected tab's panel.
    const tabs = page.getByRole('tablist', { name: 'Datasets' });
    await eventually(() => tabs.getByRole('tab').allTextContents()).toEqual(['un_sc', 'us_ofac_sdn']);
    const un = tabs.getByRole('tab', { name: 'un_sc' });
    const ofac = tabs.getByRole('tab', { name: 'us_ofac_sdn' });
    const panel = page.getByRole('tabpanel');
    expect(await un.getAttribute('aria-selected')).toBe('true');
    expect(await panel.getAttribute('aria-labelledby')).toBe(await un.getAttribute('id'));
    expect(await un.getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
    await eventually(() => panel.getByRole('list', { name: 'Versions' }).locator('li').count()).toBe(1);
    await un.focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => ofac.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('us_ofac_sdn');
    expect([await un.getAttribute('tabindex'), await ofac.getAttribute('tabindex')]).toEqual(['-1', '0']);
    expect(await panel.getAttribute('aria-labelledby')).toBe(await ofac.getAttribute('id'));
    // Past the last tab, the first; and back.
    await page.keyboard.press('ArrowRight');
    await eventually(() => un.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await eventually(() => ofac.getAttribute('aria-selected')).toBe('true');
    const timeline = panel.getByRole('list', { name: 'Versions' });
    await eventually(() => timeline.locator('li').count()).toBe(2);
    // The chart comes after the page, once the server has diffed the versions: wait for its bars
    // and the newer version's label on its axis (the legend's icons alone are SVGs too).
    const newer = (await timeline.locator('li').nth(1).locator('strong').textContent())!;
    const chart = page.getByRole('figure', { name: 'Additions and removals per version' });
    await eventually(() => chart.locator('.recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    await eventually(() => chart.locator('.recharts-xAxis-tick-labels').textContent()).toContain(newer);
    // The bars take their colours from the stylesheet's variables.
    const colours = await chart.evaluate((figure) => {
      // The page's own objects, typed here as far as used (the test is type-checked without the DOM's types).
      type Node = { style: { color: string }; remove(): void; querySelector(selector: string): Node; querySelectorAll(selector: string): ArrayLike<Node> };
      const page = globalThis as unknown as { document: { createElement(tag: string): Node; body: { append(node: Node): void } }; getComputedStyle(node: Node): { color: string; fill: string } };
      const probe = page.document.createElement('span');
      page.document.body.append(probe);
      const colour = (variable: string) => {
        probe.style.color = `var(${variable})`;
        return page.getComputedStyle(probe).color;
      };
      const wanted = ['--chart-added', '--chart-removed', '--chart-changed'].map(colour);
      probe.remove();
      const drawn = Array.from((figure as unknown as Node).querySelectorAll('.recharts-bar')).map((bar) => page.getComputedStyle(bar.querySelector('.recharts-bar-rectangle path')).fill);
      return { wanted, drawn };
    });
    expect(colours.drawn).toEqual(colours.wanted);
    const diff = page.getByRole('region', { name: 'Differences' });
    await eventually(() => diff.textContent()).toMatch(/added \(\d+\)/);
    const added = Number(/added \((\d+)\)/.exec((await diff.textContent()) ?? '')![1]);
    expect(added).toBeGreaterThan(0);
    // Each entity by its name (with its id), and for a changed one what changed, in words.
    const listed = await apiGet<DescribedDiff>('/lists/diff?dataset=us_ofac_sdn', keys.analyst);
    expect(await diff.locator('.diff-added li').first().getByRole('link').textContent()).toBe(listed.captions[listed.added[0]!]);
    expect(await diff.locator('.diff-added li').first().locator('code').textContent()).toBe(listed.added[0]);
    expect(await diff.locator('.diff-removed li').first().textContent()).toContain(listed.captions[listed.removed[0]!]);
    const changed = listed.changed[0]!;
    expect(await diff.locator('.diff-changed li').first().locator('.changed').textContent()).toBe(`changed: ${listed.changed_properties[changed]!.map((p) => labelOf(p)).join(', ')}`);
    await shoot('lists');
    // An added entity opens from the diff.
    await diff.getByRole('link').first().click();
    await eventually(() => page.getByRole('heading', { name: 'List versions carrying it' }).count()).toBe(1);
  }, 60_000);

  it('screens an uploaded CSV: its columns mapped, live progress, the lists screened against, filterable results', async () => {
    await go('Batch screening');
    const csv = ['customer_id,full_name,dob', 'a1,Kim Jong Un,1984', 'a2,Anna Schmidt,1990', 'a3,Ri Yong Ho,', 'a4,Korea Kumryong Trading Corporation,'].join('\n');
    await page.getByLabel('Customer file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // Usual column names are mapped already, as the server reads them without a map; each select is named by its visible label.
    await eventually(() => page.getByLabel('Name (required)').inputValue()).toBe('full_name');
    expect(await page.getByLabel('Your id for the row').inputValue()).toBe('customer_id');
    expect(await page.getByLabel('Birth date').inputValue()).toBe('dob');
    expect(await page.getByLabel('Passport number').inputValue()).toBe('');
    await page.getByRole('button', { name: /Screen customers.csv/ }).click();
    const table = page.getByRole('table', { name: 'Screening results' });
    await eventually(() => table.locator('tbody tr').count(), 30_000).toBe(4);
    const progress = page.getByLabel('Progress');
    expect(await progress.textContent()).toContain('4 of 4 rows');
    expect(await table.textContent()).toMatch(/KIM, Jong Un/i);

    // The job says what it screened against, and the panel shows what the job says.
    const version = await currentVersion('us_ofac_sdn');
    const screened = progress.getByRole('table', { name: 'Lists screened against' });
    await eventually(() => screened.textContent()).toContain('us_ofac_sdn');
    expect(await screened.textContent()).toContain(version.id);
    const job = await apiGet<ScreeningJob>(`/screenings/${(await progress.locator('h2 code').textContent())!}`, keys.analyst);
    for (const list of job.lists) expect(await screened.textContent()).toContain(list.version);
    for (const warning of job.warnings) expect(await progress.getByRole('alert').textContent()).toContain(warning);
    if (job.detected) expect(await progress.textContent()).toContain(`read as ${job.detected.encoding}`);

    // A row opens its explanation from the keyboard: what agreed, and what it did to the score.
    const kim = table.getByRole('button', { name: 'Kim Jong Un' });
    await kim.focus();
    await page.keyboard.press('Enter');
    const why = page.getByRole('region', { name: 'Explanation of line 2' });
    await eventually(() => why.textContent()).toMatch(/KIM, Jong Un/i);
    expect(await why.textContent()).toMatch(/birthDate 1984 vs [\d/-]*1984-01-08[\d/-]*: dates agree, score unchanged/);
    expect(await kim.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    await eventually(() => why.count()).toBe(0);

    await page.getByRole('combobox', { name: 'Decision' }).selectOption('match');
    await eventually(() => table.locator('tbody tr').count()).toBeLessThan(4);
    const decisions = await table.locator('tbody tr td:nth-child(6)').allTextContents();
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    expect(new Set(decisions)).toEqual(new Set(['match']));
    // A click opens a row's explanation too.
    await table.locator('tbody tr', { hasText: 'Kim Jong Un' }).locator('td').first().click();
    await eventually(() => why.count()).toBe(1);
    await why.scrollIntoViewIfNeeded();
    await shoot('batch');
  }, 60_000);

  it('reviews an alert side by side, decides it with a note (never by default), a second analyst confirms it, and the admin sees both in the verified audit log', async () => {
    await go('Alerts');
    const queue = page.getByRole('table', { name: 'Alerts' });
    await eventually(() => queue.locator('tbody tr.openable').count()).toBeGreaterThan(0);
    // The queue names each party (the party's id beside it), as the API lists it.
    const queued = (await apiGet<{ alerts: (Alert & { partyName: string | null })[] }>('/alerts?status=open', keys.analyst)).alerts;
    const kim = queued.find((a) => a.partyId === 'cust-1')!;
    expect(kim.partyName).toBe('Kim Jong Un');
    const row = queue.locator('tbody tr', { has: page.locator('code', { hasText: /^cust-1$/ }) }).first();
    expect(await row.getByRole('link').textContent()).toBe('Kim Jong Un');
    // Opened from the keyboard: the party's name is the row's link.
    await row.getByRole('link', { name: 'Kim Jong Un' }).focus();
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: /^Alert \d+$/ });
    await eventually(() => review.textContent()).toMatch(/KIM, Jong Un/i);
    expect(await review.textContent()).toContain('Kim Jong Un');
    // The list version the alert was raised against, with its age.
    await eventually(() => review.getByRole('table', { name: 'Lists screened against' }).textContent()).toMatch(/us_ofac_sdnus_ofac_sdn-undated-\w+\d{4}-\d\d-\d\d0 days/);
    const url = page.url();
    const id = Number(/\/alerts\/(\d+)$/.exec(url)![1]);
    expect(queued.filter((a) => a.partyId === 'cust-1').map((a) => a.id)).toContain(id);
    expect(await row.getByRole('link').getAttribute('aria-current')).toBe('true');
    // The explanation between the party and the entity says how the names compared.
    expect(await featureRow(review.locator('table.explanation'), 'Name').locator('td').nth(2).textContent()).toBe('the same word: kim, jong, un');
    await shoot('alerts');

    // A note alone decides nothing: no decision is chosen for the analyst, and none can be recorded until one is.
    const record = review.getByRole('button', { name: 'Record decision' });
    await review.getByLabel('note').fill('Same person: name and birth date agree with the OFAC entry.');
    expect(await review.getByLabel('True match').isChecked()).toBe(false);
    expect(await review.getByLabel('False positive').isChecked()).toBe(false);
    expect(await record.isDisabled()).toBe(true);
    expect(await review.getByText('Choose True match or False positive to record a decision').isVisible()).toBe(true);
    // Not even when the form is submitted some other way.
    await review.getByRole('form', { name: 'Decision' }).evaluate((form) => (form as unknown as { requestSubmit(): void }).requestSubmit());
    await eventually(() => review.getByRole('alert').textContent()).toContain('choose True match or False positive');
    expect((await apiGet<Alert>(`/alerts/${id}`, keys.analyst)).status).toBe('open');
    expect(await review.locator('h2 .tag').textContent()).toBe('open');

    await review.getByLabel('True match').check();
    await eventually(() => record.isEnabled()).toBe(true);
    await record.click();
    // Four eyes: it waits for another analyst, who cannot be the one who decided.
    await eventually(() => review.textContent()).toContain('awaits a second analyst');
    expect(await review.textContent()).toContain('analyst e2e');
    expect(await review.textContent()).toContain('Same person');
    await review.getByRole('button', { name: 'Confirm true match' }).click();
    await eventually(() => review.getByRole('alert').textContent()).toContain('a second analyst must confirm it');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(keys.second);
    await page.goto(url);
    await eventually(() => review.textContent()).toContain('confirming');
    await review.getByRole('button', { name: 'Confirm true match' }).click();
    await eventually(() => review.textContent()).toContain('confirmed by key:');
    expect(await review.textContent()).toContain('true_match');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(keys.admin);
    await go('Audit log');
    await eventually(() => page.getByTestId('chain').textContent()).toMatch(/Chain verified: \d+ entries/);
    const entries = page.getByRole('table', { name: 'Audit entries' });
    await eventually(() => entries.locator('tbody tr', { hasText: 'alert.decide' }).count()).toBe(1);
    expect(await entries.locator('tbody tr', { hasText: 'alert.decide' }).textContent()).toContain('analyst e2e');
    const confirmed = await entries.locator('tbody tr', { hasText: 'alert.confirm' }).textContent();
    expect(confirmed).toContain('second e2e');
    expect(confirmed).toContain('true_match');
    await shoot('audit');
  }, 90_000);

  it('shows audit values whole, or shortened with a mark and expandable (from the keyboard) to the whole', async () => {
    await signIn(keys.admin);
    await go('Audit log');
    const entries = page.getByRole('table', { name: 'Audit entries' });
    const rows = entries.locator('tbody tr');
    await eventually(() => rows.first().locator('td').count()).toBe(8);
    const logged = new Map((await apiGet<{ entries: AuditEntry[] }>('/audit?after=0&limit=1000', keys.admin)).entries.map((e) => [e.seq, e]));
    const json = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));
    const shown = async (row: ReturnType<typeof rows.nth>, column: 'before' | 'after') => (await row.locator(`td:nth-child(${column === 'before' ? 6 : 7}) code.json`).allTextContents()).join('');

    // No value is cut silently: each is whole, or its beginning followed by the mark.
    let shortened = 0;
    const count = await rows.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const entry = logged.get(Number(await row.locator('td').first().textContent()))!;
      for (const column of ['before', 'after'] as const) {
        const whole = json(entry[column]);
        const text = await shown(row, column);
        if (text === whole) continue;
        expect(text, `entry ${entry.seq} ${column}`).toMatch(/…$/);
        expect(whole.startsWith(text.slice(0, -1)), `entry ${entry.seq} ${column}`).toBe(true);
        shortened++;
      }
    }
    expect(shortened).toBeGreaterThan(0);

    // A list load's "after" (its version, counts and source file) is longer than a cell shows.
    const load = [...logged.values()].filter((e) => e.action === 'list.load').at(-1)!;
    const whole = json(load.after);
    expect(whole.length).toBeGreaterThan(AUDIT_VALUE_SHOWN);
    expect(whole).toContain('"source":"2021-07-07"');
    const row = rows.filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${load.seq}$`) }) });
    expect(await shown(row, 'after')).toBe(`${whole.slice(0, AUDIT_VALUE_SHOWN)}…`);
    const more = row.locator('td:nth-child(7)').getByRole('button', { name: /show all/ });
    await more.focus();
    await page.keyboard.press('Enter');
    await eventually(() => shown(row, 'after')).toBe(whole);
    expect(await shown(row, 'after')).toContain(`"entities":${(load.after as { entities: number }).entities}`);
    expect(await row.locator('td:nth-child(7)').getByRole('button').getAttribute('aria-expanded')).toBe('true');
  }, 60_000);
});
