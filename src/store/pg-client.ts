import pg from 'pg';
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

/** PostgreSQL through a pool; `schema` isolates an installation (and each test run). */
export async function openPostgres(url: string, schema: string): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  // An idle connection lost (the server restarted) is dropped by the pool; the next query opens
  // another. Without a listener, the error would end the process.
  pool.on('error', () => {});
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
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
