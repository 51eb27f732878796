import { openPglite } from './pglite-client.js';
import { openPostgres } from './pg-client.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './store.js';

export { ROLES, type ApiKey, type CommitResult, type EntityQuery, type ListVersion, type Role, type Store, type VersionInput } from './store.js';
export { SqlStore, versionId } from './sql-store.js';
export { listMigrations } from './migrate.js';

export type StoreLocation =
  | { kind: 'embedded'; dir: string | undefined }
  | { kind: 'postgres'; url: string; schema: string };

/** Open the store the configuration names: PostgreSQL when a URL is given, else the embedded one. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const client = location.kind === 'postgres' ? await openPostgres(location.url, location.schema) : await openPglite(location.dir);
  try {
    return await SqlStore.open(client);
  } catch (error) {
    await client.close();
    throw error;
  }
}
