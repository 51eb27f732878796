import type { SqlClient } from './sql.js';

/**
 * The re-screening lease: one re-screening at a time across the processes sharing a store. A
 * holder that dies frees it when it expires.
 */
export type MonitorLeaseSql = ReturnType<typeof createMonitorLeaseSql>;

export function createMonitorLeaseSql(sql: SqlClient) {
  return {
    /** Take the lease for `seconds` unless another holder has it unexpired (its holder may take it again); true when taken. */
    async takeLease(holder: string, seconds: number): Promise<boolean> {
      const { rows } = await sql.query<{ holder: string }>(
        `INSERT INTO monitor_lease (id, holder, expires_at) VALUES (1, $1, now() + make_interval(secs => $2))
         ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE monitor_lease.expires_at < now() OR monitor_lease.holder = EXCLUDED.holder
         RETURNING holder`,
        [holder, seconds],
      );
      return rows.length === 1;
    },

    /** Keep holding the lease `seconds` more; false when the holder lost it. */
    async extendLease(holder: string, seconds: number): Promise<boolean> {
      const { rows } = await sql.query('UPDATE monitor_lease SET expires_at = now() + make_interval(secs => $2) WHERE id = 1 AND holder = $1 RETURNING holder', [holder, seconds]);
      return rows.length === 1;
    },

    /** Free the lease, if this holder has it. */
    async releaseLease(holder: string): Promise<void> {
      await sql.query('DELETE FROM monitor_lease WHERE id = 1 AND holder = $1', [holder]);
    },
  };
}
