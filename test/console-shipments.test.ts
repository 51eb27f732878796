import { describe, expect, it } from 'vitest';
import { CONSOLE_BUILT, HAVE_CHROMIUM, eventually, openMatchedRecord, postJson, requireConsoleInCi, useConsole } from './helpers/console.js';
import { fixture } from './helpers/fixtures.js';
import { BUILT } from './helpers/processes.js';

/** One shipment as the form takes it: a port, a party and a goods line. */
interface Typed {
  id: string; date: string; origin: string; destination: string;
  port?: { name: string; role: string };
  party?: { role: string; name: string; country?: string };
  goods: { hs: string; description: string; quantity?: string; unit?: string };
}

/** Coal out of Nampo into China in 2019, KOMID (UN KPe.001) written another way as its shipper. */
const COAL: Typed = {
  id: 'coal-1', date: '2019-03-01', origin: 'KP', destination: 'CN',
  port: { name: 'Nampo', role: 'loading' },
  party: { role: 'shipper', name: 'Korea Mining Development Trading Corp', country: 'KP' },
  goods: { hs: '2701.12', description: 'anthracite', quantity: '5000', unit: 't' },
};
/** Apples from Germany to France: no DPRK nexus, no listed party. */
const CLEAN: Typed = { id: 'apples-1', date: '2019-03-01', origin: 'DE', destination: 'FR', party: { role: 'shipper', name: 'Harbin Orchard Foods Ltd' }, goods: { hs: '0808.10', description: 'apples' } };

/** The request the form sends for a typed shipment (what the page's answer is compared with). */
function asRequest(t: Typed): Record<string, unknown> {
  return {
    id: t.id, date: t.date, origin: t.origin, destination: t.destination,
    ...(t.port ? { ports: [t.port] } : {}),
    ...(t.party ? { parties: [t.party] } : {}),
    goods: [{ ...t.goods, ...(t.goods.quantity ? { quantity: Number(t.goods.quantity) } : {}) }],
  };
}

/** Five shipments, one a line: one of each verdict, two needing a licence (diesel into Nampo; coal in March 2017, under the 2321 cap). */
const BATCH = [
  { id: 'b-coal', date: '2019-03-01', origin: 'KP', destination: 'CN', ports: [{ name: "Namp'o", role: 'loading' }], goods: [{ hs: '2701', description: 'coal' }] },
  { id: 'b-diesel', date: '2019-03-01', origin: 'CN', destination: 'KP', ports: [{ name: 'Dalian', role: 'loading' }, { name: 'Nampo', role: 'discharge' }], goods: [{ hs: '2710.19', description: 'diesel' }] },
  { id: 'b-coal-2017', date: '2017-03-01', origin: 'KP', destination: 'CN', goods: [{ hs: '2701', description: 'coal' }] },
  { id: 'b-apples-kp', date: '2019-03-01', origin: 'CN', destination: 'KP', goods: [{ hs: '0808.10', description: 'apples' }] },
  { id: 'b-clean', date: '2019-03-01', origin: 'DE', destination: 'NL', goods: [{ hs: '8429.11', description: 'bulldozers' }] },
];

interface Answer { id: string; verdict: string; findings: { kind: string; verdict: string; basis: string | null; measure: string | null; status: string; match?: { id: string; caption: string } }[] }

requireConsoleInCi();

describe.skipIf(!BUILT || !CONSOLE_BUILT || !HAVE_CHROMIUM)('the console\'s Shipments page in Chromium, on fixture lists (UN, OFAC)', () => {
  const app = useConsole('interdict-shipments-console-', [['load', fixture('un-small.xml')], ['load', fixture('ofac-csv')]]);
  /** What the API answers for shipments: the page must show the same. */
  const check = (shipments: unknown[]) => postJson<Answer[]>(app, '/shipments/check', shipments);

  const form = () => app.page.getByRole('form', { name: 'One shipment' });
  /** Types a shipment into the form, from an empty one. */
  const typeShipment = async (t: Typed) => {
    await form().getByRole('button', { name: 'Clear the form' }).click();
    await form().getByLabel('Your id for it').fill(t.id);
    await form().getByLabel('Date (required)').fill(t.date);
    await form().getByLabel('Origin').fill(t.origin);
    await form().getByLabel('Destination').fill(t.destination);
    if (t.port) {
      const port = form().getByRole('group', { name: 'Port 1' });
      await port.getByLabel('Port name').fill(t.port.name);
      await port.getByLabel('Role').selectOption(t.port.role);
    }
    if (t.party) {
      const party = form().getByRole('group', { name: 'Party 1' });
      await party.getByLabel('Role').fill(t.party.role);
      await party.getByLabel('Name').fill(t.party.name);
      if (t.party.country) await party.getByLabel('Country').fill(t.party.country);
    }
    const goods = form().getByRole('group', { name: 'Goods line 1' });
    await goods.getByLabel('HS code').fill(t.goods.hs);
    await goods.getByLabel('Description').fill(t.goods.description);
    if (t.goods.quantity) await goods.getByLabel('Quantity').fill(t.goods.quantity);
    if (t.goods.unit) await goods.getByLabel('Unit').fill(t.goods.unit);
    await form().getByRole('button', { name: 'Check shipment', exact: true }).click();
  };
  const findings = (id: string) => app.page.getByRole('table', { name: `Findings of shipment ${id}` });
  /** A findings table's own rows (a match's explanation is a table inside one). */
  const findingRows = (id: string) => findings(id).locator(':scope > tbody > tr');
  const answers = () => app.page.getByRole('region', { name: 'Answers' });
  /** The shipments listed in the answers' table, in order. */
  const shownShipments = () => app.page.getByRole('table', { name: 'Shipments checked' }).locator('tbody tr td:nth-child(2)').allTextContents();

  it('checks coal typed in, out of Nampo into China in 2019: prohibited under UNSCR 2371 OP8, its shipper a UN designee opened from the finding', async () => {
    const [expected] = await check([asRequest(COAL)]);
    // What the page must show, as the API gives it: the ban and the designated shipper.
    expect(expected!.verdict).toBe('prohibited');
    expect(expected!.findings.find((f) => f.kind === 'goods')).toMatchObject({ verdict: 'prohibited', measure: 'coal-iron-2371', basis: 'UNSCR 2371 (2017) OP8', status: 'indicative' });
    expect(expected!.findings[0]).toMatchObject({ kind: 'party', match: { id: 'un_sc-KPe.001' } });

    await app.page.goto(`${app.base}/`);
    await app.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Shipments', exact: true }).click();
    await typeShipment(COAL);
    const table = findings('coal-1');
    await eventually(() => findingRows('coal-1').count()).toBe(expected!.findings.length);
    // The verdict in words and in its colour.
    const verdict = app.page.getByRole('region', { name: 'Findings of shipment coal-1' }).getByRole('heading').locator('.verdict');
    expect(await verdict.textContent()).toBe('Prohibited');
    expect(await verdict.getAttribute('class')).toContain('verdict-prohibited');
    // Worst first, each with the API's verdict and basis.
    const rows = findingRows('coal-1');
    for (const [i, f] of expected!.findings.entries()) {
      expect(await rows.nth(i).getAttribute('data-kind')).toBe(f.kind);
      expect(await rows.nth(i).locator('td').nth(2).textContent()).toContain(f.basis ?? '—');
    }
    const goods = table.locator('tbody tr[data-kind="goods"]').first();
    expect(await goods.locator('td').first().textContent()).toBe('Prohibited');
    expect(await goods.locator('td').nth(2).textContent()).toBe('UNSCR 2371 (2017) OP8coal-iron-2371');
    expect(await goods.locator('td').nth(3).locator('.tag').textContent()).toBe('indicative');
    expect(await goods.locator('td').nth(4).textContent()).toContain('the HS mapping is indicative');

    // The shipper's finding: the listed record as a link, and the matcher's explanation unfolded.
    const party = table.locator('tbody tr[data-kind="party"]').first();
    expect(await party.locator('td').nth(2).textContent()).toContain('UNSCR 1718 (2006) OP8(d); UN list KPe.001');
    await openMatchedRecord(app.page, party, { id: 'un_sc-KPe.001', caption: 'KOREA MINING DEVELOPMENT TRADING CORPORATION' });
    // Back on the page, the answer is still there.
    await eventually(() => findingRows('coal-1').count()).toBe(expected!.findings.length);
  }, 90_000);

  it('answers a clean shipment clear, with no finding', async () => {
    const [expected] = await check([asRequest(CLEAN)]);
    expect(expected).toMatchObject({ verdict: 'clear', findings: [] });
    await app.page.goto(`${app.base}/#/shipments`);
    await typeShipment(CLEAN);
    const region = app.page.getByRole('region', { name: 'Findings of shipment apples-1' });
    await eventually(() => region.locator('.verdict').textContent()).toBe('Clear');
    expect(await region.textContent()).toContain('No finding: no DPRK nexus, no listed party or ship.');
    expect(await answers().getByTestId('shipment-counts').textContent()).toContain('1 shipment checked: 1 clear.');
  }, 60_000);

  it('checks an upload of several, counts them by verdict and narrows them by verdict', async () => {
    const expected = await check(BATCH);
    const withVerdict = (verdict: string) => expected.filter((a) => a.verdict === verdict).map((a) => a.id);
    // One of each verdict, two needing a licence: a filter that narrows nothing, or wrongly, shows.
    expect(expected.map((a) => a.verdict)).toEqual(['prohibited', 'licence_required', 'licence_required', 'review', 'clear']);

    await app.page.goto(`${app.base}/#/shipments`);
    await app.page.getByLabel('Shipments file (.jsonl or .json)').setInputFiles({ name: 'shipments.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(BATCH.map((s) => JSON.stringify(s)).join('\n')) });
    await app.page.getByRole('button', { name: 'Check 5 shipments' }).click();
    await eventually(shownShipments).toEqual(BATCH.map((s) => s.id));
    expect(await answers().getByTestId('shipment-counts').textContent()).toContain('5 shipments checked: 1 prohibited, 2 licence required, 1 review, 1 clear.');
    expect(await app.page.getByRole('table', { name: 'Shipments checked' }).locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['Prohibited', 'Licence required', 'Licence required', 'Review', 'Clear']);

    const filter = answers().getByLabel('Verdict');
    await filter.selectOption('licence_required');
    await eventually(shownShipments).toEqual(withVerdict('licence_required'));
    expect(await answers().getByRole('status').textContent()).toBe('2 of 5 shipments shown');
    await filter.selectOption('clear');
    await eventually(shownShipments).toEqual(withVerdict('clear'));
    await filter.selectOption('');
    await eventually(shownShipments).toEqual(BATCH.map((s) => s.id));

    // A shipment opens from the keyboard with its findings and their bases.
    await app.page.getByRole('table', { name: 'Shipments checked' }).getByRole('button', { name: 'b-coal-2017' }).press('Enter');
    const cap = findings('b-coal-2017').locator('tbody tr[data-kind="goods"]').first();
    await eventually(() => cap.locator('td').nth(2).textContent()).toContain('UNSCR 2321 (2016) OP26');
    expect(await cap.locator('td').first().textContent()).toBe('Licence required');
  }, 60_000);

  it('names the shipment, its line and the field the server refuses, as an alert', async () => {
    await app.page.goto(`${app.base}/#/shipments`);
    // Typed in: the server's 400 names the shipment and the field.
    await form().getByRole('button', { name: 'Clear the form' }).click();
    await form().getByLabel('Your id for it').fill('typed-bad');
    await form().getByLabel('Date (required)').fill('2019-03-01');
    await form().getByRole('group', { name: 'Goods line 1' }).getByLabel('HS code').fill('27011');
    await form().getByRole('button', { name: 'Check shipment', exact: true }).click();
    await eventually(() => form().locator('xpath=..').getByRole('alert').textContent()).toBe('shipment typed-bad (body): goods[0].hs: "27011" has 5 digits; an HS code has 2, 4, 6, 8 or 10 (a chapter below 10 is written with its zero: 03)');
    // Pasted: the item, and the line of the text it is on.
    const text = `${JSON.stringify(BATCH[0])}\n\n${JSON.stringify({ id: 'bad', date: '2019-03-01', goods: [{ hs: '270' }] })}\n`;
    await app.page.getByLabel('Shipments as JSON').fill(text);
    await app.page.getByRole('button', { name: 'Check 2 shipments' }).click();
    await eventually(() => app.page.getByRole('alert').textContent()).toContain('shipment bad (item 2, line 3): goods[0].hs: "270" has 3 digits');
    await app.page.getByLabel('Shipments as JSON').fill('{"id": "x", "date": "2019-03-01"}\nnot json');
    await eventually(() => app.page.getByRole('alert').textContent()).toContain('line 2: not JSON');
    expect(await app.page.getByRole('button', { name: 'Check shipments', exact: true }).isDisabled()).toBe(true);
  }, 60_000);

  it('lists the rules: the coal measure with its basis, and the measures covering HS 2701.12 out of the DPRK on 2019-03-01', async () => {
    const regime = (await (await fetch(`${app.base}/regime`)).json()) as { measures: { id: string; basis: string; direction: string }[] };
    await app.page.goto(`${app.base}/#/shipments`);
    await app.page.getByRole('tab', { name: 'Rules' }).click();
    expect(app.page.url()).toContain('view=rules');
    const measures = app.page.getByRole('table', { name: 'Measures' });
    const shownMeasures = () => measures.locator('tbody tr[data-measure]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-measure')));
    await eventually(shownMeasures).toEqual(regime.measures.map((m) => m.id));
    const coal = measures.locator('tbody tr[data-measure="coal-iron-2371"]');
    expect(await coal.locator('td').nth(1).textContent()).toBe('UNSCR 2371 (2017) OP8');
    expect(await coal.locator('td').nth(2).textContent()).toBe('since 2017-08-05');
    expect(await coal.locator('td').nth(3).textContent()).toBe('out of the DPRK');

    // Into the DPRK: the measures governing imports, those of both directions among them, and no export ban.
    const filter = app.page.getByRole('form', { name: 'Filter the measures' });
    await filter.getByLabel('Direction').selectOption('import_to_dprk');
    const imports = regime.measures.filter((m) => m.direction !== 'export_from_dprk').map((m) => m.id);
    expect(imports).toEqual(expect.arrayContaining(['refined-petroleum-2397', 'asset-freeze-1718']));
    expect(imports).not.toContain('coal-iron-2371');
    await eventually(shownMeasures).toEqual(imports);
    await filter.getByLabel('Direction').selectOption('');

    await filter.getByLabel('HS code').fill('2701.12');
    await eventually(shownMeasures).toEqual(['coal-2270', 'coal-cap-2321', 'coal-iron-2371']);
    await filter.getByLabel('In force on').fill('2019-03-01');
    await filter.getByLabel('Direction').selectOption('export_from_dprk');
    await eventually(shownMeasures).toEqual(['coal-iron-2371']);
    expect(await app.page.getByTestId('regime-count').textContent()).toContain(`1 of ${regime.measures.length} measures cover HS 2701.12 in force on 2019-03-01, out of the DPRK`);
    expect(app.page.url()).toContain('hs=2701.12');
    // Shown alone, the measure is shown in full: its exceptions and its sources as links.
    const detail = measures.locator('tr.measure-more');
    await eventually(() => detail.locator('a[href^="http"]').count()).toBeGreaterThan(0);
    expect(await detail.textContent()).toContain('Sources');
    // A code that is none says why.
    await filter.getByLabel('HS code').fill('270');
    await eventually(() => app.page.getByRole('alert').textContent()).toContain('"270" has 3 digits');

    // #/regime is the same view, its filter from the address.
    await app.page.goto(`${app.base}/#/regime?q=seafood`);
    await eventually(shownMeasures).toEqual(['seafood-2371']);
    expect(await app.page.getByRole('tab', { name: 'Rules' }).getAttribute('aria-selected')).toBe('true');
  }, 60_000);

  it('opens a finding\'s measure in the rules and comes back to the answers', async () => {
    await app.page.goto(`${app.base}/#/shipments`);
    await typeShipment({ ...COAL, id: 'coal-2', party: undefined });
    const goods = findings('coal-2').locator('tbody tr[data-kind="goods"]').first();
    await goods.getByRole('link', { name: 'coal-iron-2371' }).click();
    const measures = app.page.getByRole('table', { name: 'Measures' });
    await eventually(() => measures.locator('tbody tr[data-measure]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-measure')))).toEqual(['coal-iron-2371']);
    await app.page.getByRole('tab', { name: 'Check shipments' }).click();
    await eventually(() => findingRows('coal-2').count()).toBeGreaterThan(0);
  }, 60_000);
});
