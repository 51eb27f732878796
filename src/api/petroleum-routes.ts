import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { InputError } from '../core/errors.js';
import { countryCode } from '../core/match/countries.js';
import { isLedgerKind, periodOfDelivery } from '../core/petroleum/index.js';
import type { LedgerKind } from '../core/regime/index.js';
import { deliveryNotice, petroleumStatus, recordDeliveries } from '../service/petroleum.js';
import { readRegime } from '../service/regime.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';

/** Deliveries a request may record: a year of every State's monthly reports is a few hundred. */
const MAX_DELIVERIES = 1000;
/** A request of deliveries is small: 1,000 deliveries with their parties fit in a few hundred kB. */
const BODY_LIMIT = 1024 * 1024;

const analyst = { role: 'analyst' } satisfies RouteAccess;
const admin = { role: 'admin' } satisfies RouteAccess;

const YEAR = { type: 'string', pattern: '^\\d{4}$' } as const;
const KIND = { type: 'string', enum: ['refined', 'crude'] } as const;
const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

function kindOf(value: string | undefined): LedgerKind {
  const kind = value ?? 'refined';
  if (!isLedgerKind(kind)) throw new InputError('BAD_REQUEST', `kind "${kind}": refined or crude`);
  return kind;
}

/**
 * The petroleum ledgers: `POST /petroleum/deliveries` (one delivery or an array, all recorded or
 * none), `GET /petroleum/status`, `GET /petroleum/deliveries`, `GET /petroleum/notice`, the
 * factors per State (`GET /petroleum/factors`, `PUT /petroleum/factors/:state`) and the cease
 * point (`GET|PUT /petroleum/settings`). Every change is audited.
 */
export function registerPetroleumRoutes(instance: FastifyInstance, store: Store): void {
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();

  app.post('/petroleum/deliveries', {
    config: analyst,
    bodyLimit: BODY_LIMIT,
    schema: {
      summary: 'Record deliveries of refined petroleum or crude oil to the DPRK: all of them, or none when any cannot be (each named with its item and field); audited',
      description: `A delivery ({"state", "month" or "date", "quantity", "unit": "t" | "bbl", "kind": "refined" | "crude", "barrels_per_tonne", "source", "parties", "vessel"}: docs/petroleum.md), answered with the delivery recorded; or an array of up to ${MAX_DELIVERIES}, answered with an array. Tonnes need a factor: the delivery's own or the one set for its State.`,
      body: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: MAX_DELIVERIES }] },
    },
  }, async (request, reply) => {
    const body = request.body as unknown;
    if (body === undefined || body === null) throw new InputError('BAD_REQUEST', 'body: a delivery, or an array of deliveries, is required');
    const many = Array.isArray(body);
    const values = (many ? (body as unknown[]) : [body]).map((value, i) => ({ where: many ? `body item ${i + 1}` : 'body', value }));
    const recorded = await recordDeliveries(store, readRegime(), values, request.actor);
    void reply.code(201);
    return many ? recorded : recorded[0];
  });

  app.get('/petroleum/status', {
    schema: {
      summary: 'Where a year (crude: the 12 months to 21 December of that year) stands against its cap: totals by State and month, share, thresholds crossed with their month, the cease point and the month the cap is reached at the pace so far',
      querystring: { type: 'object', properties: { year: YEAR, kind: KIND, as_of: DAY }, additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query;
    return petroleumStatus(store, readRegime(), kindOf(q.kind), q.year === undefined ? new Date().getUTCFullYear() : Number(q.year), q.as_of);
  });

  app.get('/petroleum/deliveries', {
    schema: {
      summary: 'The deliveries recorded, in the order recorded: of a ledger (default refined), a year (crude: the period ending in it), a State',
      querystring: { type: 'object', properties: { year: YEAR, kind: KIND, state: { type: 'string', minLength: 2, maxLength: 100 } }, additionalProperties: false },
    },
  }, async (request) => {
    const q = request.query;
    const kind = kindOf(q.kind);
    const state = q.state === undefined ? undefined : countryCode(q.state);
    if (q.state !== undefined && !state) throw new InputError('BAD_REQUEST', `state "${q.state}": a country (an ISO code such as CN)`);
    const regime = readRegime();
    const all = await store.petroleum.deliveries({ kind, ...(state ? { state } : {}) });
    const deliveries = q.year === undefined ? all : all.filter((d) => periodOfDelivery(regime, d, `delivery ${d.id}`).year === Number(q.year));
    return { deliveries };
  });

  app.get('/petroleum/notice', {
    schema: {
      summary: 'The 30-day notification to the 1718 Committee of a State\'s deliveries in a month, from the ledger: amount, factors, all parties, vessels, sources, due date and its text',
      querystring: { type: 'object', required: ['state', 'month'], properties: { state: { type: 'string', minLength: 2, maxLength: 100 }, month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, kind: KIND }, additionalProperties: false },
    },
  }, async (request) => deliveryNotice(store, readRegime(), request.query.state, request.query.month, kindOf(request.query.kind)));

  app.get('/petroleum/factors', {
    schema: { summary: 'The barrels-per-tonne factors set per supplying State (used for its deliveries in tonnes that give none)' },
  }, async () => ({ factors: await store.petroleum.factors() }));

  app.put('/petroleum/factors/:state', {
    config: analyst,
    schema: {
      summary: 'Set a supplying State\'s barrels-per-tonne factor (null removes it), with a note saying where it comes from; audited. Deliveries already recorded keep the factor they were counted with',
      params: { type: 'object', required: ['state'], properties: { state: { type: 'string', minLength: 2, maxLength: 100 } } },
      body: { type: 'object', required: ['barrels_per_tonne', 'note'], additionalProperties: false, properties: { barrels_per_tonne: { anyOf: [{ type: 'number' }, { type: 'null' }] }, note: { type: 'string', minLength: 1, maxLength: 1000 } } },
    },
  }, async (request) => {
    const state = countryCode(request.params.state);
    if (!state) throw new InputError('BAD_REQUEST', `state "${request.params.state}": a country (an ISO code such as CN)`);
    const body = request.body as { barrels_per_tonne: number | null; note: string };
    const set = await store.petroleum.setFactor(state, body.barrels_per_tonne, body.note, request.actor);
    return set ?? { state, removed: true };
  });

  app.get('/petroleum/settings', {
    schema: { summary: 'The ledger\'s settings: cease_pct, the share of the cap (per cent) from which no more is supplied (default 90; the resolution\'s exact threshold is partially verified)' },
  }, async () => ({ ...(await store.petroleum.settings()), cease_verification: 'partially_verified' }));

  app.put('/petroleum/settings', {
    config: admin,
    schema: {
      summary: 'Change the ledger\'s settings (cease_pct); audited',
      body: { type: 'object', required: ['cease_pct'], additionalProperties: false, properties: { cease_pct: { type: 'number', exclusiveMinimum: 0, maximum: 100 } } },
    },
  }, async (request) => ({ ...(await store.petroleum.setSetting('cease_pct', (request.body as { cease_pct: number }).cease_pct, request.actor)), cease_verification: 'partially_verified' }));
}
