import { expect, it } from 'vitest';
import { alertVerdict } from '../src/core/alert-verdict.js';
import type { Entity } from '../src/core/entity.js';
import type { Store } from '../src/store/index.js';
import type { Alert, NewAlert } from '../src/store/monitoring.js';
import { auditAfter, describeStoreContract } from './helpers/store-contract.js';

const match = (partyId: string, entityId: string, overrides: Partial<NewAlert> = {}): NewAlert => ({
  partyId, partyHash: `h-${partyId}`, entityId, caption: `CAPTION ${entityId}`, designationsHash: `d-${entityId}`,
  datasets: ['us_ofac_sdn'], versionId: 'us_ofac_sdn-20260101-00000000', score: 0.8, explanation: { name: { score: 0.8, words: [['KIM', 'KIM']] } },
  ...overrides,
});

async function raise(store: Store, ...alerts: NewAlert[]): Promise<Alert[]> {
  return store.monitoring.insertAlerts(alerts, 'monitor');
}

/** Set the four-eyes rule each test relies on, whatever an earlier test left. */
async function fourEyes(store: Store, on: boolean, clearScore = 0.9): Promise<void> {
  await store.monitoring.setSetting('four_eyes', on, 'cli:admin');
  await store.monitoring.setSetting('four_eyes_clear_score', clearScore, 'cli:admin');
}

await describeStoreContract('alerts', (current) => {
  it('raises alerts open, with everything the match said, audited', async () => {
    const store = current();
    const { seq } = await store.auditHead();
    expect(await raise(store)).toEqual([]);
    const [first, second] = await raise(store, match('p-1', 'e-1', { score: 0.93, datasets: ['us_ofac_sdn', 'un_sc'] }), match('p-2', 'e-1'));
    expect(first).toMatchObject({
      partyId: 'p-1', partyHash: 'h-p-1', entityId: 'e-1', caption: 'CAPTION e-1', designationsHash: 'd-e-1', datasets: ['us_ofac_sdn', 'un_sc'], versionId: 'us_ofac_sdn-20260101-00000000',
      score: 0.93, explanation: { name: { score: 0.8, words: [['KIM', 'KIM']] } }, status: 'open', decision: null, decidedBy: null, decidedAt: null, note: null, confirmedBy: null, confirmedAt: null,
    });
    expect(first!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(second!.id).toBeGreaterThan(first!.id);
    expect(await store.monitoring.getAlert(first!.id)).toEqual(first);
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 60]) expect(await store.monitoring.getAlert(id), String(id)).toBeNull();
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.actor, e.action, e.after])).toEqual([['monitor', 'alerts.raise', { alerts: [first!.id, second!.id], versions: ['us_ofac_sdn-20260101-00000000'] }]]);
  });

  it('gives the newest alert of each pair, from which the de-duplication rule reads', async () => {
    const store = current();
    const [old] = await raise(store, match('q-1', 'e-2', { score: 0.8 }));
    const [newer, other] = await raise(store, match('q-1', 'e-2', { score: 0.85 }), match('q-2', 'e-2'));
    const latest = await store.monitoring.latestAlerts([{ partyId: 'q-1', members: ['e-2'] }, { partyId: 'q-2', members: ['e-2'] }, { partyId: 'q-3', members: ['e-2'] }]);
    expect(latest.map((a) => a?.id)).toEqual([newer!.id, other!.id, undefined]);
    expect(latest[0]!.id).not.toBe(old!.id);
    // The same match again is no new alert; a new score is one; a decided false positive stays quiet.
    const last = latest[0];
    expect(alertVerdict(last, 'h-q-1', 'd-e-2', 0.85)).toBe('unchanged');
    expect(alertVerdict(last, 'h-q-1', 'd-e-2', 0.9)).toBe('new');
    await fourEyes(store, false);
    await store.monitoring.decideAlert(newer!.id, 'false_positive', 'another man', 'cli:ana');
    const [decided] = await store.monitoring.latestAlerts([{ partyId: 'q-1', members: ['e-2'] }]);
    expect(alertVerdict(decided, 'h-q-1', 'd-e-2', 0.99)).toBe('suppressed');
    expect(alertVerdict(decided, 'h-q-1', 'd-e-2-relisted', 0.99)).toBe('new');
  });

  it('keeps a designee\'s records with its alert, found again by party and any of them; an alert raised without reads as its one record', async () => {
    const store = current();
    const [designee, alone] = await raise(
      store,
      match('y-1', 'un-1', { members: ['un-1', 'ofac-1'], datasets: ['un_sc', 'us_ofac_sdn'] }),
      match('y-1', 'dfat-9'),
    );
    expect(designee).toMatchObject({ entityId: 'un-1', members: ['un-1', 'ofac-1'], datasets: ['un_sc', 'us_ofac_sdn'] });
    expect(alone).toMatchObject({ entityId: 'dfat-9', members: ['dfat-9'] });
    expect(await store.monitoring.getAlert(designee!.id)).toEqual(designee);
    const latest = await store.monitoring.latestAlerts([
      // Through its other record, through a record linked to it since, and another party on the same records.
      { partyId: 'y-1', members: ['ofac-1'] },
      { partyId: 'y-1', members: ['ofac-1', 'un-1', 'sema-1'] },
      { partyId: 'y-2', members: ['un-1', 'ofac-1'] },
      // A designee that grew to hold the record an older alert was raised on alone.
      { partyId: 'y-1', members: ['au-1', 'dfat-9'] },
    ]);
    expect(latest.map((a) => a?.id)).toEqual([designee!.id, designee!.id, undefined, alone!.id]);
    // The newest alert on any record of the designee stands.
    const [twinOfOld] = await raise(store, match('y-1', 'ofac-1', { members: ['ofac-1', 'dfat-9'] }));
    expect((await store.monitoring.latestAlerts([{ partyId: 'y-1', members: ['dfat-9'] }, { partyId: 'y-1', members: ['un-1'] }])).map((a) => a?.id)).toEqual([twinOfOld!.id, designee!.id]);
    expect(await store.monitoring.latestAlerts([])).toEqual([]);
  });

  it('closes an undecided alert on a designee only when no current list carries any of its records', async () => {
    const store = current();
    const record = (id: string): Entity => ({ id, schema: 'Person', caption: 'KIM', properties: { name: ['KIM'] }, datasets: ['gamma'], designations: [{ dataset: 'gamma', authority: 'Gamma' }] });
    await store.commitVersion({ dataset: 'gamma', published: '2026-01-01', source: 'gamma.xml', format: 'test', entities: [record('gamma-1')] });
    const [stillListed, goneEverywhere] = await raise(
      store,
      match('z-1', 'delisted-1', { members: ['delisted-1', 'gamma-1'] }),
      match('z-2', 'delisted-1', { members: ['delisted-1', 'delisted-2'] }),
    );
    expect(await store.monitoring.closeAlertsOnEntities(['delisted-1'], 'delisted', 'monitor')).toBe(1);
    expect((await store.monitoring.getAlert(stillListed!.id))!.status).toBe('open');
    expect((await store.monitoring.getAlert(goneEverywhere!.id))!.status).toBe('closed');
    // Found by a record other than the one it names.
    const [byMember] = await raise(store, match('z-3', 'delisted-3', { members: ['delisted-3', 'delisted-4'] }));
    expect(await store.monitoring.closeAlertsOnEntities(['delisted-4'], 'delisted', 'monitor')).toBe(1);
    expect((await store.monitoring.getAlert(byMember!.id))!.status).toBe('closed');
  });

  it('decides an open alert with the four-eyes rule off, audited, and refuses to decide it again', async () => {
    const store = current();
    await fourEyes(store, false);
    const [alert] = await raise(store, match('r-1', 'e-3', { score: 0.99 }));
    const { seq } = await store.auditHead();
    const decided = await store.monitoring.decideAlert(alert!.id, 'true_match', 'same date of birth', 'cli:ana');
    expect(decided).toMatchObject({ id: alert!.id, status: 'true_match', decision: 'true_match', decidedBy: 'cli:ana', note: 'same date of birth', confirmedBy: null });
    expect(decided.decidedAt).toMatch(/^\d{4}-/);
    expect(await store.monitoring.getAlert(alert!.id)).toEqual(decided);
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.action, e.subject, e.before, e.after])).toEqual([
      ['alert.decide', `alert:${alert!.id}`, { status: 'open' }, { status: 'true_match', decision: 'true_match', note: 'same date of birth', party: 'r-1', entity: 'e-3' }],
    ]);
    await expect(store.monitoring.decideAlert(alert!.id, 'false_positive', 'changed my mind', 'cli:ana')).rejects.toThrow(expect.objectContaining({ code: 'ALERT_DECIDED', message: `alert ${alert!.id} is true_match, not open` }));
    await expect(store.monitoring.decideAlert(alert!.id + 1000, 'true_match', 'x', 'cli:ana')).rejects.toThrow(`alert ${alert!.id + 1000} not found`);
    await expect(store.monitoring.decideAlert(0, 'true_match', 'x', 'cli:ana')).rejects.toThrow('alert 0 not found');
    await expect(store.monitoring.confirmAlert(alert!.id, 'cli:ben')).rejects.toThrow(expect.objectContaining({ code: 'ALERT_NOT_CONFIRMING' }));
    expect((await store.monitoring.getAlert(alert!.id))!.status).toBe('true_match');
  });

  it('refuses a decision that is neither of the two, leaving the alert open', async () => {
    const store = current();
    await fourEyes(store, false);
    const [alert] = await raise(store, match('r-2', 'e-3'));
    await expect(store.monitoring.decideAlert(alert!.id, 'closed' as never, 'x', 'cli:ana')).rejects.toThrow(expect.objectContaining({ code: 'INVALID_DECISION' }));
    expect((await store.monitoring.getAlert(alert!.id))!.status).toBe('open');
  });

  it('with the four-eyes rule on, holds a true match for a second analyst, refuses the same person and confirms for another', async () => {
    const store = current();
    await fourEyes(store, true);
    const [alert] = await raise(store, match('s-1', 'e-4', { score: 0.8 }));
    const held = await store.monitoring.decideAlert(alert!.id, 'true_match', 'listed under this name', 'cli:ana');
    expect(held).toMatchObject({ status: 'confirming', decision: 'true_match', decidedBy: 'cli:ana' });
    await expect(store.monitoring.decideAlert(alert!.id, 'false_positive', 'x', 'cli:ben')).rejects.toThrow(expect.objectContaining({ code: 'ALERT_DECIDED' }));
    await expect(store.monitoring.confirmAlert(alert!.id, 'cli:ana (again)')).rejects.toThrow(expect.objectContaining({ code: 'FOUR_EYES', message: expect.stringContaining('cli:ana decided it') }));
    expect((await store.monitoring.getAlert(alert!.id))!.status).toBe('confirming');
    const { seq } = await store.auditHead();
    const confirmed = await store.monitoring.confirmAlert(alert!.id, 'cli:ben', 'agreed');
    expect(confirmed).toMatchObject({ status: 'true_match', decision: 'true_match', decidedBy: 'cli:ana', confirmedBy: 'cli:ben', note: 'agreed' });
    expect(confirmed.confirmedAt).toMatch(/^\d{4}-/);
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.actor, e.action, e.before, e.after])).toEqual([['cli:ben', 'alert.confirm', { status: 'confirming', decidedBy: 'cli:ana' }, { status: 'true_match', note: 'agreed' }]]);
    await expect(store.monitoring.confirmAlert(alert!.id, 'cli:carl')).rejects.toThrow(expect.objectContaining({ code: 'ALERT_NOT_CONFIRMING' }));
  });

  it('refuses a confirmation through a key the decider made, or by the maker of the decider\'s key', async () => {
    const store = current();
    await fourEyes(store, true);
    await store.addApiKey({ id: 'k_made_by_ana', role: 'analyst', hash: '1'.repeat(64) }, 'cli:ana');
    await store.addApiKey({ id: 'k_made_by_root', role: 'analyst', hash: '2'.repeat(64) }, 'cli:root');
    const [one, two] = await raise(store, match('t-1', 'e-5'), match('t-2', 'e-5'));
    await store.monitoring.decideAlert(one!.id, 'true_match', 'x', 'cli:ana');
    await expect(store.monitoring.confirmAlert(one!.id, 'key:k_made_by_ana (ben)')).rejects.toThrow(expect.objectContaining({ code: 'FOUR_EYES', message: expect.stringContaining('was made by cli:ana') }));
    await store.monitoring.decideAlert(two!.id, 'true_match', 'x', 'key:k_made_by_root (dan)');
    await expect(store.monitoring.confirmAlert(two!.id, 'cli:root')).rejects.toThrow(expect.objectContaining({ code: 'FOUR_EYES' }));
    expect(await store.monitoring.confirmAlert(two!.id, 'key:k_made_by_ana (ben)')).toMatchObject({ status: 'true_match', confirmedBy: 'key:k_made_by_ana (ben)' });
  });

  it('with the four-eyes rule on, holds clearing a score at or above the clearing score, and clears one below it alone', async () => {
    const store = current();
    await fourEyes(store, true, 0.95);
    const [high, low] = await raise(store, match('u-1', 'e-6', { score: 0.95 }), match('u-2', 'e-6', { score: 0.94 }));
    expect(await store.monitoring.decideAlert(low!.id, 'false_positive', 'another man', 'cli:ana')).toMatchObject({ status: 'false_positive', decision: 'false_positive' });
    expect(await store.monitoring.decideAlert(high!.id, 'false_positive', 'another man', 'cli:ana')).toMatchObject({ status: 'confirming', decision: 'false_positive' });
    expect(await store.monitoring.confirmAlert(high!.id, 'cli:ben')).toMatchObject({ status: 'false_positive', note: 'another man', confirmedBy: 'cli:ben' });
  });

  it('closes the undecided alerts of delisted entities with a note, and leaves decided ones', async () => {
    const store = current();
    await fourEyes(store, true);
    const [open, held, cleared, elsewhere] = await raise(store, match('v-1', 'e-7'), match('v-2', 'e-7'), match('v-3', 'e-8', { score: 0.5 }), match('v-4', 'e-9'));
    await store.monitoring.decideAlert(held!.id, 'true_match', 'x', 'cli:ana');
    await store.monitoring.decideAlert(cleared!.id, 'false_positive', 'x', 'cli:ana');
    expect(await store.monitoring.closeAlertsOnEntities([], 'delisted', 'monitor')).toBe(0);
    const { seq } = await store.auditHead();
    expect(await store.monitoring.closeAlertsOnEntities(['e-7', 'e-8'], 'delisted on 2026-02-01', 'monitor')).toBe(2);
    for (const alert of [open, held]) expect(await store.monitoring.getAlert(alert!.id)).toMatchObject({ status: 'closed', note: 'delisted on 2026-02-01', decidedBy: 'monitor' });
    expect((await store.monitoring.getAlert(cleared!.id))!.status).toBe('false_positive');
    expect((await store.monitoring.getAlert(elsewhere!.id))!.status).toBe('open');
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.action, e.after])).toEqual([['alerts.close', { status: 'closed', note: 'delisted on 2026-02-01', alerts: [open!.id, held!.id] }]]);
    expect(await store.monitoring.closeAlertsOnEntities(['e-7'], 'again', 'monitor')).toBe(0);
  });

  it('keeps a party\'s alerts when the party is removed', async () => {
    const store = current();
    await store.monitoring.upsertParties([{ id: 'w-1', schema: 'Person', properties: { name: ['Kim'] } }], 'cli:ana');
    const [alert] = await raise(store, match('w-1', 'e-10'));
    await store.monitoring.removeParties(['w-1'], 'cli:ana');
    expect(await store.monitoring.getAlert(alert!.id)).toMatchObject({ partyId: 'w-1', status: 'open' });
  });

  it('lists alerts in id order, by status, dataset and lowest score, a page at a time', async () => {
    const store = current();
    await fourEyes(store, false);
    const raised = await raise(
      store,
      match('x-1', 'e-11', { datasets: ['list_a'], score: 0.7 }),
      match('x-2', 'e-11', { datasets: ['list_a', 'list_b'], score: 0.9 }),
      match('x-3', 'e-11', { datasets: ['list_b'], score: 0.95 }),
      match('x-4', 'e-11', { datasets: ['list_a'], score: 0.99 }),
    );
    const [a, b, c, d] = raised.map((r) => r.id) as [number, number, number, number];
    await store.monitoring.decideAlert(d, 'false_positive', 'x', 'cli:ana');
    const ids = async (query: Parameters<Store['monitoring']['listAlerts']>[0]) => (await store.monitoring.listAlerts(query)).map((x) => x.id);
    expect(await ids({ dataset: 'list_a' })).toEqual([a, b, d]);
    expect(await ids({ dataset: 'list_b' })).toEqual([b, c]);
    expect(await ids({ dataset: 'list_a', status: 'open' })).toEqual([a, b]);
    expect(await ids({ dataset: 'list_a', minScore: 0.9 })).toEqual([b, d]);
    expect(await ids({ dataset: 'list_a', after: a, limit: 1 })).toEqual([b]);
    expect(await ids({ dataset: 'list_a', after: d })).toEqual([]);
    expect(await ids({ dataset: 'list_\u0000' })).toEqual([]);
    expect(await ids({ dataset: 'no_such_list' })).toEqual([]);
    const falsePositives = await store.monitoring.listAlerts({ status: 'false_positive', limit: 10_000 });
    expect(falsePositives.map((x) => x.id)).toContain(d);
    expect(falsePositives.every((x) => x.status === 'false_positive')).toBe(true);
    const all = await ids({ limit: 10_000 });
    expect(all).toEqual([...all].sort((x, y) => x - y));
    expect(all.slice(-4)).toEqual([a, b, c, d]);
    expect(await ids({})).toHaveLength(Math.min(all.length, 100));
  });
});

await describeStoreContract('alerts of given parties, counted and since a mark', (current) => {
  it('lists and counts the alerts on given parties raised after the newest alert known before', async () => {
    const store = current();
    await raise(store, match('m-1', 'e-9'));
    const mark = await store.monitoring.lastAlertId();
    expect(mark).toBeGreaterThan(0);
    const raised = await raise(store, match('m-1', 'e-10'), match('m-2', 'e-10'), match('m-3', 'e-10'));
    expect(await store.monitoring.lastAlertId()).toBe(raised[2]!.id);
    const mine = await store.monitoring.listAlerts({ partyIds: ['m-1', 'm-3', 'nobody'], after: mark });
    expect(mine.map((a) => [a.partyId, a.entityId])).toEqual([['m-1', 'e-10'], ['m-3', 'e-10']]);
    expect(await store.monitoring.countAlerts({ partyIds: ['m-1', 'm-3'], after: mark })).toBe(2);
    expect(await store.monitoring.countAlerts({ partyIds: ['m-1'] })).toBe(2);
    expect(await store.monitoring.listAlerts({ partyIds: [] })).toEqual([]);
    // An id PostgreSQL text cannot hold is no party's.
    expect(await store.monitoring.countAlerts({ partyIds: ['m-1\u0000'] })).toBe(0);
  });
});
