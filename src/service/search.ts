import countries from 'i18n-iso-countries';
import { DATASETS, collectionsOf, isIn } from '../core/collections.js';
import type { Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import { IDENTIFIER_PROPERTIES, NAME_PROPERTIES, QUERY_SCHEMATA, schemataCompatible } from '../core/ftm.js';
import { DEFAULT_CUTOFF, countryCode, countryCodes } from '../core/match/index.js';
import { normalizeName } from '../core/names/normalize.js';
import { cleanQuery } from './queries.js';
import type { Screening } from './screener.js';
import { own } from '../core/own.js';

/**
 * Search as yente's /search answers it: a text query over every field of the entities (names
 * through the matcher, so that spellings and scripts meet; addresses, places, notes and
 * identifiers by their words), filters, sorting and facets. The rules are here, shared by
 * whatever serves them; the route reads parameters and writes the answer.
 */
export interface SearchRequest {
  /** Words to find; empty: every entity that passes the filters. */
  q: string;
  schema: string;
  /** A dataset or collection: the scope. */
  dataset: string;
  countries?: string[];
  topics?: string[];
  datasets?: string[];
  include_dataset?: string[];
  exclude_dataset?: string[];
  exclude_schema?: string[];
  changed_since?: string;
  /** `field:value`, repeatable: countries, topics, datasets, schema, identifiers, genders, target, or properties.<name>. */
  filter?: string[];
  /** How several values of one field combine (different fields always all apply). */
  filter_op: 'AND' | 'OR';
  /** `field[:asc|desc]`, repeatable: score, caption, id, schema, first_seen, last_seen, last_change. */
  sort?: string[];
  target?: boolean;
  fuzzy: boolean;
  facets: string[];
  limit: number;
  offset: number;
}

export interface Found {
  entity: Entity;
  /** The name score, for entities found by a name; none for those found by other words or listed without a query. */
  score?: number;
}

export interface SearchAnswer {
  found: Found[];
  /** `gte` when the name search stopped at its cap. */
  relation: 'eq' | 'gte';
  facets: Record<string, { label: string; values: { name: string; label: string; count: number }[] }>;
}

/** The most entities a name search returns (the rest are counted as "gte"). */
export const NAME_SEARCH_CAP = 500;

/** An entity's topics: its own, and `sanction` for a designated one. */
export function topicsOf(entity: Entity): string[] {
  const topics = new Set(entity.properties.topics ?? []);
  if (entity.designations.length) topics.add('sanction');
  return [...topics];
}

/**
 * When an entity's own record was first seen, last seen and last changed, by the versions that
 * carried it (see `Store.entityTimelines`); without that history, the current versions' load times.
 */
export function versionDates(state: Screening, entity: Entity): { first_seen: string | null; last_seen: string | null; last_change: string | null } {
  const timeline = state.timelines?.get(entity.id);
  if (timeline) return timeline;
  const versions = state.versions.filter((v) => entity.datasets.includes(v.dataset));
  const loaded = versions.map((v) => v.loadedAt).sort();
  return { first_seen: isoSeconds(loaded[0]), last_seen: isoSeconds(loaded[loaded.length - 1]), last_change: isoSeconds(loaded[loaded.length - 1]) };
}

/** A time as yente writes it: YYYY-MM-DDTHH:MM:SS, in UTC, without fraction or zone. */
export function isoSeconds(time: string | undefined): string | null {
  if (!time) return null;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 19);
}

/** What a filter or facet field reads of an entity: country codes in lower case, as yente's index holds them. */
const FIELDS: Record<string, (entity: Entity) => string[]> = {
  countries: (entity) => countryCodes(entity.properties).map((c) => c.toLowerCase()),
  topics: topicsOf,
  datasets: (entity) => entity.datasets,
  schema: (entity) => [entity.schema],
  identifiers: (entity) => IDENTIFIER_PROPERTIES.flatMap((p) => entity.properties[p] ?? []),
  genders: (entity) => entity.properties.gender ?? [],
  target: (entity) => [String(entity.designations.length > 0)],
};

const FACET_SIZE = 1000;
const FACET_LABELS: Record<string, string> = { countries: 'Countries', topics: 'Topics', datasets: 'Data sources', schema: 'Entity types', identifiers: 'Identifiers', genders: 'Genders' };

/** A filter's field as the entity is read for it; a property's values by `properties.<name>`. */
function fieldReader(field: string): ((entity: Entity) => string[]) | undefined {
  if (field.startsWith('properties.')) {
    const property = field.slice('properties.'.length);
    return property ? (entity) => entity.properties[property] ?? [] : undefined;
  }
  return own(FIELDS, field);
}

/** A filter value as the field holds it: a country as its lower-case code, anything else compared without case. */
function filterValue(field: string, value: string): string {
  if (field === 'countries') return countryCode(value)?.toLowerCase() ?? value.toLowerCase();
  return value.toLowerCase();
}

interface FieldFilter {
  field: string;
  read: (entity: Entity) => string[];
  values: string[];
}

/** The `filter` parameters, grouped by field; 400 for one without a colon or of an unknown field. */
function fieldFilters(request: SearchRequest): FieldFilter[] {
  const grouped = new Map<string, FieldFilter>();
  const add = (field: string, value: string, raw: string): void => {
    const read = fieldReader(field);
    if (!read) throw new InputError('BAD_REQUEST', `querystring/filter: unknown field in "${raw}"; filter on countries, topics, datasets, schema, identifiers, genders, target or properties.<name>`);
    let filter = grouped.get(field);
    if (!filter) grouped.set(field, (filter = { field, read, values: [] }));
    filter.values.push(filterValue(field, value));
  };
  for (const raw of request.filter ?? []) {
    const colon = raw.indexOf(':');
    if (colon <= 0) throw new InputError('BAD_REQUEST', `querystring/filter: invalid filter "${raw}"; write field:value (countries:ru, properties.birthDate:1965)`);
    add(raw.slice(0, colon), raw.slice(colon + 1), raw);
  }
  // The older yente parameters are filters on their fields.
  for (const value of request.countries ?? []) add('countries', value, `countries:${value}`);
  for (const value of request.topics ?? []) add('topics', value, `topics:${value}`);
  for (const value of request.datasets ?? []) add('datasets', value, `datasets:${value}`);
  if (request.target !== undefined) add('target', String(request.target), `target:${request.target}`);
  return [...grouped.values()];
}

function passes(entity: Entity, filters: FieldFilter[], op: 'AND' | 'OR'): boolean {
  for (const { read, values } of filters) {
    const held = new Set(read(entity).map((v) => v.toLowerCase()));
    if (op === 'OR' ? !values.some((v) => held.has(v)) : !values.every((v) => held.has(v))) return false;
  }
  return true;
}

type SortField = (state: Screening, found: Found) => string | number | null;
const SORTS: Record<string, SortField> = {
  score: (_state, found) => found.score ?? null,
  caption: (_state, found) => found.entity.caption.toLowerCase(),
  id: (_state, found) => found.entity.id,
  entity_id: (_state, found) => found.entity.id,
  schema: (_state, found) => found.entity.schema,
  first_seen: (state, found) => versionDates(state, found.entity).first_seen,
  last_seen: (state, found) => versionDates(state, found.entity).last_seen,
  last_change: (state, found) => versionDates(state, found.entity).last_change,
};

/** The `sort` parameters as comparisons, each `field[:asc|desc]`, missing values last; 400 for an unknown field or order. */
function sorter(state: Screening, sorts: string[]): ((a: Found, b: Found) => number) | undefined {
  if (!sorts.length) return undefined;
  const keys = sorts.map((raw) => {
    const [field = '', order = 'asc'] = raw.split(':');
    const read = own(SORTS, field);
    if (!read) throw new InputError('BAD_REQUEST', `querystring/sort: unknown field in "${raw}"; sort by ${Object.keys(SORTS).join(', ')}`);
    if (order !== 'asc' && order !== 'desc') throw new InputError('BAD_REQUEST', `querystring/sort: "${raw}": the order is asc or desc`);
    return { read, sign: order === 'asc' ? 1 : -1 };
  });
  return (a, b) => {
    for (const { read, sign } of keys) {
      const x = read(state, a);
      const y = read(state, b);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a.entity.id < b.entity.id ? -1 : 1;
  };
}

/** The words of an entity's values other than its names, for the text search (built once per screening state). */
const TEXT = new WeakMap<Screening, Map<string, Set<string>>>();
const NAME_FIELDS: ReadonlySet<string> = new Set(NAME_PROPERTIES);

function textIndex(state: Screening): Map<string, Set<string>> {
  let index = TEXT.get(state);
  if (index) return index;
  index = new Map();
  for (const entity of state.entities.values()) {
    for (const [property, values] of Object.entries(entity.properties)) {
      if (NAME_FIELDS.has(property)) continue;
      for (const value of values) {
        for (const word of normalizeName(value).split(' ')) {
          if (!word) continue;
          let ids = index.get(word);
          if (!ids) index.set(word, (ids = new Set()));
          ids.add(entity.id);
        }
      }
    }
  }
  TEXT.set(state, index);
  return index;
}

/** The entities whose other values hold every word of the query (an address, a place, a note, an identifier). */
function byOtherWords(state: Screening, q: string): string[] {
  const words = [...new Set(normalizeName(q).split(' ').filter(Boolean))];
  if (!words.length) return [];
  const index = textIndex(state);
  const sets = words.map((w) => index.get(w) ?? new Set<string>()).sort((a, b) => a.size - b.size);
  return [...sets[0]!].filter((id) => sets.every((s) => s.has(id)));
}

/** Schemata a search may name: those a query may have, and those of the entities held. */
function knownSchema(state: Screening, schema: string): boolean {
  if ((QUERY_SCHEMATA as readonly string[]).includes(schema)) return true;
  for (const entity of state.entities.values()) if (entity.schema === schema) return true;
  return false;
}

export function searchEntities(state: Screening, request: SearchRequest): SearchAnswer {
  if (!knownSchema(state, request.schema)) throw new InputError('BAD_REQUEST', `querystring/schema: unknown schema "${request.schema}"`);
  const filters = fieldFilters(request);
  const include = request.include_dataset ?? [];
  const exclude = new Set(request.exclude_dataset ?? []);
  const excludeSchema = new Set(request.exclude_schema ?? []);
  const since = request.changed_since;
  const admitted = (entity: Entity): boolean =>
    schemataCompatible(request.schema, entity.schema) &&
    isIn(request.dataset, entity.datasets, collectionsOf(entity)) &&
    (!include.length || entity.datasets.some((d) => include.includes(d))) &&
    (!exclude.size || !entity.datasets.every((d) => exclude.has(d))) &&
    !excludeSchema.has(entity.schema) &&
    (!since || (versionDates(state, entity).last_change ?? '') > since) &&
    passes(entity, filters, request.filter_op);

  let found: Found[];
  let relation: 'eq' | 'gte' = 'eq';
  if (request.q.trim()) {
    // Names through the matcher (spellings and scripts meet there), then other values' words.
    const byName = state.index.match(cleanQuery(request.schema, { name: [request.q] }), {
      limit: NAME_SEARCH_CAP,
      threshold: 1,
      cutoff: request.fuzzy ? DEFAULT_CUTOFF : 0.7,
      dataset: request.dataset,
      accept: (id) => admitted(state.entities.get(id)!),
    });
    if (byName.length >= NAME_SEARCH_CAP) relation = 'gte';
    found = byName.map((r) => ({ entity: state.entities.get(r.id)!, score: r.score }));
    const seen = new Set(found.map((f) => f.entity.id));
    const others = byOtherWords(state, request.q).filter((id) => !seen.has(id)).map((id) => state.entities.get(id)!).filter(admitted);
    found.push(...others.sort((a, b) => (a.id < b.id ? -1 : 1)).map((entity) => ({ entity })));
  } else {
    found = [...state.entities.values()].filter(admitted).map((entity) => ({ entity }));
  }
  const order = sorter(state, request.sort ?? []);
  if (order) found.sort(order);

  const facets: SearchAnswer['facets'] = {};
  for (const facet of request.facets) {
    const read = FIELDS[facet]!;
    const counts = new Map<string, number>();
    for (const { entity } of found) for (const value of new Set(read(entity))) counts.set(value, (counts.get(value) ?? 0) + 1);
    facets[facet] = {
      label: own(FACET_LABELS, facet) ?? facet,
      // The most frequent values, at most FACET_SIZE of them, as yente's buckets.
      values: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, FACET_SIZE).map(([name, count]) => ({ name, label: facetLabel(facet, name), count })),
    };
  }
  return { found, relation, facets };
}

function facetLabel(facet: string, name: string): string {
  if (facet === 'countries') return countries.getName(name.toUpperCase(), 'en') ?? name;
  if (facet === 'datasets') return DATASETS[name as keyof typeof DATASETS]?.title ?? name;
  return name;
}
