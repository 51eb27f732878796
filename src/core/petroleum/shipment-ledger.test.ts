import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegime } from '../regime/regime.js';
import { shipmentFindings } from '../shipments/check.js';
import { answerOf } from '../shipments/finding.js';
import { readShipment } from '../shipments/shipment.js';
import { countDelivery, readDelivery } from './delivery.js';
import { createLedgerLookup, DEFAULT_LEDGER_SETTINGS } from './ledger.js';

const regime = parseRegime(readFileSync(new URL('../../../regimes/dprk.yaml', import.meta.url), 'utf8'), 'regimes/dprk.yaml');

/** A ledger of 56,250 bbl of refined petroleum a month in 2023, January to August (90% by August). */
const deliveries = ['01', '02', '03', '04', '05', '06', '07', '08'].map((m, i) => countDelivery(readDelivery({ state: 'CN', month: `2023-${m}`, quantity: 56250, unit: 'bbl', kind: 'refined', source: 'test' }, `item ${i + 1}`), new Map(), 'x'));

function check(date: string, hs: string, cease = DEFAULT_LEDGER_SETTINGS.cease_pct) {
  const shipment = readShipment({ id: 's', date, origin: 'CN', destination: 'KP', goods: [{ hs, description: 'diesel' }] }, 'test');
  const ledgers = createLedgerLookup(regime, { deliveries, settings: { cease_pct: cease } });
  return answerOf(shipment.id, shipmentFindings(shipment, regime, { ledgers }), regime.rulesVersion);
}

describe('a shipment of petroleum into the DPRK against the ledger', () => {
  it('reports the ledger\'s standing below the cease point and stays licence_required', () => {
    const answer = check('2023-07-15', '2710.19');
    const goods = answer.findings.find((f) => f.kind === 'goods')!;
    expect(goods).toMatchObject({ verdict: 'licence_required', measure: 'refined-petroleum-2397', ledger: { kind: 'refined', year: 2023, total_bbl: 450000, cap_bbl: 500000, share: 0.9, ceased: '2023-08', cease_pct: 90 } });
    expect(goods.ledger!.refused).toBeUndefined();
    expect(goods.detail).toMatch(/ledger 2023: 450,000 of 500,000 bbl recorded \(90\.0% of the cap\); thresholds reached: 75% in 2023-07, 90% in 2023-08; below the cease point/);
  });

  it('is prohibited from the month the cease point was reached, saying the point is a setting not verified as law', () => {
    const answer = check('2023-09-01', '2710.19');
    expect(answer.verdict).toBe('prohibited');
    const goods = answer.findings.find((f) => f.kind === 'goods')!;
    expect(goods).toMatchObject({ verdict: 'prohibited', status: 'indicative', verification: 'partially_verified', ledger: { refused: true } });
    expect(goods.detail).toMatch(/the cease point \(90%, a setting: its exact threshold in the resolution is partially verified\) was reached in 2023-08/);
    // At a cease point of 95%, 90% is below it.
    expect(check('2023-09-01', '2710.19', 95).verdict).toBe('licence_required');
  });

  it('reports crude (HS 2709) against the crude ledger, and nothing for other goods', () => {
    const crude = check('2023-09-01', '2709.00').findings.find((f) => f.kind === 'goods' && f.ledger);
    expect(crude?.ledger).toMatchObject({ kind: 'crude', year: 2023, total_bbl: 0, cap_bbl: 4000000 });
    const coal = check('2023-09-01', '2701.12').findings.filter((f) => f.ledger);
    expect(coal).toEqual([]);
  });
});
