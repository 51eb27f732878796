import { InputError } from '../core/errors.js';
import type { LinkDecision } from '../core/linking.js';
import { appendAudit } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/** A decision as stored: the pair in id order, who decided, when, and why. */
export interface StoredLinkDecision {
  id: number;
  ids: [string, string];
  decision: LinkDecision;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

interface Row {
  id: string | number;
  record_a: string;
  record_b: string;
  decision: LinkDecision;
  note: string;
  decided_by: string;
  decided_at: string;
}

const COLUMNS = `id, record_a, record_b, decision, note, decided_by, ${utc('decided_at')} AS decided_at`;

const toDecision = (row: Row): StoredLinkDecision => ({ id: Number(row.id), ids: [row.record_a, row.record_b], decision: row.decision, note: row.note, decidedBy: row.decided_by, decidedAt: row.decided_at });

/** Analysts' decisions on links: two records confirmed one designee, or split apart. */
export type LinkDecisionsSql = ReturnType<typeof createLinkDecisionsSql>;

export function createLinkDecisionsSql(sql: SqlClient) {
  return {
    /** Record a decision on two records, audited; the newest on a pair stands. */
    async decideLink(a: string, b: string, decision: LinkDecision, note: string, actor: string): Promise<StoredLinkDecision> {
      if (decision !== 'same' && decision !== 'different') throw new InputError('INVALID_DECISION', `decision "${String(decision)}" is same or different`);
      for (const id of [a, b]) if (!id || !storable(id)) throw new InputError('BAD_REQUEST', `record id ${JSON.stringify(id)} is empty or not storable`);
      if (a === b) throw new InputError('BAD_REQUEST', `a record is always its own designee (${a})`);
      if (!note.trim() || !storable(note)) throw new InputError('BAD_REQUEST', 'note: say why (it is kept in the audit trail)');
      const [first, second] = a < b ? [a, b] : [b, a];
      return sql.transaction(async (tx) => {
        const { rows } = await tx.query<Row>(`INSERT INTO link_decisions (record_a, record_b, decision, note, decided_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`, [first, second, decision, note.trim(), actor]);
        const stored = toDecision(rows[0]!);
        await appendAudit(tx, { actor, action: 'link.decide', subject: `link:${first}~${second}`, after: { decision, note: stored.note } });
        return stored;
      });
    },

    /** The decision standing on each pair (the newest), in pair order. */
    async linkDecisions(): Promise<StoredLinkDecision[]> {
      const { rows } = await sql.query<Row>(`SELECT DISTINCT ON (record_a, record_b) ${COLUMNS} FROM link_decisions ORDER BY record_a, record_b, id DESC`);
      return rows.map(toDecision);
    },
  };
}
