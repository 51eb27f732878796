import { existsSync, mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { InterdictError } from '../core/errors.js';
import { COPY_CSV_OPTIONS, csvRows } from './copy-csv.js';
import type { SqlClient } from './sql.js';
import { restoreTemplate } from './store-template.js';

/** COPY from PGlite's /dev/blob device, which reads the blob given with the statement. */
function copyStatement(table: string, columns: string[]): string {
  return `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (${COPY_CSV_OPTIONS})`;
}

function wrapTx(tx: Transaction): SqlClient {
  return {
    query: (sql, params) => tx.query(sql, params),
    exec: async (sql) => { await tx.exec(sql); },
    transaction: (fn) => fn(wrapTx(tx)),
    close: async () => {},
    copyRows: async (table, columns, rows) => {
      if (rows.length) await tx.query(copyStatement(table, columns), [], { blob: new Blob([csvRows(rows)]) });
    },
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

/** A PGlite database as the store's SQL client; `close` closes it, then calls `release`. */
export function pgliteClient(db: PGlite, release: () => Promise<void> = async () => {}, dir?: string): SqlClient {
  const said = (error: unknown): never => {
    throw diskFull(error, dir);
  };
  return {
    query: <T>(sql: string, params?: unknown[]) => db.query<T>(sql, params).catch(said),
    exec: async (sql) => { await db.exec(sql).catch(said); },
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))).catch(said),
    copyRows: async (table, columns, rows) => {
      if (rows.length) await db.query(copyStatement(table, columns), [], { blob: new Blob([csvRows(rows)]) }).catch(said);
    },
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
 * Open the embedded database in a folder this process has locked. A new folder starts as a copy
 * of the build's template (store-template.ts). `close` closes the database, then `release` frees
 * the folder.
 */
export async function openPglite(dir: string, release: () => Promise<void>): Promise<SqlClient> {
  let db: PGlite;
  try {
    mkdirSync(dir, { recursive: true });
    const dataDir = join(dir, 'pg');
    if (!holdsDatabase(dir)) restoreTemplate(dataDir);
    db = await PGlite.create(dataDir);
  } catch (error) {
    await release();
    // A store needs room to start (its template copied, its log written): a full disk is the usual reason it cannot.
    const free = freeBytes(dir);
    const room = free !== undefined && free < MIN_FREE_BYTES ? `; the disk holding it has ${mb(free)} MB free, and a store needs about ${mb(MIN_FREE_BYTES)} MB to open, more as lists are loaded` : '';
    const why = error instanceof Error ? error.message : 'the database did not start';
    throw new InterdictError('STORE_OPEN', `cannot open the embedded store in ${dir}: ${why}${room}`, 500, { cause: error });
  }
  return pgliteClient(db, release, dir);
}
