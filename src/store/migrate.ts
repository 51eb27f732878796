import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqlClient } from './sql.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any fixed number: it serializes migrations when several nodes start on one PostgreSQL.
const MIGRATION_LOCK = 7_164_223;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered SQL files (`001_init.sql`, ...), in order. */
export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, f.indexOf('_'))), name: f, sql: readFileSync(`${MIGRATIONS_DIR}${f}`, 'utf8') }));
}

/** Apply the migrations not yet applied, each in its own transaction. */
export async function migrate(client: SqlClient): Promise<number[]> {
  await client.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  // Migrations are only ever added, never taken back: one found applied without the lock (a store
  // opened before, or copied from the template) stays applied, and only the others take the lock.
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  const present = new Set(rows.map((r) => Number(r.version)));
  const missing = listMigrations().filter((m) => !present.has(m.version));
  const applied: number[] = [];
  for (const migration of missing) {
    const done = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
