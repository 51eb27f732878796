import { expect, it } from 'vitest';
import { jsonDeliveryValues, petroleumStatus, recordDeliveries } from '../src/service/petroleum.js';
import { readRegime } from '../src/service/regime.js';
import { auditAfter, describeStoreContract } from './helpers/store-contract.js';

const regime = readRegime();
const lines = (...values: object[]): string => values.map((v) => JSON.stringify(v)).join('\n');

await describeStoreContract('petroleum ledgers', (current) => {
  it('records deliveries counted by their own factor or their State\'s, each audited, and sets factors with the one replaced', async () => {
    const store = current();
    const { seq } = await store.auditHead();
    await store.petroleum.setFactor('CN', 7.33, 'the issue\'s example row', 'cli:ana');
    const changed = await store.petroleum.setFactor('CN', 7.5, 'Korea Herald 2020-10-01 implies 7.50', 'cli:ben');
    expect(changed).toMatchObject({ state: 'CN', barrels_per_tonne: 7.5, setBy: 'cli:ben' });
    const recorded = await recordDeliveries(store, regime, jsonDeliveryValues(lines(
      { state: 'CN', month: '2020-08', quantity: 17294, unit: 't', kind: 'refined', source: 'Korea Herald 2020-10-01: January-August 2020, 17,294 t = 129,706 bbl' },
      { state: 'CN', date: '2021-08-15', quantity: 1410, unit: 't', kind: 'refined', barrels_per_tonne: 8.33, source: 'Yonhap 2021-10-05', parties: [{ name: 'Dandong Oil', role: 'seller' }], vessel: { name: 'SAM JONG 2', imo: 'IMO 8106496' } },
    ), 'reports.jsonl'), 'cli:ana');
    expect(recorded.map((d) => [d.origin, d.barrels, d.factor, d.factor_source])).toEqual([
      ['reports.jsonl line 1', 129705, 7.5, 'state'],
      ['reports.jsonl line 2', 11745.3, 8.33, 'entry'],
    ]);
    expect(recorded[1]).toMatchObject({ date: '2021-08-15', month: '2021-08', vessel: { name: 'SAM JONG 2', imo: '8106496' }, parties: [{ name: 'Dandong Oil', role: 'seller' }], recordedBy: 'cli:ana' });
    expect(await store.petroleum.deliveries({ kind: 'refined', from: '2021-01-01', to: '2021-12-31' })).toEqual([recorded[1]]);
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['petroleum.factor', 'cli:ana', 'petroleum-factor:CN'],
      ['petroleum.factor', 'cli:ben', 'petroleum-factor:CN'],
      ['petroleum.record', 'cli:ana', `petroleum:${recorded[0]!.id}`],
      ['petroleum.record', 'cli:ana', `petroleum:${recorded[1]!.id}`],
    ]);
    expect(audit[1]!.before).toEqual({ barrels_per_tonne: 7.33, note: 'the issue\'s example row' });
    expect(audit[2]!.after).toMatchObject({ quantity: 17294, unit: 't', barrels: 129705, barrels_per_tonne: 7.5, factor_source: 'state', origin: 'reports.jsonl line 1' });
    // A factor changed afterwards leaves the deliveries counted as they were.
    await store.petroleum.setFactor('CN', null, 'removed', 'cli:ana');
    expect(await store.petroleum.factors()).toEqual([]);
    expect((await store.petroleum.deliveries({ state: 'CN', month: '2020-08' }))[0]).toMatchObject({ barrels: 129705, factor: 7.5 });
  });

  it('records a file all or nothing: a bad line names the file, line and field, and nothing is stored', async () => {
    const store = current();
    const before = await store.petroleum.deliveries();
    const { seq } = await store.auditHead();
    const text = lines(
      { state: 'RU', month: '2024-01', quantity: 15279, unit: 'bbl', kind: 'refined', source: 'Korea Herald 2024' },
      { state: 'RU', month: '2024-02', quantity: 100, unit: 't', kind: 'refined', source: 'no factor' },
      { state: 'RU', month: '2024-13', quantity: 100, unit: 'bbl', kind: 'refined', source: 'bad month' },
    );
    await expect(recordDeliveries(store, regime, jsonDeliveryValues(text, 'ru.jsonl'), 'cli:ana')).rejects.toThrow(
      /2 of 3 deliveries cannot be recorded, so none was[^]*ru\.jsonl line 2: barrels_per_tonne: 100 t from RU needs its barrels-per-tonne factor[^]*ru\.jsonl line 3: month: a month YYYY-MM/,
    );
    expect(await store.petroleum.deliveries()).toEqual(before);
    expect(await auditAfter(store, seq)).toEqual([]);
  });

  it('keeps the cease point as an audited setting, within 0-100', async () => {
    const store = current();
    expect(await store.petroleum.settings()).toEqual({ cease_pct: 90 });
    const { seq } = await store.auditHead();
    expect(await store.petroleum.setSetting('cease_pct', 95, 'cli:ana')).toEqual({ cease_pct: 95 });
    await expect(store.petroleum.setSetting('cease_pct', 120, 'cli:ana')).rejects.toThrow(/cease_pct 120: a share of the cap in per cent/);
    await expect(store.petroleum.setSetting('colour', 1, 'cli:ana')).rejects.toThrow(/"colour" is not a petroleum ledger setting/);
    expect((await auditAfter(store, seq)).map((e) => [e.action, e.before, e.after])).toEqual([['petroleum.setting', { value: null }, { value: 95 }]]);
    const status = await petroleumStatus(store, regime, 'refined', 2021, '2021-12-31');
    expect(status).toMatchObject({ cease_pct: 95, total_bbl: 11745.3, by_state: { CN: 11745.3 } });
  });
});
