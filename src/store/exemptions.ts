import { InputError, InterdictError } from '../core/errors.js';
import type { Exemption } from '../core/travel/index.js';
import { appendAudit } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/** An exemption as the register holds it: who recorded it and when. */
export interface StoredExemption extends Exemption {
  id: number;
  recordedBy: string;
  recordedAt: string;
}

/** Which exemptions to list: by reference, person (a record id, or a name's words), a country covered, a day in force, the authority. */
export interface ExemptionFilter {
  reference?: string;
  person?: string;
  country?: string;
  on?: string;
  authority?: string;
}

interface Row {
  id: string | number;
  reference: string;
  persons: string[];
  names: string[];
  purpose: string;
  valid_from: string;
  valid_to: string;
  transit: string[];
  destination: string[];
  conditions: string | null;
  source: string;
  authority: string;
  recorded_by: string;
  recorded_at: string;
}

const COLUMNS = `id, reference, persons, names, purpose, valid_from, valid_to, transit, destination, conditions, source, authority, recorded_by, ${utc('recorded_at')} AS recorded_at`;

const toExemption = (row: Row): StoredExemption => ({
  id: Number(row.id),
  reference: row.reference,
  persons: row.persons,
  names: row.names,
  purpose: row.purpose,
  from: row.valid_from,
  to: row.valid_to,
  transit: row.transit,
  destination: row.destination,
  ...(row.conditions ? { conditions: row.conditions } : {}),
  source: row.source,
  authority: row.authority,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
});

function checkStorable(exemption: Exemption): void {
  const texts = [exemption.reference, exemption.purpose, exemption.source, exemption.authority, exemption.conditions ?? '', ...exemption.persons, ...exemption.names];
  if (texts.some((t) => !storable(t))) throw new InputError('INVALID_EXEMPTION', `exemption ${exemption.reference}: holds a NUL or a lone surrogate, which cannot be stored`);
}

async function insert(tx: SqlClient, exemption: Exemption, actor: string, action: string): Promise<StoredExemption> {
  checkStorable(exemption);
  const taken = await tx.query('SELECT 1 FROM exemptions WHERE reference = $1', [exemption.reference]);
  if (taken.rows.length) throw new InterdictError('DUPLICATE_EXEMPTION', `exemption ${exemption.reference}: the register holds this reference already`);
  const { rows } = await tx.query<Row>(
    `INSERT INTO exemptions (reference, persons, names, purpose, valid_from, valid_to, transit, destination, conditions, source, authority, recorded_by)
     VALUES ($1, $2::jsonb, $3::jsonb, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [exemption.reference, JSON.stringify(exemption.persons), JSON.stringify(exemption.names), exemption.purpose, exemption.from, exemption.to, JSON.stringify(exemption.transit), JSON.stringify(exemption.destination), exemption.conditions ?? null, exemption.source, exemption.authority, actor],
  );
  const stored = toExemption(rows[0]!);
  const { id: _id, recordedBy: _by, recordedAt: _at, ...record } = stored;
  await appendAudit(tx, { actor, action, subject: `exemption:${exemption.reference}`, after: record });
  return stored;
}

/** Whether an exemption passes a filter (the register is small: filtered as read). */
function passes(e: StoredExemption, filter: ExemptionFilter): boolean {
  if (filter.reference && e.reference !== filter.reference) return false;
  if (filter.authority && e.authority.toLowerCase() !== filter.authority.toLowerCase()) return false;
  if (filter.on && (filter.on < e.from || filter.on > e.to)) return false;
  if (filter.country && ![...e.transit, ...e.destination].includes(filter.country.toUpperCase())) return false;
  if (filter.person) {
    const wanted = filter.person.toLowerCase();
    if (!e.persons.includes(filter.person) && !e.names.some((n) => n.toLowerCase().includes(wanted))) return false;
  }
  return true;
}

/** The travel-ban exemption register. */
export type ExemptionsSql = ReturnType<typeof createExemptionsSql>;

export function createExemptionsSql(sql: SqlClient) {
  return {
    /** Record an exemption (validated by `readExemption`), audited; a reference the register holds is refused. */
    async addExemption(exemption: Exemption, actor: string): Promise<StoredExemption> {
      return sql.transaction((tx) => insert(tx, exemption, actor, 'exemptions.add'));
    },

    /** Record several exemptions at once, each audited: all of them, or none when one is refused. */
    async importExemptions(exemptions: Exemption[], actor: string): Promise<StoredExemption[]> {
      const references = new Set<string>();
      for (const e of exemptions) {
        if (references.has(e.reference)) throw new InterdictError('DUPLICATE_EXEMPTION', `exemption ${e.reference}: given twice in the import`);
        references.add(e.reference);
      }
      return sql.transaction(async (tx) => {
        const stored: StoredExemption[] = [];
        for (const e of exemptions) stored.push(await insert(tx, e, actor, 'exemptions.import'));
        return stored;
      });
    },

    /** The exemptions a filter passes, by start date then reference. */
    async exemptions(filter: ExemptionFilter = {}): Promise<StoredExemption[]> {
      const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM exemptions ORDER BY valid_from, reference`);
      return rows.map(toExemption).filter((e) => passes(e, filter));
    },
  };
}
