import { InputError } from '../core/errors.js';
import { DEFAULT_LEDGER_SETTINGS, FACTOR_RANGE, type CountedDelivery, type LedgerSettings } from '../core/petroleum/index.js';
import { appendAudit } from './audit.js';
import { storable, utc, type SqlClient } from './sql.js';

/** A delivery as stored: counted, with where it came from, who recorded it and when. */
export interface StoredDelivery extends CountedDelivery {
  id: number;
  origin: string;
  recordedBy: string;
  recordedAt: string;
}

/** A supplying State's barrels-per-tonne factor, used for its deliveries in tonnes that give none. */
export interface StateFactor {
  state: string;
  barrels_per_tonne: number;
  note: string;
  setBy: string;
  setAt: string;
}

/** A delivery ready to store: counted (barrels, factor) and where it was read from. */
export type DeliveryInput = CountedDelivery & { origin: string };

/** Which deliveries to read: of a ledger, between two days (inclusive, by the day each counts on), of a State, of a month. */
export interface DeliveryQuery {
  kind?: CountedDelivery['kind'];
  from?: string;
  to?: string;
  state?: string;
  month?: string;
}

interface DeliveryRow {
  id: string | number;
  kind: CountedDelivery['kind'];
  state: string;
  month: string;
  day: string | null;
  quantity: number;
  unit: CountedDelivery['unit'];
  barrels: number;
  tonnes: number | null;
  barrels_per_tonne: number | null;
  factor_source: CountedDelivery['factor_source'];
  source: string;
  parties: CountedDelivery['parties'];
  vessel: CountedDelivery['vessel'] | null;
  origin: string;
  recorded_by: string;
  recorded_at: string;
}

const COLUMNS = `id, kind, state, month, to_char(day, 'YYYY-MM-DD') AS day, quantity, unit, barrels, tonnes, barrels_per_tonne, factor_source, source, parties, vessel, origin, recorded_by, ${utc('recorded_at')} AS recorded_at`;

function toDelivery(row: DeliveryRow): StoredDelivery {
  return {
    id: Number(row.id),
    kind: row.kind,
    state: row.state,
    month: row.month,
    ...(row.day ? { date: row.day } : {}),
    quantity: Number(row.quantity),
    unit: row.unit,
    barrels: Number(row.barrels),
    tonnes: row.tonnes === null ? null : Number(row.tonnes),
    ...(row.barrels_per_tonne !== null && row.factor_source === 'entry' ? { barrels_per_tonne: Number(row.barrels_per_tonne) } : {}),
    factor: row.barrels_per_tonne === null ? null : Number(row.barrels_per_tonne),
    factor_source: row.factor_source,
    source: row.source,
    parties: row.parties,
    ...(row.vessel ? { vessel: row.vessel } : {}),
    origin: row.origin,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** What the audit trail keeps of a delivery: everything recorded, as counted. */
function auditedDelivery(d: DeliveryInput): Record<string, unknown> {
  return {
    kind: d.kind, state: d.state, month: d.month, date: d.date ?? null, quantity: d.quantity, unit: d.unit, barrels: d.barrels, tonnes: d.tonnes,
    barrels_per_tonne: d.factor, factor_source: d.factor_source, source: d.source, parties: d.parties, vessel: d.vessel ?? null, origin: d.origin,
  };
}

const SETTING_KEYS = ['cease_pct'] as const;

/** The petroleum ledgers: deliveries, the factors set per State, the settings; every change audited. */
export type PetroleumSql = ReturnType<typeof createPetroleumSql>;

export function createPetroleumSql(sql: SqlClient) {
  return {
    /**
     * Record deliveries all together or none: in one transaction, each with its audit entry
     * (`petroleum.record`). The deliveries come counted (barrels and the factor used).
     */
    async recordDeliveries(deliveries: DeliveryInput[], actor: string): Promise<StoredDelivery[]> {
      for (const d of deliveries) {
        for (const text of [d.source, d.origin, JSON.stringify(d.parties), JSON.stringify(d.vessel ?? null)]) {
          if (!storable(text)) throw new InputError('INVALID_DELIVERY', `${d.origin}: holds a character that cannot be stored (a NUL or a lone surrogate)`);
        }
      }
      return sql.transaction(async (tx) => {
        const stored: StoredDelivery[] = [];
        for (const d of deliveries) {
          const { rows } = await tx.query<DeliveryRow>(
            `INSERT INTO petroleum_deliveries (kind, state, month, day, quantity, unit, barrels, tonnes, barrels_per_tonne, factor_source, source, parties, vessel, origin, recorded_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
            [d.kind, d.state, d.month, d.date ?? null, d.quantity, d.unit, d.barrels, d.tonnes, d.factor, d.factor_source, d.source, JSON.stringify(d.parties), d.vessel ? JSON.stringify(d.vessel) : null, d.origin, actor],
          );
          const delivery = toDelivery(rows[0]!);
          await appendAudit(tx, { actor, action: 'petroleum.record', subject: `petroleum:${delivery.id}`, after: auditedDelivery(d) });
          stored.push(delivery);
        }
        return stored;
      });
    },

    /** Deliveries in the order recorded, of a ledger, a period (by the day each counts on: its date, else its month's first day), a State, a month. */
    async deliveries(query: DeliveryQuery = {}): Promise<StoredDelivery[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown): void => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (query.kind) add('kind = ?', query.kind);
      if (query.state) add('state = ?', query.state);
      if (query.month) add('month = ?', query.month);
      if (query.from) add(`COALESCE(day, to_date(month || '-01', 'YYYY-MM-DD')) >= ?::date`, query.from);
      if (query.to) add(`COALESCE(day, to_date(month || '-01', 'YYYY-MM-DD')) <= ?::date`, query.to);
      const { rows } = await sql.query<DeliveryRow>(`SELECT ${COLUMNS} FROM petroleum_deliveries${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`, params);
      return rows.map(toDelivery);
    },

    /** The factors set per State, by State. */
    async factors(): Promise<StateFactor[]> {
      const { rows } = await sql.query<{ state: string; barrels_per_tonne: number; note: string; set_by: string; set_at: string }>(`SELECT state, barrels_per_tonne, note, set_by, ${utc('set_at')} AS set_at FROM petroleum_factors ORDER BY state`);
      return rows.map((r) => ({ state: r.state, barrels_per_tonne: Number(r.barrels_per_tonne), note: r.note, setBy: r.set_by, setAt: r.set_at }));
    },

    /**
     * Set a State's factor (null: remove it), audited (`petroleum.factor`) with the one it
     * replaces. Deliveries already recorded keep the factor they were counted with.
     */
    async setFactor(state: string, barrelsPerTonne: number | null, note: string, actor: string): Promise<StateFactor | null> {
      if (!/^[A-Z]{2}$/.test(state)) throw new InputError('INVALID_SETTING', `state "${state}": an ISO country code such as CN`);
      if (barrelsPerTonne !== null && !(Number.isFinite(barrelsPerTonne) && barrelsPerTonne >= FACTOR_RANGE.min && barrelsPerTonne <= FACTOR_RANGE.max)) {
        throw new InputError('INVALID_SETTING', `barrels_per_tonne ${barrelsPerTonne}: a factor from ${FACTOR_RANGE.min} to ${FACTOR_RANGE.max} barrels per tonne (about 7.5 to 8.33 are reported)`);
      }
      if (!note.trim() || !storable(note)) throw new InputError('NO_NOTE', 'note: say where the factor comes from (it is kept in the audit trail)');
      return sql.transaction(async (tx) => {
        const { rows: old } = await tx.query<{ barrels_per_tonne: number; note: string }>('SELECT barrels_per_tonne, note FROM petroleum_factors WHERE state = $1', [state]);
        const before = old[0] ? { barrels_per_tonne: Number(old[0].barrels_per_tonne), note: old[0].note } : null;
        let after: StateFactor | null = null;
        if (barrelsPerTonne === null) {
          await tx.query('DELETE FROM petroleum_factors WHERE state = $1', [state]);
        } else {
          const { rows } = await tx.query<{ set_at: string }>(
            `INSERT INTO petroleum_factors (state, barrels_per_tonne, note, set_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (state) DO UPDATE SET barrels_per_tonne = EXCLUDED.barrels_per_tonne, note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = now() RETURNING ${utc('set_at')} AS set_at`,
            [state, barrelsPerTonne, note.trim(), actor],
          );
          after = { state, barrels_per_tonne: barrelsPerTonne, note: note.trim(), setBy: actor, setAt: rows[0]!.set_at };
        }
        await appendAudit(tx, { actor, action: 'petroleum.factor', subject: `petroleum-factor:${state}`, before, after: after ? { barrels_per_tonne: after.barrels_per_tonne, note: after.note } : null });
        return after;
      });
    },

    /** The ledger's settings, defaults filled in. */
    async settings(): Promise<LedgerSettings> {
      const { rows } = await sql.query<{ key: string; value: unknown }>('SELECT key, value FROM petroleum_settings');
      const settings: LedgerSettings = { ...DEFAULT_LEDGER_SETTINGS };
      for (const row of rows) if (row.key === 'cease_pct' && typeof row.value === 'number') settings.cease_pct = row.value;
      return settings;
    },

    /** Change a setting, checked and audited (`petroleum.setting`) with the value it had. */
    async setSetting(key: string, value: unknown, actor: string): Promise<LedgerSettings> {
      if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('UNKNOWN_SETTING', `"${key}" is not a petroleum ledger setting (${SETTING_KEYS.join(', ')})`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) throw new InputError('INVALID_SETTING', `${key} ${String(value)}: a share of the cap in per cent, above 0 and at most 100`);
      return sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ value: unknown }>('SELECT value FROM petroleum_settings WHERE key = $1', [key]);
        await tx.query('INSERT INTO petroleum_settings (key, value, set_by) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()', [key, JSON.stringify(value), actor]);
        await appendAudit(tx, { actor, action: 'petroleum.setting', subject: `petroleum-setting:${key}`, before: { value: rows[0]?.value ?? null }, after: { value } });
        const settings: LedgerSettings = { ...DEFAULT_LEDGER_SETTINGS };
        const { rows: all } = await tx.query<{ key: string; value: unknown }>('SELECT key, value FROM petroleum_settings');
        for (const row of all) if (row.key === 'cease_pct' && typeof row.value === 'number') settings.cease_pct = row.value;
        return settings;
      });
    },
  };
}
