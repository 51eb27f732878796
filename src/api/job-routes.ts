import type { FastifyInstance } from 'fastify';
import { InputError, InterdictError } from '../core/errors.js';
import { DEFAULT_THRESHOLD, cutoffFor } from '../core/match/index.js';
import type { JobService } from '../service/jobs.js';
import type { FileFormat } from '../service/screen-input.js';
import type { RouteAccess } from './server.js';

/** Uploads of customer files may be much larger than API requests. */
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv'];
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'];

const analyst = { role: 'analyst' } satisfies RouteAccess;

/** Batch screening over HTTP: upload a CSV or JSON lines file, follow the job, download its results. */
export function registerJobRoutes(app: FastifyInstance, jobs: JobService): void {
  app.addContentTypeParser([...CSV_TYPES, ...JSONL_TYPES], { parseAs: 'string', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

  app.post('/screenings', {
    bodyLimit: UPLOAD_LIMIT,
    config: analyst,
    schema: {
      summary: 'Screen a file of customers (CSV with a header row, or JSON lines in yente form)',
      description: `Content-Type text/csv or application/x-ndjson, at most ${UPLOAD_LIMIT / 1024 / 1024} MB. Answers 202 with the job; follow it at /screenings/{id}.`,
      querystring: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['csv', 'jsonl'], description: 'results format (default: the upload\'s)' },
          threshold: { type: 'number', minimum: 0, maximum: 1, default: DEFAULT_THRESHOLD },
          dataset: { type: 'string', maxLength: 100, default: 'default' },
          columns: { type: 'string', maxLength: 2000, description: 'name=full_name,birthDate=dob,... (CSV)' },
          schema: { type: 'string', maxLength: 100, default: 'LegalEntity' },
        },
      },
    },
  }, async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const inputFormat: FileFormat | undefined = CSV_TYPES.includes(type) ? 'csv' : JSONL_TYPES.includes(type) ? 'jsonl' : undefined;
    if (!inputFormat || typeof request.body !== 'string') {
      throw new InterdictError('UNSUPPORTED_MEDIA_TYPE', `upload a CSV (${CSV_TYPES[0]}) or JSON lines (${JSONL_TYPES[0]}) file`, 415);
    }
    if (!request.body.trim()) throw new InputError('BAD_REQUEST', 'body: the upload is empty');
    const q = request.query as { format?: FileFormat; threshold: number; dataset: string; columns?: string; schema: string };
    const job = await jobs.submit({
      body: request.body,
      inputFormat,
      outputFormat: q.format ?? inputFormat,
      search: { threshold: q.threshold, cutoff: cutoffFor(q.threshold), dataset: q.dataset },
      columns: q.columns,
      schema: q.schema,
    });
    return reply.status(202).header('location', `/screenings/${job.id}`).send({ ...job, links: { self: `/screenings/${job.id}`, results: `/screenings/${job.id}/results` } });
  });

  app.get('/screenings/:id', { config: analyst, schema: { summary: 'A screening job: status and progress' } }, async (request) => {
    const { id } = request.params as { id: string };
    return jobs.get(id);
  });

  app.get('/screenings/:id/results', { config: analyst, schema: { summary: 'The results of a finished screening job, one row per input row' } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { stream, format } = await jobs.results(id);
    return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson').send(stream);
  });
}
