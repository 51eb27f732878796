import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaths } from '../src/service/load.js';
import type { MonitorChunk } from '../src/service/monitor.js';
import { rescreen } from '../src/service/monitor.js';
import { onboardParties } from '../src/service/onboarding.js';
import { Screener } from '../src/service/screener.js';
import type { PartyInput } from '../src/store/index.js';
import { fixture } from './helpers/fixtures.js';
import { createEmbeddedStore, type TestStore } from './helpers/stores.js';

const kim = (id: string): PartyInput => ({ id, schema: 'Person', properties: { name: ['Kim Yong Chol'], birthDate: ['1947'] } });

describe('onboarding parties', () => {
  let t: TestStore;

  beforeAll(async () => {
    t = await createEmbeddedStore();
    await loadPaths(t.store, [fixture('ofac-csv')]);
  }, 60_000);
  afterAll(() => t?.dispose());

  it('says the parties wait when another run holds the lease, and the next run screens them', async () => {
    const { store } = t;
    expect(await store.monitoring.takeLease('someone-else', 60)).toBe(true);
    const waiting = await onboardParties(store, [kim('busy-1')], { actor: 'test' });
    expect(waiting).toMatchObject({ added: 1, notScreened: 'busy', alerts: [], alertsRaised: 0 });
    expect(waiting.screening).toBeUndefined();
    expect(await store.monitoring.partiesDue()).toBe(true);
    await store.monitoring.releaseLease('someone-else');
    // The next run screens what is due (a run under way looks again for due parties before it ends).
    const run = await rescreen(store);
    expect(run.partiesScreenedInFull).toBe(1);
    expect(await store.monitoring.partiesDue()).toBe(false);
    expect((await store.monitoring.listAlerts({ partyIds: ['busy-1'] })).map((a) => a.entityId)).toEqual(['us_ofac_sdn-12211']);
  });

  it('answers with the run and no alerts yet when the workers screen the parties', async () => {
    const { store } = t;
    const screener = new Screener(store);
    await screener.refresh();
    const queued: MonitorChunk[] = [];
    const answer = await onboardParties(store, [kim('queued-1')], { actor: 'test', place: { screening: screener.current, queue: { enqueue: async (chunks) => void queued.push(...chunks) } } });
    expect(answer).toMatchObject({ added: 1, screening: { status: 'running', chunks: 1 }, alerts: [], alertsRaised: null });
    expect(queued).toEqual([expect.objectContaining({ kind: 'full', parties: ['queued-1'] })]);
    // The queued run holds the lease until its last chunk is screened; freed here, as a worker's last chunk would.
    await store.monitoring.releaseLease(answer.screening!.id);
  });

  it('stores the parties only while the caller\'s index is not built for the current lists', async () => {
    const answer = await onboardParties(t.store, [kim('early-1')], { actor: 'test', indexNotReady: true });
    expect(answer).toMatchObject({ added: 1, notScreened: 'index_not_ready', alerts: [], alertsRaised: 0 });
    expect(await t.store.monitoring.listAlerts({ partyIds: ['early-1'] })).toEqual([]);
  });
});
