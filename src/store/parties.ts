import { InputError } from '../core/errors.js';
import { partyHash, partyName, type PartyInput } from '../core/party.js';
import { appendAudit } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/**
 * A monitored party (a customer), as imported.
 *
 * @example { id: 'c-1042', schema: 'Person', name: 'Kim Yong Chol', properties: { name: ['Kim Yong Chol'] }, hash: 'b0e0f81a…', screenedHash: null, ... }
 */
export interface Party {
  id: string;
  schema: string;
  name: string;
  properties: Record<string, string[]>;
  /** Changes when the party is edited (`partyHash`). */
  hash: string;
  /** The hash last screened against every current list (null: never). */
  screenedHash: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What an import did. @example { added: 2, updated: 1, unchanged: 40 } */
export interface PartyImport {
  added: number;
  updated: number;
  unchanged: number;
}

/** Parties written per statement. */
const BATCH = 1000;
/** Parties per page when streamed, and per statement when marked screened. */
const PAGE = 5000;

const PARTY_COLUMNS = `id, schema, name, properties, hash, screened_hash, ${utc('created_at')} AS created_at, ${utc('updated_at')} AS updated_at`;

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

/** Which parties: all; those screened in full at their current hash (true); the others, new or edited (false). */
function screenedFilter(screened: boolean | undefined): string {
  return screened === undefined ? 'TRUE' : screened ? 'screened_hash = hash' : 'screened_hash IS DISTINCT FROM hash';
}

/** Refuse a batch with a party that has no storable id, appears twice or has no name, before anything is written. */
function checkParties(parties: PartyInput[]): void {
  const seen = new Set<string>();
  for (const party of parties) {
    if (!party.id || !storable(party.id)) throw new InputError('INVALID_PARTY', `party id ${JSON.stringify(party.id)} is empty or not storable`);
    if (seen.has(party.id)) throw new InputError('DUPLICATE_PARTY', `party id ${party.id} appears twice`);
    seen.add(party.id);
    if (!partyName(party)) throw new InputError('INVALID_PARTY', `party ${party.id} has no name`);
  }
}

/** The monitored parties, and which of them were screened at their current hash. */
export type PartiesSql = ReturnType<typeof createPartiesSql>;

export function createPartiesSql(sql: SqlClient) {
  return {
    /** Add or update parties (by id), audited; an edit changes the party's hash, so it is screened again. */
    async upsertParties(parties: PartyInput[], actor: string): Promise<PartyImport> {
      checkParties(parties);
      return sql.transaction(async (tx) => {
        const result: PartyImport = { added: 0, updated: 0, unchanged: 0 };
        for (let i = 0; i < parties.length; i += BATCH) {
          const batch = parties.slice(i, i + BATCH).map((p) => ({ id: p.id, schema: p.schema, name: partyName(p)!, properties: p.properties, hash: partyHash(p) }));
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
    },

    /** Remove parties by id, audited; their alerts stay, for the record. Returns the ids that were there. */
    async removeParties(ids: string[], actor: string): Promise<string[]> {
      const wanted = ids.filter(storable);
      return sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>('DELETE FROM parties WHERE id = ANY($1::text[]) RETURNING id', [wanted]);
        const removed = rows.map((r) => r.id).sort();
        if (removed.length) await appendAudit(tx, { actor, action: 'parties.remove', after: { ids: removed } });
        return removed;
      });
    },

    async getParty(id: string): Promise<Party | null> {
      if (!storable(id)) return null;
      const { rows } = await sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id = $1`, [id]);
      return rows[0] ? toParty(rows[0]) : null;
    },

    /** A page of parties in id order, after the given id. */
    async listParties(options: { after?: string; limit?: number } = {}): Promise<Party[]> {
      const { rows } = await sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id > $1 ORDER BY id LIMIT $2`, [options.after ?? '', options.limit ?? 100]);
      return rows.map(toParty);
    },

    async countParties(): Promise<number> {
      const { rows } = await sql.query<{ n: string | number }>('SELECT count(*) AS n FROM parties');
      return Number(rows[0]!.n);
    },

    /** Whether any party was added or edited since it was last screened in full. */
    async partiesDue(): Promise<boolean> {
      const { rows } = await sql.query(`SELECT 1 FROM parties WHERE ${screenedFilter(false)} LIMIT 1`);
      return rows.length > 0;
    },

    /**
     * Every party, streamed in id order; with `screened: false`, only those added or edited since
     * they were last screened against every list; with `screened: true`, only the others.
     */
    async *parties(options: { screened?: boolean } = {}): AsyncIterable<Party> {
      const filter = screenedFilter(options.screened);
      for (let after = ''; ; ) {
        const { rows } = await sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id > $1 AND ${filter} ORDER BY id LIMIT ${PAGE}`, [after]);
        for (const row of rows) yield toParty(row);
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.id;
      }
    },

    /** The ids of the parties `parties()` would give, in id order. */
    async partyIds(options: { screened?: boolean } = {}): Promise<string[]> {
      const { rows } = await sql.query<{ id: string }>(`SELECT id FROM parties WHERE ${screenedFilter(options.screened)} ORDER BY id`);
      return rows.map((r) => r.id);
    },

    /** The parties with these ids (those that are still there), in id order. */
    async partiesById(ids: string[]): Promise<Party[]> {
      const { rows } = await sql.query<PartyRow>(`SELECT ${PARTY_COLUMNS} FROM parties WHERE id = ANY($1::text[]) ORDER BY id`, [ids.filter(storable)]);
      return rows.map(toParty);
    },

    /** Record that these parties, at these hashes, were screened against every current list. */
    async markScreened(parties: { id: string; hash: string }[]): Promise<void> {
      for (let i = 0; i < parties.length; i += PAGE) {
        const batch = parties.slice(i, i + PAGE);
        await sql.query(
          'UPDATE parties p SET screened_hash = u.hash FROM unnest($1::text[], $2::text[]) AS u(id, hash) WHERE p.id = u.id',
          [batch.map((p) => p.id), batch.map((p) => p.hash)],
        );
      }
    },
  };
}
