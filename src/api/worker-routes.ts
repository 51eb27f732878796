import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { InputError } from '../core/errors.js';
import { readCheckDate, type Worker, type WorkerAnswer } from '../core/workers/index.js';
import { readRegime } from '../service/regime.js';
import type { Screener } from '../service/screener.js';
import { workerFileValues } from '../service/worker-file.js';
import { createWorkerChecker, recordWorkerChecks, today, tryWorker, type WorkerValue } from '../service/workers.js';
import type { Store } from '../store/index.js';
import type { RouteAccess } from './access.js';
import { screeningFor } from './screening-state.js';

/** Workers a request may give: a request is answered whole, so its size is bounded. */
export const MAX_WORKERS = 1000;

/** A CSV upload of workers: bounded as a request is (a larger file is for `interdict workers check`). */
const CSV_LIMIT = 4 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv'];

/** Let other requests be answered between the workers of a long request. */
const yieldToOthers = (): Promise<void> => new Promise((next) => setImmediate(next));

/** The workers of a CSV upload, read as `interdict workers check` reads a file (encoding detected, delimiter sniffed). */
async function csvValues(body: Buffer): Promise<WorkerValue[]> {
  const dir = await mkdtemp(join(tmpdir(), 'interdict-workers-'));
  try {
    const path = join(dir, 'upload.csv');
    await writeFile(path, body);
    return await workerFileValues(path, 'the upload');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The workers and the day of a JSON body: a worker, an array of them, or `{"workers": ..., "on": ...}`. */
function jsonValues(body: unknown): { values: WorkerValue[]; many: boolean; on?: string } {
  if (body === undefined || body === null || typeof body !== 'object') throw new InputError('BAD_REQUEST', 'body: a worker, an array of workers, or {"workers": [...], "on": "YYYY-MM-DD"} is required');
  let content: unknown = body;
  let on: string | undefined;
  if (!Array.isArray(body) && 'workers' in body) {
    const { workers, on: day, ...rest } = body as { workers: unknown; on?: unknown };
    const extra = Object.keys(rest);
    if (extra.length) throw new InputError('BAD_REQUEST', `body/${extra[0]}: a request of workers takes "workers" and "on"`);
    if (day !== undefined && typeof day !== 'string') throw new InputError('BAD_REQUEST', 'body/on: a date YYYY-MM-DD');
    on = day === undefined ? undefined : readCheckDate(day, 'body/on');
    content = workers;
  }
  const many = Array.isArray(content);
  const items = many ? (content as unknown[]) : [content];
  if (!items.length) throw new InputError('BAD_REQUEST', 'body: the array of workers is empty');
  if (items.length > MAX_WORKERS) throw new InputError('BAD_REQUEST', `body: ${items.length} workers; a request takes at most ${MAX_WORKERS} (check a larger file with interdict workers check)`);
  return { values: items.map((value, i) => ({ where: many ? `body item ${i + 1}` : 'body', value })), many, ...(on ? { on } : {}) };
}

/**
 * `POST /workers/check`: DPRK nationals working abroad against UNSCR 2375 OP17 and 2397 OP8 as
 * of a day, and their employer, labour agency and name against the lists; one answer a worker,
 * audited. JSON (a worker, an array, or `{"workers", "on"}`) or a CSV upload.
 */
export function registerWorkerRoutes(app: FastifyInstance, store: Store, screener: Screener): void {
  void app.register(async (scoped) => {
    // Kept as bytes, its encoding detected when read (other routes may have taken these types already).
    for (const type of CSV_TYPES) {
      if (!scoped.hasContentTypeParser(type)) scoped.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: CSV_LIMIT }, (_request, body, done) => done(null, body));
    }
    scoped.post('/workers/check', {
      bodyLimit: CSV_LIMIT,
      config: { role: 'analyst' } satisfies RouteAccess,
      schema: {
        summary: 'Check DPRK overseas workers as of a day: work authorizations (UNSCR 2375 OP17), repatriation (2397 OP8) and their exceptions, and the employer, labour agency and worker against the lists; one answer {id, verdict, findings, on, rules_version} a worker, findings worst first with their basis and status; audited',
        description: `A worker ({"id", "name", "birthDate", "nationality", "passport", "employer", "agency", "permit_issued", "permit_expires", "contract_signed", "country", "host_nationality", "return_prohibited", "return_prohibited_basis"}: docs/workers.md), answered with one answer; an array of up to ${MAX_WORKERS}, or {"workers": [...], "on": "YYYY-MM-DD"}, answered with an array in the same order; or a CSV upload (Content-Type text/csv) with a header of the field names. A record that cannot be read fails the request (400), naming its id, item or line and the field.`,
        querystring: { type: 'object', properties: { on: { type: 'string', maxLength: 20, description: 'the day the workers are judged at, YYYY-MM-DD (default: today, UTC); also "on" in a {"workers", "on"} body' } } },
      },
    }, async (request, reply) => {
      const state = screeningFor(screener, 'default', reply);
      if (!state) return reply;
      const query = request.query as { on?: string };
      const fromQuery = query.on === undefined ? undefined : readCheckDate(query.on, 'querystring/on');
      // A CSV upload comes as bytes (or as text, where another route's parser read the type first).
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const upload = Buffer.isBuffer(request.body) ? request.body : CSV_TYPES.includes(type) && typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : undefined;
      const read = upload ? { values: await csvValues(upload), many: true, on: undefined } : jsonValues(request.body);
      if (read.values.length > MAX_WORKERS) throw new InputError('BAD_REQUEST', `the upload: ${read.values.length} workers; a request takes at most ${MAX_WORKERS} (check a larger file with interdict workers check)`);
      if (!read.values.length) throw new InputError('BAD_REQUEST', 'the upload: no worker record under its header');
      if (fromQuery && read.on && fromQuery !== read.on) throw new InputError('BAD_REQUEST', `querystring/on ${fromQuery} and body/on ${read.on} differ: give the day once`);
      const on = fromQuery ?? read.on ?? today();
      // Every worker is read before any is checked: a bad one fails the request, naming it.
      const workers: Worker[] = read.values.map(({ where, value, error }) => {
        if (error) throw error;
        const worker = tryWorker(value, where);
        if (worker.error) throw worker.error;
        return worker.worker!;
      });
      const regime = readRegime();
      const checker = createWorkerChecker(regime, state);
      const checked: { worker: Worker; answer: WorkerAnswer }[] = [];
      for (const [i, worker] of workers.entries()) {
        if (i > 0 && i % 20 === 0) await yieldToOthers();
        checked.push({ worker, answer: checker.check(worker, on) });
      }
      await recordWorkerChecks(store, request.actor, checked, state.versions.map((v) => v.id));
      const answers = checked.map((c) => c.answer);
      return read.many ? answers : answers[0];
    });
  });
}
