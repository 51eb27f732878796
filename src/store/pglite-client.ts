import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { InterdictError } from '../core/errors.js';
import type { SqlClient } from './sql.js';

const LOCK_FILE = 'interdict.lock';

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
    const dataDir = dir ? join(dir, 'pg') : undefined;
    const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
    const template = fresh ? templateFor() : undefined;
    db = await PGlite.create(dataDir, template ? { loadDataDir: template } : {});
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
