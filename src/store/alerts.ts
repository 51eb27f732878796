import { statusOnConfirmation, statusOnDecision, UNDECIDED_STATUSES, type AlertStatus, type Decision } from '../core/alert-review.js';
import { NotFoundError, InputError } from '../core/errors.js';
import { notSecondPerson } from '../core/four-eyes.js';
import { appendAudit } from './audit.js';
import { readMonitorSettings } from './monitor-settings.js';
import { storable, utc, type SqlClient } from './sql.js';

/**
 * A match of a party with a listed designee, raised by re-screening, with its review: one alert
 * for every list record of the designee, its decision holding for all of them.
 *
 * @example { id: 7, partyId: 'c-1042', entityId: 'un_sc-KPi.033', members: ['un_sc-KPi.033', 'us_ofac_sdn-12211'], datasets: ['un_sc', 'us_ofac_sdn'], caption: 'RI WON HO', score: 0.93, status: 'confirming', decision: 'true_match', decidedBy: 'key:k1 (ana)', ... }
 */
export interface Alert {
  id: number;
  /** Raised by a list (a party matching a designee) or by the news (a party named in an article: `entityId` is `news:<article id>`). */
  kind: AlertKind;
  partyId: string;
  partyHash: string;
  /** The designee's record that scored best, whose caption, score and explanation the alert shows. */
  entityId: string;
  /** Every record of the designee (`entityId` among them); an alert raised before designees were kept has `[entityId]`. */
  members: string[];
  caption: string;
  /** A hash of the members' designations: a new alert is raised when they change. */
  designationsHash: string;
  /** Every list that lists the designee (its members' datasets). */
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

export type AlertKind = 'list' | 'adverse_media';

/** An alert to raise: the match, before any review (without `members`, the alert is on `entityId` alone; without `kind`, a list's). */
export type NewAlert = Pick<Alert, 'partyId' | 'partyHash' | 'entityId' | 'caption' | 'designationsHash' | 'datasets' | 'versionId' | 'score' | 'explanation'> & { members?: string[]; kind?: AlertKind };

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

// An alert raised before members were kept reads as the one record it was raised on.
const ALERT_COLUMNS = `id, kind, party_id, party_hash, entity_id, coalesce(members, ARRAY[entity_id]) AS members, caption, designations_hash, datasets, version_id, score, explanation, status, decision, decided_by, ${utc('decided_at')} AS decided_at, note, confirmed_by, ${utc('confirmed_at')} AS confirmed_at, ${utc('created_at')} AS created_at`;
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
  kind: AlertKind;
  party_id: string;
  party_hash: string;
  entity_id: string;
  members: string[];
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
  id: Number(r.id), kind: r.kind, partyId: r.party_id, partyHash: r.party_hash, entityId: r.entity_id, members: r.members, caption: r.caption, designationsHash: r.designations_hash, datasets: r.datasets, versionId: r.version_id,
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
    /**
     * For each party and designee (its records), the party's newest alert on any of those
     * records, whichever record it was raised on and whichever it names best; in the order
     * asked, undefined where there is none.
     */
    async latestAlerts(designees: { partyId: string; members: string[] }[]): Promise<(Alert | undefined)[]> {
      const out: (Alert | undefined)[] = designees.map(() => undefined);
      // One row per (asked, record), sent in batches of about BATCH rows.
      let k = 0;
      while (k < designees.length) {
        const keys: number[] = [];
        const parties: string[] = [];
        const members: string[] = [];
        for (; k < designees.length && keys.length < BATCH; k++) {
          for (const member of designees[k]!.members) {
            keys.push(k);
            parties.push(designees[k]!.partyId);
            members.push(member);
          }
        }
        if (!keys.length) continue;
        const { rows } = await sql.query<AlertRow & { k: number }>(
          `SELECT found.k, ${ALERT_COLUMNS} FROM alerts JOIN (
             SELECT DISTINCT ON (u.k) u.k, a.id AS alert_id FROM alerts a
             JOIN unnest($1::int[], $2::text[], $3::text[]) AS u(k, party_id, member) ON a.party_id = u.party_id AND (a.entity_id = u.member OR u.member = ANY(a.members))
             ORDER BY u.k, a.id DESC) AS found ON alerts.id = found.alert_id`,
          [keys, parties, members],
        );
        for (const row of rows) out[Number(row.k)] = toAlert(row);
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
            `INSERT INTO alerts (kind, party_id, party_hash, entity_id, members, caption, designations_hash, datasets, version_id, score, explanation)
             SELECT x.kind, x.party_id, x.party_hash, x.entity_id, CASE WHEN jsonb_typeof(x.members) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(x.members)) END,
               x.caption, x.designations_hash, ARRAY(SELECT jsonb_array_elements_text(x.datasets)), x.version_id, x.score, x.explanation
             FROM jsonb_to_recordset($1::jsonb) AS x(kind text, party_id text, party_hash text, entity_id text, members jsonb, caption text, designations_hash text, datasets jsonb, version_id text, score double precision, explanation jsonb)
             RETURNING ${ALERT_COLUMNS}`,
            [JSON.stringify(alerts.slice(i, i + BATCH).map((a) => ({ kind: a.kind ?? 'list', party_id: a.partyId, party_hash: a.partyHash, entity_id: a.entityId, members: a.members ?? null, caption: a.caption, designations_hash: a.designationsHash, datasets: a.datasets, version_id: a.versionId, score: a.score, explanation: a.explanation })))],
          );
          out.push(...rows.map(toAlert));
        }
        const kinds = [...new Set(out.map((a) => a.kind))];
        await appendAudit(tx, { actor, action: 'alerts.raise', after: { alerts: out.map((a) => a.id), versions: [...new Set(out.map((a) => a.versionId))], ...(kinds.some((k) => k !== 'list') ? { kinds } : {}) } });
        return out;
      });
    },

    /**
     * Close the undecided alerts on entities no current list carries any more, with a note;
     * returns how many. An alert on a designee is closed only when none of its records is still
     * in a current version: another list listing it keeps the alert open.
     */
    async closeAlertsOnEntities(entityIds: string[], note: string, actor: string): Promise<number> {
      if (!entityIds.length) return 0;
      return sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string | number }>(
          `UPDATE alerts a SET status = 'closed', note = $2, decided_by = $3, decided_at = now()
           WHERE (a.entity_id = ANY($1::text[]) OR a.members && $1::text[]) AND a.status IN (${UNDECIDED_SQL})
             AND NOT EXISTS (
               SELECT 1 FROM unnest(coalesce(a.members, ARRAY[a.entity_id])) AS m(id)
               JOIN version_entities v ON v.entity_id = m.id JOIN dataset_heads h ON h.version_id = v.version_id)
           RETURNING a.id`,
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
