import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DATASETS } from '../core/collections.js';
import { InterdictError } from '../core/errors.js';
import { errorBody, type ErrorCode } from '../core/error-codes.js';
import type { JobService } from '../service/jobs.js';
import { DEFAULT_MAX_LIST_AGE_DAYS, NO_LISTS_DETAIL, listAges } from '../service/list-ages.js';
import { SCREENING_AUDIT_WINDOW_MS, ScreeningAudit } from '../service/screening-audit.js';
import { KeyRing, keyFromHeaders } from '../service/api-keys.js';
import { Screener } from '../service/screener.js';
import { diffStoredVersions } from '../service/diff.js';
import type { Store } from '../store/index.js';
import { registerConsole } from './console.js';
import { accessControl, type RouteAccess } from './access.js';
import { RELEASE } from '../release.js';
import { registerJobRoutes } from './job-routes.js';
import { registerListRoutes } from './list-routes.js';
import type { ChunkQueue } from '../service/monitor.js';
import type { AuditAnchor } from '../service/audit-anchor.js';
import { registerMonitorRoutes } from './monitor-routes.js';
import { refuseInfiniteNumbers, refuseUnknownParameters } from './query-guard.js';
import { registerTraceContext } from './trace-context.js';
import { registerScreeningRoutes } from './screening-routes.js';
import { registerEntityRoutes } from './entity-routes.js';
import { registerDesigneeRoutes } from './designee-routes.js';
import { DesigneeFinder } from '../service/designees.js';
import { matchedDesigneesOf } from '../service/matched-designees.js';
import { registerReconcileRoutes } from './reconcile-routes.js';
import { registerPetroleumRoutes } from './petroleum-routes.js';
import { registerShipmentRoutes } from './shipment-routes.js';
import { registerNewsRoutes } from './news-routes.js';
import { registerTravelRoutes } from './travel-routes.js';
import { registerWorkerRoutes } from './worker-routes.js';
import type { ShipmentJobService } from '../service/shipment-jobs.js';

export interface ServerOptions {
  logLevel: string;
  /** The screening state to serve; one on the store (not yet built) when not given. */
  screener?: Screener;
  /** The API keys; the store's when not given. */
  keys?: KeyRing;
  /** Requests per minute per key (or address); 0 or absent: no limit. */
  rateLimit?: number;
  /** Batch screening jobs; without them the /screenings routes are not served. */
  jobs?: JobService;
  /** Batches of shipments; without them the /shipments/screenings routes are not served. */
  shipmentJobs?: ShipmentJobService;
  /** Where re-screenings' chunks go in cluster mode; without it they are screened in the serving process. */
  monitorQueue?: ChunkQueue;
  /** Lists older than this many days are reported stale (default 14). */
  maxListAgeDays?: number;
  /** A screening request not answered within this many milliseconds is ended with 503 (default 10 s). */
  requestDeadlineMs?: number;
  /** The share of a dataset's entities an uploaded version may remove without `force` (default 10%). */
  maxRemovedShare?: number;
  /** How long the API's screenings are tallied before they are written to the audit trail (default 10 s). */
  screeningAuditMs?: number;
  /** Log readable lines (pino-pretty) instead of JSON lines: for a person at a terminal. */
  prettyLogs?: boolean;
  /** The audit chain's anchor: GET /audit/verify checks its checkpoints too. */
  auditAnchor?: AuditAnchor;
  /** Where POST /updatez downloads the lists from: a mirror (folder or base URL); their publishers when absent. */
  updateFrom?: string;
  /**
   * Called when a route stored a new list version (POST /lists/load, /updatez): the server's
   * runtime refreshes the index and re-screens the monitored parties; without it, the index is refreshed.
   */
  onListsChanged?: () => void;
}


/** Request bodies larger than this are refused with 413. */
const BODY_LIMIT = 2 * 1024 * 1024;

/** The catalog's codes of errors the framework raises, by status. */
const FRAMEWORK_CODES: Record<number, ErrorCode> = { 404: 'NOT_FOUND', 413: 'TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED' };

/**
 * The HTTP API: yente-compatible screening (match, search, algorithms), the catalog, entities,
 * list versions and diffs, with an OpenAPI document at /openapi.json and interactive docs at /docs.
 */

export function createServer(store: Store, options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: { level: options.logLevel, ...(options.prettyLogs ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}) }, bodyLimit: BODY_LIMIT });
  const screener = options.screener ?? new Screener(store);
  const keys = options.keys ?? new KeyRing(store);

  // One error shape everywhere, {code, detail}: typed errors keep their status, anything else is
  // a 500 without internals; routes that do not exist say so the same way.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof InterdictError) {
      void reply.status(error.status).send({ code: error.code, detail: error.message });
      return;
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      // Fastify's own (validation, body size, media type) and the rate limiter's, in the catalog's codes.
      void reply.status(status).send(errorBody(FRAMEWORK_CODES[status] ?? 'BAD_REQUEST', (error as Error).message));
      return;
    }
    request.log.error({ err: error }, 'unhandled error');
    void reply.status(500).send(errorBody('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}; GET /openapi.json lists them`));
  });
  registerTraceContext(app);
  // A match request with a body but no Content-Type is read as JSON, as yente reads it (uploads say what they are).
  app.addHook('onRequest', async (request) => {
    const body = (request.headers['content-length'] ?? '0') !== '0' || request.headers['transfer-encoding'] !== undefined;
    if (request.headers['content-type'] === undefined && body && request.url.startsWith('/match/')) request.headers['content-type'] = 'application/json';
  });
  // A JSON request with an empty body is a request without one (POST /alerts/{id}/confirm needs none).
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (!text.trim()) done(null, undefined);
    else json(request, text, done);
  });

  // Access control: once on (a key was ever active, or the server is on another machine's
  // address), every route but the public ones needs a key, of a role at least the route's
  // (reader < analyst < admin). It never goes off again.
  app.decorateRequest('actor', 'local');
  const authorize = accessControl(keys);
  if (options.rateLimit) {
    void app.register(rateLimit, {
      max: options.rateLimit,
      timeWindow: '1 minute',
      // Per valid key; anything else (no key, a wrong one: guesses included) per address.
      keyGenerator: async (request) => {
        const secret = keyFromHeaders(request.headers);
        const key = secret ? await keys.find(secret) : undefined;
        return key ? `key:${key.id}` : `ip:${request.ip}`;
      },
      allowList: (request) => Boolean((request.routeOptions.config as RouteAccess | undefined)?.public),
      errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED' satisfies ErrorCode, message: `more than ${context.max} requests a minute; retry in ${context.after}` }),
    });
  }

  // Each route checks access after the rate limit (which adds its own hook to each route as it
  // is made): a request refused for its key counts toward the limit too.
  void app.after(() => app.addHook('onRoute', (route) => {
    const before = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...before, authorize];
  }));

  void app.register(swagger, {
    openapi: {
      info: { title: 'Interdict', description: 'Sanctions screening: yente-compatible matching and search over the official lists, versioned.', version: RELEASE },
      // The docs' "Authorize" takes a key, and every call tried from them sends it.
      components: { securitySchemes: { ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
      security: [{ ApiKey: [] }],
    },
  });
  // The docs' pages hold no data: they load without a key, and the calls made from them need one like any other.
  void app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      const access: RouteAccess = { public: true };
      route.config = { ...route.config, ...access };
    });
    await docs.register(swaggerUi, { routePrefix: '/docs', uiConfig: { persistAuthorization: true } });
  });
  // Routes go in a plugin registered after the OpenAPI one, so that it sees them all.
  const maxAgeDays = options.maxListAgeDays ?? DEFAULT_MAX_LIST_AGE_DAYS;
  const deadlineMs = options.requestDeadlineMs ?? 10_000;
  const screeningAuditMs = options.screeningAuditMs ?? SCREENING_AUDIT_WINDOW_MS;
  const { maxRemovedShare, updateFrom } = options;
  const listsChanged = options.onListsChanged ?? ((): void => {
    screener.refresh().catch((error: unknown) => app.log.error({ err: error }, 'screening index could not be built'));
  });
  void app.register(async (api) => routes(api, store, screener, { maxAgeDays, deadlineMs, maxRemovedShare, screeningAuditMs, updateFrom, listsChanged }, options.jobs, options.monitorQueue, options.auditAnchor, options.shipmentJobs));
  void app.register(async (instance) => registerConsole(instance, keys));
  return app;
}

/** The server's bounds and limits, as the routes read them. */
interface RouteLimits {
  maxAgeDays: number;
  deadlineMs: number;
  maxRemovedShare: number | undefined;
  screeningAuditMs: number;
  updateFrom: string | undefined;
  listsChanged: () => void;
}

function routes(app: FastifyInstance, store: Store, screener: Screener, { maxAgeDays, deadlineMs, maxRemovedShare, screeningAuditMs, updateFrom, listsChanged }: RouteLimits, jobs: JobService | undefined, monitorQueue: ChunkQueue | undefined, auditAnchor?: AuditAnchor, shipmentJobs?: ShipmentJobService): void {
  // Ajv lets ?limit=Infinity through every numeric schema: refused for all routes at once.
  app.addHook('preHandler', refuseInfiniteNumbers);
  // A parameter a route does not take is refused, naming it, never ignored.
  app.addHook('onRoute', refuseUnknownParameters);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const open = { config: { public: true } satisfies RouteAccess };
  app.get('/healthz', open, async () => ({ status: 'ok' }));
  app.get('/readyz', open, async (_request, reply) => {
    const state = screener.current;
    if (!state) return reply.status(503).send({ status: 'building', ...errorBody('NOT_READY', 'the screening index is being built') });
    // Nothing loaded: every screening would come back clear, so the server is not ready to screen.
    if (!state.versions.length) return reply.status(503).send({ status: 'empty', ...errorBody('NO_LISTS', NO_LISTS_DETAIL) });
    const lists = listAges(state.versions, maxAgeDays);
    const stale = lists.filter((l) => l.stale);
    return { status: stale.length ? 'stale' : 'ok', entities: state.index.size, versions: state.versions.map((v) => v.id), lists, ...(stale.length ? { detail: `${stale.map((l) => `${l.dataset} is ${l.age_days} days old`).join('; ')} (the limit is ${maxAgeDays} days): update them (interdict update, or POST /lists/load)` } : {}) };
  });

  // Who screened what: tallied per caller and written to the audit trail every few seconds, and at close.
  const audit = new ScreeningAudit(store, screeningAuditMs, (error) => app.log.error({ err: error }, 'screenings could not be written to the audit trail'));
  app.addHook('onClose', () => audit.close());
  // Designees and gap reports, found when first asked and kept per index and analysts' decisions.
  const designees = new DesigneeFinder(() => store.linkDecisions.linkDecisions(), matchedDesigneesOf(store));
  registerScreeningRoutes(app, screener, maxAgeDays, deadlineMs, audit, designees);
  if (jobs) registerJobRoutes(app, jobs, store);
  registerListRoutes(app, store, listsChanged, maxRemovedShare, updateFrom);
  registerMonitorRoutes(app, store, screener, maxAgeDays, monitorQueue, auditAnchor);

  /**
   * The datasets as yente's catalog gives them: each with its current version in the store
   * (`version`) and the version the screening index serves (`index_version`: it follows the
   * store within seconds), `current` and `outdated` naming them, and an ETag, so that a client
   * polling it gets 304 until a list changes.
   */
  const catalog = async (request: FastifyRequest, reply: FastifyReply) => {
    const current = await store.currentVersions();
    const ages = new Map(listAges(current, maxAgeDays).map((a) => [a.version, a]));
    const served = new Map((screener.current?.versions ?? []).map((v) => [v.dataset, v.id]));
    const datasets = current.map((v) => ({
      name: v.dataset,
      title: DATASETS[v.dataset as keyof typeof DATASETS]?.title ?? v.dataset,
      version: v.id,
      published: v.published,
      updated_at: v.published,
      entity_count: v.entityCount,
      load: true,
      index_version: served.get(v.dataset) ?? null,
      index_current: served.get(v.dataset) === v.id,
      loaded_at: v.loadedAt,
      confirmed_at: v.confirmedAt,
      as_of: ages.get(v.id)!.as_of,
      age_days: ages.get(v.id)!.age_days,
      stale: ages.get(v.id)!.stale,
    }));
    // Over the versions and what the catalog says of their freshness (a list going stale changes it).
    const etag = `"${createHash('sha1').update(datasets.map((d) => `${d.name}:${d.version}:${d.index_version ?? ''}:${d.age_days}:${d.stale}:${d.confirmed_at ?? ''}`).sort().join('\n')).digest('hex')}"`;
    void reply.header('etag', etag).header('cache-control', 'private, max-age=300');
    const asked = request.headers['if-none-match'];
    if (asked && asked.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return reply.status(304).send();
    const outdated = datasets.filter((d) => !d.index_current).map((d) => d.name);
    return { datasets, current: datasets.filter((d) => d.index_current).map((d) => d.name), outdated, index_stale: outdated.length > 0 };
  };
  app.get('/catalog', { schema: { summary: 'The loaded datasets, their current versions and the versions the index serves (yente-compatible, with an ETag)' } }, catalog);
  app.get('/manifest', { schema: { summary: 'The same as /catalog, as yente answers it' } }, catalog);

  const typed = app.withTypeProvider<JsonSchemaToTsProvider>();
  typed.get('/lists/versions', { schema: { summary: 'Every stored list version, or one dataset\'s', querystring: { type: 'object', properties: { dataset: { type: 'string', maxLength: 100 } } } } }, async (request) => {
    return { versions: await store.listVersions(request.query.dataset) };
  });

  typed.get('/lists/diff', { schema: { summary: 'What changed between two versions: from/to, or a dataset\'s current version against the one loaded before it', querystring: { type: 'object', properties: { dataset: { type: 'string', maxLength: 100 }, from: { type: 'string', maxLength: 200 }, to: { type: 'string', maxLength: 200 } } } } }, async (request) => {
    return diffStoredVersions(store, request.query);
  });

  registerEntityRoutes(app, store, screener);
  registerDesigneeRoutes(app, store, screener, designees);
  registerReconcileRoutes(app, screener);
  registerShipmentRoutes(app, store, screener, shipmentJobs);
  registerNewsRoutes(app, store, screener);
  registerPetroleumRoutes(app, store);
  registerTravelRoutes(app, store, screener);
  registerWorkerRoutes(app, store, screener);
}
