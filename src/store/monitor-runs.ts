import { storable, utc, type SqlClient } from './sql.js';

/**
 * A re-screening as stored: what its chunks screen against, and, when done, what it did.
 *
 * @example { id: 'mon_3f9a…', mode: 'changes', status: 'done', versions: { us_ofac_sdn: 'us_ofac_sdn-20210707-1a2b3c4d' }, chunks: 3, summary: { alertsRaised: 2, ... }, ... }
 */
export interface StoredRun {
  id: string;
  mode: 'changes' | 'full';
  /** running until its last chunk is recorded; abandoned when a newer run started while it ran (its holder died). */
  status: 'running' | 'done' | 'abandoned';
  /** The version of each dataset screened against. */
  versions: Record<string, string>;
  /** Entities added or changed since the versions last screened (changes mode). */
  changed: string[];
  /** Entities no current list carries any more: their open alerts are closed when the run completes. */
  gone: string[];
  threshold: number;
  actor: string;
  /** The lease holder of the run (released when it completes). */
  holder: string;
  chunks: number;
  summary: Record<string, unknown> | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A run to start: what it screens, and how many chunks it is split into. */
export type NewRun = Pick<StoredRun, 'id' | 'mode' | 'versions' | 'changed' | 'gone' | 'threshold' | 'actor' | 'holder' | 'chunks'>;

/** A running run's chunks recorded so far, and their counts summed. @example { chunks: 2, counts: { alertsRaised: 3 } } */
export interface RunProgress {
  chunks: number;
  counts: Record<string, number>;
}

// Runs are read under their field names (threshold is float8 and chunks integer: numbers from both clients).
const RUN_COLUMNS = `id, mode, status, versions, changed, gone, threshold, actor, holder, chunks, summary, ${utc('created_at')} AS "createdAt", ${utc('finished_at')} AS "finishedAt"`;

/** Re-screening runs, their chunks, and the versions the parties were last screened against. */
export type MonitorRunsSql = ReturnType<typeof createMonitorRunsSql>;

export function createMonitorRunsSql(sql: SqlClient) {
  const runProgress = async (runId: string): Promise<RunProgress> => {
    const { rows } = await sql.query<{ counts: Record<string, number> }>('SELECT counts FROM monitor_run_chunks WHERE run_id = $1', [runId]);
    const sum: Record<string, number> = {};
    for (const { counts } of rows) for (const [key, value] of Object.entries(counts)) sum[key] = (sum[key] ?? 0) + value;
    return { chunks: rows.length, counts: sum };
  };

  return {
    /** Record a new run; runs left running (their holder's lease expired) are abandoned, so their chunks no longer count. */
    async createRun(run: NewRun): Promise<void> {
      await sql.transaction(async (tx) => {
        await tx.query(`UPDATE monitor_runs SET status = 'abandoned', finished_at = now() WHERE status = 'running'`);
        await tx.query(
          'INSERT INTO monitor_runs (id, mode, status, versions, changed, gone, threshold, actor, holder, chunks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          [run.id, run.mode, 'running', JSON.stringify(run.versions), JSON.stringify(run.changed), JSON.stringify(run.gone), run.threshold, run.actor, run.holder, run.chunks],
        );
      });
    },

    async getRun(id: string): Promise<StoredRun | null> {
      if (!storable(id)) return null;
      const { rows } = await sql.query<StoredRun>(`SELECT ${RUN_COLUMNS} FROM monitor_runs WHERE id = $1`, [id]);
      return rows[0] ?? null;
    },

    /** The most recent runs, newest first. */
    async listRuns(limit = 20): Promise<StoredRun[]> {
      const { rows } = await sql.query<StoredRun>(`SELECT ${RUN_COLUMNS} FROM monitor_runs ORDER BY created_at DESC, id LIMIT $1`, [limit]);
      return rows;
    },

    /** Lock a run for the rest of the transaction: the chunks of one run commit one after another. */
    async lockRun(id: string): Promise<StoredRun | null> {
      const { rows } = await sql.query<StoredRun>(`SELECT ${RUN_COLUMNS} FROM monitor_runs WHERE id = $1 FOR UPDATE`, [id]);
      return rows[0] ?? null;
    },

    /** Whether this chunk of the run was recorded: a chunk taken twice is screened once. */
    async chunkDone(runId: string, chunk: number): Promise<boolean> {
      const { rows } = await sql.query('SELECT 1 FROM monitor_run_chunks WHERE run_id = $1 AND chunk = $2', [runId, chunk]);
      return rows.length === 1;
    },

    /** Record a screened chunk and what it did; returns the run's progress with it. */
    async recordChunk(runId: string, chunk: number, counts: Record<string, number>): Promise<RunProgress> {
      await sql.query('INSERT INTO monitor_run_chunks (run_id, chunk, counts) VALUES ($1, $2, $3)', [runId, chunk, JSON.stringify(counts)]);
      return runProgress(runId);
    },

    /** A running run's chunks done so far and their counts summed. */
    runProgress,

    /** Mark a run done with its summary. */
    async finishRun(id: string, summary: Record<string, unknown>): Promise<void> {
      await sql.query(`UPDATE monitor_runs SET status = 'done', summary = $2, finished_at = now() WHERE id = $1`, [id, JSON.stringify(summary)]);
    },

    /** The version of each dataset the parties were last screened against. */
    async monitorState(): Promise<Map<string, string>> {
      const { rows } = await sql.query<{ dataset: string; version_id: string }>('SELECT dataset, version_id FROM monitor_state');
      return new Map(rows.map((r) => [r.dataset, r.version_id]));
    },

    /** Record the versions the parties were screened against, by dataset (others are left as they were). */
    async setMonitorState(state: Map<string, string>): Promise<void> {
      for (const [dataset, version] of state) {
        await sql.query(
          'INSERT INTO monitor_state (dataset, version_id) VALUES ($1, $2) ON CONFLICT (dataset) DO UPDATE SET version_id = EXCLUDED.version_id, screened_at = now()',
          [dataset, version],
        );
      }
    },
  };
}
