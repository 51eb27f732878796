import pg from 'pg';
import { VERSIONS_CHANNEL } from '../store/sql-store.js';

/**
 * Listen for new current list versions on the cluster's PostgreSQL (NOTIFY at commit) and call
 * `onChange`; reconnects after a lost connection (a restarted server), calling `onChange` again
 * then, as a version may have come meanwhile. Nodes also poll, so a missed notice only delays.
 * Returns a function that stops listening.
 */
export function watchVersions(url: string, onChange: () => void, log: (message: string) => void = () => {}): () => Promise<void> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', () => onChange());
    next.on('error', (error) => {
      log(`version notices: ${error.message}; reconnecting`);
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${VERSIONS_CHANNEL}`);
      client = next;
      onChange();
    } catch (error) {
      log(`version notices: ${(error as Error).message}; retrying`);
      void next.end().catch(() => {});
      retry = setTimeout(() => void connect(), 1000);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
