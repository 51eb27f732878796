import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Entity } from '../core/entity.js';
import type { CandidateIndex, MatchResult } from '../core/index/index.js';
import { linkCandidates, type LinkQuery, type LinkScope, type LinkSearch } from '../core/link-candidates.js';
import { linkRecords, linkSearch, type Designee, type LinkingOptions, type RecordLink } from '../core/linking.js';

/**
 * Linking every record of the lists, its queries spread over the machine's cores: this thread
 * and `workers` more, each with a copy of the index (from its snapshot), take records a chunk
 * at a time until none is left; this thread then links them (`linkRecords`: the reciprocal check,
 * the judging and the grouping) from their answers. The designees and pairs for review are those
 * of `linkRecords` alone. Threads pay only where cores are free: each copy of the index costs
 * about a second, each thread finds anew the similar words of the words it meets, and the kernel
 * shares the cores between sessions, so with others busy the threads together run no faster
 * than one (docs/linking.md, "Speed").
 */

/** Below this many records, a thread costs more than it saves (its copy of the index takes about a second). */
const WORKER_THRESHOLD = 2000;
/** Records a thread takes at once: small enough that the last chunks end together, records with many names coming anywhere. */
const CHUNK = 32;

export interface ParallelLinkingOptions extends LinkingOptions {
  /** Worker threads besides this one (default: one per core but this one's, when there are WORKER_THRESHOLD records or more). */
  workers?: number;
  /**
   * Whether this thread answers link queries too (default: yes). Without, it stays free while the
   * workers answer them all (a server's thread, for its requests).
   */
  answerHere?: boolean;
  /** Stops the worker threads (the call then rejects): a server closing does not wait for a linking it no longer needs. */
  signal?: AbortSignal;
}

/** What a link worker is given: the index's snapshot, the records to ask, the scope, and the chunk counter shared by all. */
export interface LinkWorkerData {
  snapshot: Uint8Array;
  records: LinkQuery[];
  ids: string[];
  datasets?: string[];
  apart: [string, string[]][];
  search: LinkSearch;
  next: Int32Array;
}

/**
 * `linkRecords` over every record in scope, its queries in `workers` threads besides this one.
 * With `seeds`, only the records their links reach are asked, in this thread; unless `answerHere`
 * is false: then the workers answer for every record in scope.
 */
export async function linkRecordsInParallel(index: CandidateIndex, entities: Iterable<Entity> | ReadonlyMap<string, Entity>, options: ParallelLinkingOptions = {}): Promise<{ designees: Designee[]; review: RecordLink[] }> {
  const { workers: _asked, answerHere = true, signal, ...linking } = options;
  // Read once: an iterable may not be read twice.
  const given = entities instanceof Map ? entities : [...(entities as Iterable<Entity>)];
  const threads = threadsFor(given instanceof Map ? given.size : given.length, options);
  if (answerHere && (linking.seeds || threads === 0)) return linkRecords(index, given, linking);
  return linkRecords(index, given, { ...linking, candidates: await linkCandidatesInParallel(index, given, { ...linking, workers: threads, answerHere, signal }) });
}

/**
 * Every record's candidates in scope (as `linkRecords` asks them: `linkCandidates` with
 * `linkSearch`), asked by `workers` threads besides this one, a chunk at a time.
 */
export async function linkCandidatesInParallel(index: CandidateIndex, entities: Iterable<Entity> | ReadonlyMap<string, Entity>, options: ParallelLinkingOptions = {}): Promise<Map<string, MatchResult[]>> {
  const given = entities instanceof Map ? [...entities.values()] : [...(entities as Iterable<Entity>)];
  const threads = threadsFor(given.length, options);
  // The records in scope, as `linkRecords` takes them (the lists asked for; one record per id, the last given).
  const wanted = options.datasets ? new Set(options.datasets) : undefined;
  const byId = new Map<string, Entity>();
  for (const entity of given) if (!wanted || entity.datasets.some((d: string) => wanted.has(d))) byId.set(entity.id, entity);
  const apart = new Map<string, Set<string>>();
  for (const d of options.decisions ?? []) {
    if (d.decision !== 'different') continue;
    for (const [x, y] of [d.ids, [d.ids[1], d.ids[0]]] as const) apart.set(x, (apart.get(x) ?? new Set()).add(y));
  }
  const records: LinkQuery[] = [...byId.values()].map((e) => ({ id: e.id, schema: e.schema, properties: e.properties }));
  return findInParallel(index, records, { ids: byId, datasets: wanted, apart }, linkSearch(options), threads, options.answerHere ?? true, options.signal);
}

/** The worker threads asked for (checked), or by default one per core but this one's for WORKER_THRESHOLD records or more. */
function threadsFor(records: number, { workers, answerHere = true }: ParallelLinkingOptions): number {
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new RangeError(`workers: ${workers} is not a whole number of threads (0 or more)`);
  if (workers === 0 && !answerHere) throw new RangeError('workers: 0 with answerHere false leaves no thread to answer the link queries');
  const others = Math.max(0, availableParallelism() - 1);
  return workers ?? (answerHere ? (records >= WORKER_THRESHOLD ? others : 0) : Math.max(1, others));
}

/** Each record's candidates, asked by `workers` threads and this one (with `answerHere`), a chunk at a time. */
async function findInParallel(index: CandidateIndex, records: LinkQuery[], scope: LinkScope & { ids: ReadonlyMap<string, unknown> }, search: LinkSearch, workers: number, answerHere: boolean, signal?: AbortSignal): Promise<Map<string, MatchResult[]>> {
  signal?.throwIfAborted();
  const next = new Int32Array(new SharedArrayBuffer(4));
  const snapshot = index.serialize();
  const shared = new Uint8Array(new SharedArrayBuffer(snapshot.length));
  shared.set(snapshot);
  const data: LinkWorkerData = {
    snapshot: shared,
    records,
    ids: [...scope.ids.keys()],
    datasets: scope.datasets && [...scope.datasets],
    apart: [...scope.apart].map(([id, others]) => [id, [...others]]),
    search,
    next,
  };
  const threads = Array.from({ length: workers }, () => newWorker(data));
  const stop = (): void => threads.forEach((thread) => void thread.terminate());
  signal?.addEventListener('abort', stop, { once: true });
  const answers = threads.map(answersOf);
  // Failures are read after this thread's share, so that none goes unhandled meanwhile.
  const settled = Promise.allSettled(answers);
  const found = new Map<string, MatchResult[]>();
  if (answerHere) answerChunks(index, records, scope, search, next, (id, results) => found.set(id, results));
  const outcomes = await settled;
  signal?.removeEventListener('abort', stop);
  signal?.throwIfAborted();
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') throw outcome.reason;
    for (const [id, results] of outcome.value) found.set(id, results);
  }
  return found;
}

/** Take chunks of records off the shared counter and answer them, until none is left. */
export function answerChunks(index: CandidateIndex, records: LinkQuery[], scope: LinkScope, search: LinkSearch, next: Int32Array, answer: (id: string, results: MatchResult[]) => void): void {
  for (let start = Atomics.add(next, 0, 1) * CHUNK; start < records.length; start = Atomics.add(next, 0, 1) * CHUNK) {
    for (const record of records.slice(start, start + CHUNK)) answer(record.id, linkCandidates(index, record, scope, search));
  }
}

/** A worker's answers, sent once it has taken its last chunk. */
function answersOf(worker: Worker): Promise<[string, MatchResult[]][]> {
  return new Promise((done, fail) => {
    worker.once('message', (answers: [string, MatchResult[]][]) => done(answers));
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`a link worker stopped (exit code ${code}) before it answered`)));
  });
}

/** A link worker. Run from the sources (tests, development), the worker is TypeScript and registers the TypeScript loader before importing itself. */
function newWorker(workerData: LinkWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./link-worker.js', import.meta.url), { workerData });
  // The ES module build of tsx's API (what require.resolve finds is its CommonJS twin).
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./link-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData });
}
