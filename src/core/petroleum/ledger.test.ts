import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegime } from '../regime/regime.js';
import { countDelivery, readDelivery, type CountedDelivery } from './delivery.js';
import { capPeriod, DEFAULT_LEDGER_SETTINGS, ledgerStatus, periodOfDelivery, requirePeriod } from './ledger.js';
import { noticeDue, petroleumNotice } from './notice.js';

const regime = parseRegime(readFileSync(new URL('../../../regimes/dprk.yaml', import.meta.url), 'utf8'), 'regimes/dprk.yaml');
const NO_FACTORS = new Map<string, number>();

/** Deliveries read and counted as the ledger records them. */
function counted(values: Record<string, unknown>[], factors: ReadonlyMap<string, number> = NO_FACTORS): CountedDelivery[] {
  return values.map((v, i) => countDelivery(readDelivery({ kind: 'refined', source: 'test', ...v }, `item ${i + 1}`), factors, `item ${i + 1}`));
}

describe('readDelivery', () => {
  it('names the place and the field of a bad value', () => {
    expect(() => readDelivery({ state: 'CN', month: '2019-13', quantity: 1, unit: 't', kind: 'refined', source: 's' }, 'f.csv line 3')).toThrow(/^f\.csv line 3: month: a month YYYY-MM/);
    expect(() => readDelivery({ state: 'Atlantis', month: '2019-01', quantity: 1, unit: 't', kind: 'refined', source: 's' }, 'x')).toThrow(/^x: state: "Atlantis" is not a country/);
    expect(() => readDelivery({ state: 'CN', month: '2019-01', quantity: 1, unit: 'kg', kind: 'refined', source: 's' }, 'x')).toThrow(/^x: unit:/);
    expect(() => readDelivery({ state: 'CN', month: '2019-01', quantity: 1, unit: 't', kind: 'refined', source: 's', barrels_per_tonne: 0.136 }, 'x')).toThrow(/^x: barrels_per_tonne: a factor in barrels per tonne from 5 to 10/);
    expect(() => readDelivery({ state: 'CN', month: '2019-01', quantity: 1, unit: 't', kind: 'refined', source: 's', colour: 'red' }, 'x')).toThrow(/^x: "colour" is not a field a delivery takes/);
    expect(() => readDelivery({ state: 'CN', month: '2019-01', date: '2019-02-03', quantity: 1, unit: 't', kind: 'refined', source: 's' }, 'x')).toThrow(/^x: date: 2019-02-03 is not in the month 2019-01/);
  });

  it('reads a country by name and the month from a date', () => {
    expect(readDelivery({ state: 'Russia', date: '2024-01-15', quantity: 15279, unit: 'bbl', kind: 'refined', source: 's' }, 'x')).toMatchObject({ state: 'RU', month: '2024-01' });
  });
});

describe('countDelivery', () => {
  it('converts tonnes by the entry\'s factor, else the State\'s, and never assumes one', () => {
    const d = readDelivery({ state: 'CN', month: '2019-09', quantity: 2136, unit: 't', kind: 'refined', source: 's' }, 'f line 2');
    expect(() => countDelivery(d, NO_FACTORS, 'f line 2')).toThrow(/^f line 2: barrels_per_tonne: 2136 t from CN needs its barrels-per-tonne factor/);
    expect(countDelivery(d, new Map([['CN', 7.33]]), 'x')).toMatchObject({ barrels: 15656.88, tonnes: 2136, factor: 7.33, factor_source: 'state' });
    expect(countDelivery({ ...d, barrels_per_tonne: 8.33 }, new Map([['CN', 7.33]]), 'x')).toMatchObject({ barrels: 17792.88, factor: 8.33, factor_source: 'entry' });
  });

  it('gives the reported conversions: Jan-Aug 2020 17,294 t at 7.50 and China\'s August 2021 1,410 t at 8.33', () => {
    // Korea Herald 2020-10-01: 17,294 t = 129,706 bbl (all States together; the conversion only is checked here).
    const [all2020] = counted([{ state: 'CN', month: '2020-08', quantity: 17294, unit: 't', barrels_per_tonne: 7.5 }]);
    expect(Math.abs(all2020!.barrels - 129706)).toBeLessThanOrEqual(1);
    // Yonhap 2021-10-05: 11,745 bbl = 1,410 t.
    const [aug2021] = counted([{ state: 'CN', month: '2021-08', quantity: 1410, unit: 't', barrels_per_tonne: 8.33 }]);
    expect(Math.round(aug2021!.barrels)).toBe(11745);
  });
});

describe('capPeriod', () => {
  it('reads each cap\'s figures and periods from the regime', () => {
    expect(capPeriod(regime, 'refined', 2017)).toMatchObject({ from: '2017-10-01', to: '2017-12-31', barrels: 500000, measure: { id: 'refined-petroleum-2375' } });
    expect(capPeriod(regime, 'refined', 2019)).toMatchObject({ from: '2019-01-01', to: '2019-12-31', barrels: 500000, measure: { id: 'refined-petroleum-2397' } });
    expect(capPeriod(regime, 'crude', 2018)).toMatchObject({ from: '2017-12-22', to: '2018-12-21', barrels: 4000000, tonnes: 525000, measure: { id: 'crude-oil-2397' } });
    expect(capPeriod(regime, 'crude', 2020)).toMatchObject({ from: '2019-12-22', to: '2020-12-21' });
    expect(capPeriod(regime, 'refined', 2016)).toBeUndefined();
    expect(capPeriod(regime, 'crude', 2017)).toBeUndefined();
    expect(() => requirePeriod(regime, 'refined', 2016)).toThrow(/year 2016: no cap on refined petroleum covers it \(the caps count from 2017-10-01\)/);
  });

  it('puts a crude delivery given by its month "YYYY-12" in the period ending that December, one dated 22-31 December in the next', () => {
    expect(periodOfDelivery(regime, { kind: 'crude', month: '2019-12' }, 'x').year).toBe(2019);
    expect(periodOfDelivery(regime, { kind: 'crude', month: '2019-12', date: '2019-12-21' }, 'x').year).toBe(2019);
    expect(periodOfDelivery(regime, { kind: 'crude', month: '2019-12', date: '2019-12-22' }, 'x').year).toBe(2020);
    expect(() => periodOfDelivery(regime, { kind: 'refined', month: '2017-09' }, 'f line 4')).toThrow(/^f line 4: month: 2017-09: no cap on refined petroleum counts that day \(the ledger counts from 2017-10-01\)/);
  });
});

describe('ledgerStatus', () => {
  it('2019: China 22,730 t and Russia 30,180 t at their States\' factors come to about 418,000 bbl, about 83% of the cap (Korea Herald 2020-02-21)', () => {
    const deliveries = counted([{ state: 'CN', month: '2019-12', quantity: 22730, unit: 't' }, { state: 'RU', month: '2019-12', quantity: 30180, unit: 't' }], new Map([['CN', 7.33], ['RU', 8.33]]));
    const status = ledgerStatus(regime, requirePeriod(regime, 'refined', 2019), deliveries, DEFAULT_LEDGER_SETTINGS);
    expect(Math.abs(status.total_bbl - 418000)).toBeLessThan(500);
    expect(status).toMatchObject({ year: 2019, kind: 'refined', cap_bbl: 500000, share: 0.836, by_state: { CN: 166610.9, RU: 251399.4 }, projected_cap_month: null, ceased: null });
    expect(status.thresholds).toEqual([{ pct: 75, crossed: '2019-12' }, { pct: 90, crossed: null }, { pct: 95, crossed: null }]);
    expect(status.thresholds_verification).toBe('partially_verified');
    expect(status.cease_verification).toBe('partially_verified');
  });

  it('2024: 168,679 bbl notified as of 4 December is 33.7% of the cap, the cap not reached at that pace (Korea Herald 2024)', () => {
    const deliveries = counted([{ state: 'RU', month: '2024-01', quantity: 15279, unit: 'bbl' }, { state: 'CN', month: '2024-10', quantity: 153400, unit: 'bbl' }]);
    const status = ledgerStatus(regime, requirePeriod(regime, 'refined', 2024), deliveries, DEFAULT_LEDGER_SETTINGS, '2024-12-04');
    expect(status).toMatchObject({ total_bbl: 168679, share: 0.3374, by_state: { CN: 153400, RU: 15279 }, thresholds: [{ pct: 75, crossed: null }, { pct: 90, crossed: null }, { pct: 95, crossed: null }], projected_cap_month: null, pace_through: '2024-12' });
    expect((status.share * 100).toFixed(1)).toBe('33.7');
  });

  it('gives the month each threshold was crossed, the cease point, and the month the cap is reached at the pace so far', () => {
    // 56,250 bbl a month from January: 75% in July (393,750 bbl, 78.75%), 90% in August (450,000), 95% not reached.
    const months = ['01', '02', '03', '04', '05', '06', '07', '08'].map((m) => ({ state: m < '05' ? 'CN' : 'RU', month: `2023-${m}`, quantity: 56250, unit: 'bbl' }));
    const status = ledgerStatus(regime, requirePeriod(regime, 'refined', 2023), counted(months), DEFAULT_LEDGER_SETTINGS, '2023-08-31');
    expect(status.thresholds).toEqual([{ pct: 75, crossed: '2023-07' }, { pct: 90, crossed: '2023-08' }, { pct: 95, crossed: null }]);
    expect(status).toMatchObject({ total_bbl: 450000, share: 0.9, ceased: '2023-08', cease_pct: 90, projected_cap_month: '2023-09' });
    // The cease point is a setting: at 95%, August is below it.
    expect(ledgerStatus(regime, requirePeriod(regime, 'refined', 2023), counted(months), { cease_pct: 95 }, '2023-08-31').ceased).toBeNull();
    // Slower: 225,000 bbl by June is 45% in 6 months, the cap reached in the 14th month: not within the year.
    const slow = ledgerStatus(regime, requirePeriod(regime, 'refined', 2023), counted(months.slice(0, 4)), DEFAULT_LEDGER_SETTINGS, '2023-06-30');
    expect(slow).toMatchObject({ share: 0.45, projected_cap_month: null, pace_through: '2023-06' });
    // 2021: China's 91,909 bbl is 18.4% of the cap (Korea Herald 2022-03-23).
    const china2021 = counted([{ state: 'CN', month: '2021-07', quantity: 26589, unit: 'bbl' }, { state: 'CN', month: '2021-08', quantity: 1410, unit: 't', barrels_per_tonne: 8.33 }, { state: 'CN', month: '2021-12', quantity: 53575, unit: 'bbl' }]);
    expect((ledgerStatus(regime, requirePeriod(regime, 'refined', 2021), china2021, DEFAULT_LEDGER_SETTINGS).share * 100).toFixed(1)).toBe('18.4');
  });

  it('counts crude against 4,000,000 bbl or 525,000 t, whichever share is larger, over 22 December to 21 December', () => {
    const deliveries = counted([
      { kind: 'crude', state: 'CN', month: '2018-12', date: '2018-12-21', quantity: 100000, unit: 't', barrels_per_tonne: 7.33 },
      { kind: 'crude', state: 'CN', month: '2018-12', date: '2018-12-22', quantity: 420000, unit: 't', barrels_per_tonne: 7.33 },
      { kind: 'crude', state: 'CN', month: '2019-12', quantity: 10000, unit: 't', barrels_per_tonne: 7.33 },
    ]);
    const status = ledgerStatus(regime, requirePeriod(regime, 'crude', 2019), deliveries, DEFAULT_LEDGER_SETTINGS);
    expect(status).toMatchObject({ period: { from: '2018-12-22', to: '2019-12-21' }, total_t: 430000, total_bbl: 3151900, deliveries: 2 });
    // 430,000 t is 81.9% of 525,000 t; 3,151,900 bbl only 78.8% of 4,000,000 bbl.
    expect(status.share).toBe(0.819);
    expect(status.thresholds[0]).toEqual({ pct: 75, crossed: '2018-12' });
    expect(status.thresholds_verification).toBe('unverified');
    expect(Object.keys(status.by_month)[0]).toBe('2018-12');
  });
});

describe('petroleumNotice', () => {
  it('writes a State\'s month from the ledger: amount, factor, all parties, vessels, sources, due date', () => {
    const deliveries = counted([
      { state: 'CN', month: '2019-09', quantity: 2136, unit: 't', barrels_per_tonne: 7.33, source: 'notice A', parties: [{ name: 'Dandong Oil', role: 'seller' }, 'Korea Pugang Trading'], vessel: { name: 'SAM JONG 2', imo: '8106496' } },
      { state: 'CN', month: '2019-09', quantity: 1000, unit: 'bbl', source: 'notice B', parties: ['Korea Pugang Trading'] },
      { state: 'RU', month: '2019-09', quantity: 5000, unit: 'bbl', source: 'other state' },
    ]);
    const status = ledgerStatus(regime, requirePeriod(regime, 'refined', 2019), deliveries, DEFAULT_LEDGER_SETTINGS);
    const notice = petroleumNotice('CN', '2019-09', 'refined', deliveries, status);
    expect(notice).toMatchObject({ total_bbl: 16656.88, total_t: 2136, due: '2019-10-30', sources: ['notice A', 'notice B'], vessels: [{ name: 'SAM JONG 2', imo: '8106496' }] });
    expect(notice.parties.map((p) => p.name)).toEqual(['Dandong Oil', 'Korea Pugang Trading']);
    expect(notice.text).toMatch(/2,136 t = 15,656\.88 bbl at 7\.33 bbl\/t \(the reported factor\); vessel SAM JONG 2, IMO 8106496/);
    expect(notice.text).not.toMatch(/other state/);
    expect(noticeDue('2020-01')).toBe('2020-02-29');
    expect(noticeDue('2019-12')).toBe('2020-01-30');
  });
});
