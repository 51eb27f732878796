import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { InputError, InterdictError } from '../core/errors.js';
import { DEFAULT_THRESHOLD, cutoffFor } from '../core/match/index.js';
import type { JobService } from '../service/jobs.js';
import type { Store } from '../store/index.js';
import type { FileFormat } from '../service/customer-file.js';
import { checkEncoding } from '../service/text-file.js';
import { type DateOrder } from '../core/query/index.js';
import type { RouteAccess } from './access.js';

/** Uploads of customer files may be much larger than API requests. */
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv'];
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'];

const analyst = { role: 'analyst' } satisfies RouteAccess;

/** Batch screening over HTTP: upload a CSV or JSON lines file, follow the job, download its results. */
const jobParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;

export function registerJobRoutes(instance: FastifyInstance, jobs: JobService, store: Store): void {
  // Handlers typed from the JSON schemas they declare (no casts).
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  // The upload is kept as bytes: its encoding (UTF-8, UTF-16, Windows-1252) is detected when it is read, as for `interdict screen`.
  app.addContentTypeParser([...CSV_TYPES, ...JSONL_TYPES], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

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
          schema: { type: 'string', maxLength: 100, description: 'schema of rows without a schema column (default LegalEntity: people and organizations alike); a stated schema is checked against each row\'s data' },
          encoding: { type: 'string', maxLength: 40, description: 'the upload\'s character encoding (default: detected: UTF-8 with or without BOM, UTF-16, else Windows-1252)' },
          delimiter: { type: 'string', enum: [',', ';', '\t', 'tab', '|'], description: 'the CSV delimiter (default: detected)' },
          date_format: { type: 'string', enum: ['DMY', 'MDY'] satisfies DateOrder[], description: 'the order of day and month in dates like 08/01/1984 (default: only unambiguous ones are read in full)' },
        },
      },
    },
  }, async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const inputFormat: FileFormat | undefined = CSV_TYPES.includes(type) ? 'csv' : JSONL_TYPES.includes(type) ? 'jsonl' : undefined;
    if (!inputFormat || !Buffer.isBuffer(request.body)) {
      throw new InterdictError('UNSUPPORTED_MEDIA_TYPE', `upload a CSV (${CSV_TYPES[0]}) or JSON lines (${JSONL_TYPES[0]}) file`, 415);
    }
    if (!request.body.toString('latin1').trim()) throw new InputError('BAD_REQUEST', 'body: the upload is empty');
    const q = request.query;
    // Checked now, before the job is queued; and what applies to CSV alone is refused for JSON lines rather than ignored.
    if (q.encoding) checkEncoding(q.encoding);
    if (inputFormat === 'jsonl' && (q.delimiter !== undefined || q.columns !== undefined)) {
      throw new InputError('BAD_REQUEST', `querystring/${q.delimiter !== undefined ? 'delimiter' : 'columns'}: applies to CSV uploads; a JSON lines upload names its properties itself`);
    }
    const job = await jobs.submit({
      body: request.body,
      inputFormat,
      outputFormat: q.format ?? inputFormat,
      search: { threshold: q.threshold, cutoff: cutoffFor(q.threshold), dataset: q.dataset },
      read: { columns: q.columns, schema: q.schema, schemaStated: q.schema !== undefined, encoding: q.encoding, delimiter: q.delimiter, dateOrder: q.date_format },
    });
    // Who screened what file, when, against which versions: the trail keeps the facts, never the file.
    await store.recordAudit({ actor: request.actor, action: 'screening.submit', subject: `screening:${job.id}`, after: { format: inputFormat, bytes: request.body.length, dataset: q.dataset, threshold: q.threshold, versions: job.lists.map((l) => l.version) } });
    return reply.status(202).header('location', `/screenings/${job.id}`).send({ ...job, links: { self: `/screenings/${job.id}`, results: `/screenings/${job.id}/results` } });
  });

  app.get('/screenings/:id', { config: analyst, schema: { summary: 'A screening job: status and progress', params: jobParams } }, async (request) => {
    const { id } = request.params;
    return jobs.get(id);
  });

  app.get('/screenings/:id/results', { config: analyst, schema: { summary: 'The results of a finished screening job, one row per input row', params: jobParams } }, async (request, reply) => {
    const { id } = request.params;
    const { stream, format } = await jobs.results(id);
    return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson').send(stream);
  });
}
