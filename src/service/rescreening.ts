import type { Store } from '../store/index.js';
import { rescreenOnCluster } from './cluster-jobs.js';
import { rescreen, type ChunkQueue, type MonitorOptions, type MonitorRun } from './monitor.js';
import type { Screening } from './screener.js';

/**
 * Where a re-screening is screened. A server passes its index and, in cluster mode, its queue
 * (the workers screen the chunks and the call returns at once); a command on a cluster passes
 * the database (its chunks are queued and this process helps screen them until the run ends);
 * with neither, the parties are screened in this process.
 */
export interface RescreenPlace {
  screening?: Screening;
  queue?: ChunkQueue;
  cluster?: { databaseUrl: string; pgSchema: string };
}

/** Re-screen the monitored parties where `place` says. */
export function rescreenAt(store: Store, place: RescreenPlace, options: Omit<MonitorOptions, 'queue' | 'screening'> = {}): Promise<MonitorRun> {
  if (!place.screening && !place.queue && place.cluster) return rescreenOnCluster(store, place.cluster.databaseUrl, place.cluster.pgSchema, options);
  return rescreen(store, { ...options, screening: place.screening, queue: place.queue });
}

/**
 * Re-screen after lists changed (a load, an update, a server's new index), when there are
 * parties to watch: the one rule `load`, `update` and `serve` follow. Undefined when none are.
 */
export async function rescreenAfterListChange(store: Store, place: RescreenPlace, options: Omit<MonitorOptions, 'queue' | 'screening'> = {}): Promise<MonitorRun | undefined> {
  if ((await store.monitoring.countParties()) === 0) return undefined;
  return rescreenAt(store, place, options);
}
