import { existsSync, mkdirSync, readFileSync, statfsSync } from 'node:fs';
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

/** Below this much free space, a store that cannot open is said to lack room. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;

/** An embedded PostgreSQL (PGlite) in memory, for tests and throwaway stores. */
export async function openPgliteInMemory(): Promise<SqlClient> {
  return pgliteClient(await PGlite.create());
}

/** Free bytes on the disk holding a folder, when it can be told. */
function freeBytes(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

/** A disk that is full, said as such (with the space left), rather than as PostgreSQL's "could not extend file". */
function diskFull(error: unknown, dir: string | undefined): unknown {
  const e = error as { code?: string; message?: string } | undefined;
  if (e?.code !== '53100' && !/No space left on device/.test(String(e?.message))) return error;
  const free = dir === undefined ? undefined : freeBytes(dir);
  return new InterdictError('DISK_FULL', `the disk holding the store${dir ? ` in ${dir}` : ''} is full${free === undefined ? '' : ` (${mb(free)} MB free)`}: what was being written was rolled back; free some space and run the command again`, 507, { cause: error });
}

function pgliteClient(db: PGlite, release: () => Promise<void> = async () => {}, dir?: string): SqlClient {
  const said = (error: unknown): never => {
    throw diskFull(error, dir);
  };
  return {
    query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params).catch(said),
    exec: async (sql) => { await db.exec(sql).catch(said); },
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))).catch(said),
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
    // A store needs room to start (its template unpacked, its log written): a full disk is the usual reason it cannot.
    const free = freeBytes(dir);
    const room = free !== undefined && free < MIN_FREE_BYTES ? `; the disk holding it has ${mb(free)} MB free, and a store needs about ${mb(MIN_FREE_BYTES)} MB to open, more as lists are loaded` : '';
    const why = error instanceof Error ? error.message : 'the database did not start';
    throw new InterdictError('STORE_OPEN', `cannot open the embedded store in ${dir}: ${why}${room}`, 500, { cause: error });
  }
  return pgliteClient(db, release, dir);
}
