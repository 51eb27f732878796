import { statusOnConfirmation, statusOnDecision, UNDECIDED_STATUSES, type AlertStatus, type Decision } from '../core/alert-review.js';
import { NotFoundError, InputError } from '../core/errors.js';
import { notSecondPerson } from '../core/four-eyes.js';
import { appendAudit } from './audit.js';
import { readMonitorSettings } from './monitor-settings.js';
import { storable, utc, type SqlClient } from './sql.js';

/**
 * A match of a party with a listed entity, raised by re-screening, with its review.
 *
 * @example { id: 7, partyId: 'c-1042', entityId: 'NK-abc', caption: 'KIM Yong Chol', score: 0.93, status: 'confirming', decision: 'true_match', decidedBy: 'key:k1 (ana)', ... }
 */
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

/** An alert to raise: the match, before any review. */
export type NewAlert = Pick<Alert, 'partyId' | 'partyHash' | 'entityId' | 'caption' | 'designationsHash' | 'datasets' | 'versionId' | 'score' | 'explanation'>;

/** Which alerts to list, in id order. @example { status: 'open', dataset: 'us_ofac_sdn', minScore: 0.9, after: 120, limit: 50 } */
export interface AlertQuery {
  status?: AlertStatus;
  dataset?: string;
  minScore?: number;
  /** Alerts on these parties only. */
  partyIds?: string[];
  /** Alerts with ids above this (paging). */
  after?: number;
  /** At most 10,000 (default 100). */
  limit?: number;
}

/** Alerts written per statement, and pairs looked up per query. */
const BATCH = 1000;
const MAX_LIMIT = 10_000;

const ALERT_COLUMNS = `id, party_id, party_hash, entity_id, caption, designations_hash, datasets, version_id, score, explanation, status, decision, decided_by, ${utc('decided_at')} AS decided_at, note, confirmed_by, ${utc('confirmed_at')} AS confirmed_at, ${utc('created_at')} AS created_at`;
// The statuses as SQL literals, so that the partial index on undecided alerts serves the query.
const UNDECIDED_SQL = UNDECIDED_STATUSES.map((s) => `'${s}'`).join(', ');

/** The WHERE clause of an alert query, or undefined when it can find nothing (a value PostgreSQL text cannot hold, a NUL, is in no alert). */
function alertFilter(query: Omit<AlertQuery, 'limit'>): { where: string[]; params: unknown[] } | undefined {
  if (query.dataset !== undefined && !storable(query.dataset)) return undefined;
  const where: string[] = ['id > $1'];
  const params: unknown[] = [query.after ?? 0];
  if (query.status) where.push(`status = $${params.push(query.status)}`);
  if (query.dataset) where.push(`$${params.push(query.dataset)} = ANY(datasets)`);
  if (query.minScore !== undefined) where.push(`score >= $${params.push(query.minScore)}`);
  if (query.partyIds) where.push(`party_id = ANY($${params.push(query.partyIds.filter(storable))}::text[])`);
  return { where, params };
}

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

const validId = (id: number): boolean => Number.isSafeInteger(id) && id >= 1;

/** The alert, locked for the rest of the transaction so that two reviews of it take turns. */
async function lockAlert(tx: SqlClient, id: number): Promise<Alert> {
  if (!validId(id)) throw new NotFoundError(`alert ${id}`);
  const { rows } = await tx.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new NotFoundError(`alert ${id}`);
  return toAlert(rows[0]);
}

/** Who made the API key an actor (`key:<id> (label)`) acts with; null for an actor without a key. */
async function keyMakerOf(tx: SqlClient, actor: string): Promise<string | null> {
  const key = /^key:(\S+)/.exec(actor)?.[1];
  if (!key) return null;
  const { rows } = await tx.query<{ created_by: string | null }>('SELECT created_by FROM api_keys WHERE id = $1', [key]);
  return rows[0]?.created_by ?? null;
}

/** Alerts and their review; the rules they follow are core's (`alert-review`, `four-eyes`), each change audited. */
export type AlertsSql = ReturnType<typeof createAlertsSql>;

export function createAlertsSql(sql: SqlClient) {
  return {
    /** The newest alert of each given party and entity pair, by `partyId NUL entityId`. */
    async latestAlerts(pairs: { partyId: string; entityId: string }[]): Promise<Map<string, Alert>> {
      const out = new Map<string, Alert>();
      for (let i = 0; i < pairs.length; i += BATCH) {
        const batch = pairs.slice(i, i + BATCH);
        const { rows } = await sql.query<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id IN (
             SELECT max(a.id) FROM alerts a JOIN unnest($1::text[], $2::text[]) AS u(party_id, entity_id) ON a.party_id = u.party_id AND a.entity_id = u.entity_id
             GROUP BY a.party_id, a.entity_id)`,
          [batch.map((p) => p.partyId), batch.map((p) => p.entityId)],
        );
        for (const row of rows) out.set(`${row.party_id}\u0000${row.entity_id}`, toAlert(row));
      }
      return out;
    },

    /** Raise alerts, open, in one audited transaction; whether a match deserves one is `alertVerdict`'s to say. */
    async insertAlerts(alerts: NewAlert[], actor: string): Promise<Alert[]> {
      if (!alerts.length) return [];
      return sql.transaction(async (tx) => {
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
    },

    /** Close the undecided alerts on entities no current list carries any more, with a note; returns how many. */
    async closeAlertsOnEntities(entityIds: string[], note: string, actor: string): Promise<number> {
      if (!entityIds.length) return 0;
      return sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string | number }>(
          `UPDATE alerts SET status = 'closed', note = $2, decided_by = $3, decided_at = now()
           WHERE entity_id = ANY($1::text[]) AND status IN (${UNDECIDED_SQL}) RETURNING id`,
          [entityIds, note, actor],
        );
        if (rows.length) await appendAudit(tx, { actor, action: 'alerts.close', before: { status: 'open' }, after: { status: 'closed', note, alerts: rows.map((r) => Number(r.id)) } });
        return rows.length;
      });
    },

    async getAlert(id: number): Promise<Alert | null> {
      if (!validId(id)) return null;
      const { rows } = await sql.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`, [id]);
      return rows[0] ? toAlert(rows[0]) : null;
    },

    /** A page of alerts in id order, filtered by status, dataset, lowest score and parties. */
    async listAlerts(query: AlertQuery = {}): Promise<Alert[]> {
      const filter = alertFilter(query);
      if (!filter) return [];
      const { where, params } = filter;
      params.push(Math.min(query.limit ?? 100, MAX_LIMIT));
      const { rows } = await sql.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`, params);
      return rows.map(toAlert);
    },

    /** How many alerts the filter finds, without a limit. */
    async countAlerts(query: Omit<AlertQuery, 'limit'> = {}): Promise<number> {
      const filter = alertFilter(query);
      if (!filter) return 0;
      const { rows } = await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM alerts WHERE ${filter.where.join(' AND ')}`, filter.params);
      return Number(rows[0]!.n);
    },

    /** The newest alert's id (0 when there is none): alerts raised later have greater ids. */
    async lastAlertId(): Promise<number> {
      const { rows } = await sql.query<{ id: string | number | null }>('SELECT max(id) AS id FROM alerts');
      return Number(rows[0]!.id ?? 0);
    },

    /** Decide an open alert, audited; the status it takes is `statusOnDecision`'s, under the four-eyes setting read in the same transaction. */
    async decideAlert(id: number, decision: Decision, note: string, actor: string): Promise<Alert> {
      return sql.transaction(async (tx) => {
        const before = await lockAlert(tx, id);
        const status = statusOnDecision(before, decision, (await readMonitorSettings(tx)).fourEyes);
        const { rows } = await tx.query<AlertRow>(
          `UPDATE alerts SET status = $2, decision = $5, note = $3, decided_by = $4, decided_at = now() WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
          [id, status, note, actor, decision],
        );
        const after = toAlert(rows[0]!);
        await appendAudit(tx, { actor, action: 'alert.decide', subject: `alert:${id}`, before: { status: before.status }, after: { status, decision, note, party: after.partyId, entity: after.entityId } });
        return after;
      });
    },

    /** A second analyst's confirmation of a decision awaiting one, audited; refused (`notSecondPerson`) to whoever decided it or made their key. */
    async confirmAlert(id: number, actor: string, note?: string): Promise<Alert> {
      return sql.transaction(async (tx) => {
        const before = await lockAlert(tx, id);
        const status = statusOnConfirmation(before);
        const decider = before.decidedBy ?? '';
        const why = notSecondPerson({ actor: decider, keyMaker: await keyMakerOf(tx, decider) }, { actor, keyMaker: await keyMakerOf(tx, actor) });
        if (why) throw new InputError('FOUR_EYES', `alert ${id} cannot be confirmed by ${actor}: ${why}; a second analyst must confirm it`);
        const { rows } = await tx.query<AlertRow>(
          `UPDATE alerts SET status = $4, confirmed_by = $2, confirmed_at = now(), note = coalesce($3, note) WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
          [id, actor, note ?? null, status],
        );
        await appendAudit(tx, { actor, action: 'alert.confirm', subject: `alert:${id}`, before: { status: 'confirming', decidedBy: before.decidedBy }, after: { status, note: note ?? null } });
        return toAlert(rows[0]!);
      });
    },
  };
}
