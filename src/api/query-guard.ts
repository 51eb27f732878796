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
