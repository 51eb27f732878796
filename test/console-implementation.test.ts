import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapCell } from '../src/core/gaps.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir, writeDfatWorkbook } from './helpers/fixtures.js';
import { BUILT, INTERDICT, REPO, freePort, until } from './helpers/processes.js';
import { IN_CI } from './helpers/stores.js';

/** Debian's Chromium (apt-get install chromium), never a downloaded browser. */
const CHROMIUM = process.env.INTERDICT_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const CONSOLE_BUILT = existsSync(join(REPO, 'dist/console/index.html'));
/** How long the console may take to show what an action leads to on a loaded machine (each read waits for its condition up to this). */
const SHOWN_WITHIN_MS = 15_000;
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: SHOWN_WITHIN_MS, interval: 100 });
/** The fixture lists state old dates: allowed, so that no stale-list warning stands in the way. */
const LIST_AGE = { INTERDICT_MAX_LIST_AGE_DAYS: '3650' };

/**
 * DFAT's list, as small as the test needs: the UN's CHANG CHANG HA (KPi.037, listed by the UN on
 * 2016-11-30) listed 41 days later without his aliases or his passport, and a DPRK designation
 * of DFAT's own that the UN fixture does not hold (so that DFAT carries the DPRK regime, and the
 * UN's KOMID, which OFAC lists, is missing here).
 */
const DFAT = [
  [1, 'CHANG CHANG HA', 'Individual', 'Primary Name', '10 Jan. 1964', 'Pyongyang', 'Democratic People\'s Republic of Korea', null, 'President of the Second Academy of Natural Sciences.', 'Listed on: 10 Jan. 2017', '1718 (DPRK)', 42745],
  [2, 'YUN HO-JIN', 'Individual', 'Primary Name', '13 Oct. 1944', null, 'Democratic People\'s Republic of Korea', 'Pyongyang', 'Director of Namchongang Trading Corporation.', 'Listed on: 16 Jul. 2009', '1718 (DPRK)', 44776],
];

/** GET /gaps, as far as the test reads it (the fields of a newer server optional, as the page takes them). */
interface GapAnswer {
  against: string[];
  rows: { id: string; caption: string; schema?: string; lists: Record<string, GapCell> }[];
  by_year?: Record<string, unknown>;
  authorities?: Record<string, { authority: string }>;
}

if (IN_CI && (!HAVE_CHROMIUM || !CONSOLE_BUILT)) throw new Error(`the console tests need ${CHROMIUM} and a built console (dist/console) in CI`);

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s Implementation page in Chromium, on fixture lists (UN, OFAC, DFAT, SEMA)', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base = '';
  let log = '';
  let report: GapAnswer;

  beforeAll(async () => {
    const db = tempDir('interdict-implementation-');
    const dfat = await writeDfatWorkbook(join(tempDir(), 'regulation8_consolidated.xlsx'), DFAT);
    for (const path of [fixture('un-small.xml'), fixture('ofac-csv'), dfat, fixture('ca-sema-small.xml')]) {
      const loaded = await runCli(['load', path, '--db', db], LIST_AGE);
      expect(loaded.code, `${path}: ${loaded.stderr}`).toBe(0);
    }
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [INTERDICT, 'serve', '--db', db, '--port', String(port)], { env: { ...process.env, ...LIST_AGE, LOG_LEVEL: 'warn' } });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await until('the index', async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 90_000);
    const answer = await fetch(`${base}/gaps?reference=un_sc&collection=dprk`);
    expect(answer.status, log).toBe(200);
    report = (await answer.json()) as GapAnswer;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(SHOWN_WITHIN_MS);
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
  const cellOf = (id: string, dataset: string) => matrixRow(id).locator('td').nth(3 + report.against.indexOf(dataset)).getByRole('button');
  const dialog = () => page.getByRole('dialog');
  /** DFAT's authority as the page names it: the report's name, else the publisher Interdict knows the dataset by. */
  const dfatName = () => report.authorities?.au_dfat?.authority ?? 'Australian Department of Foreign Affairs and Trade';

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

    // The summary per authority counts as the report does.
    const dfatSummary = page.getByRole('table', { name: 'Authorities' }).locator('tbody tr[data-dataset="au_dfat"] td');
    expect((await dfatSummary.allTextContents()).slice(1, 5)).toEqual(['1', '2', '0', '41 days']);
  }, 60_000);

  it('narrows the rows by type (when the server gives types) and by name, and keeps the choice in the address', async () => {
    await page.goto(`${base}/#/implementation`);
    await eventually(shownIds).toEqual(report.rows.map((r) => r.id));
    if (report.rows.every((r) => r.schema)) {
      const organizations = report.rows.filter((r) => r.schema === 'Organization').map((r) => r.id);
      expect(organizations).toEqual(['un_sc-KPe.001']);
      await page.getByLabel('Type').selectOption('Organization');
      await eventually(shownIds).toEqual(organizations);
      expect(page.url()).toContain('type=Organization');
      await page.getByLabel('Type').selectOption('');
    } else {
      // A server without the rows' types: no type filter, and the page says so.
      expect(await page.getByLabel('Type').count()).toBe(0);
      expect(await page.getByTestId('gap-lacking').textContent()).toContain('record types (no type filter)');
    }
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
    const columns = dialog().getByRole('table', { name: 'Records side by side' }).locator('thead th');
    expect(await columns.count()).toBe(2);
    expect(await columns.nth(0).textContent()).toContain('un_sc-KPi.037');
    expect(await columns.nth(1).textContent()).toContain('au_dfat-1');
    expect(await columns.nth(1).getByRole('link').textContent()).toBe('CHANG CHANG HA');
    // What DFAT's record lacks, as the report gives it, is marked in the UN record's column.
    const cell = report.rows.find((r) => r.id === 'un_sc-KPi.037')!.lists.au_dfat as Extract<GapCell, { status: 'listed' }>;
    expect((await dialog().locator('mark.lacking').allTextContents()).sort()).toEqual([...cell.missing_names, 'Passport number: 381310014'].sort());
    expect(await dialog().textContent()).toContain('lacks 3 names and 1 identifier');
    // Escape closes it, and the address forgets it.
    await page.keyboard.press('Escape');
    await eventually(() => dialog().count()).toBe(0);
    expect(page.url()).not.toContain('open=');

    // A missing cell says so, with the reference record alone.
    await cellOf('un_sc-KPe.001', 'au_dfat').click();
    await eventually(() => dialog().getByRole('table', { name: 'Records side by side' }).locator('thead th').count()).toBe(1);
    expect(await dialog().textContent()).toContain(`Missing: no record of ${dfatName()} (au_dfat) is linked to this designation.`);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await eventually(() => dialog().count()).toBe(0);
  }, 60_000);

  it('charts designations per year when the server gives them, and says so when it does not', async () => {
    await page.goto(`${base}/#/implementation`);
    await eventually(shownIds).toEqual(report.rows.map((r) => r.id));
    if (report.by_year) {
      await eventually(() => page.getByRole('figure', { name: 'Designations per year by authority' }).locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    } else {
      expect(await page.getByText('This server gives no designations per year: no chart.').count()).toBe(1);
    }
  }, 60_000);

  it('says what is wrong with a report it cannot have', async () => {
    await page.goto(`${base}/#/implementation?reference=nowhere`);
    await eventually(() => page.getByRole('alert').textContent()).toContain('reference "nowhere"');
  }, 60_000);
});
