import pg from 'pg';
import { InputError } from '../core/errors.js';
import type { SqlClient } from './sql.js';

// Dates and timestamps come back as text, as from PGlite, so both backends return the same values.
const TEXT = (value: string): string => value;
pg.types.setTypeParser(pg.types.builtins.DATE, TEXT);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, TEXT);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

function wrapClient(client: pg.PoolClient): SqlClient {
  return {
    query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
    exec: async (sql) => { await client.query(sql); },
    transaction: (fn) => fn(wrapClient(client)),
    close: async () => {},
  };
}

/**
 * PostgreSQL through a pool; `schema` isolates an installation (and each test run). Without
 * `create`, a schema that does not exist (a mistyped name) is an error, not a new empty store.
 */
export async function openPostgres(url: string, schema: string, create = true): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  // An idle connection lost (the server restarted) is dropped by the pool; the next query opens
  // another. Without a listener, the error would end the process.
  pool.on('error', () => {});
  if (create) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  else if (!(await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rows.length) {
    await pool.end();
    throw new InputError('NO_STORE', `no store in the schema ${schema} of DATABASE_URL: it does not exist. Check INTERDICT_PG_SCHEMA, or load a list first (interdict load creates it)`);
  }
  return {
    query: async (sql, params) => ({ rows: (await pool.query(sql, params as unknown[])).rows }),
    exec: async (sql) => { await pool.query(sql); },
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: it is not given back to the pool.
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
