import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateIndex } from '../src/core/index/index.js';
import { DEFAULT_THRESHOLD } from '../src/core/match/index.js';
import { designeeOf } from '../src/service/designees.js';
import { ChunkScreener, catchUp, membersDesignationsHash, rescreen, type MonitorChunk } from '../src/service/monitor.js';
import { loadPaths } from '../src/service/load.js';
import { cleanQuery } from '../src/service/queries.js';
import { currentEntities } from '../src/service/screener.js';
import { readPublication } from '../src/sources/index.js';
import type { Entity } from '../src/core/entity.js';
import type { Store } from '../src/store/index.js';
import type { Alert, PartyInput } from '../src/store/monitoring.js';
import { fixture } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';
import { TEST_DATABASE_URL, createEmbeddedStore, createPostgresStore, postgresAvailable, type TestStore } from './helpers/stores.js';

/** An alert as these tests know it: its party and the designee's records. */
const keyOf = (partyId: string, members: string[]): string => `${partyId} ~ ${[...members].sort().join(' ')}`;
const alertKey = (a: Alert): string => keyOf(a.partyId, a.members);

interface Expected {
  /** The designee's best score. */
  score: number;
  members: string[];
  /** Its records that matched the party. */
  matched: string[];
}

/** What screening every party against every current entity says should alert, one alert per party and designee (the oracle). */
function expectedAlerts(entities: Entity[], parties: PartyInput[]): Map<string, Expected> {
  const index = CandidateIndex.build(entities);
  const state = { index, entities: new Map(entities.map((e) => [e.id, e])), versions: [] };
  const designees = new Map<string, string[]>();
  const membersOf = (id: string): string[] => {
    let members = designees.get(id);
    if (!members) {
      members = designeeOf(state, id).designee.members;
      for (const member of members) designees.set(member, members);
    }
    return members;
  };
  const out = new Map<string, Expected>();
  for (const party of parties) {
    // Best first: a designee's first result is its best.
    for (const r of index.match(cleanQuery(party.schema, party.properties), { limit: 20, threshold: DEFAULT_THRESHOLD, cutoff: DEFAULT_THRESHOLD })) {
      const members = membersOf(r.id);
      const held = out.get(keyOf(party.id, members));
      if (held) held.matched.push(r.id);
      else out.set(keyOf(party.id, members), { score: r.score, members, matched: [r.id] });
    }
  }
  return out;
}

async function alertsAfter(store: Store, after: number): Promise<Alert[]> {
  return store.monitoring.listAlerts({ after, limit: 10_000 });
}

describe.skipIf(!HAVE_SHARED_DATA)('monitoring: re-screening parties when OFAC changes (2021-04-25 -> 2021-07-07)', () => {
  let t: TestStore;
  let store: Store;
  const parties: PartyInput[] = [];
  let firstRun: Alert[] = [];
  let laterIds = new Set<string>();

  beforeAll(async () => {
    t = await createEmbeddedStore();
    store = t.store;
    await loadPaths(store, [dataPath('ofac_sdn_csv/2021-04-25')]);
    laterIds = new Set((await readPublication(dataPath('ofac_sdn_csv/2021-07-07'))).entities.map((e) => e.id));
  }, 120_000);
  afterAll(() => t?.dispose());

  it('raises exactly the alerts a full screening calls for, on the first run', async () => {
    const before = await currentEntities(store);
    const people = before.filter((e) => e.schema === 'Person');
    // Listed people under their listed names, and names no list carries.
    for (let i = 0; i < 40; i++) parties.push({ id: `p-${i}`, schema: 'Person', properties: { name: [people[i * 97]!.caption] } });
    // People the next version delists.
    const leaving = people.filter((e) => !laterIds.has(e.id)).slice(0, 2);
    expect(leaving).toHaveLength(2);
    for (const [i, e] of leaving.entries()) parties.push({ id: `gone-${i}`, schema: 'Person', properties: { name: [e.caption] } });
    for (const name of ['Zephyrine Quondam Wexford', 'Ottoline Barsetshire', 'Haldor Vintersjø']) parties.push({ id: `clean-${name}`, schema: 'Person', properties: { name: [name] } });
    expect(await store.monitoring.upsertParties(parties, 'analyst-a')).toEqual({ added: parties.length, updated: 0, unchanged: 0 });

    const run = await rescreen(store);
    firstRun = await alertsAfter(store, 0);
    const expected = expectedAlerts(before, parties);
    expect(new Set(firstRun.map(alertKey))).toEqual(new Set(expected.keys()));
    // One alert for a designee OFAC lists twice, carrying both records.
    expect(firstRun.some((a) => a.members.length > 1)).toBe(true);
    for (const alert of firstRun) expect(alert.score).toBe(expected.get(alertKey(alert))!.score);
    expect(run.alertsRaised).toBe(firstRun.length);
    expect(firstRun.length).toBeGreaterThanOrEqual(40);
    expect(firstRun.every((a) => !a.partyId.startsWith('clean-'))).toBe(true);
    // Nothing changed: a second run raises nothing.
    expect((await rescreen(store)).alertsRaised).toBe(0);
  }, 120_000);

  it('raises exactly the new alerts a new version calls for, and closes those of delisted entities', async () => {
    const [v1] = await store.currentVersions();
    // A party listed in the new version only, and one whose listed entity leaves it.
    await loadPaths(store, [dataPath('ofac_sdn_csv/2021-07-07')]);
    const [v2] = await store.currentVersions();
    const diff = await store.diffVersions(v1!.id, v2!.id);
    const after = await currentEntities(store);
    const byId = new Map(after.map((e) => [e.id, e]));
    const added = diff.added.map((id) => byId.get(id)!).filter((e) => e.schema === 'Person').slice(0, 5);
    expect(added.length).toBe(5);
    const removedAlerted = firstRun.filter((a) => diff.removed.includes(a.entityId) && a.status === 'open');
    const newcomers: PartyInput[] = [];
    // The newest alert of a party on any record of a designee.
    const latest = (partyId: string, members: string[]): Alert | undefined => firstRun.filter((a) => a.partyId === partyId && a.members.some((m) => members.includes(m))).at(-1);
    const max = Math.max(...firstRun.map((a) => a.id));

    const run = await rescreen(store);
    const raised = await alertsAfter(store, max);
    const changed = new Set([...diff.added, ...diff.changed]);
    const expected = [...expectedAlerts(after, parties)].filter(([key, { score, members, matched }]) => {
      if (!matched.some((id) => changed.has(id))) return false;
      const last = latest(key.split(' ~ ')[0]!, members);
      return !last || last.score !== score || last.designationsHash !== membersDesignationsHash(last.members, byId);
    });
    expect(new Set(raised.map(alertKey))).toEqual(new Set(expected.map(([key]) => key)));
    expect(run.changedEntities).toBe(changed.size);
    expect(run.partiesScreenedInFull).toBe(0);
    expect(run.partiesScreenedAgainstChanges).toBe(parties.length);
    // Delisted: open alerts on removed entities are closed, with a note saying so.
    for (const alert of removedAlerted) {
      const now = (await store.monitoring.getAlert(alert.id))!;
      expect(now.status).toBe('closed');
      expect(now.note).toMatch(/^delisted/);
    }
    expect(removedAlerted.length).toBeGreaterThanOrEqual(2);
    expect(run.alertsClosed).toBe(removedAlerted.length);

    // New parties written as the newly listed names are screened against everything and alerted.
    for (const [i, entity] of added.entries()) newcomers.push({ id: `new-${i}`, schema: 'Person', properties: { name: [entity.caption] } });
    await store.monitoring.upsertParties(newcomers, 'analyst-a');
    const third = await rescreen(store);
    expect(third.partiesScreenedInFull).toBe(newcomers.length);
    const newAlerts = await alertsAfter(store, Math.max(max, ...raised.map((a) => a.id)));
    for (const [i, entity] of added.entries()) expect(newAlerts.some((a) => a.partyId === `new-${i}` && a.members.includes(entity.id))).toBe(true);
    expect(new Set(newAlerts.map(alertKey))).toEqual(new Set(expectedAlerts(after, newcomers).keys()));
  }, 180_000);

  it('suppresses a false positive until the party changes, and records every decision in a verified chain', async () => {
    // A full re-screen first: scores of unchanged entities may have moved with the new corpus's word rarity.
    await rescreen(store, { full: true });
    const [alert] = await store.monitoring.listAlerts({ status: 'open', limit: 1 });
    const decided = await store.monitoring.decideAlert(alert!.id, 'false_positive', 'same name, other person: born 1990', 'analyst-a');
    expect(decided).toMatchObject({ status: 'false_positive', decidedBy: 'analyst-a', note: 'same name, other person: born 1990' });
    await expect(store.monitoring.decideAlert(alert!.id, 'true_match', 'again', 'analyst-b')).rejects.toThrow(/not open/);

    const full = await rescreen(store, { full: true });
    expect(full.alertsSuppressed).toBeGreaterThanOrEqual(1);
    expect(full.alertsRaised).toBe(0);
    // An edit of the party (a new identifier) lifts the suppression: the pair is alerted again.
    const party = (await store.monitoring.getParty(alert!.partyId))!;
    expect(await store.monitoring.upsertParties([{ id: party.id, schema: party.schema, properties: { ...party.properties, idNumber: ['X-1'] } }], 'analyst-a')).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const edited = await rescreen(store);
    expect(edited.partiesScreenedInFull).toBe(1);
    const again = (await store.monitoring.listAlerts({ status: 'open', limit: 10_000 })).filter((a) => a.partyId === alert!.partyId && a.entityId === alert!.entityId);
    expect(again).toHaveLength(1);

    // Four eyes: a true match waits for a second analyst.
    await store.monitoring.setSetting('four_eyes', true, 'admin-1');
    const pending = await store.monitoring.decideAlert(again[0]!.id, 'true_match', 'passport matches', 'analyst-a');
    expect(pending.status).toBe('confirming');
    await expect(store.monitoring.confirmAlert(pending.id, 'analyst-a')).rejects.toThrow(/second analyst/);
    expect((await store.monitoring.confirmAlert(pending.id, 'analyst-b')).status).toBe('true_match');

    const check = await store.verifyAudit();
    expect(check.ok).toBe(true);
    const actions: string[] = [];
    for await (const entry of store.audit()) actions.push(`${entry.action} by ${entry.actor}`);
    expect(actions).toEqual(expect.arrayContaining(['list.load by system', 'parties.import by analyst-a', 'alert.decide by analyst-a', 'setting.change by admin-1', 'alert.confirm by analyst-b', 'alerts.close by monitor']));
    expect(check.entries).toBe(actions.length);
  }, 180_000);
});

describe('monitoring: one re-screening at a time', () => {
  it('lets a second concurrent run skip while the first holds the lease, and raises each alert once', async () => {
    const t = await createEmbeddedStore();
    try {
      await loadPaths(t.store, [fixture('ofac-csv')]);
      await t.store.monitoring.upsertParties([{ id: 'c1', schema: 'Person', properties: { name: ['Kim Yong Chol'] } }], 'analyst-a');
      const runs = await Promise.all([rescreen(t.store), rescreen(t.store)]);
      expect(runs.map((r) => r.skipped).sort()).toEqual([false, true]);
      expect(runs.reduce((sum, r) => sum + r.alertsRaised, 0)).toBe(1);
      expect(await t.store.monitoring.listAlerts()).toHaveLength(1);
      // The lease is given back: the next run runs.
      expect((await rescreen(t.store)).skipped).toBe(false);
    } finally {
      await t.dispose();
    }
  });
});

describe.each([
  ['embedded', createEmbeddedStore],
  ['PostgreSQL', createPostgresStore],
] as const)('monitoring: a run in chunks taken more than once (%s store)', (kind, create) => {
  it('raises each alert once however often and in whatever order its chunks are screened, and the last chunk completes the run', async (context) => {
    if (kind === 'PostgreSQL' && !(await postgresAvailable())) return context.skip();
    const t = await create();
    try {
      const store = t.store;
      await loadPaths(store, [fixture('ofac-csv'), fixture('un-small.xml')]);
      const entities = await currentEntities(store);
      const names = [...entities.filter((e) => e.schema === 'Person').map((e) => e.caption), 'Mary Unlisted', 'Hans Gruber', 'Kim Yong Chol'];
      const parties: PartyInput[] = Array.from({ length: 1234 }, (_, i) => ({ id: `c${String(i).padStart(5, '0')}`, schema: 'Person', properties: { name: [names[i % names.length]!] } }));
      await store.monitoring.upsertParties(parties, 'analyst-a');
      const expected = expectedAlerts(entities, parties);
      expect(expected.size).toBeGreaterThan(100);

      const queued: MonitorChunk[] = [];
      const run = await rescreen(store, { queue: { enqueue: async (chunks) => void queued.push(...chunks) } });
      expect(run).toMatchObject({ status: 'running', chunks: 3, chunksDone: 0 });
      expect(queued.map((c) => c.parties.length)).toEqual([500, 500, 234]);
      // The run holds the lease until its last chunk is screened.
      expect((await rescreen(store)).skipped).toBe(true);

      // Two workers take every chunk at once, in reverse order, and a third takes each again afterwards (a retry).
      const index = CandidateIndex.build(entities);
      const screening = { index, entities: new Map(entities.map((e) => [e.id, e])), versions: await store.currentVersions() };
      const [a, b, c] = [new ChunkScreener(store), new ChunkScreener(store), new ChunkScreener(store)];
      const outcomes: string[] = [];
      for (const chunk of [...queued].reverse()) outcomes.push(...(await Promise.all([a.screen(chunk, screening), b.screen(chunk, screening)])).sort());
      for (const chunk of queued) outcomes.push(await c.screen(chunk, screening));
      // The chunk that completes the run says so (its screener then catches up with what came meanwhile).
      expect(outcomes).toEqual(['screened', 'skipped', 'screened', 'skipped', 'completed', 'skipped', 'skipped', 'skipped', 'skipped']);

      const alerts = await store.monitoring.listAlerts({ limit: 10_000 });
      expect(alerts.map(alertKey).sort()).toEqual([...expected.keys()].sort());
      const done = await store.monitoring.getRun(run.id);
      expect(done).toMatchObject({ status: 'done', summary: { alertsRaised: expected.size, partiesScreenedInFull: parties.length } });
      // Done: the lease is free, every party is screened, and nothing is due.
      const again = await rescreen(store);
      expect(again).toMatchObject({ status: 'done', skipped: false, partiesScreenedInFull: 0, partiesScreenedAgainstChanges: 0, alertsRaised: 0, chunks: 0 });
      const full = await rescreen(store, { full: true });
      expect(full).toMatchObject({ alertsRaised: 0, alertsUnchanged: expected.size, partiesScreenedInFull: parties.length });
    } finally {
      await t.dispose();
    }
  }, 60_000);
});

describe('audit trail on PostgreSQL', () => {
  let t: TestStore | undefined;
  beforeAll(async () => {
    if (await postgresAvailable()) t = await createPostgresStore();
  });
  afterAll(() => t?.dispose());

  it('refuses updates and deletes of audit rows, and verification names the first broken link', async (context) => {
    if (!t) return context.skip();
    const { store, schema } = t;
    await store.monitoring.setSetting('four_eyes', true, 'admin-1');
    await store.monitoring.setSetting('alert_threshold', 0.8, 'admin-1');
    await store.monitoring.upsertParties([{ id: 'c-1', schema: 'Person', properties: { name: ['Kim Jong Un'] } }], 'analyst-a');
    expect(await store.verifyAudit()).toEqual({ ok: true, entries: 3 });
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await expect(client.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      // Someone with the power to lift the trigger rewrites an entry: the chain says where.
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      await client.query("UPDATE audit_log SET after = '{\"value\": 0.5}' WHERE seq = 2");
      expect(await store.verifyAudit()).toEqual({ ok: false, entries: 2, broken: { seq: 2, reason: 'its contents do not match its hash' } });
      await client.query('DELETE FROM audit_log WHERE seq = 2');
      expect((await store.verifyAudit()).broken).toEqual({ seq: 3, reason: 'expected entry 2 here: an entry is missing' });
    } finally {
      await client.end();
    }
  });
});

describe('monitoring: a queued run catches up with what became current while it ran', () => {
  it('screens a version loaded during a queued run once the run completes: its delisting closes the alert, its addition raises one', async () => {
    const t = await createEmbeddedStore();
    try {
      const store = t.store;
      await loadPaths(store, [fixture('ofac-csv')]);
      await store.monitoring.upsertParties([
        { id: 'c2', schema: 'Company', properties: { name: ['Cafe Munchen S.A.'] } },
        { id: 'c3', schema: 'Company', properties: { name: ['New Trading Co'] } },
      ], 'analyst-a');
      const queued: MonitorChunk[] = [];
      const queue = { enqueue: async (chunks: MonitorChunk[]) => void queued.push(...chunks) };
      const screening = { index: CandidateIndex.build(await currentEntities(store)), entities: new Map((await currentEntities(store)).map((e) => [e.id, e])), versions: await store.currentVersions() };
      const first = await rescreen(store, { queue, screening });
      expect(first.status).toBe('running');
      // A new version becomes current while the run's chunks wait: its own run finds the lease taken.
      await loadPaths(store, [fixture('ofac-csv-v2')]);
      expect((await rescreen(store, { queue })).skipped).toBe(true);
      const screener = new ChunkScreener(store);
      expect(await screener.screen(queued.shift()!, screening)).toBe('completed');
      expect((await store.monitoring.listAlerts({ status: 'open' })).map((a) => a.partyId)).toEqual(['c2']);
      // The process that completed the run screens what came meanwhile.
      const next = await catchUp(store, first.id, { queue });
      expect(next).toMatchObject({ status: 'running' });
      const after = { index: CandidateIndex.build(await currentEntities(store)), entities: new Map((await currentEntities(store)).map((e) => [e.id, e])), versions: await store.currentVersions() };
      while (queued.length) await screener.screen(queued.shift()!, after);
      const alerts = await store.monitoring.listAlerts();
      expect(alerts.find((a) => a.partyId === 'c2')).toMatchObject({ status: 'closed' });
      expect(alerts.filter((a) => a.partyId === 'c3').map((a) => a.entityId)).toEqual(['us_ofac_sdn-30000']);
      // Nothing new since: no further run.
      expect(await catchUp(store, next!.id, { queue })).toBeUndefined();
    } finally {
      await t.dispose();
    }
  });
});
