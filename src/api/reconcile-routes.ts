import formbody from '@fastify/formbody';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectionsOf, isIn } from '../core/collections.js';
import type { Entity } from '../core/entity.js';
import { InputError, NotFoundError } from '../core/errors.js';
import { RECONCILE_BOUNDS, defaultTypes, extend, extensionProperties, reconcile, suggestEntities, suggestProperties, suggestTypes, type ExtendRequest, type ReconcileQuery } from '../service/reconcile.js';
import { referentsOf, type Screener, type Screening } from '../service/screener.js';
import { versionDates } from '../service/search.js';
import { screeningFor } from './screening-state.js';
import { ALGORITHM, checkAlgorithm } from './yente-shapes.js';

const prefix = { prefix: { type: 'string', maxLength: 200, default: '' } } as const;
const answerParameters = {
  queries: { type: 'string', maxLength: 1_000_000, description: 'Reconciliation queries, as JSON' },
  extend: { type: 'string', maxLength: 1_000_000, description: 'A data extension request, as JSON' },
  algorithm: { type: 'string', maxLength: 100, default: ALGORITHM },
  changed_since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?$' },
} as const;

interface Answer {
  queries?: string;
  extend?: string;
  algorithm?: string;
  changed_since?: string;
}

/**
 * The OpenRefine reconciliation API, as yente serves it (the rules in src/service/reconcile.ts):
 * the service manifest, queries and data extension (GET or form-encoded POST), entity, type and
 * property suggestions, proposed extension properties, and a preview of an entity.
 */
const datasetParams = { type: 'object', required: ['dataset'], properties: { dataset: { type: 'string', maxLength: 100 } } } as const;

export function registerReconcileRoutes(instance: FastifyInstance, screener: Screener): void {
  void instance.register(formbody, { bodyLimit: 2 * 1024 * 1024 });
  // Handlers typed from the JSON schemas they declare (no casts).
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  const scope = (dataset: string) => (entity: Entity): boolean => isIn(dataset, entity.datasets, collectionsOf(entity));

  const answer = async (request: FastifyRequest, reply: FastifyReply, dataset: string, params: Answer) => {
    const ready = screeningFor(screener, dataset, reply);
    if (!ready) return reply;
    const state = await screener.withTimelines(ready);
    checkAlgorithm(params.algorithm ?? ALGORITHM, 'algorithm');
    const extending = Boolean(params.extend?.trim());
    const querying = Boolean(params.queries?.trim());
    if (extending && querying) throw new InputError('BAD_REQUEST', 'give "queries" or "extend", not both');
    if (params.changed_since !== undefined && !querying) throw new InputError('BAD_REQUEST', 'changed_since: applies to queries only');
    if (extending) {
      const body = parseJson<ExtendRequest>(params.extend ?? '', 'extend');
      const result = extend(state, body, referentsOf(state));
      void reply.header('x-batch-size', String(Object.keys(result.rows).length));
      return result;
    }
    if (querying) {
      const queries = parseJson<Record<string, ReconcileQuery>>(params.queries ?? '', 'queries');
      if (!queries || typeof queries !== 'object' || Array.isArray(queries)) throw new InputError('BAD_REQUEST', 'queries: a JSON object of queries by key');
      const since = params.changed_since;
      const accept = since ? (id: string) => (versionDates(state, state.entities.get(id)!).last_change ?? '') > since : undefined;
      void reply.header('x-batch-size', String(Object.keys(queries).length));
      return reconcile(state, queries, dataset, accept);
    }
    return manifest(request, state, dataset, scope(dataset));
  };

  app.get('/reconcile/:dataset', { schema: { summary: 'OpenRefine reconciliation: the service manifest, or the answer to queries or an extension given as parameters', params: datasetParams, querystring: { type: 'object', properties: answerParameters } } }, (request, reply) => answer(request, reply, request.params.dataset, request.query));
  app.post('/reconcile/:dataset', {
    schema: {
      summary: 'OpenRefine reconciliation: queries or a data extension, form-encoded (queries=..., or extend=...)',
      params: datasetParams,
      querystring: { type: 'object', properties: { algorithm: answerParameters.algorithm, changed_since: answerParameters.changed_since } },
      body: { type: 'object', properties: { queries: answerParameters.queries, extend: answerParameters.extend } },
    },
  }, (request, reply) => answer(request, reply, request.params.dataset, { ...request.query, ...request.body }));

  app.get('/reconcile/:dataset/suggest/entity', {
    schema: { summary: 'OpenRefine: entities whose names start with the prefix (a name being typed)', params: datasetParams, querystring: { type: 'object', properties: { ...prefix, limit: { type: 'integer', minimum: 1, maximum: 500, default: 10 } } } },
  }, async (request, reply) => {
    const state = screeningFor(screener, request.params.dataset, reply);
    if (!state) return reply;
    const { prefix: typed, limit } = request.query;
    return suggestion(typed, suggestEntities(state, typed, limit, scope(request.params.dataset)));
  });
  app.get('/reconcile/:dataset/suggest/property', { schema: { summary: 'OpenRefine: properties whose name or label starts with the prefix', params: datasetParams, querystring: { type: 'object', properties: prefix } } }, async (request, reply) => {
    if (!screeningFor(screener, request.params.dataset, reply)) return reply;
    const { prefix: typed } = request.query;
    return suggestion(typed, suggestProperties(typed));
  });
  app.get('/reconcile/:dataset/suggest/type', { schema: { summary: 'OpenRefine: types whose name or label starts with the prefix', params: datasetParams, querystring: { type: 'object', properties: prefix } } }, async (request, reply) => {
    if (!screeningFor(screener, request.params.dataset, reply)) return reply;
    const { prefix: typed } = request.query;
    return suggestion(typed, suggestTypes(typed));
  });
  app.get('/reconcile/:dataset/extend/property', {
    schema: { summary: 'OpenRefine: the properties an extension may add for a type', params: datasetParams, querystring: { type: 'object', properties: { type: { type: 'string', maxLength: 100, default: 'Thing' }, limit: { type: 'integer', minimum: 0, maximum: 500, default: 0 } } } },
  }, async (request, reply) => {
    if (!screeningFor(screener, request.params.dataset, reply)) return reply;
    const { type, limit } = request.query;
    return { limit, type, properties: extensionProperties(type, limit) };
  });
  app.get('/reconcile/:dataset/preview', { schema: { summary: 'OpenRefine: a small HTML card of an entity', params: datasetParams, querystring: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } } }, async (request, reply) => {
    const state = screeningFor(screener, request.params.dataset, reply);
    if (!state) return reply;
    const { id } = request.query;
    const entity = state.entities.get(id) ?? state.entities.get(referentsOf(state).get(id) ?? '');
    if (!entity) throw new NotFoundError(`entity ${id}`);
    return reply.type('text/html; charset=utf-8').send(preview(entity));
  });
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new InputError('BAD_REQUEST', `${what}: not JSON (${(error as Error).message})`);
  }
}

function suggestion(prefix: string, result: unknown[]): Record<string, unknown> {
  return { code: '/api/status/ok', status: '200 OK', prefix, result };
}

/** The service manifest (https://reconciliation-api.github.io/specs/0.2/#service-manifest), its URLs on this server. */
function manifest(request: FastifyRequest, state: Screening, dataset: string, inScope: (entity: Entity) => boolean): Record<string, unknown> {
  const base = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  const service = `${base}/reconcile/${encodeURIComponent(dataset)}`;
  return {
    versions: ['0.2'],
    name: `${dataset} (Interdict)`,
    identifierSpace: `${base}/entities/`,
    schemaSpace: 'https://followthemoney.tech/explorer/schemata/',
    documentation: `${base}/docs`,
    view: { url: `${base}/entities/{{id}}` },
    preview: { url: `${service}/preview?id={{id}}`, width: 430, height: 300 },
    batchSize: 10,
    suggest: {
      entity: { service_url: service, service_path: '/suggest/entity' },
      type: { service_url: service, service_path: '/suggest/type' },
      property: { service_url: service, service_path: '/suggest/property' },
    },
    extend: {
      propose_properties: { service_url: service, service_path: '/extend/property' },
      property_settings: [
        { name: 'limit', label: 'Limit', type: 'number', default: 0, help_text: 'The most values a cell is given (0: all)' },
        { name: 'render', label: 'Value rendering', type: 'select', default: 'caption', help_text: 'Countries by name, or as codes', choices: [{ id: 'caption', name: 'User-readable value' }, { id: 'raw', name: 'Machine-readable value' }] },
      ],
    },
    defaultTypes: defaultTypes(state, inScope),
    limits: RECONCILE_BOUNDS,
  };
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function preview(entity: Entity): string {
  const rows = Object.entries(entity.properties).filter(([k]) => k !== 'notes').slice(0, 12).map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v.slice(0, 5).join('; '))}</td></tr>`).join('');
  const listed = entity.designations.map((d) => `${d.authority}${d.program ? `: ${d.program}` : ''}`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(entity.caption)}</title></head><body style="font:13px sans-serif;margin:8px">`
    + `<h3 style="margin:0">${escape(entity.caption)}</h3><p style="color:#666">${escape(entity.schema)} · ${escape(entity.datasets.join(', '))}</p>`
    + (listed.length ? `<p><strong>Listed:</strong> ${escape([...new Set(listed)].join('; '))}</p>` : '')
    + `<table>${rows}</table></body></html>`;
}
