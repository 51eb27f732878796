import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from './fixtures.js';

/** The PostgreSQL the contract tests use: the local server, unless INTERDICT_TEST_DATABASE_URL says otherwise. */
export const TEST_DATABASE_URL = process.env.INTERDICT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const IN_CI = process.env.CI === 'true';

/** Whether PostgreSQL answers; in CI its absence is a failure, elsewhere a skip. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (IN_CI) throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is required in CI: ${(error as Error).message}`);
    return false;
  }
}

export interface TestStore {
  store: Store;
  /** The PostgreSQL schema the store lives in (PostgreSQL stores only). */
  schema?: string;
  dispose(): Promise<void>;
}

export async function createEmbeddedStore(): Promise<TestStore> {
  const store = await openStore({ kind: 'embedded', dir: tempDir('interdict-store-') });
  return { store, dispose: () => store.close() };
}

/** A store in a fresh schema of its own, dropped afterwards. */
export async function createPostgresStore(): Promise<TestStore> {
  const schema = `interdict_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
  return {
    store,
    schema,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** The stores a contract runs on: the embedded one always, PostgreSQL when it answers (in CI it must). */
export async function storeBackends(): Promise<{ name: string; create: () => Promise<TestStore>; skip: boolean }[]> {
  const reachable = await postgresAvailable();
  return [
    { name: 'embedded (PGlite)', create: createEmbeddedStore, skip: false },
    { name: 'PostgreSQL', create: createPostgresStore, skip: !reachable },
  ];
}
