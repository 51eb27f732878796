import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../core/errors.js';
import { designationsByList } from '../core/linking.js';
import { decideLink, type DesigneeFinder } from '../service/designees.js';
import type { Screener } from '../service/screener.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';
import { screeningFor } from './screening-state.js';
import { entityResponse } from './yente-shapes.js';

const csv = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean));

/** One designee across lists (`GET /designees/{id}`) and the implementation-gap report (`GET /gaps`). */
export function registerDesigneeRoutes(instance: FastifyInstance, store: Store, screener: Screener, designees: DesigneeFinder): void {
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();

  app.post('/designees/links', {
    config: { role: 'analyst' } satisfies RouteAccess,
    schema: {
      summary: 'An analyst\'s word on two records: one designee (`same`: linked whatever linking finds) or not (`different`: never linked directly); audited, and kept across list versions',
      body: {
        type: 'object',
        required: ['ids', 'decision', 'note'],
        additionalProperties: false,
        properties: {
          ids: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 500 }, minItems: 2, maxItems: 2 },
          decision: { type: 'string', enum: ['same', 'different'] },
          note: { type: 'string', minLength: 1, maxLength: 2000 },
        },
      },
    },
  }, async (request, reply) => {
    const { ids, decision, note } = request.body;
    const decided = await decideLink(store, ids[0]!, ids[1]!, decision, note, request.actor);
    return reply.status(201).send(decided);
  });

  app.get('/designees/:id', {
    schema: {
      summary: 'The designee a record belongs to: its records on every list side by side (yente\'s entity shape), every authority\'s designations, the links that joined them with their confidence and evidence, and the pairs left for review',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 500, description: 'any of its records\' ids' } } },
    },
  }, async (request, reply) => {
    const state = screeningFor(screener, 'default', reply);
    if (!state) return reply;
    const { id } = request.params;
    if (!state.entities.has(id)) throw new NotFoundError(`entity ${id}`);
    const { designee, review } = await designees.designeeOf(state, id);
    const members = designee.members.map((member) => state.entities.get(member)!);
    return {
      id: designee.id,
      confidence: designee.confidence,
      datasets: designee.datasets,
      members: members.map((entity) => entityResponse(state, entity)),
      designations: designationsByList(members),
      links: designee.links,
      review,
    };
  });

  app.get('/gaps', {
    schema: {
      summary: 'The implementation-gap report: each designation of the reference list (in a collection), and for each other list whether it carries it (listed, with its ids, date, lag_days and the names and identifiers it lacks), missing, or not applicable and why (each authority\'s way with UN designations, from a table with its sources); each list\'s separate designations in the same scope, by year; the lists as they were at a date, and what closed and opened since another',
      querystring: {
        type: 'object',
        required: ['reference'],
        properties: {
          reference: { type: 'string', minLength: 1, maxLength: 100, description: 'the reference list, e.g. un_sc' },
          collection: { type: 'string', minLength: 1, maxLength: 100, description: 'its designations in this collection only, e.g. dprk' },
          against: { type: 'string', minLength: 1, maxLength: 1000, description: 'the lists to compare, comma-separated (default: every other list loaded, or with a version at `at`)' },
          at: { type: 'string', minLength: 1, maxLength: 40, description: 'YYYY-MM-DD: each list\'s newest stored version published (undated: loaded) on or before this date (default: the current versions)' },
          since: { type: 'string', minLength: 1, maxLength: 40, description: 'YYYY-MM-DD, before `at` (or today): the report at this date against this one, as `changes` (added, removed, closed, opened)' },
        },
      },
    },
  }, async (request, reply) => {
    const state = screeningFor(screener, 'default', reply);
    if (!state) return reply;
    const { reference, collection, against, at, since } = request.query;
    return designees.gapReport(state, store, { reference, collection, against: csv(against), at, since });
  });
}
