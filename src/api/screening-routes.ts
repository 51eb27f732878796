import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { NAME_PROPERTIES, QUERY_SCHEMATA } from '../core/ftm.js';
import { InputError, InterdictError } from '../core/errors.js';
import { DEFAULT_THRESHOLD } from '../core/match/index.js';
import { readScreeningQuery } from '../service/queries.js';
import { referentsOf, type Screener, type Screening } from '../service/screener.js';
import { screeningFor } from './screening-state.js';
import { ALGORITHM, YENTE_ALGORITHMS, algorithmDocs, checkAlgorithm, designeeFields, designeeResponse, scoredResponse, entityResponse } from './yente-shapes.js';
import { groupByDesignee, type DesigneeFinder } from '../service/designees.js';
import type { Designee } from '../core/linking.js';
import type { Entity } from '../core/entity.js';
import { searchEntities, topicsOf, versionDates } from '../service/search.js';
import { screeningLists } from '../service/list-ages.js';
import type { ScreeningAudit } from '../service/screening-audit.js';

const MAX_QUERIES = 100;
const MAX_LIMIT = 500;
/** The furthest a search's page may start, as in yente (9,999 results, less a page). */
const MAX_LIMIT_OFFSET = 9_499;

/**
 * What one request may ask, checked before any work, so that no request stalls the server for
 * the others: 100 queries of five common words each at limit 500 and cutoff 0 once held the
 * event loop 11 s and doubled the server's memory.
 */
export const REQUEST_BOUNDS = Object.freeze({
  /** Results a request may ask for in all, queries × limit (100 queries at limit 50, or 10 at 500). */
  results: 5_000,
  /** Names a query may give (name, alias, previousName, weakAlias, first and last names...). */
  namesPerQuery: 20,
  /** Under this cutoff a query scores a crowd of weak candidates: allowed only up to `lowCutoffLimit` results a query. */
  lowCutoff: 0.3,
  lowCutoffLimit: 50,
});

/** Let other requests (a health check) be answered between the queries of a long one. */
const yieldToOthers = (): Promise<void> => new Promise((next) => setImmediate(next));

const stringList = { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 } as const;

const ENTITY_EXAMPLE = {
  type: 'object',
  required: ['schema'],
  properties: {
    id: { type: 'string', maxLength: 200 },
    schema: { type: 'string', maxLength: 100, description: 'FollowTheMoney schema: Person, Organization, Company, LegalEntity, Vessel, Airplane, Thing' },
    properties: {
      type: 'object',
      maxProperties: 100,
      // A value alone or a list, strings or numbers, as yente takes them ("country": "Russia", "birthDate": [1965]).
      additionalProperties: { anyOf: [{ type: 'array', items: { anyOf: [{ type: 'string', maxLength: 2000 }, { type: 'number' }] }, maxItems: 500 }, { type: 'string', maxLength: 2000 }, { type: 'number' }] },
      description: 'FollowTheMoney properties, each a list of strings (or one value): name, birthDate, nationality, passportNumber, imoNumber...',
    },
  },
} as const;

const MATCH_SCHEMA = {
  summary: 'Screen entities (yente-compatible)',
  description: `Match up to ${MAX_QUERIES} query entities against a dataset or collection (default, sanctions, dprk, or a dataset name).`,
  params: { type: 'object', properties: { dataset: { type: 'string', maxLength: 100 } }, required: ['dataset'] },
  querystring: {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 5 },
      threshold: { type: 'number', minimum: 0, maximum: 1, default: DEFAULT_THRESHOLD, description: 'A result with a score at or above it is a match' },
      cutoff: { type: 'number', minimum: 0, maximum: 1, description: 'Deprecated, as in yente: results scoring below it are not returned (default and at most: the threshold; lower it to see near misses)' },
      algorithm: { type: 'string', maxLength: 100, default: ALGORITHM },
      fuzzy: { type: 'boolean', description: 'true only: matching always allows spelling variants' },
      include_dataset: stringList,
      exclude_dataset: stringList,
      exclude_schema: stringList,
      topics: stringList,
      changed_since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?$', description: 'Entities whose record changed after this time (YYYY-MM-DD[THH[:MM[:SS]]])' },
      exclude_entity_ids: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 1000 },
      group: { type: 'string', enum: ['record', 'designee'], default: 'record', description: 'record: one result per list record (yente\'s answer); designee: one per designee, its records on every list linked (docs/linking.md), with every member id in `referents` and every authority\'s designations' },
    },
  },
  body: {
    type: 'object',
    required: ['queries'],
    properties: {
      queries: { type: 'object', maxProperties: MAX_QUERIES, additionalProperties: ENTITY_EXAMPLE },
      weights: { type: 'object', additionalProperties: { type: 'number' } },
      config: { type: 'object' },
    },
  },
} as const;

const SEARCH_SCHEMA = {
  summary: 'Search entities by text (yente-compatible): names through the matcher, other values (addresses, places, notes, identifiers) by their words',
  params: { type: 'object', properties: { dataset: { type: 'string', maxLength: 100 } }, required: ['dataset'] },
  querystring: {
    type: 'object',
    properties: {
      q: { type: 'string', maxLength: 1000, default: '' },
      schema: { type: 'string', maxLength: 100, default: 'Thing' },
      countries: stringList,
      topics: stringList,
      datasets: stringList,
      include_dataset: stringList,
      exclude_dataset: stringList,
      exclude_schema: stringList,
      changed_since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?$', description: 'Entities whose record changed after this time (YYYY-MM-DD[THH[:MM[:SS]]])' },
      filter: { ...stringList, description: 'field:value, repeatable: countries, topics, datasets, schema, identifiers, genders, target, properties.<name>' },
      filter_op: { type: 'string', enum: ['AND', 'OR'], default: 'OR', description: 'How several values of one field combine' },
      sort: { ...stringList, description: 'field[:asc|desc], repeatable: score, caption, id, schema, first_seen, last_seen, last_change' },
      target: { type: 'boolean', description: 'Designated entities only (true), or others only (false)' },
      simple: { type: 'boolean', description: 'Accepted as yente takes it: the query is always read as plain words, never as a query syntax' },
      limit: { type: 'integer', minimum: 0, maximum: MAX_LIMIT, default: 10 },
      offset: { type: 'integer', minimum: 0, maximum: MAX_LIMIT_OFFSET, default: 0 },
      group: { type: 'string', enum: ['record', 'designee'], default: 'record', description: 'designee: one result per designee (its records on every list linked), every member id in `referents`; `total` then counts the designees among the results looked at' },
      fuzzy: { type: 'boolean', default: false, description: 'Names found down to the default cutoff (0.5) rather than 0.7' },
      facets: { type: 'array', items: { type: 'string', enum: ['countries', 'topics', 'datasets', 'schema', 'identifiers', 'genders'] }, default: ['countries', 'topics', 'datasets'] },
    },
  },
} as const;

interface MatchQuerystring {
  limit: number;
  threshold: number;
  cutoff?: number;
  algorithm: string;
  fuzzy?: boolean;
  include_dataset?: string[];
  exclude_dataset?: string[];
  exclude_schema?: string[];
  topics?: string[];
  changed_since?: string;
  exclude_entity_ids?: string[];
  group: 'record' | 'designee';
}

interface MatchBody {
  queries: Record<string, { id?: string; schema: string; properties?: Record<string, string | number | (string | number)[]> }>;
  weights?: Record<string, number>;
  config?: Record<string, unknown>;
}

/**
 * yente's `weights` and `config` tune the features of its own scoring algorithms. Interdict's
 * model has other features (docs/matching.md, "Scoring"), so a weight or setting sent is refused, naming
 * it, rather than accepted and ignored; empty objects are accepted.
 */
function refuseTuning(body: MatchBody): void {
  for (const part of ['weights', 'config'] as const) {
    const keys = Object.keys(body[part] ?? {});
    if (keys.length) throw new InputError('BAD_REQUEST', `body/${part}/${keys[0]}: ${part} cannot be set: the ${ALGORITHM} algorithm's scoring is fixed (its factors and their reasons are in docs/matching.md, "Scoring"); send the request without ${part}`);
  }
}

/** How many candidates yente scores for a limit, among which `total` counts the matches: ten a result, 20 to 500. */
function candidateWindow(limit: number): number {
  return Math.max(20, Math.min(MAX_LIMIT, limit * 10));
}

/**
 * Screening routes with yente's shapes, so that OpenSanctions clients work unchanged:
 * POST /match/{dataset}, GET /search/{dataset}, GET /algorithms.
 */
export function registerScreeningRoutes(app: FastifyInstance, screener: Screener, maxAgeDays: number, deadlineMs: number, audit: ScreeningAudit, designees: DesigneeFinder): void {
  app.get('/algorithms', { schema: { summary: 'Matching algorithms, in yente\'s shape: Interdict\'s, and the names yente clients send, each saying which algorithm answers it' } }, async () => ({
    algorithms: [ALGORITHM, ...YENTE_ALGORITHMS].map(algorithmDocs),
    default: ALGORITHM,
    best: ALGORITHM,
    accepted_aliases: YENTE_ALGORITHMS,
  }));

  // Handlers typed from the JSON schemas they declare (no casts).
  const typed = app.withTypeProvider<JsonSchemaToTsProvider>();
  typed.post('/match/:dataset', { schema: MATCH_SCHEMA }, async (request, reply) => {
    const { dataset } = request.params;
    const ready = screeningFor(screener, dataset, reply);
    if (!ready) return reply;
    const state = await screener.withTimelines(ready);
    const params = request.query;
    const body = request.body;
    refuseTuning(body);
    const against = screeningLists(state.versions, dataset, { maxAgeDays });
    checkAlgorithm(params.algorithm, 'querystring/algorithm');
    if (params.fuzzy === false) throw new InputError('BAD_REQUEST', 'querystring/fuzzy: false cannot be honoured: matching always allows spelling variants (send fuzzy=true, or leave it out)');
    const accept = acceptFilter(state, params);
    // yente's semantics: results below the cutoff are not returned; it defaults to the
    // threshold and is never above it, so that by default only matches come back.
    const cutoff = Math.min(params.cutoff ?? params.threshold, params.threshold);
    const queries = Object.entries(body.queries);
    if (!queries.length) throw new InputError('BAD_REQUEST', 'body/queries: no queries provided');
    // A query that cannot be screened fails the whole request, before any work, as in yente.
    for (const [key, example] of queries) {
      if (!(QUERY_SCHEMATA as readonly string[]).includes(example.schema)) throw new InputError('BAD_REQUEST', `body/queries/${key}/schema: "${example.schema}" cannot be screened; use one of ${[...QUERY_SCHEMATA].join(', ')}`);
    }
    checkBounds(queries, params.limit, cutoff);
    void reply.header('x-batch-size', String(queries.length));
    const deadline = Date.now() + deadlineMs;
    const responses: Record<string, unknown> = {};
    for (const [i, [key, example]] of queries.entries()) {
      if (i > 0) await yieldToOthers();
      if (Date.now() > deadline) {
        throw new InterdictError('DEADLINE', `the request was not answered within ${deadlineMs / 1000} s (${i} of ${queries.length} queries done): send fewer queries a request, or a lower limit`, 503);
      }
      const { query, warnings } = readScreeningQuery(example.schema, example.properties ?? {}, { schemaStated: true, label: `queries/${key}/` });
      if (warnings.length) request.log.warn({ query: key, warnings }, 'query read with warnings');
      const search = { threshold: params.threshold, dataset, accept };
      const window = candidateWindow(params.limit);
      let answer: { results: Record<string, unknown>[]; total: { value: number; relation: 'eq' | 'gte' } };
      if (params.group === 'designee') {
        // Several records of a designee take several places: more are asked, then grouped.
        const found = state.index.match(query, { ...search, limit: window, cutoff });
        const grouped = groupByDesignee(found, await designees.resolver(state));
        // A full window may have left matches out: the count is then a floor.
        answer = {
          results: grouped.slice(0, params.limit).map(({ best, designee }) => designeeResponse(state, best, designee)),
          total: { value: grouped.filter((g) => g.best.match).length, relation: found.length >= window ? 'gte' : 'eq' },
        };
      } else {
        const results = state.index.match(query, { ...search, limit: params.limit, cutoff });
        // total: the matches (score at or above the threshold) before the limit, as yente counts
        // them, among as many candidates as yente scores (ten a result asked, 20 to 500).
        const matches = results.filter((r) => r.match).length;
        const total = results.length < params.limit || matches < results.length ? matches : state.index.match(query, { ...search, limit: window, cutoff: params.threshold }).length;
        // At the window's size, there may be more matches than were counted.
        answer = { results: results.map((r) => scoredResponse(state, r)), total: { value: total, relation: total >= window && total > matches ? 'gte' : 'eq' } };
      }
      responses[key] = {
        status: 200,
        ...answer,
        query: { id: example.id ?? key, schema: query.schema, properties: query.properties },
        ...(warnings.length ? { warnings } : {}),
      };
    }
    const answered = Object.values(responses) as { results?: { match: boolean }[] }[];
    audit.record(request.actor, {
      queries: queries.length,
      results: answered.reduce((n, r) => n + (r.results?.length ?? 0), 0),
      matches: answered.reduce((n, r) => n + (r.results?.filter((x) => x.match).length ?? 0), 0),
      versions: state.versions.map((v) => v.id),
    });
    return { responses, limit: params.limit, algorithm: ALGORITHM, lists: against.lists, ...(against.warnings.length ? { warnings: against.warnings } : {}) };
  });

  typed.get('/search/:dataset', { schema: SEARCH_SCHEMA }, async (request, reply) => {
    const { dataset } = request.params;
    const ready = screeningFor(screener, dataset, reply);
    if (!ready) return reply;
    const state = await screener.withTimelines(ready);
    const params = request.query;
    const against = screeningLists(state.versions, dataset, { maxAgeDays });
    const { group, ...asked } = params;
    const { found, relation, facets } = searchEntities(state, { ...asked, dataset });
    const page = group === 'designee' ? designeePage(state, found, params.offset, params.limit, await designees.resolver(state)) : undefined;
    return {
      results: page ? page.results : found.slice(params.offset, params.offset + params.limit).map(({ entity, score }) => ({ ...entityResponse(state, entity), ...(score !== undefined ? { score } : {}) })),
      total: page ? page.total : { value: found.length, relation },
      limit: params.limit,
      offset: params.offset,
      facets,
      lists: against.lists,
      ...(against.warnings.length ? { warnings: against.warnings } : {}),
    };
  });
}

/** Refuse a request asking more work than REQUEST_BOUNDS allows, naming the bound. */
function checkBounds(queries: [string, { properties?: Record<string, unknown> }][], limit: number, cutoff: number): void {
  if (queries.length * limit > REQUEST_BOUNDS.results) {
    throw new InputError('TOO_MUCH_WORK', `queries × limit is ${queries.length} × ${limit} = ${queries.length * limit}; a request may ask for ${REQUEST_BOUNDS.results} results at most: send fewer queries a request, or a lower limit`);
  }
  if (cutoff < REQUEST_BOUNDS.lowCutoff && limit > REQUEST_BOUNDS.lowCutoffLimit) {
    throw new InputError('TOO_MUCH_WORK', `querystring/cutoff ${cutoff} with limit ${limit}: under a cutoff of ${REQUEST_BOUNDS.lowCutoff}, the limit is ${REQUEST_BOUNDS.lowCutoffLimit} at most`);
  }
  for (const [key, example] of queries) {
    const names = NAME_PROPERTIES.reduce((n, p) => {
      const value = example.properties?.[p];
      return n + (value === undefined ? 0 : Array.isArray(value) ? value.length : 1);
    }, 0);
    if (names > REQUEST_BOUNDS.namesPerQuery) throw new InputError('TOO_MUCH_WORK', `queries/${key}: ${names} names; a query may give ${REQUEST_BOUNDS.namesPerQuery} at most`);
  }
}

/** The result filters of a match request, as one predicate the index applies before scoring. */
function acceptFilter(state: Screening, params: MatchQuerystring): ((id: string, datasets: string[]) => boolean) | undefined {
  const include = params.include_dataset ?? [];
  const exclude = new Set(params.exclude_dataset ?? []);
  const topics = params.topics ?? [];
  const excluded = new Set(params.exclude_entity_ids ?? []);
  const since = params.changed_since;
  const schemata = new Set(params.exclude_schema ?? []);
  // An id merged into an entity (a referent) excludes that entity too.
  const referents = referentsOf(state);
  for (const id of params.exclude_entity_ids ?? []) {
    const merged = referents.get(id);
    if (merged) excluded.add(merged);
  }
  if (!include.length && !exclude.size && !topics.length && !excluded.size && !since && !schemata.size) return undefined;
  return (id, datasets) => {
    if (excluded.has(id)) return false;
    if (schemata.size && schemata.has(state.entities.get(id)?.schema ?? '')) return false;
    if (include.length && !datasets.some((d) => include.includes(d))) return false;
    if (exclude.size && datasets.every((d) => exclude.has(d))) return false;
    if (!topics.length && !since) return true;
    const entity = state.entities.get(id);
    if (!entity) return false;
    if (topics.length && !topicsOf(entity).some((t) => topics.includes(t))) return false;
    if (since && (versionDates(state, entity).last_change ?? '') <= since) return false;
    return true;
  };
}

/**
 * A page of search results one per designee: found entities are grouped in order until the page
 * is full (a designee's first entity stands for it), so that a broad search links no more records
 * than the page needs; `total` counts the designees met, `gte` when entities were left unread.
 */
function designeePage(state: Screening, found: { entity: Entity; score?: number }[], offset: number, limit: number, designeeOf: (id: string) => Designee): { results: Record<string, unknown>[]; total: { value: number; relation: 'eq' | 'gte' } } {
  const seen = new Set<string>();
  const results: Record<string, unknown>[] = [];
  let read = 0;
  for (const { entity, score } of found) {
    if (seen.size >= offset + limit) break;
    read++;
    const designee = designeeOf(entity.id);
    if (seen.has(designee.id)) continue;
    seen.add(designee.id);
    if (seen.size <= offset) continue;
    results.push({ ...entityResponse(state, entity), ...(score !== undefined ? { score } : {}), ...designeeFields(state, entity, designee) });
  }
  return { results, total: { value: seen.size, relation: read < found.length ? 'gte' : 'eq' } };
}
