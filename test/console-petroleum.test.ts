import { describe, expect, it } from 'vitest';
import { CONSOLE_BUILT, HAVE_CHROMIUM, eventually, requireConsoleInCi, useConsole } from './helpers/console.js';
import { fixture } from './helpers/fixtures.js';
import { BUILT } from './helpers/processes.js';

requireConsoleInCi();

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s Petroleum page in Chromium, on the 2019 figures recorded', () => {
  const app = useConsole('interdict-petroleum-console-', [
    ['load', fixture('un-small.xml')],
    ['petroleum', 'factor', 'CN', '7.33', '--note', 'the issue\'s example row'],
    ['petroleum', 'factor', 'RU', '8.33', '--note', 'China\'s 2375 notice: 500,000 bbl = 60,000 t'],
    ['petroleum', 'record', fixture('petroleum/reported-2019.csv')],
  ]);

  it('shows 2019 against the cap as the API gives it: total, share, the 75% threshold crossed in December, the chart with its lines, the States by month', async () => {
    const status = await (await fetch(`${app.base}/petroleum/status?year=2019&kind=refined`)).json() as { total_bbl: number; share: number };
    expect(status, app.log).toMatchObject({ total_bbl: 418010.3, share: 0.836 });
    await app.page.goto(`${app.base}/`);
    await app.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Petroleum', exact: true }).click();
    await app.page.getByRole('form', { name: 'Ledger' }).getByLabel('Year').fill('2019');
    await eventually(() => app.page.getByTestId('total').textContent()).toBe('418,010.3 bbl');
    expect(await app.page.getByTestId('share').textContent()).toBe('83.6%');
    expect(await app.page.getByTestId('thresholds').textContent()).toBe('Thresholds (partially verified): 75% crossed 2019-12, 90% not reached, 95% not reached');
    expect(await app.page.getByTestId('cease').textContent()).toMatch(/Cease point 90%: a setting, the resolution's exact threshold is partially verified.*: not reached$/);
    expect(await app.page.getByTestId('projection').textContent()).toMatch(/the cap is not reached within the period/);
    // The chart: a bar and a point a month, a line at 75%, 90% (the cease point), 95% and the cap.
    const chart = app.page.getByRole('figure', { name: 'Running total against the cap' });
    await eventually(() => chart.locator('.recharts-reference-line').count()).toBe(4);
    const labels = await chart.locator('.recharts-label').allTextContents();
    for (const label of ['75%', '90% (cease)', '95%', 'cap']) expect(labels).toContain(label);
    const table = app.page.getByRole('table', { name: 'Deliveries by State and month' });
    expect(await table.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^CN\t.*166,610\.9\t166,610\.9$/),
      expect.stringMatching(/^RU\t.*251,399\.4\t251,399\.4$/),
      expect.stringMatching(/^All\t.*418,010\.3\t418,010\.3$/),
    ]);
    expect(await app.page.getByRole('table', { name: 'Deliveries', exact: true }).locator('tbody tr').first().innerText()).toMatch(/^CN\t2019-12\t22,730 t\t166,610\.9\t7\.33 \(State's\)/);
  });

  it('sets a factor, records deliveries pasted as JSON lines, and writes a State\'s notice for a month', async () => {
    const factors = app.page.getByRole('form', { name: 'Set a factor' });
    await factors.getByLabel('State').fill('KZ');
    await factors.getByLabel('Barrels per tonne').fill('7.5');
    await factors.getByLabel('Note').fill('Korea Herald 2020-10-01 implies 7.50');
    await factors.getByRole('button', { name: 'Set' }).click();
    await eventually(() => app.page.getByRole('table', { name: 'Factors per State' }).locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^CN\t7\.33\t/), expect.stringMatching(/^KZ\t7\.5\tKorea Herald/), expect.stringMatching(/^RU\t8\.33\t/),
    ]);
    const record = app.page.getByRole('form', { name: 'Record deliveries' });
    await record.getByRole('textbox').fill(`${JSON.stringify({ state: 'KZ', month: '2019-11', quantity: 1000, unit: 't', kind: 'refined', source: 'test', parties: ['Astana Fuel'], vessel: 'KUM UN SAN 3' })}\n`);
    await record.getByRole('button', { name: 'Record 1 delivery' }).click();
    await eventually(() => app.page.getByTestId('record-message').textContent()).toBe('1 delivery recorded');
    await eventually(() => app.page.getByTestId('total').textContent()).toBe('425,510.3 bbl');
    const notice = app.page.getByRole('form', { name: 'Notice' });
    await notice.getByLabel('State').fill('KZ');
    await notice.getByLabel('Month').fill('2019-11');
    await notice.getByRole('button', { name: 'Write the notice' }).click();
    await eventually(() => app.page.getByTestId('notice').textContent()).toMatch(/KZ supplied 7,500 barrels of refined petroleum products to the DPRK in 2019-11, in 1 delivery/);
    const text = await app.page.getByTestId('notice').textContent();
    expect(text).toMatch(/1,000 t = 7,500 bbl at 7\.5 bbl\/t \(the factor set for KZ\); vessel KUM UN SAN 3; parties: Astana Fuel; source: test/);
    expect(text).toMatch(/Due by 2019-12-30/);
  });
});
