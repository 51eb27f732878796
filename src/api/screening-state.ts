import type { FastifyReply } from 'fastify';
import { COLLECTIONS } from '../core/collections.js';
import { errorBody } from '../core/error-codes.js';
import { NotFoundError } from '../core/errors.js';
import { NO_LISTS_DETAIL } from '../service/list-ages.js';
import type { Screener, Screening } from '../service/screener.js';

// The screening state a route answers with: ready, or a 503 that says why not; a dataset in a
// path checked against the lists held.

/** The screening state to answer for a dataset or collection: none when not ready (answered 503); 404 for one that is unknown. */
export function screeningFor(screener: Screener, dataset: string, reply: FastifyReply): Screening | undefined {
  const state = readyState(screener, reply);
  if (state && !knownDataset(state, dataset)) throw new NotFoundError(`dataset ${dataset}`);
  return state;
}

/** Whether the dataset in a path names something that can be screened against. */
function knownDataset(state: Screening, dataset: string): boolean {
  return (COLLECTIONS as readonly string[]).includes(dataset) || state.versions.some((v) => v.dataset === dataset);
}

/** The screening state, or why there is none to screen with: the index is being built, or no list is loaded. */
function readyState(screener: Screener, reply: FastifyReply): Screening | undefined {
  const state = screener.current;
  if (!state) {
    void reply.status(503).header('retry-after', '5').send(errorBody('NOT_READY', 'the screening index is being built; try again shortly'));
    return undefined;
  }
  if (!state.versions.length) {
    void reply.status(503).send(errorBody('NO_LISTS', NO_LISTS_DETAIL));
    return undefined;
  }
  return state;
}
