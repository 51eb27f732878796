import { z } from 'zod';
import { InputError } from '../errors.js';
import { countryCode } from '../match/countries.js';
import { isValidDate } from '../query/dates.js';
import { LEDGER_KINDS, type LedgerKind } from '../regime/regime.js';

/**
 * A delivery of petroleum to the DPRK as a supplying State reports it, or as a Committee notice,
 * a national report or a checked shipment gives it: who supplied it, in which month (or on which
 * day), how much in the unit reported, and the barrels-per-tonne factor used to count tonnes
 * against a cap written in barrels. A field the ledger does not read is refused, naming it.
 *
 * @example {"state": "CN", "month": "2019-09", "quantity": 2136, "unit": "t", "kind": "refined", "barrels_per_tonne": 7.33, "source": "1718 Committee, China's notification for September 2019"}
 */

/** The units a quantity is reported in: barrels or metric tonnes. */
export const PETROLEUM_UNITS = ['bbl', 't'] as const;
export type PetroleumUnit = (typeof PETROLEUM_UNITS)[number];

/**
 * The barrels-per-tonne factors a ledger accepts: about 7.5 to 8.33 have been seen from
 * reporting States; the bounds only refuse a slip (a tonnes-per-barrel figure, a missing point).
 */
export const FACTOR_RANGE = Object.freeze({ min: 5, max: 10 });

const TEXT = z.string().trim().min(1).max(500);

const STATE = z.string().trim().min(1).max(100).transform((value, ctx) => {
  const code = countryCode(value);
  if (!code) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a country (an ISO code such as CN or RU, or a name)` });
    return z.NEVER;
  }
  return code;
});

/** A barrels-per-tonne factor within FACTOR_RANGE. */
export const FACTOR = z.number({ error: 'a number: barrels per tonne, such as 7.33' }).finite().min(FACTOR_RANGE.min, `a factor in barrels per tonne from ${FACTOR_RANGE.min} to ${FACTOR_RANGE.max} (about 7.5 to 8.33 are reported)`).max(FACTOR_RANGE.max, `a factor in barrels per tonne from ${FACTOR_RANGE.min} to ${FACTOR_RANGE.max} (about 7.5 to 8.33 are reported)`);

const MONTH = z.string().trim().refine((m) => /^\d{4}-\d{2}$/.test(m) && isValidDate(m) && Number(m.slice(5)) >= 1 && Number(m.slice(5)) <= 12, 'a month YYYY-MM');
const DAY = z.string().trim().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidDate(d), 'a date YYYY-MM-DD');

const PARTY = z.union([
  TEXT.transform((name): { name: string; role?: string; country?: string } => ({ name })),
  z.object({ name: TEXT, role: z.string().trim().min(1).max(50).optional(), country: STATE.optional() }).strict(),
]);

const VESSEL = z.union([
  TEXT.transform((name): { name?: string; imo?: string; flag?: string } => ({ name })),
  z.object({ name: TEXT.optional(), imo: z.union([z.string().trim().regex(/^(IMO\s?)?\d{7}$/i, 'an IMO number: 7 digits'), z.number().int().min(1_000_000).max(9_999_999)]).transform((v) => String(v).replace(/^IMO\s?/i, '')).optional(), flag: STATE.optional() })
    .strict().refine((v) => v.name !== undefined || v.imo !== undefined, 'a vessel has a name or an IMO number'),
]);

const DELIVERY = z.object({
  state: STATE,
  month: MONTH.optional(),
  date: DAY.optional(),
  quantity: z.number({ error: 'a number: the quantity delivered, in its unit' }).finite().positive('a quantity above 0'),
  unit: z.enum(PETROLEUM_UNITS),
  kind: z.enum(LEDGER_KINDS),
  barrels_per_tonne: FACTOR.optional(),
  source: TEXT,
  parties: z.array(PARTY).max(50).default([]),
  vessel: VESSEL.optional(),
}).strict().superRefine((d, ctx) => {
  if (d.month === undefined && d.date === undefined) ctx.addIssue({ code: 'custom', path: ['month'], message: 'a delivery gives its month (YYYY-MM) or its date (YYYY-MM-DD)' });
  if (d.month !== undefined && d.date !== undefined && !d.date.startsWith(d.month)) ctx.addIssue({ code: 'custom', path: ['date'], message: `${d.date} is not in the month ${d.month}` });
});

/** A delivery as read: its month always set (from its date when only that is given). */
export type Delivery = Omit<z.infer<typeof DELIVERY>, 'month'> & { month: string };
export type DeliveryParty = Delivery['parties'][number];
export type DeliveryVessel = NonNullable<Delivery['vessel']>;

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/**
 * A delivery read and checked, or an `INVALID_DELIVERY` error naming where it was found
 * (`deliveries.csv line 4`, `item 2`) and the field at fault.
 */
export function readDelivery(value: unknown, where: string): Delivery {
  const parsed = DELIVERY.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldOf(issue.path);
    const message = issue.code === 'unrecognized_keys' ? `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not fields' : 'is not a field'} a delivery takes` : issue.message;
    throw new InputError('INVALID_DELIVERY', `${where}: ${field ? `${field}: ` : ''}${message}`);
  }
  const d = parsed.data;
  return { ...d, month: d.month ?? d.date!.slice(0, 7) };
}

/** Where a delivery's barrels-per-tonne factor came from: given with it, or the supplying State's setting. */
export type FactorSource = 'entry' | 'state';

/** A delivery counted: its barrels, its tonnes where known, and the factor used and where it came from. */
export interface CountedDelivery extends Delivery {
  barrels: number;
  /** Tonnes as reported, or barrels divided by a factor given with it; null when neither is known. */
  tonnes: number | null;
  factor: number | null;
  factor_source: FactorSource | null;
}

/**
 * A delivery's barrels and tonnes: barrels as reported, or tonnes times the factor given with
 * it, else the one set for its supplying State. Tonnes without either are refused, naming the
 * line and the field: a factor is never assumed.
 */
export function countDelivery(delivery: Delivery, stateFactors: ReadonlyMap<string, number>, where: string): CountedDelivery {
  const own = delivery.barrels_per_tonne;
  const set = stateFactors.get(delivery.state);
  if (delivery.unit === 'bbl') {
    return { ...delivery, barrels: delivery.quantity, tonnes: own ? round(delivery.quantity / own, 3) : null, factor: own ?? null, factor_source: own ? 'entry' : null };
  }
  const factor = own ?? set;
  if (factor === undefined) {
    throw new InputError('INVALID_DELIVERY', `${where}: barrels_per_tonne: ${delivery.quantity} t from ${delivery.state} needs its barrels-per-tonne factor: give barrels_per_tonne with the delivery, or set one for ${delivery.state} (interdict petroleum factor ${delivery.state} <barrels per tonne> --note "...")`);
  }
  return { ...delivery, barrels: round(delivery.quantity * factor, 3), tonnes: delivery.quantity, factor, factor_source: own ? 'entry' : 'state' };
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Whether a value names a ledger: refined or crude. */
export function isLedgerKind(value: string): value is LedgerKind {
  return (LEDGER_KINDS as readonly string[]).includes(value);
}
