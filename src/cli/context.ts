import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { openStore, type Store, type StoreLocation } from '../store/index.js';

export interface StoreOptions {
  db?: string;
}

/** Where the store is: PostgreSQL when DATABASE_URL is set, else the embedded store in --db (or the default folder). */
export function storeLocation(config: Config, options: StoreOptions): StoreLocation {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl, schema: config.pgSchema } as const)
    : ({ kind: 'embedded', dir: resolve(options.db ?? config.dataDir) } as const);
}

/** Run `fn` with an open store and close it afterwards, whatever happens. */
export async function withStore<T>(config: Config, options: StoreOptions, fn: (store: Store, location: StoreLocation) => Promise<T>): Promise<T> {
  const location = storeLocation(config, options);
  const store = await openStore(location);
  try {
    return await fn(store, location);
  } finally {
    await store.close();
  }
}

/** The folder beside the store where files of its own (the index snapshot, screening jobs) live: the embedded store's; none for PostgreSQL. */
export function localDir(location: StoreLocation): string | undefined {
  return location.kind === 'embedded' ? location.dir : undefined;
}
