import { z } from 'zod';
import { InputError } from '../errors.js';
import { countryCode } from '../match/countries.js';
import { isValidDate } from '../query/dates.js';
import { readHsCode } from '../regime/hs.js';
import { readImo, readMmsi } from './imo.js';

/**
 * A shipment as a trade-finance desk, a forwarder or a customs officer gives it (one JSON line,
 * or an item of an array): when, from where to where, through which ports, on which ship,
 * between whom, carrying what. Every field is checked and a field the check does not read is
 * refused, naming it, rather than ignored.
 *
 * @example {"id": "s1", "date": "2019-03-01", "origin": "KP", "destination": "CN", "ports": [{"name": "Nampo", "country": "KP", "role": "loading"}], "vessel": {"name": "CHON MYONG 1", "imo": "8712362", "flag": "KP"}, "parties": [{"role": "shipper", "name": "Korea Kumsan Trading", "country": "KP"}], "goods": [{"hs": "2701.12", "description": "anthracite", "quantity": 5000, "unit": "t"}]}
 */

const TEXT = z.string().trim().min(1).max(500);
const AMOUNT = z.number().finite().nonnegative();

const COUNTRY = z.string().trim().min(1).max(100).transform((value, ctx) => {
  const code = countryCode(value);
  if (!code) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a country (an ISO code such as KP or CN, or a name)` });
    return z.NEVER;
  }
  return code;
});

const IMO = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const read = readImo(value);
  if (read.problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: read.problem });
    return z.NEVER;
  }
  return read.digits;
});

const MMSI = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const read = readMmsi(value);
  if (read.problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: read.problem });
    return z.NEVER;
  }
  return read.digits;
});

const HS = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const read = readHsCode(value);
  if (read.problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: read.problem });
    return z.NEVER;
  }
  return read.code;
});

/** A ship: its name (as written, prefixes and all), IMO number, MMSI, flag and former names. */
const VESSEL = z.object({
  name: TEXT.optional(),
  imo: IMO.optional(),
  mmsi: MMSI.optional(),
  flag: COUNTRY.optional(),
  former_names: z.array(TEXT).max(20).optional(),
}).strict().refine((v) => v.name !== undefined || v.imo !== undefined || v.mmsi !== undefined, 'a vessel has a name, an IMO number or an MMSI');

/** Where a port stands in the voyage: goods loaded there leave its country, goods discharged enter it. */
export const PORT_ROLES = ['loading', 'discharge', 'transit', 'transshipment', 'bunkering', 'call', 'ship_to_ship'] as const;

const PORT = z.object({
  name: TEXT.optional(),
  country: COUNTRY.optional(),
  locode: z.string().trim().regex(/^[A-Za-z]{2}\s?[A-Za-z0-9]{3}$/, 'a UN/LOCODE: two letters of country and three of place (KPNAM)').optional(),
  role: z.enum(PORT_ROLES).default('call'),
  /** At a ship-to-ship transfer: the other ship. */
  vessel: VESSEL.optional(),
}).strict().refine((p) => p.name !== undefined || p.locode !== undefined || p.role === 'ship_to_ship', 'a port has a name or a UN/LOCODE').refine((p) => p.vessel === undefined || p.role === 'ship_to_ship', { message: 'only a ship-to-ship transfer names another vessel', path: ['vessel'] });

/** Who takes part: shipper, consignee, notify party, owner, operator, charterer, banks... */
const PARTY = z.object({
  role: z.string().trim().min(1).max(50),
  name: TEXT,
  country: COUNTRY.optional(),
  /** Person, Organization, Company or LegalEntity (the default: either). */
  schema: z.enum(['Person', 'Organization', 'Company', 'LegalEntity']).default('LegalEntity'),
  address: TEXT.optional(),
  /** A company's or registered owner's IMO number. */
  imo: IMO.optional(),
  /** A bank's SWIFT/BIC code. */
  swift: z.string().trim().regex(/^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/, 'a SWIFT/BIC code: 8 or 11 letters and digits').transform((s) => s.toUpperCase()).optional(),
}).strict();

const GOODS = z.object({
  hs: HS.optional(),
  description: z.string().trim().max(1000).optional(),
  quantity: AMOUNT.optional(),
  unit: z.string().trim().min(1).max(20).optional(),
  value: AMOUNT.optional(),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as USD').transform((c) => c.toUpperCase()).optional(),
}).strict().refine((g) => g.hs !== undefined || Boolean(g.description), 'a goods line has an HS code, a description or both');

export const SHIPMENT = z.object({
  id: z.union([z.string().trim().min(1).max(200), z.number()]).transform(String).optional(),
  date: z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidDate(d), 'a date YYYY-MM-DD (the measures in force are those of this day)'),
  origin: COUNTRY.optional(),
  destination: COUNTRY.optional(),
  ports: z.array(PORT).max(50).default([]),
  vessel: VESSEL.optional(),
  parties: z.array(PARTY).max(50).default([]),
  goods: z.array(GOODS).max(200).default([]),
}).strict();

export type Shipment = z.infer<typeof SHIPMENT> & { id: string };
export type ShipmentVessel = z.infer<typeof VESSEL>;
export type ShipmentPort = z.infer<typeof PORT>;
export type ShipmentParty = z.infer<typeof PARTY>;
export type GoodsLine = z.infer<typeof GOODS>;

/** A zod issue's path as a field: `goods[1].hs`. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/**
 * A shipment read and checked, or an `INVALID_SHIPMENT` error naming it (its id, else where it
 * was found: `shipments.jsonl line 4`, `item 2`) and the field at fault. `columnOf` names the
 * field as the input wrote it, when that was not the JSON form (a CSV file's column: `goods1_hs`).
 */
export function readShipment(value: unknown, where: string, columnOf?: (field: string) => string | undefined): Shipment {
  const parsed = SHIPMENT.safeParse(value);
  const stated = value && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
  const name = typeof stated === 'string' || typeof stated === 'number' ? `shipment ${String(stated)} (${where})` : `shipment at ${where}`;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = fieldOf(issue.path);
    const field = (path && columnOf?.(path)) || path;
    const message = issue.code === 'unrecognized_keys' ? `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not fields' : 'is not a field'} a shipment takes` : issue.message;
    throw new InputError('INVALID_SHIPMENT', `${name}: ${field ? `${field}: ` : ''}${message}`);
  }
  return { ...parsed.data, id: parsed.data.id ?? where };
}
