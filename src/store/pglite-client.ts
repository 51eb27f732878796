import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { InterdictError } from '../core/errors.js';
import type { SqlClient } from './sql.js';

/** The installed PGlite's version (its package.json is not exported, so found from its entry point). */
function pgliteVersion(): string | undefined {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@electric-sql/pglite') return version;
  }
  return undefined;
}

/**
 * The initialized database the build dumps (scripts/build-store-template.js), for this PGlite
 * version only; without it a new store runs initdb itself.
 */
function templateFor(): Blob | undefined {
  const version = pgliteVersion();
  if (!version) return undefined;
  const path = new URL(`../../dist/pglite-template-${version}.tar.gz`, import.meta.url);
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

function wrapTx(tx: Transaction): SqlClient {
  return {
    query: (sql, params) => tx.query(sql, params),
    exec: async (sql) => { await tx.exec(sql); },
    transaction: (fn) => fn(wrapTx(tx)),
    close: async () => {},
  };
}

/** An embedded PostgreSQL (PGlite) in memory, for tests and throwaway stores. */
export async function openPgliteInMemory(): Promise<SqlClient> {
  return pgliteClient(await PGlite.create());
}

function pgliteClient(db: PGlite, release: () => Promise<void> = async () => {}): SqlClient {
  return {
    query: (sql, params) => db.query(sql, params),
    exec: async (sql) => { await db.exec(sql); },
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        await release();
      }
    },
  };
}

/** Whether a folder holds an embedded database. */
export function holdsDatabase(dir: string): boolean {
  return existsSync(join(dir, 'pg', 'PG_VERSION'));
}

/**
 * Open the embedded database in a folder this process has locked. A new folder starts from the
 * build's template. `close` closes the database, then `release` frees the folder.
 */
export async function openPglite(dir: string, release: () => Promise<void>): Promise<SqlClient> {
  let db: PGlite;
  try {
    mkdirSync(dir, { recursive: true });
    const dataDir = join(dir, 'pg');
    const template = holdsDatabase(dir) ? undefined : templateFor();
    db = await PGlite.create(dataDir, template ? { loadDataDir: template } : {});
  } catch (error) {
    await release();
    throw new InterdictError('STORE_OPEN', `cannot open the embedded store in ${dir}: ${(error as Error).message}`, 500, { cause: error });
  }
  return pgliteClient(db, release);
}
