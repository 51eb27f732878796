import Fastify, { type FastifyInstance } from 'fastify';
import { DATASETS } from '../core/collections.js';
import { InterdictError } from '../core/errors.js';
import type { Store } from '../store/index.js';

export interface ServerOptions {
  logLevel: string;
}

/**
 * The HTTP API. For now it serves the stored lists read-only: health, the catalog of datasets
 * and their versions, entities and version diffs.
 */
export function createServer(store: Store, options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: { level: options.logLevel }, bodyLimit: 1024 * 1024 });

  // One place maps errors to responses: typed errors keep their status, anything else is a 500
  // without internals.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof InterdictError) {
      void reply.status(error.status).send({ code: error.code, detail: error.message });
      return;
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      void reply.status(status).send({ code: (error as { code?: string }).code ?? 'BAD_REQUEST', detail: (error as Error).message });
      return;
    }
    request.log.error({ err: error }, 'unhandled error');
    void reply.status(500).send({ code: 'INTERNAL', detail: 'internal error' });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async () => ({ status: 'ok' }));

  app.get('/catalog', async () => {
    const current = await store.currentVersions();
    return {
      datasets: current.map((v) => ({
        name: v.dataset,
        title: DATASETS[v.dataset as keyof typeof DATASETS]?.title ?? v.dataset,
        version: v.id,
        published: v.published,
        entity_count: v.entityCount,
        loaded_at: v.loadedAt,
      })),
    };
  });

  app.get('/lists/versions', async (request) => {
    const { dataset } = request.query as { dataset?: string };
    return { versions: await store.listVersions(typeof dataset === 'string' ? dataset : undefined) };
  });

  app.get('/lists/diff', async (request, reply) => {
    const { from, to } = request.query as { from?: string; to?: string };
    if (typeof from !== 'string' || typeof to !== 'string') {
      return reply.status(400).send({ code: 'BAD_REQUEST', detail: 'query parameters "from" and "to" (version ids) are required' });
    }
    return store.diffVersions(from, to);
  });

  app.get('/entities/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const entities = await store.getEntity(id);
    if (entities.length === 0) return reply.status(404).send({ code: 'NOT_FOUND', detail: `entity ${id} not found` });
    return entities[0];
  });

  return app;
}
