import { appendAudit } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/** A batch screening shared by the nodes of a cluster, as stored. */
export interface StoredJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  inputFormat: string;
  outputFormat: string;
  search: Record<string, unknown>;
  total: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Rows answered so far, matches and bad rows among them. */
  done: number;
  matches: number;
  bad: number;
  /** How the upload was read and what it was screened against, as the job's status reports them. */
  reading: Record<string, unknown> | null;
}

/** How a job's completion is audited: its action and subject, and whether its rows' verdicts are counted there. */
export interface JobCompletion {
  action: string;
  subject: string;
  verdicts?: boolean;
  /** Recorded with the counts (the rules version a batch of shipments was checked against). */
  after?: Record<string, unknown>;
}

async function verdictsOf(sql: Pick<SqlClient, 'query'>, id: string): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ verdict: string; n: string | number }>(
    "SELECT outcome->'answer'->>'verdict' AS verdict, count(*) AS n FROM screening_results WHERE job_id = $1 AND NOT bad AND outcome ? 'answer' GROUP BY 1",
    [id],
  );
  return Object.fromEntries(rows.map((r) => [r.verdict, Number(r.n)]));
}

interface JobRow {
  id: string;
  status: StoredJob['status'];
  input_format: string;
  output_format: string;
  search: Record<string, unknown>;
  total: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  done: string | number;
  matches: string | number;
  bad: string | number;
  reading: Record<string, unknown> | null;
}

/** Batch screening jobs, their rows and results, over one SQL client. */
export class ScreeningJobsSql {
  constructor(private readonly sql: SqlClient) {}

  /** Store a job and its rows (numbered from 0) in one transaction. */
  async create(job: Pick<StoredJob, 'id' | 'inputFormat' | 'outputFormat' | 'search' | 'reading'>, rows: unknown[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('INSERT INTO screening_jobs (id, status, input_format, output_format, search, total, reading) VALUES ($1, $2, $3, $4, $5, $6, $7)', [job.id, 'queued', job.inputFormat, job.outputFormat, JSON.stringify(job.search), rows.length, job.reading === null ? null : JSON.stringify(job.reading)]);
      for (let i = 0; i < rows.length; i += 2000) {
        await tx.query(
          'INSERT INTO screening_rows (job_id, seq, row) SELECT $1, x.seq, x.row FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, row jsonb)',
          [job.id, JSON.stringify(rows.slice(i, i + 2000).map((row, k) => ({ seq: i + k, row })))],
        );
      }
    });
  }

  async get(id: string): Promise<StoredJob | null> {
    if (!storable(id)) return null;
    const { rows } = await this.sql.query<JobRow>(
      `SELECT j.id, j.status, j.input_format, j.output_format, j.search, j.total, j.error, j.reading, ${utc('j.created_at')} AS created_at, ${utc('j.started_at')} AS started_at, ${utc('j.finished_at')} AS finished_at,
         c.done, c.matches, c.bad
       FROM screening_jobs j,
         LATERAL (SELECT count(*) AS done, count(*) FILTER (WHERE matched) AS matches, count(*) FILTER (WHERE bad) AS bad FROM screening_results r WHERE r.job_id = j.id) c
       WHERE j.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return { id: r.id, status: r.status, inputFormat: r.input_format, outputFormat: r.output_format, search: r.search, total: r.total, error: r.error, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at, done: Number(r.done), matches: Number(r.matches), bad: Number(r.bad), reading: r.reading };
  }

  /** The rows [from, to) of a job. */
  async rows<T>(id: string, from: number, to: number): Promise<{ seq: number; row: T }[]> {
    const { rows } = await this.sql.query<{ seq: number; row: T }>('SELECT seq, row FROM screening_rows WHERE job_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq', [id, from, to]);
    return rows;
  }

  /**
   * Record results; a row already answered (its chunk screened again after a worker died) keeps
   * its first answer. Marks the job running, and done once every row is answered, which is
   * audited as `completion` says (a batch of shipments counts its verdicts there too).
   */
  async answer(id: string, results: { seq: number; outcome: unknown; matched: boolean; bad: boolean }[], completion: JobCompletion = { action: 'screening.done', subject: `screening:${id}` }): Promise<void> {
    await this.sql.transaction(async (tx) => {
      // One answer at a time per job: the last one then sees every other's rows when it counts.
      // A job no longer there (expired while a chunk of it was screened again) takes no results: none would ever be deleted.
      const { rows: job } = await tx.query('SELECT 1 FROM screening_jobs WHERE id = $1 FOR UPDATE', [id]);
      if (!job.length) return;
      await tx.query(
        `INSERT INTO screening_results (job_id, seq, outcome, matched, bad)
         SELECT $1, x.seq, x.outcome, x.matched, x.bad FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, outcome jsonb, matched boolean, bad boolean)
         ON CONFLICT (job_id, seq) DO NOTHING`,
        [id, JSON.stringify(results)],
      );
      const { rows: finished } = await tx.query<{ total: number; matches: string | number; bad: string | number }>(
        `UPDATE screening_jobs j SET
           status = CASE WHEN c.done >= j.total THEN 'done' ELSE 'running' END,
           started_at = coalesce(started_at, now()),
           finished_at = CASE WHEN c.done >= j.total THEN coalesce(finished_at, now()) END
         FROM (SELECT count(*) AS done, count(*) FILTER (WHERE matched) AS matches, count(*) FILTER (WHERE bad) AS bad FROM screening_results WHERE job_id = $1) c
         WHERE j.id = $1 AND j.status IN ('queued', 'running')
         RETURNING CASE WHEN j.status = 'done' THEN j.total END AS total, c.matches, c.bad`,
        [id],
      );
      // The answer that completes the job records what it came to, in the same transaction.
      const done = finished[0];
      if (done?.total !== undefined && done.total !== null) {
        const counts = { rows: Number(done.total), matches: Number(done.matches), bad: Number(done.bad) };
        const after = completion.verdicts ? { ...counts, verdicts: await verdictsOf(tx, id), ...completion.after } : { ...counts, ...completion.after };
        await appendAudit(tx, { actor: 'worker', action: completion.action, subject: completion.subject, after });
      }
    });
  }

  /** The verdicts of a batch of shipments' rows answered so far, counted (rows that could not be read have none). */
  verdicts(id: string): Promise<Record<string, number>> {
    return verdictsOf(this.sql, id);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.sql.query(`UPDATE screening_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status <> 'done'`, [id, error]);
  }

  /**
   * Delete the jobs that finished (done or failed) before `before`, with their rows and results,
   * and return their ids. A job queued or running is never deleted, however old.
   */
  async expire(before: Date): Promise<string[]> {
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(`DELETE FROM screening_jobs WHERE status IN ('done', 'failed') AND finished_at < $1 RETURNING id`, [before.toISOString()]);
      const ids = rows.map((r) => r.id);
      if (ids.length) {
        await tx.query('DELETE FROM screening_rows WHERE job_id = ANY($1::text[])', [ids]);
        await tx.query('DELETE FROM screening_results WHERE job_id = ANY($1::text[])', [ids]);
      }
      return ids;
    });
  }

  /** The results in input order, in pages. */
  async *results<T>(id: string): AsyncIterable<T> {
    for (let after = -1; ; ) {
      const { rows } = await this.sql.query<{ seq: number; outcome: T }>('SELECT seq, outcome FROM screening_results WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000', [id, after]);
      for (const row of rows) yield row.outcome;
      if (rows.length < 5000) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
}
