import { InputError } from '../errors.js';

/**
 * Shipments as a CSV file, one row a shipment, in the columns a freight forwarder's or a trade
 * desk's export can give: the bill of lading's parties each in columns named after its role
 * (`shipper_name`, `shipper_country`; `consignee_name`; `notify_party_name`; `issuing_bank_name`,
 * `issuing_bank_swift`), goods lines as numbered groups (`goods1_hs`, `goods1_description`,
 * `goods2_hs`...), the ports of loading and discharge, the ship; and, for what the columns
 * cannot hold, JSON columns `parties`, `goods` and `ports` in the JSON form. A row becomes the
 * JSON shipment (`readShipment` checks it), with each field traced back to its column so that
 * an error names the column the user wrote.
 *
 * @example header `id,date,origin,destination,port_of_loading,vessel_name,vessel_imo,shipper_name,shipper_country,consignee_name,goods1_hs,goods1_description`
 */

/** The columns of one shipment's own fields. */
const SCALAR_COLUMNS = ['id', 'date', 'origin', 'destination'] as const;
/** The ship's columns, after `vessel_`. */
const VESSEL_FIELDS = ['name', 'imo', 'mmsi', 'flag', 'former_names'] as const;
/** A party's columns, after its role: `shipper_name`, `shipper_country`... `name` is the one that makes the party. */
const PARTY_FIELDS = ['name', 'country', 'address', 'schema', 'imo', 'swift'] as const;
/** A goods line's columns, after `goods<N>_`. */
const GOODS_FIELDS = ['hs', 'description', 'quantity', 'unit', 'value', 'currency'] as const;
const NUMERIC_GOODS = new Set(['quantity', 'value']);
/** Ports by their role in the voyage; `transshipment_ports` holds several, separated by `;`. */
const PORT_COLUMNS: Readonly<Record<string, 'loading' | 'discharge' | 'transshipment'>> = Object.freeze({ port_of_loading: 'loading', port_of_discharge: 'discharge', transshipment_ports: 'transshipment' });
/** Columns holding a JSON array in the JSON form, added after what the other columns give. */
const JSON_COLUMNS = ['parties', 'goods', 'ports'] as const;
/** A party's schema as a cell may write it (`person`, `legal entity`), in the JSON form's spelling. */
const PARTY_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity'];
/** Several values in one cell. */
const LIST_SEPARATOR = ';';
/**
 * What may be a UN/LOCODE in a port column (two capitals of country, three of place): kept as
 * the port's code and its name too, since a port's name in capitals can look the same (NAMPO is
 * the DPRK port, not a Namibian code).
 */
const LOCODE = /^[A-Z]{2}\s?[A-Z2-9]{3}$/;
const PARTY_COLUMN = new RegExp(`^(.+?)_(${PARTY_FIELDS.join('|')})$`);
/** Prefixes a party's role cannot take: they name the ship, ports and goods. */
const NOT_ROLES = /^(vessel|port|ports|goods\d*|transshipment)$/;

/** Where each of a header's columns goes, read once per file. */
export interface ShipmentColumns {
  header: string[];
  scalars: { field: (typeof SCALAR_COLUMNS)[number]; at: number }[];
  vessel: { field: (typeof VESSEL_FIELDS)[number]; at: number }[];
  ports: { role: 'loading' | 'discharge' | 'transshipment'; column: string; at: number }[];
  /** Parties in the order of their `_name` columns, each with its role and its columns. */
  parties: { role: string; fields: { field: (typeof PARTY_FIELDS)[number]; at: number }[] }[];
  /** Goods lines by their number, in order. */
  goods: { n: number; fields: { field: (typeof GOODS_FIELDS)[number]; at: number }[] }[];
  json: { field: (typeof JSON_COLUMNS)[number]; at: number }[];
}

/** A header cell as a column name: lower case, spaces and hyphens read as underscores. */
export function columnName(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Map a header to the layout. A column the layout does not have is refused, naming it (a
 * misspelt `consignee_contry` must not leave a party's country unread), and so is a party's
 * column without the party's `_name`, or a column given twice.
 */
export function shipmentColumns(header: string[], label: string): ShipmentColumns {
  const names = header.map(columnName);
  const columns: ShipmentColumns = { header, scalars: [], vessel: [], ports: [], parties: [], goods: [], json: [] };
  const unknown: string[] = [];
  const seen = new Map<string, number>();
  const roles = new Map<string, ShipmentColumns['parties'][number]>();
  const goods = new Map<number, ShipmentColumns['goods'][number]>();
  const partyColumns: { role: string; field: (typeof PARTY_FIELDS)[number]; at: number }[] = [];
  for (const [at, name] of names.entries()) {
    if (!name) continue;
    if (seen.has(name)) throw new InputError('BAD_HEADER', `${label}: column "${header[at]}" is given twice (columns ${seen.get(name)! + 1} and ${at + 1})`);
    seen.set(name, at);
    if ((SCALAR_COLUMNS as readonly string[]).includes(name)) {
      columns.scalars.push({ field: name as (typeof SCALAR_COLUMNS)[number], at });
      continue;
    }
    if ((JSON_COLUMNS as readonly string[]).includes(name)) {
      columns.json.push({ field: name as (typeof JSON_COLUMNS)[number], at });
      continue;
    }
    if (PORT_COLUMNS[name]) {
      columns.ports.push({ role: PORT_COLUMNS[name]!, column: name, at });
      continue;
    }
    const vessel = /^vessel_(.+)$/.exec(name)?.[1];
    if (vessel && (VESSEL_FIELDS as readonly string[]).includes(vessel)) {
      columns.vessel.push({ field: vessel as (typeof VESSEL_FIELDS)[number], at });
      continue;
    }
    const line = /^goods(\d+)_(.+)$/.exec(name);
    if (line && Number(line[1]) >= 1 && (GOODS_FIELDS as readonly string[]).includes(line[2]!)) {
      const n = Number(line[1]);
      if (!goods.has(n)) goods.set(n, { n, fields: [] });
      goods.get(n)!.fields.push({ field: line[2] as (typeof GOODS_FIELDS)[number], at });
      continue;
    }
    const party = PARTY_COLUMN.exec(name);
    if (party && !NOT_ROLES.test(party[1]!)) {
      partyColumns.push({ role: party[1]!, field: party[2] as (typeof PARTY_FIELDS)[number], at });
      continue;
    }
    unknown.push(header[at]!);
  }
  for (const { role, field, at } of partyColumns.filter((c) => c.field === 'name')) roles.set(role, { role, fields: [{ field, at }] });
  const orphans: string[] = [];
  for (const { role, field, at } of partyColumns.filter((c) => c.field !== 'name')) {
    const party = roles.get(role);
    if (party) party.fields.push({ field, at });
    else orphans.push(header[at]!);
  }
  if (unknown.length) {
    throw new InputError('BAD_HEADER', `${label}: ${unknown.map((c) => `"${c}"`).join(', ')} ${unknown.length > 1 ? 'are not columns' : 'is not a column'} of a shipments file (id, date, origin, destination, port_of_loading, port_of_discharge, transshipment_ports, vessel_name, vessel_imo, vessel_mmsi, vessel_flag, vessel_former_names, <role>_name with <role>_country, _address, _schema, _imo, _swift, goods<N>_hs, _description, _quantity, _unit, _value, _currency, and JSON columns parties, goods, ports: docs/shipments.md)`);
  }
  if (orphans.length) throw new InputError('BAD_HEADER', `${label}: ${orphans.map((c) => `"${c}"`).join(', ')} without the party's name column (${orphans.map((c) => `${columnName(c).replace(/_[a-z]+$/, '')}_name`).join(', ')})`);
  if (!columns.scalars.some((s) => s.field === 'date')) throw new InputError('BAD_HEADER', `${label}: no date column (each shipment is checked against the measures in force at its date)`);
  columns.parties = [...roles.values()];
  columns.goods = [...goods.values()].sort((a, b) => a.n - b.n);
  return columns;
}

/**
 * A row as the JSON form of a shipment, with where each of its fields came from (a field's path,
 * `goods[0].hs`, to its column, `goods1_hs`), or why it cannot be one (a number or a JSON column
 * that cannot be read, naming the column).
 */
export interface ShipmentRecord {
  value?: Record<string, unknown>;
  /** The shipment's id as written, when the row has one (to name a row that cannot be read). */
  id?: string;
  error?: string;
  /** A field's path to the column it came from. */
  columnOf: (path: string) => string | undefined;
}

const listOf = (cell: string): string[] => cell.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);

/** A row of a shipments CSV read to the JSON form (empty cells are absent fields). */
export function shipmentRecord(columns: ShipmentColumns, record: string[]): ShipmentRecord {
  const cell = (at: number): string => (record[at] ?? '').trim();
  const origins = new Map<string, string>();
  const value: Record<string, unknown> = {};
  const id = columns.scalars.find((s) => s.field === 'id');
  const failed = (error: string): ShipmentRecord => ({ ...(id && cell(id.at) ? { id: cell(id.at) } : {}), error, columnOf: () => undefined });
  for (const { field, at } of columns.scalars) {
    if (!cell(at)) continue;
    value[field] = cell(at);
    origins.set(field, columns.header[at]!);
  }
  const vessel: Record<string, unknown> = {};
  for (const { field, at } of columns.vessel) {
    if (!cell(at)) continue;
    vessel[field] = field === 'former_names' ? listOf(cell(at)) : cell(at);
    origins.set(`vessel.${field}`, columns.header[at]!);
  }
  if (Object.keys(vessel).length) {
    value.vessel = vessel;
    origins.set('vessel', columns.vessel.map((v) => columns.header[v.at]).join('/'));
  }
  const ports: Record<string, unknown>[] = [];
  for (const { role, at } of columns.ports) {
    for (const place of role === 'transshipment' ? listOf(cell(at)) : cell(at) ? [cell(at)] : []) {
      origins.set(`ports[${ports.length}]`, columns.header[at]!);
      ports.push(LOCODE.test(place) ? { name: place, locode: place, role } : { name: place, role });
    }
  }
  const parties: Record<string, unknown>[] = [];
  for (const { role, fields } of columns.parties) {
    const name = fields.find((f) => f.field === 'name')!;
    const given = fields.filter((f) => cell(f.at));
    if (!given.length) continue;
    const i = parties.length;
    const party: Record<string, unknown> = { role };
    for (const { field, at } of given) {
      party[field] = field === 'schema' ? (PARTY_SCHEMAS.find((x) => x.toLowerCase() === cell(at).toLowerCase().replace(/[\s_]/g, '')) ?? cell(at)) : cell(at);
      origins.set(`parties[${i}].${field}`, columns.header[at]!);
    }
    origins.set(`parties[${i}]`, `${columns.header[name.at]} and its columns`);
    parties.push(party);
  }
  const goods: Record<string, unknown>[] = [];
  for (const { fields } of columns.goods) {
    const given = fields.filter((f) => cell(f.at));
    if (!given.length) continue;
    const i = goods.length;
    const line: Record<string, unknown> = {};
    for (const { field, at } of given) {
      const text = cell(at);
      if (NUMERIC_GOODS.has(field)) {
        const number = Number(text.replace(/[\s_]/g, ''));
        if (!/^[\d\s_.]+$/.test(text) || !Number.isFinite(number)) return failed(`${columns.header[at]}: "${text}" is not a number (digits, a decimal point, no thousands separator)`);
        line[field] = number;
      } else line[field] = text;
      origins.set(`goods[${i}].${field}`, columns.header[at]!);
    }
    origins.set(`goods[${i}]`, fields.map((f) => columns.header[f.at]).join('/'));
    goods.push(line);
  }
  const lists: Record<(typeof JSON_COLUMNS)[number], Record<string, unknown>[]> = { parties, goods, ports };
  for (const { field, at } of columns.json) {
    if (!cell(at)) continue;
    let items: unknown;
    try {
      items = JSON.parse(cell(at));
    } catch (error) {
      return failed(`${columns.header[at]}: not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(items)) return failed(`${columns.header[at]}: not a JSON array of ${field}`);
    const list = lists[field];
    for (const [k, item] of (items as Record<string, unknown>[]).entries()) {
      origins.set(`${field}[${list.length}]`, `${columns.header[at]} item ${k + 1}`);
      list.push(item);
    }
  }
  if (ports.length) value.ports = ports;
  if (parties.length) value.parties = parties;
  if (goods.length) value.goods = goods;
  const columnOf = (path: string): string | undefined => {
    // The longest known prefix: `parties[5].name` inside a JSON column is `parties item 2` and its field.
    for (let prefix = path; prefix; prefix = prefix.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      const column = origins.get(prefix);
      if (column) return prefix === path ? column : `${column}, ${path.slice(prefix.length).replace(/^\./, '')}`;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(prefix)) break;
    }
    return undefined;
  };
  return { value, ...(typeof value.id === 'string' ? { id: value.id } : {}), columnOf };
}
