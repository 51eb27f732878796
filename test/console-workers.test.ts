import { describe, expect, it } from 'vitest';
import { CONSOLE_BUILT, HAVE_CHROMIUM, eventually, openMatchedRecord, postJson, requireConsoleInCi, useConsole } from './helpers/console.js';
import { fixture } from './helpers/fixtures.js';
import { BUILT } from './helpers/processes.js';

/** Employed in Russia by the designated labour exporter (UN KPe.050) under its alias, on a permit of 2016. */
const KIM = { id: 'kim-1', name: 'Kim Chol Su', nationality: 'KP', employer: 'Mansudae Art Studio LLC', permit_issued: '2016-05-01', permit_expires: '2020-05-01', country: 'RU' };

/** Three workers as CSV: a DPRK national past the deadline, one who holds the host State's nationality, and an Uzbek national. */
const CSV = [
  'id,name,nationality,employer,permit_issued,permit_expires,country,host_nationality',
  'c-kp,Pak Song Il,KP,Amur Stroy LLC,2016-05-01,2020-05-01,RU,',
  'c-host,Ri Myong Suk,KP,Amur Stroy LLC,2016-05-01,2020-05-01,RU,RU',
  'c-uz,Aziz Karimov,UZ,Amur Stroy LLC,2018-05-01,2021-05-01,RU,',
].join('\n');

interface Answer { id: string; verdict: string; on: string; findings: { kind: string; verdict: string; basis: string; entity: string | null; status: string; caption?: string }[] }

requireConsoleInCi();

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s Workers page in Chromium, on fixture lists (UN with a labour exporter, OFAC)', () => {
  const app = useConsole('interdict-workers-console-', [['load', fixture('workers/un-workers.xml'), fixture('ofac-csv')]]);
  /** What the API answers for workers as of a day: the page must show the same. */
  const check = (workers: unknown[], on: string) => postJson<Answer[]>(app, `/workers/check?on=${on}`, workers);

  const form = () => app.page.getByRole('form', { name: 'One worker' });
  const findingRows = (id: string) => app.page.getByRole('table', { name: `Findings of worker ${id}` }).locator(':scope > tbody > tr');

  it('checks a worker typed in as of a day: the designated employer under its alias, opened from the finding, and the repatriation deadline passed', async () => {
    const [expected] = await check([KIM], '2020-01-15');
    expect(expected!.verdict).toBe('prohibited');
    expect(expected!.findings.map((f) => `${f.kind} ${f.verdict}`)).toEqual(['employer prohibited', 'repatriation prohibited', 'work_authorization clear']);

    await app.page.goto(`${app.base}/`);
    await app.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Workers', exact: true }).click();
    await app.page.getByLabel('Judged as of (default: today)').fill('2020-01-15');
    await form().getByRole('button', { name: 'Clear the form' }).click();
    await form().getByLabel('Your id for the worker').fill(KIM.id);
    await form().getByLabel('Name (required)').fill(KIM.name);
    await form().getByLabel('Nationality (required)').fill(KIM.nationality);
    await form().getByLabel('Employer').fill(KIM.employer);
    await form().getByLabel('Country of work (required)').fill(KIM.country);
    await form().getByLabel('Permit issued').fill(KIM.permit_issued);
    await form().getByLabel('Permit expires').fill(KIM.permit_expires);
    await form().getByRole('button', { name: 'Check worker' }).click();

    await eventually(() => findingRows('kim-1').count()).toBe(expected!.findings.length);
    const region = app.page.getByRole('region', { name: 'Findings of worker kim-1' });
    expect(await region.getByRole('heading').locator('.verdict').textContent()).toBe('Prohibited');
    expect(await app.page.getByTestId('worker-counts').textContent()).toContain('1 worker checked as of 2020-01-15: 1 prohibited.');
    const rows = findingRows('kim-1');
    for (const [i, f] of expected!.findings.entries()) {
      expect(await rows.nth(i).getAttribute('data-kind')).toBe(f.kind);
      expect(await rows.nth(i).locator('td').first().textContent()).toBe({ prohibited: 'Prohibited', review: 'Review', clear: 'Clear' }[f.verdict]);
      expect(await rows.nth(i).locator('td').nth(2).textContent()).toContain(f.basis);
    }
    const repatriation = region.locator('tbody tr[data-kind="repatriation"]');
    expect(await repatriation.locator('td').nth(2).textContent()).toBe('UNSCR 2397 (2017) OP8workers-2397');
    expect(await repatriation.locator('td').nth(4).textContent()).toContain('after the deadline 2019-12-22');

    // The employer's finding: the listed entity as a link, the matcher's explanation unfolded, the entity's page opened.
    const employer = region.locator('tbody tr[data-kind="employer"]');
    expect(await employer.locator('td').nth(1).textContent()).toBe('employer: Mansudae Art Studio LLC');
    expect(await employer.locator('td').nth(2).textContent()).toContain('UNSCR 1718 (2006) OP8(d); UN list KPe.050');
    await openMatchedRecord(app.page, employer, { id: 'un_sc-KPe.050', caption: 'MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES' });
    await eventually(() => findingRows('kim-1').count()).toBe(expected!.findings.length);
  }, 90_000);

  it('checks workers uploaded as CSV, each with its verdict; an exception partially verified is shown so', async () => {
    await app.page.goto(`${app.base}/#/workers`);
    await app.page.getByLabel('Judged as of (default: today)').fill('2020-01-15');
    await app.page.getByLabel('Workers file (.csv, .jsonl or .json)').setInputFiles({ name: 'workers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await eventually(() => app.page.getByText('3 read from workers.csv (CSV)').count()).toBe(1);
    await app.page.getByRole('button', { name: 'Check 3 workers' }).click();
    const table = app.page.getByRole('table', { name: 'Workers checked' });
    await eventually(() => table.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['c-kp', 'c-host', 'c-uz']);
    expect(await table.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['Prohibited', 'Review', 'Clear']);
    expect(await app.page.getByTestId('worker-counts').textContent()).toContain('3 workers checked as of 2020-01-15: 1 prohibited, 1 review, 1 clear.');
    await table.getByRole('button', { name: 'c-host' }).click();
    const host = app.page.getByRole('table', { name: 'Findings of worker c-host' }).locator('tbody tr[data-kind="repatriation"]');
    await eventually(() => host.locator('td').nth(3).textContent()).toBe('partially verified');
    expect(await host.locator('td').nth(4).textContent()).toContain('Exception: Nationals of the State');
    await table.getByRole('button', { name: 'c-uz' }).click();
    await eventually(() => app.page.getByRole('region', { name: 'Findings of worker c-uz' }).textContent()).toContain('No finding: not a DPRK national working abroad');
  }, 60_000);

  it('names the worker, its line and the field the server refuses, as an alert', async () => {
    await app.page.goto(`${app.base}/#/workers`);
    const text = `${JSON.stringify(KIM)}\n\n${JSON.stringify({ ...KIM, id: 'bad', permit_expires: '2015-01-01' })}\n`;
    await app.page.getByLabel('Workers as CSV or JSON').fill(text);
    await app.page.getByRole('button', { name: 'Check 2 workers' }).click();
    await eventually(() => app.page.getByRole('alert').textContent()).toBe('worker bad (item 2, line 3): permit_expires: 2015-01-01 is before permit_issued 2016-05-01');
  }, 60_000);
});
