import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { InputError, InterdictError } from '../core/errors.js';
import { commitPublications, readPublications } from '../service/load.js';
import { DEFAULT_UPDATE, UPDATE_SOURCES, updateDatasets, type DatasetUpdate } from '../service/update.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';

const UPLOAD_LIMIT = 200 * 1024 * 1024;
/** How long reading an uploaded list may take (the largest lists read in seconds). */
const PARSE_DEADLINE_MS = 5 * 60_000;

/** A promise's value, or a 503 naming what took too long once `ms` have passed. */
function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new InterdictError('DEADLINE', message, 503)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
const LIST_TYPES = ['application/xml', 'text/xml', 'application/gzip', 'application/x-gzip', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/**
 * POST /lists/load (admin): one list file in the body, loaded under the same rules as
 * `interdict load`: parsed whole first, one transaction, an identical publication adds nothing.
 */
export function registerListRoutes(instance: FastifyInstance, store: Store, listsChanged: () => void, maxRemovedShare?: number, updateFrom?: string): void {
  // Handlers typed from the JSON schemas they declare (no casts).
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  app.addContentTypeParser(LIST_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

  app.post('/lists/load', {
    bodyLimit: UPLOAD_LIMIT,
    config: { role: 'admin' } satisfies RouteAccess,
    schema: {
      summary: 'Load a list file (admin)',
      description: 'The file is the body (UN or OFAC or SEMA XML, DFAT XLSX, FtM JSON lines; gzip accepted); its format is detected from its content. An OFAC CSV set is loaded with the command line.',
      querystring: {
        type: 'object',
        properties: {
          filename: { type: 'string', maxLength: 200, pattern: '^(?!\\.+$)[A-Za-z0-9._-]+$', description: 'the file\'s name, as the publisher names it (consolidated.xml, sdn.xml...); not dots alone (. and .. name folders)' },
          dataset: { type: 'string', maxLength: 100, description: 'dataset name for FtM input or an OFAC XML that is not the SDN list' },
          force: { type: 'boolean', default: false, description: 'take a version that removes more than a set share (10%) of its dataset, or comes in another format, as it is' },
        },
      },
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      // Nothing sent: a bad request; something sent of a type not read as a file: unsupported.
      throw new InterdictError('BAD_REQUEST', `send the list file as the body, with a Content-Type of ${LIST_TYPES.slice(0, 2).join(' or ')}, or application/octet-stream`, body === undefined || Buffer.isBuffer(body) ? 400 : 415);
    }
    const { filename, dataset, force } = request.query;
    const dir = mkdtempSync(join(tmpdir(), 'interdict-upload-'));
    try {
      const path = join(dir, basename(filename ?? 'upload'));
      writeFileSync(path, body);
      // Reading has a deadline (a file that never ends must not hold the request, and its upload, for
      // good); committing does not: once it starts, it finishes or rolls back in one transaction.
      const publications = await withDeadline(readPublications([path], { dataset }), PARSE_DEADLINE_MS, `reading the uploaded list took more than ${PARSE_DEADLINE_MS / 1000} s; nothing was loaded`);
      const summary = await commitPublications(store, publications, { actor: request.actor, force, maxRemovedShare });
      listsChanged();
      return summary;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * POST /updatez (admin), as yente's: download the current lists from their publishers and load
   * them now, as `interdict update` does (a failed or partial download changes nothing). In the
   * background, answered at once; with sync=true, once done, with each dataset's outcome.
   */
  let running: Promise<DatasetUpdate[]> | undefined;
  app.post('/updatez', {
    config: { role: 'admin' } satisfies RouteAccess,
    schema: {
      summary: 'Update the lists from their publishers now (admin; yente-compatible)',
      querystring: {
        type: 'object',
        properties: {
          dataset: { type: 'array', items: { type: 'string', enum: Object.keys(UPDATE_SOURCES) }, maxItems: 20, description: `datasets to update (default: ${DEFAULT_UPDATE.join(', ')})` },
          sync: { type: 'boolean', default: false, description: 'answer once the update is done, with each dataset\'s outcome' },
          force: { type: 'boolean', default: false, description: 'take a download that removes much of its dataset, or comes in another format, as it is' },
        },
      },
    },
  }, async (request, reply) => {
    const { dataset, sync, force } = request.query;
    if (request.body !== undefined && request.body !== null && (typeof request.body !== 'object' || Object.keys(request.body).length)) {
      throw new InputError('BAD_REQUEST', 'body: POST /updatez takes its parameters in the query string (dataset, sync, force), no body');
    }
    if (running) throw new InterdictError('UPDATE_RUNNING', 'an update is running already; its lists load when it ends (GET /catalog says which versions are current)');
    const datasets = dataset?.length ? dataset : DEFAULT_UPDATE;
    const log = request.log;
    running = updateDatasets(store, { datasets, from: updateFrom, actor: request.actor, force, maxRemovedShare, log: (message) => log.info(message) })
      .then((results) => {
        if (results.some((r) => r.ok)) listsChanged();
        for (const r of results) if (!r.ok) log.warn({ dataset: r.dataset, error: r.error }, 'update failed; the current version stays');
        return results;
      })
      .finally(() => (running = undefined));
    if (!sync) {
      running.catch((error: unknown) => log.error({ err: error }, 'update failed'));
      return reply.status(202).send({ status: 'ok', started: datasets });
    }
    const results = await running;
    return { status: results.every((r) => r.ok) ? 'ok' : 'failed', results };
  });
}

