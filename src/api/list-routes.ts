import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { InterdictError } from '../core/errors.js';
import { loadPaths } from '../service/load.js';
import type { Screener } from '../service/screening.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './server.js';

const UPLOAD_LIMIT = 200 * 1024 * 1024;
const LIST_TYPES = ['application/xml', 'text/xml', 'application/gzip', 'application/x-gzip', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/**
 * POST /lists/load (admin): one list file in the body, loaded under the same rules as
 * `interdict load`: parsed whole first, one transaction, an identical publication adds nothing.
 */
export function registerListRoutes(app: FastifyInstance, store: Store, screener: Screener): void {
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
          filename: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9._-]+$', description: 'the file\'s name, as the publisher names it (consolidated.xml, sdn.xml...)' },
          dataset: { type: 'string', maxLength: 100, description: 'dataset name for FtM input or an OFAC XML that is not the SDN list' },
        },
      },
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      // Nothing sent: a bad request; something sent of a type not read as a file: unsupported.
      throw new InterdictError('BAD_REQUEST', `send the list file as the body, with a Content-Type of ${LIST_TYPES.slice(0, 2).join(' or ')}, or application/octet-stream`, body === undefined || Buffer.isBuffer(body) ? 400 : 415);
    }
    const { filename, dataset } = request.query as { filename?: string; dataset?: string };
    const dir = mkdtempSync(join(tmpdir(), 'interdict-upload-'));
    try {
      const path = join(dir, basename(filename ?? 'upload'));
      writeFileSync(path, body);
      const summary = await loadPaths(store, [path], { dataset, actor: request.actor });
      void screener.refresh();
      return summary;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
