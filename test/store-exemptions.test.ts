import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExemption } from '../src/core/travel/index.js';
import type { AuditEntry } from '../src/store/audit.js';
import { storeBackends, type TestStore } from './helpers/stores.js';

const EXEMPTION = readExemption({ reference: '1718-EX-1', persons: ['un_sc-KPi.037'], names: ['Ri Won Ho'], purpose: 'meeting', from: '2019-04-30', to: '2019-05-10', transit: ['CN'], destination: ['RU'], conditions: 'escorted', source: 'letter', authority: '1718 Committee' }, 'test');
const LICENCE = readExemption({ reference: 'DE-1', names: ['Kim Il'], purpose: 'funeral', from: '2020-01-01', to: '2020-01-03', destination: ['DE'], source: 'licence', authority: 'Auswärtiges Amt' }, 'test');

describe.each(await storeBackends())('the exemption register: $name', ({ create, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await create();
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('keeps exemptions as given, filters them, refuses a reference twice (an import all or none), and audits each', async () => {
    const stored = await t.store.exemptions.addExemption(EXEMPTION, 'analyst:a');
    expect(stored).toMatchObject({ ...EXEMPTION, recordedBy: 'analyst:a', recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    await expect(t.store.exemptions.importExemptions([LICENCE, EXEMPTION], 'analyst:b')).rejects.toThrow('exemption 1718-EX-1: the register holds this reference already');
    expect((await t.store.exemptions.exemptions()).map((e) => e.reference)).toEqual(['1718-EX-1']);
    await t.store.exemptions.importExemptions([LICENCE], 'analyst:b');
    const ref = async (filter: Parameters<typeof t.store.exemptions.exemptions>[0]) => (await t.store.exemptions.exemptions(filter)).map((e) => e.reference);
    expect(await ref({})).toEqual(['1718-EX-1', 'DE-1']);
    expect(await ref({ on: '2019-05-10' })).toEqual(['1718-EX-1']);
    expect(await ref({ country: 'DE' })).toEqual(['DE-1']);
    expect(await ref({ person: 'un_sc-KPi.037' })).toEqual(['1718-EX-1']);
    expect(await ref({ person: 'kim' })).toEqual(['DE-1']);
    expect(await ref({ authority: '1718 committee' })).toEqual(['1718-EX-1']);
    const entries: AuditEntry[] = [];
    for await (const entry of t.store.audit()) if (entry.action.startsWith('exemptions.')) entries.push(entry);
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.subject}`)).toEqual(['analyst:a exemptions.add exemption:1718-EX-1', 'analyst:b exemptions.import exemption:DE-1']);
    expect((await t.store.verifyAudit()).ok).toBe(true);
  });
});
