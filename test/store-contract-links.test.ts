import { expect, it } from 'vitest';
import { auditAfter, describeStoreContract } from './helpers/store-contract.js';

await describeStoreContract('link decisions', (current) => {
  it('keeps the newest decision on each pair, in id order whichever way it was given, each audited', async () => {
    const store = current();
    expect(await store.linkDecisions.linkDecisions()).toEqual([]);
    const { seq } = await store.auditHead();
    const first = await store.linkDecisions.decideLink('us_ofac_sdn-9345', 'un_sc-KPe.001', 'same', ' same KOMID ', 'cli:ana');
    expect(first).toMatchObject({ ids: ['un_sc-KPe.001', 'us_ofac_sdn-9345'], decision: 'same', note: 'same KOMID', decidedBy: 'cli:ana' });
    expect(first.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await store.linkDecisions.decideLink('au_dfat-2649', 'un_sc-KPi.024', 'different', 'born 1947, not 1962', 'cli:ana');
    const changed = await store.linkDecisions.decideLink('un_sc-KPe.001', 'us_ofac_sdn-9345', 'different', 'a subsidiary', 'cli:ben');
    expect(changed.id).toBeGreaterThan(first.id);
    expect((await store.linkDecisions.linkDecisions()).map((d) => [d.ids.join('~'), d.decision, d.decidedBy])).toEqual([
      ['au_dfat-2649~un_sc-KPi.024', 'different', 'cli:ana'],
      ['un_sc-KPe.001~us_ofac_sdn-9345', 'different', 'cli:ben'],
    ]);
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.action, e.actor, e.subject, e.after])).toEqual([
      ['link.decide', 'cli:ana', 'link:un_sc-KPe.001~us_ofac_sdn-9345', { decision: 'same', note: 'same KOMID' }],
      ['link.decide', 'cli:ana', 'link:au_dfat-2649~un_sc-KPi.024', { decision: 'different', note: 'born 1947, not 1962' }],
      ['link.decide', 'cli:ben', 'link:un_sc-KPe.001~us_ofac_sdn-9345', { decision: 'different', note: 'a subsidiary' }],
    ]);
  });

  it('refuses a decision it cannot keep, writing nothing', async () => {
    const store = current();
    const before = await store.linkDecisions.linkDecisions();
    for (const [a, b, decision, note, message] of [
      ['x-1', 'x-1', 'same', 'n', /its own designee/],
      ['x-1', '', 'same', 'n', /empty or not storable/],
      ['x-1', 'x-\u0000', 'same', 'n', /not storable/],
      ['x-1', 'x-2', 'maybe', 'n', /same or different/],
      ['x-1', 'x-2', 'same', '  ', /say why/],
    ] as const) {
      await expect(store.linkDecisions.decideLink(a, b, decision as 'same', note, 'cli:ana'), `${a} ${b} ${decision}`).rejects.toThrow(message);
    }
    expect(await store.linkDecisions.linkDecisions()).toEqual(before);
  });
});
