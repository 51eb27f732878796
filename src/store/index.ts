import { openEmbedded, type OpenOptions } from './embedded.js';
import { openPgliteInMemory } from './pglite-client.js';
import { openPostgres } from './pg-client.js';
import { SqlStore } from './sql-store.js';
import type { SqlClient } from './sql.js';
import type { Store } from './store.js';

export { ROLES, type ApiKey, type CommitResult, type EntityQuery, type EntityTimeline, type ListVersion, type Role, type Store, type VersionInput } from './store.js';
export { SqlStore, versionId } from './sql-store.js';
export type { Alert, Party, PartyImport, PartyInput } from './monitoring.js';
export type { ExemptionFilter, StoredExemption } from './exemptions.js';
export type { DeliveryInput, DeliveryQuery, StateFactor, StoredDelivery } from './petroleum.js';
export type { ArticleQuery, ArticleSummary, NewArticle, NewsFeed, StoredArticle } from './news.js';
export { listMigrations } from './migrate.js';
export type { OpenOptions } from './embedded.js';
export type { LockHolder } from './folder-lock.js';

export type StoreLocation =
  | { kind: 'embedded'; dir: string | undefined }
  | { kind: 'postgres'; url: string; schema: string };

/**
 * Open the store the configuration names: PostgreSQL when a URL is given, else the embedded one
 * in its folder (in memory without one), held by this process or shared by the server holding it.
 */
export async function openStore(location: StoreLocation, options: OpenOptions = { create: true }): Promise<Store> {
  if (location.kind === 'postgres') return storeOn(await openPostgres(location.url, location.schema, options.create ?? false), true);
  if (!location.dir) return storeOn(await openPgliteInMemory(), true);
  const embedded = await openEmbedded(location.dir, options);
  // A client of the holder runs the holder's migrations, which it checked are its own.
  const store = await storeOn(embedded.client, !embedded.holder);
  embedded.ready();
  return store;
}

async function storeOn(client: SqlClient, migrate: boolean): Promise<Store> {
  try {
    return await SqlStore.open(client, { migrate });
  } catch (error) {
    await client.close();
    throw error;
  }
}
