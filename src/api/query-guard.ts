import type { FastifyRequest } from 'fastify';
import { InputError } from '../core/errors.js';

/**
 * Refuse a query-string number that is not finite, on every route, after validation.
 *
 * Ajv coerces the text `Infinity` to a number and checks `minimum` and `maximum` on finite
 * numbers only, so ±Infinity passes every numeric schema: `?limit=Infinity` reached PostgreSQL
 * (a 500) on /parties and /monitor/runs, made /audit return the whole trail, and lifted the
 * bounds of /match and /search. No parameter of the API means infinity.
 *
 * @example app.addHook('preHandler', refuseInfiniteNumbers) // GET /audit?limit=Infinity: 400 querystring/limit must be a finite number
 */
export async function refuseInfiniteNumbers(request: FastifyRequest): Promise<void> {
  const query = request.query;
  if (!query || typeof query !== 'object') return;
  for (const [field, value] of Object.entries(query as Record<string, unknown>)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new InputError('BAD_REQUEST', `querystring/${field} must be a finite number`);
  }
}

interface RouteWithQuery {
  url: string;
  schema?: { querystring?: unknown };
  preValidation?: unknown;
}

/**
 * Refuse a query-string parameter that a route does not take, naming it, on every route it is
 * added to (as an onRoute hook): a parameter the server ignored would let a client believe it
 * filtered or bounded what it did not. A route takes the parameters its querystring schema
 * declares, and none without one.
 *
 * @example app.addHook('onRoute', refuseUnknownParameters) // GET /catalog?fresh=1: 400 querystring/fresh: /catalog takes no parameter "fresh"
 */
export function refuseUnknownParameters(route: RouteWithQuery): void {
  const declared = (route.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const allowed = new Set(Object.keys(declared));
  const takes = allowed.size ? `; it takes ${[...allowed].join(', ')}` : '';
  const refuse = async (request: FastifyRequest): Promise<void> => {
    const query = request.query;
    if (!query || typeof query !== 'object') return;
    for (const name of Object.keys(query)) {
      if (!allowed.has(name)) throw new InputError('BAD_REQUEST', `querystring/${name}: ${route.url} takes no parameter "${name}"${takes}`);
    }
  };
  const before = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
  route.preValidation = [...before, refuse];
}
