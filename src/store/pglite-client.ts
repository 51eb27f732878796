import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { InterdictError } from '../core/errors.js';
import type { SqlClient } from './sql.js';

const LOCK_FILE = 'interdict.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database has one writer: a second process opening the same folder would corrupt
 * it, so the folder is locked for the life of the store (a lock left by a dead process is taken over).
 */
function acquireLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && holder !== process.pid && processAlive(holder)) {
        throw new InterdictError('STORE_LOCKED', `the store in ${dir} is in use by process ${holder}; stop it or use another --db folder`, 409);
      }
      rmSync(path, { force: true });
    }
  }
  throw new InterdictError('STORE_LOCKED', `cannot lock the store in ${dir}`, 409);
}

function wrapTx(tx: Transaction): SqlClient {
  return {
    query: (sql, params) => tx.query(sql, params),
    exec: async (sql) => { await tx.exec(sql); },
    transaction: (fn) => fn(wrapTx(tx)),
    close: async () => {},
  };
}

/** An embedded PostgreSQL (PGlite) in a folder, or in memory when `dir` is undefined. */
export async function openPglite(dir: string | undefined): Promise<SqlClient> {
  let release = (): void => {};
  if (dir) {
    mkdirSync(dir, { recursive: true });
    release = acquireLock(dir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dir ? join(dir, 'pg') : undefined);
  } catch (error) {
    release();
    throw new InterdictError('STORE_OPEN', `cannot open the embedded store in ${dir}: ${(error as Error).message}`, 500, { cause: error });
  }
  return {
    query: (sql, params) => db.query(sql, params),
    exec: async (sql) => { await db.exec(sql); },
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
