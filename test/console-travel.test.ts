import { describe, expect, it } from 'vitest';
import { CONSOLE_BUILT, HAVE_CHROMIUM, eventually, postJson, requireConsoleInCi, useConsole } from './helpers/console.js';
import { fixture } from './helpers/fixtures.js';
import { BUILT } from './helpers/processes.js';

/** CHANG CHANG HA (UN KPi.037) written another way, in Hangul, and someone on no list. */
const JANG = { id: 't1', name: 'Jang Chang-ha', nationality: 'KP', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'RU'] };
const HANGUL = { id: 't2', name: '장창하', from: '2019-05-01', to: '2019-05-10', itinerary: ['CN', 'TR', 'RU'] };
const CLEAN = { id: 't3', name: 'Maria Schmidt', nationality: 'DE', from: '2019-05-01', to: '2019-05-10', itinerary: ['FR'] };

requireConsoleInCi();

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s Exemptions and Travel check pages in Chromium, on fixture lists (UN, OFAC)', () => {
  const app = useConsole('interdict-travel-console-', [['load', fixture('un-small.xml'), fixture('ofac-csv')]]);

  it('adds an exemption from the register\'s form, lists it, and filters it out by a day out of its dates', async () => {
    await app.page.goto(`${app.base}/`);
    await app.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Exemptions', exact: true }).click();
    const form = app.page.getByRole('form', { name: 'Add an exemption' });
    await form.getByLabel('Reference (required)').fill('1718-EX-2019-07');
    await form.getByLabel('Authority (required)').fill('1718 Committee');
    await form.getByLabel('Source (required: letter, notice, licence)').fill('Committee letter of 2019-04-20');
    await form.getByLabel('Listed records (entity ids, comma-separated)').fill('un_sc-KPi.037');
    await form.getByLabel('Purpose (required)').fill('IAEA technical meeting');
    await form.getByLabel('From (required)').fill('2019-04-28');
    await form.getByLabel('To (required)').fill('2019-05-12');
    await form.getByLabel('Transit countries (ISO codes)').fill('CN');
    await form.getByLabel('Destination countries (required)').fill('RU');
    await form.getByRole('button', { name: 'Add exemption' }).click();
    await eventually(() => form.getByRole('status').textContent()).toBe('Recorded 1718-EX-2019-07.');
    const rows = app.page.getByTestId('exemptions').locator('tbody tr');
    await eventually(() => rows.first().locator('td').first().textContent()).toBe('1718-EX-2019-07');
    expect(await rows.first().textContent()).toContain('un_sc-KPi.037');
    // The API holds what the page recorded.
    const listed = await (await fetch(`${app.base}/exemptions?reference=1718-EX-2019-07`)).json();
    expect(listed).toMatchObject([{ reference: '1718-EX-2019-07', persons: ['un_sc-KPi.037'], transit: ['CN'], destination: ['RU'] }]);
    // A bad one: the API's message, naming the field.
    await form.getByLabel('Reference (required)').fill('X-1');
    await form.getByLabel('Purpose (required)').fill('p');
    await form.getByLabel('Source (required: letter, notice, licence)').fill('s');
    await form.getByLabel('Listed records (entity ids, comma-separated)').fill('un_sc-KPi.033');
    await form.getByLabel('From (required)').fill('2019-05-10');
    await form.getByLabel('To (required)').fill('2019-05-01');
    await form.getByLabel('Destination countries (required)').fill('RU');
    await form.getByRole('button', { name: 'Add exemption' }).click();
    await eventually(() => app.page.getByTestId('add-problem').textContent()).toBe('exemption X-1 (body): to: 2019-05-01 is before from 2019-05-10');
    // Filtered by a day out of its dates: none.
    const filter = app.page.getByRole('form', { name: 'Filter exemptions' });
    await filter.getByLabel('In force on').fill('2019-06-01');
    await filter.getByRole('button', { name: 'Filter' }).click();
    await eventually(() => rows.first().textContent()).toBe('No exemption passes the filter.');
  });

  it('checks pasted travellers: allowed by the exemption, denied through a country it does not cover (with the reason), clear; opens the matched record', async () => {
    const expected = await postJson<{ verdict: string }[]>(app, '/travel/check', [JANG, HANGUL, CLEAN]);
    expect(expected.map((a) => a.verdict)).toEqual(['allowed_by_exemption', 'denied', 'clear']);

    await app.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Travel', exact: true }).click();
    await app.page.getByLabel('Travellers as JSON').fill([JANG, HANGUL, CLEAN].map((t) => JSON.stringify(t)).join('\n'));
    await app.page.getByRole('button', { name: 'Check 3 travellers' }).click();
    const verdict = (id: string) => app.page.getByTestId(`traveller-${id}`).locator('h3 .verdict');
    await eventually(() => verdict('t1').textContent()).toBe('Allowed by exemption');
    expect(await verdict('t2').textContent()).toBe('Denied');
    expect(await verdict('t2').getAttribute('class')).toContain('verdict-denied');
    expect(await verdict('t3').textContent()).toBe('Clear');
    const denied = app.page.getByTestId('traveller-t2');
    expect(await denied.textContent()).toContain('Basis: UNSCR 1718 (2006) OP8(e); UN list KPi.037');
    expect(await denied.locator('.travel-reasons li').allTextContents()).toEqual(['country TR not covered (transit CN; destination RU)']);
    expect(await app.page.getByTestId('traveller-t1').textContent()).toContain('exemption 1718-EX-2019-07');
    await denied.getByRole('link', { name: 'CHANG CHANG HA' }).click();
    await eventually(() => app.page.getByRole('heading', { level: 1 }).textContent()).toContain('CHANG CHANG HA');
  });

  it('shows a traveller the server refuses with its field, from the one-traveller form', async () => {
    await app.page.goto(`${app.base}/#/travel`);
    const form = app.page.getByRole('form', { name: 'One traveller' });
    await form.getByRole('button', { name: 'Clear the form' }).click();
    await form.getByLabel('Your id for the traveller (required)').fill('t9');
    await form.getByLabel('Name (required)').fill('Kim Chol');
    await form.getByLabel('From (required)').fill('2019-05-10');
    await form.getByLabel('To (required)').fill('2019-05-01');
    await form.getByLabel('Itinerary: countries, in order (required: CN, RU)').fill('CN');
    await form.getByRole('button', { name: 'Check traveller' }).click();
    await eventually(() => app.page.getByTestId('check-problem').textContent()).toBe('traveller t9 (body item 1): to: 2019-05-01 is before from 2019-05-10');
  });
});
