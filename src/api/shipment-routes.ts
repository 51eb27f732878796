import { createHash } from 'node:crypto';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';
import { InputError, InterdictError } from '../core/errors.js';
import { regimeView } from '../core/regime/index.js';
import type { Shipment, ShipmentAnswer } from '../core/shipments/index.js';
import type { FileFormat } from '../service/customer-file.js';
import { petroleumLedger } from '../service/petroleum.js';
import { readRegime } from '../service/regime.js';
import type { Screener } from '../service/screener.js';
import type { ShipmentJobService } from '../service/shipment-jobs.js';
import { createShipmentChecker, recordShipmentChecks, tryShipment } from '../service/shipments.js';
import { checkEncoding } from '../service/text-file.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';
import { screeningFor } from './screening-state.js';

/** Shipments a request may give: a request is answered whole, so its size is bounded. */
const MAX_SHIPMENTS = 1000;

/** Let other requests be answered between the shipments of a long one. */
const yieldToOthers = (): Promise<void> => new Promise((next) => setImmediate(next));

/**
 * `POST /shipments/check` (a shipment, or an array of them), `GET /regime` (the rules it applies),
 * and, given a job service, batches of shipments as jobs (`/shipments/screenings`).
 */
export function registerShipmentRoutes(app: FastifyInstance, store: Store, screener: Screener, jobs?: ShipmentJobService): void {
  if (jobs) void app.register(async (scoped) => registerShipmentJobRoutes(scoped, jobs, store));
  app.post('/shipments/check', {
    config: { role: 'analyst' } satisfies RouteAccess,
    schema: {
      summary: 'Check shipments against the DPRK regime\'s measures (goods at their date and direction, route, ships\' numbers) and their parties and ships against the lists: one answer {id, verdict, findings, rules_version} a shipment, findings worst first, each with its measure, legal basis and status; audited',
      description: `A shipment ({"id", "date", "origin", "destination", "ports", "vessel", "parties", "goods"}: docs/shipments.md), answered with one answer; or an array of up to ${MAX_SHIPMENTS}, answered with an array in the same order. A shipment that cannot be read fails the request (400), naming its id or item and the field.`,
      body: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1, maxItems: MAX_SHIPMENTS }] },
    },
  }, async (request, reply) => {
    const state = screeningFor(screener, 'default', reply);
    if (!state) return reply;
    const body = request.body as unknown;
    const many = Array.isArray(body);
    if (body === undefined || body === null) throw new InputError('BAD_REQUEST', 'body: a shipment, or an array of shipments, is required');
    const values = many ? (body as unknown[]) : [body];
    // Every shipment is read before any is checked: a bad one fails the request, naming it.
    const shipments: Shipment[] = values.map((value, i) => {
      const read = tryShipment(value, many ? `body item ${i + 1}` : 'body');
      if (read.error) throw read.error;
      return read.shipment!;
    });
    const regime = readRegime();
    // One checker for the request: a party or ship given in several of its shipments is screened once.
    // Goods under a cap (HS 2710, 2709 into the DPRK) are counted against the petroleum ledger as it stands.
    const checker = createShipmentChecker(regime, state, { petroleum: await petroleumLedger(store) });
    const checked: { shipment: Shipment; answer: ShipmentAnswer }[] = [];
    for (const [i, shipment] of shipments.entries()) {
      if (i > 0 && i % 20 === 0) await yieldToOthers();
      checked.push({ shipment, answer: checker.check(shipment) });
    }
    await recordShipmentChecks(store, request.actor, checked, state.versions.map((v) => v.id));
    const answers = checked.map((c) => c.answer);
    return many ? answers : answers[0];
  });

  app.get('/regime', {
    schema: { summary: 'The DPRK regime\'s rules as data (regimes/dprk.yaml): each measure\'s basis, dates, direction, HS coverage, cap, exceptions, verification status and sources, with the rules version every shipment check records' },
  }, async () => regimeView(readRegime()));
}

/** Uploads of shipments may be much larger than API requests (as customer files). */
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv'];
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines'];
const analyst = { role: 'analyst' } satisfies RouteAccess;
const jobParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;

/** Batches of shipments: upload a CSV or JSON lines file, follow the job, download one result row a shipment. */
function registerShipmentJobRoutes(instance: FastifyInstance, jobs: ShipmentJobService, store: Store): void {
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();
  // Kept as bytes, its encoding detected when read (the customer files' routes may have taken these types already).
  for (const type of [...CSV_TYPES, ...JSONL_TYPES]) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) => done(null, body));
  }

  app.post('/shipments/screenings', {
    bodyLimit: UPLOAD_LIMIT,
    config: analyst,
    schema: {
      summary: 'Check a file of shipments as a job: CSV (one row a shipment, docs/shipments.md) or JSON lines (one shipment a line); one result row a shipment, audited',
      description: `Content-Type text/csv or application/x-ndjson, at most ${UPLOAD_LIMIT / 1024 / 1024} MB. Answers 202 with the job; follow it at /shipments/screenings/{id}, read its results at /shipments/screenings/{id}/results. A shipment that cannot be read is answered with its error (line and field) in its row; the others are checked.`,
      querystring: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['csv', 'jsonl'], description: 'results format (default: the upload\'s)' },
          encoding: { type: 'string', maxLength: 40, description: 'the upload\'s character encoding (default: detected: UTF-8 with or without BOM, UTF-16, else Windows-1252)' },
          delimiter: { type: 'string', enum: [',', ';', '\t', 'tab', '|'], description: 'the CSV delimiter (default: detected)' },
        },
      },
    },
  }, async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const inputFormat: FileFormat | undefined = CSV_TYPES.includes(type) ? 'csv' : JSONL_TYPES.includes(type) ? 'jsonl' : undefined;
    if (!inputFormat || !Buffer.isBuffer(request.body)) throw new InterdictError('UNSUPPORTED_MEDIA_TYPE', `upload a CSV (${CSV_TYPES[0]}) or JSON lines (${JSONL_TYPES[0]}) file of shipments`, 415);
    if (!request.body.toString('latin1').trim()) throw new InputError('BAD_REQUEST', 'body: the upload is empty');
    const q = request.query;
    if (q.encoding) checkEncoding(q.encoding);
    if (inputFormat === 'jsonl' && q.delimiter !== undefined) throw new InputError('BAD_REQUEST', 'querystring/delimiter: applies to CSV uploads');
    const job = await jobs.submit({ body: request.body, inputFormat, outputFormat: q.format ?? inputFormat, read: { encoding: q.encoding, delimiter: q.delimiter } });
    // Who checked what file, when, against which rules and lists: the trail keeps the upload's hash, never its data.
    await store.recordAudit({
      actor: request.actor,
      action: 'shipments.screening.submit',
      subject: `shipment-screening:${job.id}`,
      after: { format: inputFormat, bytes: request.body.length, input_sha256: createHash('sha256').update(request.body).digest('hex'), rules_version: job.rules_version, versions: job.lists.map((l) => l.version) },
    });
    return reply.status(202).header('location', `/shipments/screenings/${job.id}`).send({ ...job, links: { self: `/shipments/screenings/${job.id}`, results: `/shipments/screenings/${job.id}/results` } });
  });

  app.get('/shipments/screenings/:id', { config: analyst, schema: { summary: 'A batch of shipments: status, progress and the verdicts so far', params: jobParams } }, async (request) => jobs.get(request.params.id));

  app.get('/shipments/screenings/:id/results', { config: analyst, schema: { summary: 'The results of a finished batch of shipments, one row a shipment in input order (its verdict and findings, or its error)', params: jobParams } }, async (request, reply) => {
    const { stream, format } = await jobs.results(request.params.id);
    return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson').send(stream);
  });
}
