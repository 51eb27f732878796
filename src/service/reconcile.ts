import countries from 'i18n-iso-countries';
import type { Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import { DEFAULT_THRESHOLD, countryCode } from '../core/match/index.js';
import { normalizeName } from '../core/names/normalize.js';
import { COUNTRY_PROPERTIES, labelOf } from '../core/ftm.js';
import { readScreeningQuery } from './queries.js';
import type { Screening } from './screener.js';
import { own } from '../core/own.js';

/**
 * The OpenRefine reconciliation service (https://reconciliation-api.github.io/specs/0.2/), as
 * yente serves it: a spreadsheet's names (and other columns as properties) reconciled against
 * the lists, entity, type and property suggestions, and data extension (the lists' values
 * added as columns). The rules are here; the routes read and write.
 */

/** The schemata a reconciliation may ask for, with FollowTheMoney's labels, and their parents. */
export const TYPES: Record<string, { name: string; description: string; parent?: string }> = {
  Thing: { name: 'Things', description: 'Anything listed' },
  LegalEntity: { name: 'Legal entities', description: 'A person or an organization', parent: 'Thing' },
  Person: { name: 'People', description: 'A natural person', parent: 'LegalEntity' },
  Organization: { name: 'Organizations', description: 'A company, agency, group or other organization', parent: 'LegalEntity' },
  Company: { name: 'Companies', description: 'A registered company', parent: 'Organization' },
  PublicBody: { name: 'Public bodies', description: 'A state agency or other public body', parent: 'Organization' },
  Vessel: { name: 'Vessels', description: 'A ship or boat', parent: 'Thing' },
  Airplane: { name: 'Airplanes', description: 'An aircraft', parent: 'Thing' },
};

/** Properties a reconciliation query may give and an extension may add, by the schema that defines them. */
const PROPERTY_SCHEMA: Record<string, string> = {
  name: 'Thing',
  alias: 'Thing',
  country: 'Thing',
  notes: 'Thing',
  sourceUrl: 'Thing',
  topics: 'Thing',
  address: 'Thing',
  mainCountry: 'LegalEntity',
  jurisdiction: 'LegalEntity',
  registrationNumber: 'LegalEntity',
  taxNumber: 'LegalEntity',
  idNumber: 'LegalEntity',
  email: 'LegalEntity',
  phone: 'LegalEntity',
  website: 'LegalEntity',
  incorporationDate: 'LegalEntity',
  birthDate: 'Person',
  birthPlace: 'Person',
  nationality: 'Person',
  citizenship: 'Person',
  gender: 'Person',
  position: 'Person',
  passportNumber: 'Person',
  firstName: 'Person',
  lastName: 'Person',
  fatherName: 'Person',
  leiCode: 'Organization',
  swiftBic: 'Organization',
  imoNumber: 'Vessel',
  mmsi: 'Vessel',
  callSign: 'Vessel',
  flag: 'Vessel',
  buildDate: 'Vessel',
  serialNumber: 'Airplane',
};

/** Those properties with their labels (FollowTheMoney's, `labelOf`) and schemata. */
export const PROPERTIES: Record<string, { label: string; schema: string }> = Object.fromEntries(Object.entries(PROPERTY_SCHEMA).map(([property, schema]) => [property, { label: labelOf(property), schema }]));

/** Properties listed first when an extension is proposed (FtM's featured ones). */
const FEATURED = ['name', 'country', 'birthDate', 'nationality', 'registrationNumber', 'imoNumber', 'topics'];

/** A schema and its ancestors. */
function lineage(schema: string): string[] {
  const out: string[] = [];
  for (let s: string | undefined = schema; s; s = own(TYPES, s)?.parent) out.push(s);
  return out;
}

export function typeOf(schema: string): { id: string; name: string; description: string } {
  const type = own(TYPES, schema);
  return { id: schema, name: type?.name ?? schema, description: type?.description ?? '' };
}

/** The properties of a schema, its ancestors' included. */
function propertiesOf(schema: string): string[] {
  const line = new Set(lineage(schema));
  return Object.entries(PROPERTIES).filter(([, p]) => line.has(p.schema)).map(([id]) => id);
}

/** The types of a dataset's entities, and their parents: what a reconciliation may ask for there. */
export function defaultTypes(state: Screening, inScope: (entity: Entity) => boolean): { id: string; name: string; description: string }[] {
  const present = new Set<string>();
  for (const entity of state.entities.values()) if (own(TYPES, entity.schema) && inScope(entity)) for (const s of lineage(entity.schema)) present.add(s);
  return Object.keys(TYPES).filter((s) => present.has(s)).map(typeOf);
}

export interface ReconcileQuery {
  query?: string;
  type?: string | string[];
  limit?: number;
  properties?: { pid: string; v: string | string[] }[];
}

/** The most queries, and results a query, a reconciliation answers. */
export const RECONCILE_BOUNDS = { queries: 100, limit: 50 } as const;

/** Reconcile queries, each answered with its candidates best first: any score above 0, up to its limit, `match` at the threshold. */
export function reconcile(state: Screening, queries: Record<string, ReconcileQuery>, dataset: string, accept?: (id: string) => boolean): Record<string, { result: unknown[] }> {
  const keys = Object.keys(queries);
  if (keys.length > RECONCILE_BOUNDS.queries) throw new InputError('BAD_REQUEST', `queries: ${keys.length} queries; a request may send ${RECONCILE_BOUNDS.queries} at most`);
  const out: Record<string, { result: unknown[] }> = {};
  for (const key of keys) {
    const q = queries[key];
    if (!q || typeof q !== 'object' || Array.isArray(q)) throw new InputError('BAD_REQUEST', `queries/${key}: a query is an object ({"query": "a name", "type": "Person", "properties": [...]})`);
    if (q.query !== undefined && typeof q.query !== 'string') throw new InputError('BAD_REQUEST', `queries/${key}/query: a string`);
    if (q.properties !== undefined && !Array.isArray(q.properties)) throw new InputError('BAD_REQUEST', `queries/${key}/properties: a list of {"pid", "v"}`);
    const schema = (Array.isArray(q.type) ? q.type[0] : q.type) ?? 'Thing';
    if (typeof schema !== 'string') throw new InputError('BAD_REQUEST', `queries/${key}/type: a type name, or a list of them`);
    if (!own(TYPES, schema)) throw new InputError('BAD_REQUEST', `queries/${key}/type: "${schema}" is not a type this service reconciles (${Object.keys(TYPES).join(', ')})`);
    const limit = q.limit ?? 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > RECONCILE_BOUNDS.limit) throw new InputError('BAD_REQUEST', `queries/${key}/limit: ${String(q.limit)}; 1 to ${RECONCILE_BOUNDS.limit}`);
    const properties: Record<string, string[]> = {};
    if (q.query?.trim()) properties.name = [q.query];
    for (const entry of q.properties ?? []) {
      const { pid, v } = (entry ?? {}) as { pid?: unknown; v?: unknown };
      const values = Array.isArray(v) ? v : [v];
      if (typeof pid !== 'string' || !values.every((x) => typeof x === 'string' || typeof x === 'number')) throw new InputError('BAD_REQUEST', `queries/${key}/properties: each is {"pid": "Schema:property", "v": a value or a list of them}`);
      const property = pid.includes(':') ? pid.slice(pid.indexOf(':') + 1) : pid;
      if (!own(PROPERTIES, property)) throw new InputError('BAD_REQUEST', `queries/${key}/properties: "${pid}" is not a property this service reconciles on (GET /reconcile/{dataset}/suggest/property lists them)`);
      (properties[property] ??= []).push(...values.map(String));
    }
    if (!Object.keys(properties).length) {
      out[key] = { result: [] };
      continue;
    }
    // Read as POST /match reads a query: dates read, countries as codes.
    const { query } = readScreeningQuery(schema, properties, { schemaStated: true });
    const results = state.index.match(query, { limit, threshold: DEFAULT_THRESHOLD, cutoff: 0.01, dataset, ...(accept ? { accept } : {}) });
    out[key] = { result: results.map((r) => ({ id: r.id, name: r.caption, description: typeOf(r.schema).description, type: [typeOf(r.schema)], score: r.score, match: r.match })) };
  }
  return out;
}

/** Each entity a suggestion may name, with its names normalized, once per screening state (suggestions come a keystroke at a time). */
const SUGGESTIBLE = new WeakMap<Screening, { entity: Entity; names: string[] }[]>();
function suggestible(state: Screening): { entity: Entity; names: string[] }[] {
  let list = SUGGESTIBLE.get(state);
  if (!list) {
    list = [];
    for (const entity of state.entities.values()) {
      if (own(TYPES, entity.schema)) list.push({ entity, names: [...(entity.properties.name ?? []), ...(entity.properties.alias ?? [])].map(normalizeName) });
    }
    SUGGESTIBLE.set(state, list);
  }
  return list;
}

/** Entities whose names have a word starting with the prefix, the words after it following (a name being typed). */
export function suggestEntities(state: Screening, prefix: string, limit: number, inScope: (entity: Entity) => boolean): unknown[] {
  const wanted = normalizeName(prefix);
  if (!wanted) return [];
  const out: unknown[] = [];
  for (const { entity, names } of suggestible(state)) {
    if (!inScope(entity)) continue;
    if (!names.some((n) => n.startsWith(wanted) || n.includes(` ${wanted}`))) continue;
    out.push({ id: entity.id, name: entity.caption, description: typeOf(entity.schema).description, type: [typeOf(entity.schema)] });
    if (out.length >= limit) break;
  }
  return out;
}

const SUGGESTIONS = 5;

/** Properties whose name or label starts with the prefix, as `Schema:property`. */
export function suggestProperties(prefix: string): { id: string; name: string; description: string }[] {
  const wanted = prefix.trim().toLowerCase();
  if (!wanted) return [];
  return Object.entries(PROPERTIES)
    .filter(([id, p]) => id.toLowerCase().startsWith(wanted) || p.label.toLowerCase().startsWith(wanted))
    .slice(0, SUGGESTIONS)
    .map(([id, p]) => ({ id: `${p.schema}:${id}`, name: p.label, description: `${p.label} (${p.schema})` }));
}

/** Types whose name or label starts with the prefix. */
export function suggestTypes(prefix: string): { id: string; name: string; description: string }[] {
  const wanted = prefix.trim().toLowerCase();
  if (!wanted) return [];
  return Object.entries(TYPES).filter(([id, t]) => id.toLowerCase().startsWith(wanted) || t.name.toLowerCase().startsWith(wanted)).slice(0, SUGGESTIONS).map(([id]) => typeOf(id));
}

/** The properties an extension may add for a type: featured ones first; `limit` keeps the first ones, then sorted by label. */
export function extensionProperties(type: string, limit: number): { id: string; name: string }[] {
  if (!own(TYPES, type)) throw new InputError('BAD_REQUEST', `querystring/type: "${type}" is not a type this service reconciles (${Object.keys(TYPES).join(', ')})`);
  const all = propertiesOf(type);
  const ordered = [...FEATURED.filter((p) => all.includes(p)), ...all.filter((p) => !FEATURED.includes(p))].map((id) => ({ id, name: own(PROPERTIES, id)!.label }));
  return limit > 0 ? ordered.slice(0, limit).sort((a, b) => a.name.localeCompare(b.name)) : ordered;
}

export interface ExtendRequest {
  ids: string[];
  properties: { id: string; settings?: { limit?: number | string; render?: 'caption' | 'raw' } }[];
}

/** The lists' values of the requested properties for each id: countries by name unless rendered raw, at most `limit` values (0: all). */
export function extend(state: Screening, request: ExtendRequest, referents: Map<string, string>): { meta: { id: string; name: string }[]; rows: Record<string, Record<string, { str: string }[]>> } {
  if (!request || typeof request !== 'object' || !Array.isArray(request.ids) || !Array.isArray(request.properties) || !request.ids.every((id) => typeof id === 'string')) throw new InputError('BAD_REQUEST', 'extend: give "ids" (entity ids) and "properties", both lists');
  if (request.ids.length > RECONCILE_BOUNDS.queries) throw new InputError('BAD_REQUEST', `extend/ids: ${request.ids.length} ids; a request may send ${RECONCILE_BOUNDS.queries} at most`);
  for (const id of request.ids) if (referents.has(id)) throw new InputError('BAD_REQUEST', `extend/ids: "${id}" was merged into ${referents.get(id)}: give the current id`);
  for (const [i, p] of request.properties.entries()) {
    if (!p || typeof p !== 'object' || typeof (p as { id?: unknown }).id !== 'string') throw new InputError('BAD_REQUEST', `extend/properties/${i}: each is {"id": "a property", "settings"?: {...}}`);
    if (!own(PROPERTIES, p.id)) throw new InputError('BAD_REQUEST', `extend/properties/${i}: "${p.id}" is not a property this service extends with (GET /reconcile/{dataset}/extend/property lists them)`);
  }
  const wanted = request.properties;
  const rows: Record<string, Record<string, { str: string }[]>> = {};
  for (const id of request.ids) {
    const entity = state.entities.get(id);
    const row: Record<string, { str: string }[]> = {};
    if (entity) {
      for (const { id: property, settings } of wanted) {
        if (!propertiesOf(entity.schema).includes(property)) continue;
        const limit = Number(settings?.limit ?? 0);
        let values = entity.properties[property] ?? [];
        if (settings?.render !== 'raw' && COUNTRY_PROPERTIES.has(property)) values = values.map((v) => countries.getName(countryCode(v) ?? '', 'en') ?? v);
        if (limit > 0) values = values.slice(0, limit);
        row[property] = values.map((str) => ({ str }));
      }
    }
    rows[id] = row;
  }
  return { meta: wanted.map((p) => ({ id: p.id, name: own(PROPERTIES, p.id)!.label })), rows };
}
