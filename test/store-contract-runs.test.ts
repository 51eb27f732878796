import { expect, it } from 'vitest';
import type { Store } from '../src/store/index.js';
import type { NewRun } from '../src/store/monitoring.js';
import { describeStoreContract } from './helpers/store-contract.js';

const newRun = (id: string, overrides: Partial<NewRun> = {}): NewRun => ({
  id, mode: 'changes', versions: { us_ofac_sdn: 'us_ofac_sdn-20260101-00000000', un_sc: 'un_sc-20260101-11111111' }, changed: ['e-1', 'e-2'], gone: ['e-9'],
  threshold: 0.75, actor: 'monitor', holder: `holder-${id}`, chunks: 3, ...overrides,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A lease long enough that a busy machine still asks for it again before it expires, in seconds; and a wait past it, in ms. */
const SHORT_LEASE = 1;
const PAST_SHORT_LEASE = 1300;

/** Free the lease whoever of the tests holds it, so that each lease test starts with it free. */
async function freeLease(store: Store, ...holders: string[]): Promise<void> {
  for (const holder of holders) await store.monitoring.releaseLease(holder);
}

await describeStoreContract('re-screening runs and their lease', (current) => {
  it('starts a run and gives it back as it was recorded', async () => {
    const store = current();
    await store.monitoring.createRun(newRun('run-1'));
    const run = await store.monitoring.getRun('run-1');
    expect(run).toMatchObject({ ...newRun('run-1'), status: 'running', summary: null, finishedAt: null });
    expect(typeof run!.threshold).toBe('number');
    expect(typeof run!.chunks).toBe('number');
    expect(run!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await store.monitoring.getRun('run-none')).toBeNull();
    expect(await store.monitoring.getRun('run-\u0000')).toBeNull();
    await expect(store.monitoring.createRun(newRun('run-1'))).rejects.toThrow();
  });

  it('records chunks once each and sums what they did', async () => {
    const store = current();
    expect(await store.monitoring.runProgress('run-1')).toEqual({ chunks: 0, counts: {} });
    expect(await store.monitoring.chunkDone('run-1', 0)).toBe(false);
    expect(await store.monitoring.recordChunk('run-1', 0, { alertsRaised: 2, partiesScreenedInFull: 10 })).toEqual({ chunks: 1, counts: { alertsRaised: 2, partiesScreenedInFull: 10 } });
    expect(await store.monitoring.recordChunk('run-1', 2, { alertsRaised: 1, alertsUnchanged: 4 })).toEqual({ chunks: 2, counts: { alertsRaised: 3, partiesScreenedInFull: 10, alertsUnchanged: 4 } });
    expect(await store.monitoring.chunkDone('run-1', 0)).toBe(true);
    expect(await store.monitoring.chunkDone('run-1', 1)).toBe(false);
    await expect(store.monitoring.recordChunk('run-1', 0, { alertsRaised: 2 })).rejects.toThrow();
    await expect(store.monitoring.recordChunk('run-none', 0, {})).rejects.toThrow();
    expect((await store.monitoring.runProgress('run-1')).chunks).toBe(2);
  });

  it('finishes a run with its summary', async () => {
    const store = current();
    await store.monitoring.finishRun('run-1', { alertsRaised: 3, alertsClosed: 1, durationMs: 120 });
    const run = await store.monitoring.getRun('run-1');
    expect(run).toMatchObject({ status: 'done', summary: { alertsRaised: 3, alertsClosed: 1, durationMs: 120 } });
    expect(run!.finishedAt).toMatch(/^\d{4}-/);
    expect(run!.finishedAt! >= run!.createdAt).toBe(true);
  });

  it('abandons a run left running when the next one starts, and keeps the finished', async () => {
    const store = current();
    await store.monitoring.createRun(newRun('run-2', { mode: 'full', changed: [], gone: [] }));
    await pause(5);
    await store.monitoring.createRun(newRun('run-3'));
    const abandoned = await store.monitoring.getRun('run-2');
    expect(abandoned).toMatchObject({ status: 'abandoned', mode: 'full', summary: null });
    expect(abandoned!.finishedAt).toMatch(/^\d{4}-/);
    expect((await store.monitoring.getRun('run-1'))!.status).toBe('done');
    expect((await store.monitoring.getRun('run-3'))!.status).toBe('running');
  });

  it('lists the most recent runs, newest first', async () => {
    const store = current();
    expect((await store.monitoring.listRuns()).map((r) => r.id)).toEqual(['run-3', 'run-2', 'run-1']);
    expect((await store.monitoring.listRuns(2)).map((r) => r.id)).toEqual(['run-3', 'run-2']);
  });

  it('locks a run within a transaction, and writes nothing of a transaction that fails', async () => {
    const store = current();
    const locked = await store.monitoring.transaction(async (monitoring) => {
      const run = await monitoring.lockRun('run-3');
      await monitoring.recordChunk('run-3', 0, { alertsRaised: 1 });
      return run;
    });
    expect(locked).toMatchObject({ id: 'run-3', status: 'running' });
    expect(await store.monitoring.transaction((monitoring) => monitoring.lockRun('run-none'))).toBeNull();
    await expect(store.monitoring.transaction(async (monitoring) => {
      await monitoring.recordChunk('run-3', 1, { alertsRaised: 5 });
      await monitoring.finishRun('run-3', {});
      throw new Error('the chunk failed');
    })).rejects.toThrow('the chunk failed');
    expect(await store.monitoring.chunkDone('run-3', 0)).toBe(true);
    expect(await store.monitoring.chunkDone('run-3', 1)).toBe(false);
    expect(await store.monitoring.runProgress('run-3')).toEqual({ chunks: 1, counts: { alertsRaised: 1 } });
    expect((await store.monitoring.getRun('run-3'))!.status).toBe('running');
  });

  it('keeps the version of each dataset the parties were last screened against', async () => {
    const store = current();
    expect(await store.monitoring.monitorState()).toEqual(new Map());
    await store.monitoring.setMonitorState(new Map([['us_ofac_sdn', 'us_ofac_sdn-1'], ['un_sc', 'un_sc-1']]));
    await store.monitoring.setMonitorState(new Map([['un_sc', 'un_sc-2']]));
    expect(await store.monitoring.monitorState()).toEqual(new Map([['us_ofac_sdn', 'us_ofac_sdn-1'], ['un_sc', 'un_sc-2']]));
  });

  it('gives the lease to one holder at a time; its holder may take it again', async () => {
    const store = current();
    await freeLease(store, 'node-a', 'node-b');
    expect(await store.monitoring.takeLease('node-a', 60)).toBe(true);
    expect(await store.monitoring.takeLease('node-b', 60)).toBe(false);
    expect(await store.monitoring.takeLease('node-a', 60)).toBe(true);
    expect(await store.monitoring.extendLease('node-a', 60)).toBe(true);
    expect(await store.monitoring.extendLease('node-b', 60)).toBe(false);
  });

  it('frees the lease only for its holder', async () => {
    const store = current();
    await freeLease(store, 'node-a', 'node-b');
    expect(await store.monitoring.takeLease('node-a', 60)).toBe(true);
    await store.monitoring.releaseLease('node-b');
    expect(await store.monitoring.takeLease('node-b', 60)).toBe(false);
    await store.monitoring.releaseLease('node-a');
    expect(await store.monitoring.extendLease('node-a', 60)).toBe(false);
    expect(await store.monitoring.takeLease('node-b', 60)).toBe(true);
  });

  it('lets another take the lease once it expired, and its old holder can no longer extend it', async () => {
    const store = current();
    await freeLease(store, 'node-a', 'node-b');
    expect(await store.monitoring.takeLease('node-a', SHORT_LEASE)).toBe(true);
    expect(await store.monitoring.takeLease('node-b', 60)).toBe(false);
    await pause(PAST_SHORT_LEASE);
    expect(await store.monitoring.takeLease('node-b', 60)).toBe(true);
    expect(await store.monitoring.extendLease('node-a', 60)).toBe(false);
    expect(await store.monitoring.takeLease('node-a', 60)).toBe(false);
  });

  it('keeps an extended lease past its first expiry', async () => {
    const store = current();
    await freeLease(store, 'node-a', 'node-b');
    expect(await store.monitoring.takeLease('node-a', SHORT_LEASE)).toBe(true);
    expect(await store.monitoring.extendLease('node-a', 60)).toBe(true);
    await pause(PAST_SHORT_LEASE);
    expect(await store.monitoring.takeLease('node-b', 60)).toBe(false);
  });
});
