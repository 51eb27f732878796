import { sha256 } from '../core/canonical.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { DEFAULT_CLEAR_SCORE, needsSecondPerson, notSecondPerson } from '../core/four-eyes.js';
import { appendAudit, stableJson } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/** A monitored party (a customer), as imported. */
export interface Party {
  id: string;
  schema: string;
  name: string;
  properties: Record<string, string[]>;
  /** Changes when the party is edited. */
  hash: string;
  /** The hash last screened against every current list (null: never). */
  screenedHash: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartyInput {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export type AlertStatus = 'open' | 'confirming' | 'true_match' | 'false_positive' | 'closed';
export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'confirming', 'true_match', 'false_positive', 'closed'];
export type Decision = 'true_match' | 'false_positive';

/** A match of a party with a listed entity, raised by re-screening, with its review. */
export interface Alert {
  id: number;
  partyId: string;
  partyHash: string;
  entityId: string;
  caption: string;
  designationsHash: string;
  datasets: string[];
  versionId: string;
  score: number;
  explanation: unknown;
  status: AlertStatus;
  /** The decision taken, or awaiting its confirmation (`confirming`). */
  decision: Decision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  createdAt: string;
}

export type NewAlert = Pick<Alert, 'partyId' | 'partyHash' | 'entityId' | 'caption' | 'designationsHash' | 'datasets' | 'versionId' | 'score' | 'explanation'>;

/** A re-screening as stored: what its chunks screen against, and, when done, what it did. */
export interface StoredRun {
  id: string;
  mode: 'changes' | 'full';
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

export type NewRun = Pick<StoredRun, 'id' | 'mode' | 'versions' | 'changed' | 'gone' | 'threshold' | 'actor' | 'holder' | 'chunks'>;

export interface AlertQuery {
  status?: AlertStatus;
  dataset?: string;
  minScore?: number;
  /** Alerts with ids above this (paging). */
  after?: number;
  limit?: number;
}

/** What an import did. */
export interface PartyImport {
  added: number;
  updated: number;
  unchanged: number;
}

/** The edit hash of a party: its schema and properties, order-free. */
export function partyHash(party: PartyInput): string {
  const properties: Record<string, string[]> = {};
  for (const key of Object.keys(party.properties).sort()) {
    const values = [...new Set(party.properties[key]!.map((v) => v.trim()).filter(Boolean))].sort();
    if (values.length) properties[key] = values;
  }
  return sha256(stableJson({ schema: party.schema, properties })).slice(0, 32);
}

const PARTY_COLUMNS = `id, schema, name, properties, hash, screened_hash, ${utc('created_at')} AS created_at, ${utc('updated_at')} AS updated_at`;
const ALERT_COLUMNS = `id, party_id, party_hash, entity_id, caption, designations_hash, datasets, version_id, score, explanation, status, decision, decided_by, ${utc('decided_at')} AS decided_at, note, confirmed_by, ${utc('confirmed_at')} AS confirmed_at, ${utc('created_at')} AS created_at`;

interface PartyRow {
  id: string;
  schema: string;
  name: string;
  properties: Record<string, string[]>;
  hash: string;
  screened_hash: string | null;
  created_at: string;
  updated_at: string;
}

const toParty = (r: PartyRow): Party => ({ id: r.id, schema: r.schema, name: r.name, properties: r.properties, hash: r.hash, screenedHash: r.screened_hash, createdAt: r.created_at, updatedAt: r.updated_at });

interface AlertRow {
  id: string | number;
  party_id: string;
  party_hash: string;
  entity_id: string;
  caption: string;
  designations_hash: string;
  datasets: string[];
  version_id: string;
  score: number;
  explanation: unknown;
  status: AlertStatus;
  decision: Decision | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  created_at: string;
}

const toAlert = (r: AlertRow): Alert => ({
  id: Number(r.id), partyId: r.party_id, partyHash: r.party_hash, entityId: r.entity_id, caption: r.caption, designationsHash: r.designations_hash, datasets: r.datasets, versionId: r.version_id,
  score: Number(r.score), explanation: r.explanation, status: r.status, decision: r.decision, decidedBy: r.decided_by, decidedAt: r.decided_at, note: r.note, confirmedBy: r.confirmed_by, confirmedAt: r.confirmed_at, createdAt: r.created_at,
});

// Runs are read under their field names (threshold is float8 and chunks integer: numbers from both clients).
const RUN_COLUMNS = `id, mode, status, versions, changed, gone, threshold, actor, holder, chunks, summary, ${utc('created_at')} AS "createdAt", ${utc('finished_at')} AS "finishedAt"`;

const BATCH = 1000;

/** Which parties: all; those screened in full at their current hash (true); the others, new or edited (false). */
function screenedFilter(screened: boolean | undefined): string {
  return screened === undefined ? 'TRUE' : screened ? 'screened_hash = hash' : 'screened_hash IS DISTINCT FROM hash';
}

/** Parties, alerts, settings and monitor state over one SQL client; every change is audited in its own transaction. */
export class MonitoringSql {
  constructor(private readonly sql: SqlClient) {}

  /** Add or update parties (by id); an edit changes the party's hash, so it is screened again. */
  async upsertParties(parties: PartyInput[], actor: string): Promise<PartyImport> {
    const seen = new Set<string>();
    for (const party of parties) {
      if (!party.id || !storable(party.id)) throw new InputError('INVALID_PARTY', `party id ${JSON.stringify(party.id)} is empty or not storable`);
      if (seen.has(party.id)) throw new InputError('DUPLICATE_PARTY', `party id ${party.id} appears twice`);
      seen.add(party.id);
      if (!party.properties.name?.some((n) => n.trim())) throw new InputError('INVALID_PARTY', `party ${party.id} has no name`);
    }
    return this.sql.transaction(async (tx) => {
      const result: PartyImport = { added: 0, updated: 0, unchanged: 0 };
      for (let i = 0; i < parties.length; i += BATCH) {
        const batch = parties.slice(i, i + BATCH).map((p) => ({ id: p.id, schema: p.schema, name: p.properties.name!.find((n) => n.trim())!.trim(), properties: p.properties, hash: partyHash(p) }));
        const { rows } = await tx.query<{ inserted: boolean; changed: boolean }>(
          `WITH input AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, schema text, name text, properties jsonb, hash text)),
           old AS (SELECT p.id, p.hash FROM parties p JOIN input USING (id)),
           up AS (
             INSERT INTO parties (id, schema, name, properties, hash) SELECT id, schema, name, properties, hash FROM input
             ON CONFLICT (id) DO UPDATE SET schema = EXCLUDED.schema, name = EXCLUDED.name, properties = EXCLUDED.properties, hash = EXCLUDED.hash, updated_at = now()
             WHERE parties.hash <> EXCLUDED.hash
             RETURNING id)
           SELECT (old.id IS NULL) AS inserted, (old.id IS NOT NULL AND up.id IS NOT NULL) AS changed
           FROM input LEFT JOIN old USING (id) LEFT JOIN up USING (id)`,
          [JSON.stringify(batch)],
        );
        for (const row of rows) {
          if (row.inserted) result.added++;
          else if (row.changed) result.updated++;
          else result.unchanged++;
        }
      }
      await appendAudit(tx, { actor, action: 'parties.import', after: { ...result, parties: parties.length } });
      return result;
    });
  }

  /** Remove parties by id; their alerts stay, for the record. Returns the ids that were there. */
  async removeParties(ids: string[], actor: string): Promise<string[]> {
    const wanted = ids.filter(storable);
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>('DELETE FROM parties WHERE id = ANY($1::text[]) RETURNING id', [wanted]);
      const removed = rows.map((r) => r.id).sort();
      if (removed.length) await appendAudit(tx, { actor, action: 'parties.remove', after: { ids: removed } });
      return removed;
    });
  }

  async getParty(id: string): Promise<Party | null> {
    if (!storable(id)) return null;
    const { rows } = await this.sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id = $1`, [id]);
    return rows[0] ? toParty(rows[0]) : null;
  }

  /** A page of parties in id order, after the given id. */
  async listParties(options: { after?: string; limit?: number } = {}): Promise<Party[]> {
    const { rows } = await this.sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id > $1 ORDER BY id LIMIT $2`, [options.after ?? '', options.limit ?? 100]);
    return rows.map(toParty);
  }

  async countParties(): Promise<number> {
    const { rows } = await this.sql.query<{ n: string | number }>('SELECT count(*) AS n FROM parties');
    return Number(rows[0]!.n);
  }

  /** Whether any party was added or edited since it was last screened in full. */
  async partiesDue(): Promise<boolean> {
    const { rows } = await this.sql.query(`SELECT 1 FROM parties WHERE ${screenedFilter(false)} LIMIT 1`);
    return rows.length > 0;
  }

  /**
   * Every party, streamed in id order; with `screened: false`, only those added or edited since
   * they were last screened against every list; with `screened: true`, only the others.
   */
  async *parties(options: { screened?: boolean } = {}): AsyncIterable<Party> {
    const filter = screenedFilter(options.screened);
    for (let after = ''; ; ) {
      const { rows } = await this.sql.query<PartyRow>(
        `SELECT ${PARTY_COLUMNS} FROM parties WHERE id > $1 AND ${filter} ORDER BY id LIMIT 5000`,
        [after],
      );
      for (const row of rows) yield toParty(row);
      if (rows.length < 5000) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** The ids of the parties `parties()` would give, in id order. */
  async partyIds(options: { screened?: boolean } = {}): Promise<string[]> {
    const { rows } = await this.sql.query<{ id: string }>(`SELECT id FROM parties WHERE ${screenedFilter(options.screened)} ORDER BY id`);
    return rows.map((r) => r.id);
  }

  /** The parties with these ids (those that are still there), in id order. */
  async partiesById(ids: string[]): Promise<Party[]> {
    const { rows } = await this.sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id = ANY($1::text[]) ORDER BY id`, [ids.filter(storable)]);
    return rows.map(toParty);
  }

  /** Record that these parties, at these hashes, were screened against every current list. */
  async markScreened(parties: { id: string; hash: string }[]): Promise<void> {
    for (let i = 0; i < parties.length; i += 5000) {
      const batch = parties.slice(i, i + 5000);
      await this.sql.query(
        `UPDATE parties p SET screened_hash = u.hash FROM unnest($1::text[], $2::text[]) AS u(id, hash) WHERE p.id = u.id`,
        [batch.map((p) => p.id), batch.map((p) => p.hash)],
      );
    }
  }

  /** The newest alert of each given party and entity pair. */
  async latestAlerts(pairs: { partyId: string; entityId: string }[]): Promise<Map<string, Alert>> {
    const out = new Map<string, Alert>();
    for (let i = 0; i < pairs.length; i += BATCH) {
      const batch = pairs.slice(i, i + BATCH);
      const { rows } = await this.sql.query<AlertRow>(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id IN (
           SELECT max(a.id) FROM alerts a JOIN unnest($1::text[], $2::text[]) AS u(party_id, entity_id) ON a.party_id = u.party_id AND a.entity_id = u.entity_id
           GROUP BY a.party_id, a.entity_id)`,
        [batch.map((p) => p.partyId), batch.map((p) => p.entityId)],
      );
      for (const row of rows) out.set(`${row.party_id}\u0000${row.entity_id}`, toAlert(row));
    }
    return out;
  }

  async insertAlerts(alerts: NewAlert[], actor: string): Promise<Alert[]> {
    if (!alerts.length) return [];
    return this.sql.transaction(async (tx) => {
      const out: Alert[] = [];
      for (let i = 0; i < alerts.length; i += BATCH) {
        const { rows } = await tx.query<AlertRow>(
          `INSERT INTO alerts (party_id, party_hash, entity_id, caption, designations_hash, datasets, version_id, score, explanation)
           SELECT x.party_id, x.party_hash, x.entity_id, x.caption, x.designations_hash, ARRAY(SELECT jsonb_array_elements_text(x.datasets)), x.version_id, x.score, x.explanation
           FROM jsonb_to_recordset($1::jsonb) AS x(party_id text, party_hash text, entity_id text, caption text, designations_hash text, datasets jsonb, version_id text, score double precision, explanation jsonb)
           RETURNING ${ALERT_COLUMNS}`,
          [JSON.stringify(alerts.slice(i, i + BATCH).map((a) => ({ party_id: a.partyId, party_hash: a.partyHash, entity_id: a.entityId, caption: a.caption, designations_hash: a.designationsHash, datasets: a.datasets, version_id: a.versionId, score: a.score, explanation: a.explanation })))],
        );
        out.push(...rows.map(toAlert));
      }
      await appendAudit(tx, { actor, action: 'alerts.raise', after: { alerts: out.map((a) => a.id), versions: [...new Set(out.map((a) => a.versionId))] } });
      return out;
    });
  }

  /** Close the open alerts on entities no current list carries any more, with a note. */
  async closeAlertsOnEntities(entityIds: string[], note: string, actor: string): Promise<number> {
    if (!entityIds.length) return 0;
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string | number }>(
        `UPDATE alerts SET status = 'closed', note = $2, decided_by = $3, decided_at = now()
         WHERE entity_id = ANY($1::text[]) AND status IN ('open', 'confirming') RETURNING id`,
        [entityIds, note, actor],
      );
      if (rows.length) await appendAudit(tx, { actor, action: 'alerts.close', before: { status: 'open' }, after: { status: 'closed', note, alerts: rows.map((r) => Number(r.id)) } });
      return rows.length;
    });
  }

  async getAlert(id: number): Promise<Alert | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const { rows } = await this.sql.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`, [id]);
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async listAlerts(query: AlertQuery = {}): Promise<Alert[]> {
    // A dataset PostgreSQL text cannot hold (a NUL) is none an alert names.
    if (query.dataset !== undefined && !storable(query.dataset)) return [];
    const where: string[] = ['id > $1'];
    const params: unknown[] = [query.after ?? 0];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.dataset) where.push(`$${params.push(query.dataset)} = ANY(datasets)`);
    if (query.minScore !== undefined) where.push(`score >= $${params.push(query.minScore)}`);
    params.push(Math.min(query.limit ?? 100, 10_000));
    const { rows } = await this.sql.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`, params);
    return rows.map(toAlert);
  }

  /**
   * Decide an open alert. With the four-eyes rule on, a true match waits in `confirming` for a
   * second analyst's `confirmAlert`.
   */
  async decideAlert(id: number, decision: Decision, note: string, actor: string): Promise<Alert> {
    return this.sql.transaction(async (tx) => {
      const before = await this.lockAlert(tx, id);
      if (before.status !== 'open') throw new InputError('ALERT_DECIDED', `alert ${id} is ${before.status}, not open`);
      const clearScore = await this.setting(tx, 'four_eyes_clear_score');
      const rule = { on: (await this.setting(tx, 'four_eyes')) === true, clearScore: typeof clearScore === 'number' ? clearScore : DEFAULT_CLEAR_SCORE };
      const status: AlertStatus = needsSecondPerson(rule, decision, before.score) ? 'confirming' : decision;
      const { rows } = await tx.query<AlertRow>(
        `UPDATE alerts SET status = $2, decision = $5, note = $3, decided_by = $4, decided_at = now() WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
        [id, status, note, actor, decision],
      );
      const after = toAlert(rows[0]!);
      await appendAudit(tx, { actor, action: 'alert.decide', subject: `alert:${id}`, before: { status: before.status }, after: { status, decision, note, party: after.partyId, entity: after.entityId } });
      return after;
    });
  }

  /** The second analyst's confirmation of a true match (four-eyes): not by the one who decided. */
  async confirmAlert(id: number, actor: string, note?: string): Promise<Alert> {
    return this.sql.transaction(async (tx) => {
      const before = await this.lockAlert(tx, id);
      if (before.status !== 'confirming') throw new InputError('ALERT_NOT_CONFIRMING', `alert ${id} is ${before.status}, not awaiting confirmation`);
      const makerOf = async (who: string): Promise<string | null> => {
        const key = /^key:(\S+)/.exec(who)?.[1];
        return key ? ((await tx.query<{ created_by: string | null }>('SELECT created_by FROM api_keys WHERE id = $1', [key])).rows[0]?.created_by ?? null) : null;
      };
      const why = notSecondPerson({ actor: before.decidedBy ?? '', keyMaker: await makerOf(before.decidedBy ?? '') }, { actor, keyMaker: await makerOf(actor) });
      if (why) throw new InputError('FOUR_EYES', `alert ${id} cannot be confirmed by ${actor}: ${why}; a second analyst must confirm it`);
      // The decision confirmed: a true match, or a high-scoring false positive.
      const decided = before.decision ?? 'true_match';
      const { rows } = await tx.query<AlertRow>(
        `UPDATE alerts SET status = $4, confirmed_by = $2, confirmed_at = now(), note = coalesce($3, note) WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
        [id, actor, note ?? null, decided],
      );
      await appendAudit(tx, { actor, action: 'alert.confirm', subject: `alert:${id}`, before: { status: 'confirming', decidedBy: before.decidedBy }, after: { status: decided, note: note ?? null } });
      return toAlert(rows[0]!);
    });
  }

  async getSetting(key: string): Promise<unknown> {
    return this.setting(this.sql, key);
  }

  async setSetting(key: string, value: unknown, actor: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const before = await this.setting(tx, key);
      await tx.query(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [key, JSON.stringify(value)]);
      await appendAudit(tx, { actor, action: 'setting.change', subject: `setting:${key}`, before: { value: before ?? null }, after: { value } });
    });
  }

  /** Take the re-screening lease for `seconds` unless another holder has it; true when taken. */
  async takeLease(holder: string, seconds: number): Promise<boolean> {
    const { rows } = await this.sql.query<{ holder: string }>(
      `INSERT INTO monitor_lease (id, holder, expires_at) VALUES (1, $1, now() + make_interval(secs => $2))
       ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE monitor_lease.expires_at < now() OR monitor_lease.holder = EXCLUDED.holder
       RETURNING holder`,
      [holder, seconds],
    );
    return rows.length === 1;
  }

  async releaseLease(holder: string): Promise<void> {
    await this.sql.query('DELETE FROM monitor_lease WHERE id = 1 AND holder = $1', [holder]);
  }

  /** Keep holding the lease `seconds` more; false when the holder lost it. */
  async extendLease(holder: string, seconds: number): Promise<boolean> {
    const { rows } = await this.sql.query('UPDATE monitor_lease SET expires_at = now() + make_interval(secs => $2) WHERE id = 1 AND holder = $1 RETURNING holder', [holder, seconds]);
    return rows.length === 1;
  }

  /** Run `fn` in one transaction, with the monitoring tables seen through it. */
  transaction<T>(fn: (monitoring: MonitoringSql) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => fn(new MonitoringSql(tx)));
  }

  /** Record a new run; runs left running (their holder's lease expired) are abandoned, so their chunks no longer count. */
  async createRun(run: NewRun): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`UPDATE monitor_runs SET status = 'abandoned', finished_at = now() WHERE status = 'running'`);
      await tx.query(
        'INSERT INTO monitor_runs (id, mode, status, versions, changed, gone, threshold, actor, holder, chunks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [run.id, run.mode, 'running', JSON.stringify(run.versions), JSON.stringify(run.changed), JSON.stringify(run.gone), run.threshold, run.actor, run.holder, run.chunks],
      );
    });
  }

  async getRun(id: string): Promise<StoredRun | null> {
    if (!storable(id)) return null;
    const { rows } = await this.sql.query<StoredRun>(`SELECT ${RUN_COLUMNS} FROM monitor_runs WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The most recent runs, newest first. */
  async listRuns(limit = 20): Promise<StoredRun[]> {
    const { rows } = await this.sql.query<StoredRun>(`SELECT ${RUN_COLUMNS} FROM monitor_runs ORDER BY created_at DESC, id LIMIT $1`, [limit]);
    return rows;
  }

  /** Lock a run for the rest of the transaction: the chunks of one run commit one after another. */
  async lockRun(id: string): Promise<StoredRun | null> {
    const { rows } = await this.sql.query<StoredRun>(`SELECT ${RUN_COLUMNS} FROM monitor_runs WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async chunkDone(runId: string, chunk: number): Promise<boolean> {
    const { rows } = await this.sql.query('SELECT 1 FROM monitor_run_chunks WHERE run_id = $1 AND chunk = $2', [runId, chunk]);
    return rows.length === 1;
  }

  /** Record a screened chunk and what it did; returns the run's progress with it (`runProgress`). */
  async recordChunk(runId: string, chunk: number, counts: Record<string, number>): Promise<{ chunks: number; counts: Record<string, number> }> {
    await this.sql.query('INSERT INTO monitor_run_chunks (run_id, chunk, counts) VALUES ($1, $2, $3)', [runId, chunk, JSON.stringify(counts)]);
    return this.runProgress(runId);
  }

  /** A running run's chunks done so far and their counts summed. */
  async runProgress(runId: string): Promise<{ chunks: number; counts: Record<string, number> }> {
    const { rows } = await this.sql.query<{ counts: Record<string, number> }>('SELECT counts FROM monitor_run_chunks WHERE run_id = $1', [runId]);
    const sum: Record<string, number> = {};
    for (const { counts } of rows) for (const [key, value] of Object.entries(counts)) sum[key] = (sum[key] ?? 0) + value;
    return { chunks: rows.length, counts: sum };
  }

  async finishRun(id: string, summary: Record<string, unknown>): Promise<void> {
    await this.sql.query(`UPDATE monitor_runs SET status = 'done', summary = $2, finished_at = now() WHERE id = $1`, [id, JSON.stringify(summary)]);
  }

  /** The version of each dataset the parties were last screened against. */
  async monitorState(): Promise<Map<string, string>> {
    const { rows } = await this.sql.query<{ dataset: string; version_id: string }>('SELECT dataset, version_id FROM monitor_state');
    return new Map(rows.map((r) => [r.dataset, r.version_id]));
  }

  async setMonitorState(state: Map<string, string>): Promise<void> {
    for (const [dataset, version] of state) {
      await this.sql.query(
        `INSERT INTO monitor_state (dataset, version_id) VALUES ($1, $2) ON CONFLICT (dataset) DO UPDATE SET version_id = EXCLUDED.version_id, screened_at = now()`,
        [dataset, version],
      );
    }
  }

  private async lockAlert(tx: SqlClient, id: number): Promise<Alert> {
    if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError(`alert ${id}`);
    const { rows } = await tx.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new NotFoundError(`alert ${id}`);
    return toAlert(rows[0]);
  }

  private async setting(client: SqlClient, key: string): Promise<unknown> {
    const { rows } = await client.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]?.value;
  }
}
