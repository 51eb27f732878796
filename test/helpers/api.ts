import { loadPaths } from '../../src/service/load.js';
import { Screener } from '../../src/service/screener.js';
import { fixture } from './fixtures.js';
import { createEmbeddedStore, type TestStore } from './stores.js';

/** The UN and OFAC fixtures: the lists most API tests screen against. */
export const UN_AND_OFAC = [fixture('un-small.xml'), fixture('ofac-csv')];

/**
 * An embedded store with the given batches of list files loaded, one load each and in order (so a
 * batch can be an earlier version of a list than the next), and a screener refreshed over them:
 * what an API test builds its server on.
 */
export async function screenedStore(...batches: string[][]): Promise<{ t: TestStore; screener: Screener }> {
  if (batches.length === 0) throw new Error('screenedStore: give at least one batch of list files to load');
  const t = await createEmbeddedStore();
  for (const paths of batches) await loadPaths(t.store, paths);
  const screener = new Screener(t.store);
  await screener.refresh();
  return { t, screener };
}
