import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Entity } from '../core/entity.js';
import { NotFoundError } from '../core/errors.js';
import { relatedTo } from '../service/relations.js';
import { referentsOf, type Screener, type Screening } from '../service/screener.js';
import type { Store } from '../store/index.js';
import { entityResponse } from './yente-shapes.js';

const page = {
  limit: { type: 'integer', minimum: 0, maximum: 500, default: 10, description: 'Related entities a property gives at most' },
  offset: { type: 'integer', minimum: 0, maximum: 9_499, default: 0 },
} as const;

/**
 * The entity routes, as yente answers them: an entity with its related entities nested, and its
 * related entities by property, paginated; an id merged into a current entity (one of its
 * referents) redirected to it with 308, on each.
 */
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 500 } } } as const;

export function registerEntityRoutes(instance: FastifyInstance, store: Store, screener: Screener): void {
  // Handlers typed from the JSON schemas they declare (no casts).
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  /** The current id an old one was merged into, when the request named an old one: its answer is the redirect. */
  const redirected = (id: string, url: string, reply: FastifyReply): boolean => {
    const merged = screener.current ? referentsOf(screener.current).get(id) : undefined;
    if (!merged || merged === id) return false;
    // To the entity, as yente redirects (its parameters kept: nested=false stays flat).
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    void reply.status(308).header('location', `/entities/${encodeURIComponent(merged)}${query}`).send();
    return true;
  };
  const stateWithTimelines = async (): Promise<Screening | undefined> => (screener.current ? screener.withTimelines(screener.current) : undefined);

  app.get('/entities/:id', {
    schema: {
      summary: 'An entity, yente\'s fields first, with its related entities nested under their properties (nested=true, the default), its designations grouped by authority and the list versions that carried it; an id merged into another (a referent) is redirected to it (308)',
      params: idParams,
      querystring: { type: 'object', properties: { nested: { type: 'boolean', default: true, description: 'Related entities nested in `properties` (sanctions, addresses, ownership, family), as yente nests them' } } },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const { nested } = request.query;
    if (redirected(id, request.url, reply)) return reply;
    const entities = await store.getEntity(id);
    if (entities.length === 0) throw new NotFoundError(`entity ${id}`);
    const entity = entities[0]!;
    const byAuthority: Record<string, typeof entity.designations> = {};
    for (const designation of entity.designations) (byAuthority[designation.authority] ??= []).push(designation);
    const versions = (await store.entityVersions(id)).map((v) => ({ id: v.id, dataset: v.dataset, published: v.published, current: v.current }));
    const state = await stateWithTimelines();
    const base = state ? entityResponse(state, entity) : { id: entity.id, caption: entity.caption, schema: entity.schema, properties: entity.properties, datasets: entity.datasets, referents: entity.referents ?? [], target: entity.designations.length > 0 };
    const properties: Record<string, unknown> = { ...entity.properties };
    if (nested && state) for (const [property, related] of relatedTo(state, entity)) properties[property] = related.map((r) => nestedEntity(state, r, entity.id));
    return { ...base, properties, designations: entity.designations, designations_by_authority: byAuthority, versions };
  });

  app.get('/entities/:id/adjacent', {
    schema: {
      summary: 'An entity\'s related entities by property, both ways (the entities it names, and those naming it under the reverse name: sanctions, ownershipOwner...), each property paginated (yente-compatible)',
      params: idParams,
      querystring: { type: 'object', properties: page },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    const { limit, offset } = request.query;
    if (redirected(id, request.url, reply)) return reply;
    const state = await stateWithTimelines();
    const entity = state?.entities.get(id);
    if (!state || !entity) throw new NotFoundError(`entity ${id}`);
    const adjacent: Record<string, unknown> = {};
    for (const [property, related] of relatedTo(state, entity)) adjacent[property] = paged(state, related, limit, offset);
    return { entity: entityResponse(state, entity), adjacent };
  });

  app.get('/entities/:id/adjacent/:property', {
    schema: {
      summary: 'An entity\'s related entities under one property, paginated (yente-compatible); 404 for a property it has none under',
      params: { type: 'object', required: ['id', 'property'], properties: { id: { type: 'string', maxLength: 500 }, property: { type: 'string', maxLength: 100 } } },
      querystring: { type: 'object', properties: page },
    },
  }, async (request, reply) => {
    const { id, property } = request.params;
    const { limit, offset } = request.query;
    if (redirected(id, request.url, reply)) return reply;
    const state = await stateWithTimelines();
    const entity = state?.entities.get(id);
    if (!state || !entity) throw new NotFoundError(`entity ${id}`);
    const related = relatedTo(state, entity).get(property);
    if (!related) throw new NotFoundError(`property ${property} of entity ${id} (it has ${[...relatedTo(state, entity).keys()].join(', ') || 'no related entities'})`);
    return paged(state, related, limit, offset);
  });
}

/**
 * A related entity as yente nests it: whole; a link between two (a Sanction, an Ownership, a
 * Family tie) with its other ends nested once more, the entity it was reached from left as its id.
 */
function nestedEntity(state: Screening, related: string | Entity, from: string): Record<string, unknown> | string {
  const entity = typeof related === 'string' ? state.entities.get(related) : related;
  if (!entity) return related as string;
  const response = entityResponse(state, entity);
  if (!LINKS.has(entity.schema)) return response;
  const properties: Record<string, unknown> = {};
  for (const [property, values] of Object.entries(entity.properties)) {
    properties[property] = values.map((value) => (value !== from && value !== entity.id && state.entities.has(value) ? entityResponse(state, state.entities.get(value)!) : value));
  }
  return { ...response, properties };
}

/** FollowTheMoney's schemata that link two entities (edges and intervals): nested with their other ends. */
const LINKS = new Set(['Sanction', 'Ownership', 'Directorship', 'Membership', 'Family', 'Associate', 'UnknownLink', 'Employment', 'Representation', 'Occupancy', 'Identification', 'Passport', 'Succession']);

function asEntity(state: Screening, related: string | Entity): Record<string, unknown> | string {
  const entity = typeof related === 'string' ? state.entities.get(related) : related;
  return entity ? entityResponse(state, entity) : (related as string);
}

function paged(state: Screening, related: (string | Entity)[], limit: number, offset: number): Record<string, unknown> {
  return { results: related.slice(offset, offset + limit).map((r) => asEntity(state, r)), total: { value: related.length, relation: 'eq' }, limit, offset };
}
