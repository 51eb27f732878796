import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapCell } from '../src/core/gaps.js';
import { runCli } from './helpers/cli.js';
import { CONSOLE_BUILT, HAVE_CHROMIUM, LIST_AGE, SHOWN_WITHIN_MS, eventually, openBrowser, requireConsoleInCi, serveConsole } from './helpers/console.js';
import { fixture, tempDir, writeDfatWorkbook } from './helpers/fixtures.js';
import { gapVersionFiles } from './helpers/gap-versions.js';
import { BUILT } from './helpers/processes.js';

/**
 * DFAT's list now, as small as the test needs: the UN's CHANG CHANG HA (KPi.037, listed by the UN
 * on 2016-11-30) listed 41 days later without his aliases or his passport, and a DPRK designation
 * of DFAT's own that the UN fixture does not hold. The UN's KOMID (KPe.001), which OFAC lists and
 * DFAT's earlier version listed (test/helpers/gap-versions.ts), is missing from it.
 */
const DFAT_NOW = [
  [1, 'CHANG CHANG HA', 'Individual', 'Primary Name', '10 Jan. 1964', 'Pyongyang', 'Democratic People\'s Republic of Korea', null, 'President of the Second Academy of Natural Sciences.', 'Listed on: 10 Jan. 2017', '1718 (DPRK)', 42745],
  [2, 'YUN HO-JIN', 'Individual', 'Primary Name', '13 Oct. 1944', null, 'Democratic People\'s Republic of Korea', 'Pyongyang', 'Director of Namchongang Trading Corporation.', 'Listed on: 16 Jul. 2009', '1718 (DPRK)', 44776],
];

/** GET /gaps, as far as the test reads it (the fields of a newer server optional, as the page takes them). */
interface GapAnswer {
  against: string[];
  rows: { id: string; caption: string; schema: string; lists: Record<string, GapCell> }[];
  authorities: Record<string, { authority: string }>;
  separate: Record<string, { total: number }>;
}

/** The fields GET /gaps gained with the report's authorities, years and dates: what an older server does not give. */
const NEWER_FIELDS = ['authorities', 'separate', 'by_year', 'at', 'versions', 'notes', 'changes'];

requireConsoleInCi();

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s Implementation page in Chromium, on fixture lists (UN, OFAC, DFAT, SEMA)', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';
  let log = '';
  let report: GapAnswer;

  beforeAll(async () => {
    const db = tempDir('interdict-implementation-');
    // The UN's and DFAT's earlier versions first (UN 2020-12-01 without KPi.037; DFAT 2020-06-01 listing KOMID), then the lists now.
    const { unThen, dfatThen } = await gapVersionFiles();
    const dfatNow = await writeDfatWorkbook(join(tempDir(), 'regulation8_consolidated.xlsx'), DFAT_NOW);
    for (const path of [unThen, dfatThen, fixture('un-small.xml'), dfatNow, fixture('ofac-csv'), fixture('ca-sema-small.xml')]) {
      const loaded = await runCli(['load', path, '--db', db], LIST_AGE);
      expect(loaded.code, `${path}: ${loaded.stderr}`).toBe(0);
    }
    ({ base, server } = await serveConsole(db, (text) => (log += text)));
    const answer = await fetch(`${base}/gaps?reference=un_sc&collection=dprk`);
    expect(answer.status, log).toBe(200);
    report = (await answer.json()) as GapAnswer;
    ({ browser, page } = await openBrowser());
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  const matrix = () => page.getByRole('table', { name: 'Implementation matrix' });
  const matrixRow = (id: string) => matrix().locator('tbody tr', { has: page.locator('code', { hasText: new RegExp(`^${id}$`) }) });
  /** The ids of the rows shown, in order. */
  const shownIds = () => matrix().locator('tbody tr td:nth-child(2) code').allTextContents();
  /** A cell's button: its column is the list's place among the report's lists, after caption, id and date. */
  const cellOf = (id: string, dataset: string, against = report.against) => matrixRow(id).locator('td').nth(3 + against.indexOf(dataset)).getByRole('button');
  const dialog = () => page.getByRole('dialog');
  const dfatName = () => report.authorities.au_dfat!.authority;

  it('shows the report\'s designations against each list, a cell listed by one and missing from another, in words as well as shades', async () => {
    // The fixtures give the case the page is for: KOMID listed by OFAC, missing from DFAT; CHANG CHANG HA listed by DFAT 41 days after the UN.
    expect(report.against).toEqual(['au_dfat', 'ca_sema', 'us_ofac_sdn']);
    const komid = report.rows.find((r) => r.id === 'un_sc-KPe.001')!;
    expect(komid.lists.us_ofac_sdn!.status).toBe('listed');
    expect(komid.lists.au_dfat!.status).toBe('missing');

    await page.goto(`${base}/`);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Implementation', exact: true }).click();
    await eventually(shownIds).toEqual(report.rows.map((r) => r.id));
    expect(await matrix().locator('thead th').allTextContents()).toEqual(expect.arrayContaining(['Designation', 'Id', 'Listed on', ...report.against]));

    const listed = cellOf('un_sc-KPe.001', 'us_ofac_sdn');
    const missing = cellOf('un_sc-KPe.001', 'au_dfat');
    expect(await listed.textContent()).toBe('listed'); // OFAC's CSV gives no listing date: the lag is unknown
    expect(await listed.getAttribute('class')).toContain('tone-listed');
    expect(await missing.textContent()).toBe('missing');
    expect(await missing.getAttribute('class')).toContain('tone-missing');
    expect(await missing.getAttribute('aria-label')).toBe(`KOREA MINING DEVELOPMENT TRADING CORPORATION, ${dfatName()}: missing`);
    // More than 30 days after the UN: the late shade, and the lag in days.
    const late = cellOf('un_sc-KPi.037', 'au_dfat');
    expect(await late.textContent()).toBe('41 d');
    expect(await late.getAttribute('class')).toContain('tone-late');
    // Not applicable says why, to the pointer and to assistive technology.
    const notApplicable = cellOf('un_sc-KPe.001', 'ca_sema');
    expect(await notApplicable.textContent()).toBe('n/a');
    const reason = (report.rows[0]!.lists.ca_sema as Extract<GapCell, { status: 'not_applicable' }>).reason;
    expect(await notApplicable.getAttribute('title')).toBe(`not applicable: ${reason}`);

    // The summary per authority counts as the report does, with how the authority implements UN designations and its own designations.
    const dfatSummary = page.getByRole('table', { name: 'Authorities' }).locator('tbody tr[data-dataset="au_dfat"]');
    expect(await dfatSummary.locator('th').textContent()).toContain(dfatName());
    expect(await dfatSummary.locator('td').first().textContent()).toContain('lists them itself');
    expect(await dfatSummary.locator('td a').count()).toBeGreaterThan(0);
    expect((await dfatSummary.locator('td').allTextContents()).slice(1)).toEqual(['1', '2', '0', '41 days', String(report.separate.au_dfat!.total)]);
    expect(report.separate.au_dfat!.total).toBe(1); // DFAT's own YUN HO-JIN
  }, 60_000);

  it('narrows the rows by type and by name, and keeps the choice in the address', async () => {
    await page.goto(`${base}/#/implementation`);
    await eventually(shownIds).toEqual(report.rows.map((r) => r.id));
    const organizations = report.rows.filter((r) => r.schema === 'Organization').map((r) => r.id);
    expect(organizations).toEqual(['un_sc-KPe.001']);
    await page.getByLabel('Type').selectOption('Organization');
    await eventually(shownIds).toEqual(organizations);
    expect(page.url()).toContain('type=Organization');
    await page.getByLabel('Type').selectOption('Person');
    await eventually(shownIds).toEqual(['un_sc-KPi.033', 'un_sc-KPi.037']);
    await page.getByLabel('Type').selectOption('');
    await eventually(shownIds).toEqual(report.rows.map((r) => r.id));
    await page.getByLabel('Name or id').fill('chang');
    await eventually(shownIds).toEqual(['un_sc-KPi.037']);
    expect(await page.getByTestId('gap-count').textContent()).toContain(`1 of ${report.rows.length} designations`);
    expect(page.url()).toContain('q=chang');
    // The address alone brings the same view back.
    await page.goto(`${base}/#/implementation?q=KPe`);
    await eventually(shownIds).toEqual(['un_sc-KPe.001']);
  }, 60_000);

  it('opens a cell as the UN record and the national record side by side, marking what the national record lacks', async () => {
    await page.goto(`${base}/#/implementation`);
    await cellOf('un_sc-KPi.037', 'au_dfat').click();
    await eventually(() => dialog().getByRole('table', { name: 'Records side by side' }).count()).toBe(1);
    expect(await dialog().getByRole('heading', { level: 2 }).textContent()).toContain('CHANG CHANG HA');
    expect(page.url()).toContain('open=un_sc-KPi.037');
    // Each record's column fills in as its record arrives.
    const columns = dialog().getByRole('table', { name: 'Records side by side' }).locator('thead th');
    await eventually(() => columns.count()).toBe(2);
    await eventually(() => columns.nth(0).textContent()).toContain('un_sc-KPi.037');
    await eventually(() => columns.nth(1).textContent()).toContain('au_dfat-1');
    await eventually(() => columns.nth(1).getByRole('link').textContent()).toBe('CHANG CHANG HA');
    // What DFAT's record lacks, as the report gives it, is marked in the UN record's column.
    const cell = report.rows.find((r) => r.id === 'un_sc-KPi.037')!.lists.au_dfat as Extract<GapCell, { status: 'listed' }>;
    await eventually(async () => (await dialog().locator('mark.lacking').allTextContents()).sort()).toEqual([...cell.missing_names, 'Passport number: 381310014'].sort());
    await eventually(() => dialog().textContent()).toContain('lacks 3 names and 1 identifier');
    // Escape closes it, and the address forgets it.
    await page.keyboard.press('Escape');
    await eventually(() => dialog().count()).toBe(0);
    await eventually(async () => page.url()).not.toContain('open=');

    // A missing cell says so, with the reference record alone.
    await cellOf('un_sc-KPe.001', 'au_dfat').click();
    await eventually(() => dialog().getByRole('table', { name: 'Records side by side' }).locator('thead th').count()).toBe(1);
    expect(await dialog().textContent()).toContain(`Missing: no record of ${dfatName()} (au_dfat) is linked to this designation.`);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await eventually(() => dialog().count()).toBe(0);
  }, 60_000);

  it('charts designations per year by authority, UN-derived and separate', async () => {
    await page.goto(`${base}/#/implementation`);
    const chart = page.getByRole('figure', { name: 'Designations per year by authority' });
    await eventually(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const legend = await chart.locator('.recharts-legend-item').allTextContents();
    expect(legend).toEqual(expect.arrayContaining([`${dfatName()}: UN-derived`, `${dfatName()}: separate`]));
    // The numbers beside the chart: DFAT's own designation in 2009, its listing of the UN's KPi.037 in 2017.
    await page.getByText('The numbers').click();
    const numbers = page.getByRole('table', { name: 'Designations per year by authority' });
    const column = (await numbers.locator('thead th').allTextContents()).indexOf(`${dfatName()}: separate`);
    expect(await numbers.locator('tbody tr', { has: page.locator('th', { hasText: /^2009$/ }) }).locator('th, td').nth(column).textContent()).toBe('1');
  }, 60_000);

  it('takes the lists at a date and says what changed since another', async () => {
    await page.goto(`${base}/#/implementation?since=2021-01-01`);
    const changes = page.getByRole('region', { name: 'Changed since 2021-01-01' });
    await eventually(() => changes.getByTestId('gap-changes-counts').textContent()).toBe('1 designation added, 0 removed; 1 gap closed, 1 opened.');
    // CHANG CHANG HA is new on the UN list and listed by DFAT; DFAT listed KOMID then and does not now.
    expect(await changes.getByRole('table', { name: 'Gaps closed' }).locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^CHANG CHANG HA.*au_dfat.*not yet designated.*listed$/)]);
    expect(await changes.getByRole('table', { name: 'Gaps opened' }).locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^KOREA MINING DEVELOPMENT TRADING CORPORATION.*au_dfat.*listed.*missing$/)]);
    // The lists without a version then are named, not compared.
    expect(await page.locator('.warning').textContent()).toContain('us_ofac_sdn has no version on or before 2021-01-01 (since): not compared');

    // At 2022-01-01: the UN's version of 2020-12-01 (without KPi.037) against DFAT's of 2020-06-01 (listing KOMID), the lists loaded since left out.
    await page.getByLabel('Lists taken at').fill('2022-01-01');
    await eventually(shownIds).toEqual(['un_sc-KPe.001', 'un_sc-KPi.033']);
    expect(page.url()).toContain('at=2022-01-01');
    expect(await page.getByTestId('gap-scope').textContent()).toContain('the lists as they stood on 2022-01-01 (version of 2020-12-01)');
    expect(await matrix().locator('thead th').allTextContents()).toEqual(['Designation', 'Id', 'Listed on', 'au_dfat']);
    expect(await cellOf('un_sc-KPe.001', 'au_dfat', ['au_dfat']).textContent()).toBe('0 d');
    expect(await page.locator('.warning').textContent()).toContain('us_ofac_sdn has no version on or before 2022-01-01 (at): left out');
    await eventually(() => changes.getByTestId('gap-changes-counts').textContent()).toBe('0 designations added, 0 removed; 0 gaps closed, 0 opened.');
  }, 60_000);

  it('reads a server that gives none of the newer fields: no type filter, no chart, a note saying so', async () => {
    const context = await browser!.newContext();
    const older = await context.newPage();
    older.setDefaultTimeout(SHOWN_WITHIN_MS);
    const errors: string[] = [];
    older.on('pageerror', (error) => errors.push(error.message));
    await older.route('**/gaps?**', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown> & { rows: Record<string, unknown>[] };
      for (const field of NEWER_FIELDS) delete body[field];
      for (const row of body.rows) {
        delete row.schema;
        delete row.programs;
      }
      await route.fulfill({ response, json: body });
    });
    await older.goto(`${base}/#/implementation?since=2021-01-01`);
    const ids = older.getByRole('table', { name: 'Implementation matrix' }).locator('tbody tr td:nth-child(2) code');
    await expect.poll(() => ids.allTextContents(), { timeout: SHOWN_WITHIN_MS }).toEqual(report.rows.map((r) => r.id));
    expect(await older.getByLabel('Type').count()).toBe(0);
    expect(await older.getByLabel('Program').count()).toBe(0);
    const note = await older.getByTestId('gap-lacking').textContent();
    for (const lacking of ['record types (no type filter)', 'designations per year (no chart)', 'how each authority implements UN designations', 'changes since a date (none shown since 2021-01-01)']) expect(note).toContain(lacking);
    expect(await older.getByText('This server gives no designations per year: no chart.').count()).toBe(1);
    expect(await older.getByRole('region', { name: /^Changed since/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('says what is wrong with a report it cannot have', async () => {
    await page.goto(`${base}/#/implementation?reference=nowhere`);
    await eventually(() => page.getByRole('alert').textContent()).toContain('reference "nowhere"');
  }, 60_000);
});
