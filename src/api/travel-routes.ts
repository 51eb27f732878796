import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { InputError, InterdictError } from '../core/errors.js';
import { EXEMPTION_FIELDS, TRAVELLER_FIELDS, readExemption, type Traveller, type TravelAnswer } from '../core/travel/index.js';
import { readRegime } from '../service/regime.js';
import type { Screener } from '../service/screener.js';
import { checkExemptionPersons, createTravelChecker, exemptionFilter, readOne, recordTravelChecks, travelBanLists } from '../service/travel.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';
import { screeningFor } from './screening-state.js';

/** Travellers or exemptions a request may give: a request is answered whole, so its size is bounded. */
const MAX_ITEMS = 1000;

/** Let other requests be answered between the travellers of a long one. */
const yieldToOthers = (): Promise<void> => new Promise((next) => setImmediate(next));

const analyst = { role: 'analyst' } satisfies RouteAccess;

/** The items of a body that takes one object or an array of them, each with its place. */
function itemsOf(body: unknown, what: string): { value: unknown; where: string }[] {
  if (body === undefined || body === null) throw new InputError('BAD_REQUEST', `body: ${what}, or an array of them, is required`);
  return Array.isArray(body) ? body.map((value, i) => ({ value, where: `body item ${i + 1}` })) : [{ value: body, where: 'body' }];
}

/** `POST /travel/check` (a traveller or an array), and the exemption register: `GET /exemptions`, `POST /exemptions`, `POST /exemptions/import`. */
export function registerTravelRoutes(instance: FastifyInstance, store: Store, screener: Screener): void {
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  app.post('/travel/check', {
    config: analyst,
    schema: {
      summary: 'Check travellers against the travel bans of the lists (the UN list, DFAT\'s) and the exemption register: one answer {id, verdict, findings, lists} a traveller, verdict denied, allowed_by_exemption, review or clear; audited',
      description: `A traveller (${TRAVELLER_FIELDS.join(', ')}: docs/travel.md), answered with one answer; or an array of up to ${MAX_ITEMS}, answered with an array in the same order. A traveller that cannot be read fails the request (400), naming its id or item and the field.`,
      body: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: MAX_ITEMS }] },
    },
  }, async (request, reply) => {
    const state = screeningFor(screener, 'default', reply);
    if (!state) return reply;
    const body = request.body as unknown;
    // Every traveller is read before any is checked: a bad one fails the request, naming it.
    const travellers: Traveller[] = itemsOf(body, 'a traveller').map(({ value, where }) => {
      const read = readOne(value, where);
      if (read.error) throw read.error;
      return read.traveller!;
    });
    if (!travelBanLists(state).length) throw new InterdictError('NO_LISTS', `no list with travel-ban data is loaded (the UN list or DFAT's; loaded: ${state.versions.map((v) => v.id).join(', ')}): a travel check would come back clear, so none is answered`);
    const checker = createTravelChecker(readRegime(), state, await store.exemptions.exemptions());
    const checked: { traveller: Traveller; answer: TravelAnswer }[] = [];
    for (const [i, traveller] of travellers.entries()) {
      if (i > 0 && i % 20 === 0) await yieldToOthers();
      checked.push({ traveller, answer: checker.check(traveller) });
    }
    await recordTravelChecks(store, request.actor, checked);
    const answers = checked.map((c) => c.answer);
    return Array.isArray(body) ? answers : answers[0];
  });

  app.get('/exemptions', {
    schema: {
      summary: 'The travel-ban exemption register, by start date: the 1718 Committee\'s exemptions and national licences',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reference: { type: 'string', maxLength: 200, description: 'this reference only' },
          person: { type: 'string', maxLength: 200, description: 'those naming this listed record (entity id) or a name holding these words' },
          country: { type: 'string', maxLength: 10, description: 'those covering this country (ISO 3166-1 alpha-2), in transit or destination' },
          on: { type: 'string', maxLength: 10, description: 'those in force on this day (YYYY-MM-DD)' },
          authority: { type: 'string', maxLength: 200, description: 'those granted by this authority' },
        },
      },
    },
  }, async (request) => store.exemptions.exemptions(exemptionFilter(request.query, 'BAD_REQUEST', (field) => `querystring/${field}`)));

  app.post('/exemptions', {
    config: analyst,
    schema: {
      summary: 'Record a travel-ban exemption (audited); answers 201 with it as recorded',
      description: `An exemption (${EXEMPTION_FIELDS.join(', ')}: docs/travel.md). A record id in persons that no loaded list holds is refused (400), as is a reference the register holds (409).`,
      body: { type: 'object' },
    },
  }, async (request, reply) => {
    const exemption = readExemption(request.body, 'body');
    await checkExemptionPersons(store, [{ exemption, where: 'body' }]);
    const stored = await store.exemptions.addExemption(exemption, request.actor);
    return reply.status(201).header('location', `/exemptions?reference=${encodeURIComponent(stored.reference)}`).send(stored);
  });

  app.post('/exemptions/import', {
    config: analyst,
    schema: {
      summary: 'Record several travel-ban exemptions: all of them, or none when one is refused; each audited',
      description: `An array of up to ${MAX_ITEMS} exemptions. One that cannot be read fails the request (400), naming its item and the field.`,
      body: { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: MAX_ITEMS },
    },
  }, async (request, reply) => {
    const read = itemsOf(request.body, 'an exemption').map(({ value, where }) => ({ exemption: readExemption(value, where), where }));
    await checkExemptionPersons(store, read);
    const exemptions = read.map((r) => r.exemption);
    const stored = await store.exemptions.importExemptions(exemptions, request.actor);
    return reply.status(201).send(stored);
  });
}
