import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { decisionsStamp, designeeOf } from '../src/service/designees.js';
import { loadPaths } from '../src/service/load.js';
import { matchedDesigneesOf } from '../src/service/matched-designees.js';
import { ServerRuntime, type RuntimeLog } from '../src/service/server-runtime.js';
import type { Store } from '../src/store/index.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

/** A log that keeps what it was told, for the assertions. */
function recordingLog(): RuntimeLog & { lines: { level: string; message: string; details?: object }[] } {
  const lines: { level: string; message: string; details?: object }[] = [];
  return {
    lines,
    info: (details, message) => lines.push({ level: 'info', message, details }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (details, message) => lines.push({ level: 'error', message, details }),
  };
}

const partyIdsWithAlerts = async (store: Store): Promise<string[]> => [...new Set((await store.monitoring.listAlerts({ limit: 1000 })).map((a) => a.partyId))].sort();

describe('the server runtime, started in-process', () => {
  let t: TestStore;
  let runtime: ServerRuntime;
  const log = recordingLog();

  beforeAll(async () => {
    t = await createEmbeddedStore();
    await loadPaths(t.store, [fixture('un-small.xml')]);
    await t.store.monitoring.upsertParties([
      { id: 'c-komid', schema: 'Organization', properties: { name: ['Korea Mining Development Trading Corporation'] } },
      { id: 'c-kim', schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1947'] } },
      { id: 'c-clean', schema: 'Person', properties: { name: ['Ottoline Barsetshire'] } },
    ], 'test');
    const config = { ...loadConfig({}), databaseUrl: undefined };
    runtime = await ServerRuntime.create(t.store, { config, dir: tempDir('interdict-runtime-'), loopback: true, updateFrom: fixture('ofac-csv') });
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
    await t?.dispose();
  });

  it('builds the index when started and re-screens the parties with it', async () => {
    expect(runtime.screener.current).toBeUndefined();
    runtime.start(log);
    await runtime.settled();
    expect(runtime.screener.current?.index.size).toBeGreaterThan(0);
    expect(log.lines.map((l) => l.message)).toEqual(expect.arrayContaining(['screening index ready', 're-screening of monitored parties']));
    // The UN fixture lists KOMID, not Kim Yong Chol: one party alerts.
    expect(await partyIdsWithAlerts(t.store)).toEqual(['c-komid']);
  });

  it('leaves the index alone when no list changed', async () => {
    const before = runtime.screener.current;
    const builds = log.lines.filter((l) => l.message === 'screening index ready').length;
    runtime.refresh();
    await runtime.settled();
    expect(runtime.screener.current).toBe(before);
    expect(log.lines.filter((l) => l.message === 'screening index ready')).toHaveLength(builds);
  });

  it('loads what a scheduled update downloads, refreshes the index and re-screens, logging each list', async () => {
    const before = runtime.screener.current;
    await runtime.update();
    await runtime.settled();
    // The mirror folder holds OFAC's files only: OFAC loads, the UN's update fails and its version stays.
    expect(log.lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'info', message: 'list update', details: expect.objectContaining({ dataset: 'us_ofac_sdn', created: true }) }),
      expect.objectContaining({ level: 'error', message: 'list update failed; the current version stays', details: expect.objectContaining({ dataset: 'un_sc' }) }),
    ]));
    expect(runtime.screener.current).not.toBe(before);
    expect((await t.store.currentVersions()).map((v) => v.dataset).sort()).toEqual(['un_sc', 'us_ofac_sdn']);
    // OFAC lists Kim Yong Chol (born circa 1947): his party alerts now.
    expect(await partyIdsWithAlerts(t.store)).toEqual(['c-kim', 'c-komid']);
  });

  it('runs one update at a time', async () => {
    const first = runtime.update();
    expect(runtime.update()).toBe(first);
    await first;
  });

  it('picks up a list another process committed', async () => {
    const before = runtime.screener.current;
    await loadPaths(t.store, [fixture('ofac-csv-v2')]);
    runtime.storeChanged();
    await runtime.settled();
    expect(runtime.screener.current).not.toBe(before);
    expect(runtime.screener.current?.versions.map((v) => v.id).sort()).toEqual((await t.store.currentVersions()).map((v) => v.id).sort());
  });

  it('links every record of a new index into designees in a worker thread, as linking one record finds them', async () => {
    await runtime.designeesLinked();
    expect(log.lines.map((l) => l.message)).toContain('records linked into designees');
    const state = runtime.screener.current!;
    const stamp = decisionsStamp(await t.store.linkDecisions.linkDecisions());
    for (const id of state.entities.keys()) {
      const primed = matchedDesigneesOf(t.store).linked(state, stamp, id);
      expect(primed, id).toBeDefined();
      expect(primed!.designee.members, id).toEqual(designeeOf(state, id).designee.members);
    }
    // The UN's KOMID and OFAC's are one designee.
    expect(matchedDesigneesOf(t.store).linked(state, stamp, 'un_sc-KPe.001')!.designee.members.some((m) => m.startsWith('us_ofac_sdn-'))).toBe(true);
  });

  it('once closed, starts nothing: no refresh, no update, no re-screening', async () => {
    await runtime.close();
    const before = runtime.screener.current;
    const lines = log.lines.length;
    await loadPaths(t.store, [fixture('ofac-csv')]);
    runtime.storeChanged();
    runtime.refresh();
    await runtime.update();
    await runtime.settled();
    expect(runtime.screener.current).toBe(before);
    expect(log.lines).toHaveLength(lines);
    await runtime.close();
  });
});
