import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TARGET_SCHEMATA } from '../core/ftm.js';
import { readQuery } from '../core/query/index.js';
import { DEFAULT_ROW_SCHEMA } from '../service/customer-file.js';
import { NO_LISTS_DETAIL, listAges, screeningLists } from '../service/list-ages.js';
import { InputError, InterdictError, NotFoundError } from '../core/errors.js';
import { rescreen, toMonitorRun, type ChunkQueue } from '../service/monitor.js';
import { onboardParties } from '../service/onboarding.js';
import { verifyAnchored, type AuditAnchor } from '../service/audit-anchor.js';
import { sameVersions, type Screener } from '../service/screener.js';
import { ALERT_STATUSES } from '../store/monitoring.js';
import type { Store } from '../store/index.js';
import { storable } from '../store/sql.js';
import type { RouteAccess } from './access.js';

const analyst = { role: 'analyst' } satisfies RouteAccess;
const admin = { role: 'admin' } satisfies RouteAccess;

const PROPERTIES = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', maxLength: 1000 }, maxItems: 100 }, maxProperties: 50 } as const;
const PARTY = {
  type: 'object',
  required: ['id', 'properties'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    schema: { type: 'string', enum: TARGET_SCHEMATA, description: 'default LegalEntity (people and organizations alike); a schema given is checked against the party\'s data' },
    properties: { ...PROPERTIES, required: ['name'] },
  },
} as const;

/** A path's id. */
const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;

/** Sequence numbers and alert ids are PostgreSQL bigints read as JavaScript numbers: beyond the safe range neither holds them. */
const SEQUENCE = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

/**
 * PostgreSQL text cannot hold a NUL (nor a lone surrogate, which JSON can carry): no party id or
 * dataset has one, and no note can be stored with one. Such a value is the caller's mistake, named.
 */
function refuseUnstorable(part: 'querystring' | 'body', values: Record<string, unknown> | undefined, fields: string[]): void {
  for (const field of fields) {
    const value = values?.[field];
    if (typeof value === 'string' && !storable(value)) throw new InputError('BAD_REQUEST', `${part}/${field} must not hold a NUL character or a lone surrogate`);
  }
}

/** A request sent without a body, where one is optional, is taken as `{}`. */
function emptyBody(request: FastifyRequest): void {
  if (request.body === undefined || request.body === null) request.body = {};
}

/** Monitored parties, their alerts and review, the audit trail, and re-screening on demand. */
export function registerMonitorRoutes(instance: FastifyInstance, store: Store, screener: Screener, maxAgeDays: number, queue?: ChunkQueue, anchor?: AuditAnchor): void {
  const monitoring = store.monitoring;
  // Handlers typed from the JSON schemas they declare (no casts).
  const app = instance.withTypeProvider<JsonSchemaToTsProvider>();

  app.post('/parties', {
    config: analyst,
    schema: {
      summary: 'Add or update monitored parties (by id) and screen the new and edited ones at once, answering with the alerts raised on them (`screen: false`: at the next run)',
      body: {
        type: 'object',
        required: ['parties'],
        additionalProperties: false,
        properties: {
          parties: { type: 'array', items: PARTY, minItems: 1, maxItems: 10_000 },
          screen: { type: 'boolean', default: true, description: 'screen the new and edited parties now against every current list (default); false stores them only' },
        },
      },
    },
  }, async (request) => {
    const { parties, screen } = request.body;
    // Read as a customer file's rows are: dates read or reported, a stated schema checked against the data.
    const warnings: { id: string; warnings: string[] }[] = [];
    const read = parties.map((party, i) => {
      const query = readQuery(party.schema ?? DEFAULT_ROW_SCHEMA, party.properties, { schemaStated: party.schema !== undefined });
      if (query.warnings.length) warnings.push({ id: party.id, warnings: query.warnings.map((w) => `parties/${i}: ${w}`) });
      if (!query.properties.name) throw new InputError('BAD_REQUEST', `body/parties/${i}/properties/name: no name left once its values are cleaned`);
      return { id: party.id, schema: query.schema, properties: query.properties };
    });
    const screening = screener.current;
    const indexNotReady = !screening || !sameVersions(screening.versions.map((v) => v.id).sort(), (await store.currentVersions()).map((v) => v.id).sort());
    const onboarding = await onboardParties(store, read, { actor: request.actor, screen, place: { screening, queue }, indexNotReady });
    return { ...onboarding, ...(warnings.length ? { warnings } : {}) };
  });

  app.get('/parties', {
    schema: {
      summary: 'Monitored parties in id order (page with `after`)',
      querystring: { type: 'object', properties: { after: { type: 'string', maxLength: 200 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
    },
  }, async (request) => {
    const q = request.query;
    refuseUnstorable('querystring', q, ['after']);
    const parties = await monitoring.listParties(q);
    return { parties, total: await monitoring.countParties(), next: parties.length === q.limit ? parties[parties.length - 1]!.id : null };
  });

  app.get('/parties/:id', { schema: { summary: 'One monitored party', params: ID } }, async (request) => {
    const { id } = request.params;
    const party = await monitoring.getParty(id);
    if (!party) throw new NotFoundError(`party ${id}`);
    return party;
  });

  app.delete('/parties/:id', { config: analyst, schema: { summary: 'Stop monitoring a party (its alerts are kept)', params: ID } }, async (request, reply) => {
    const { id } = request.params;
    if (!(await monitoring.removeParties([id], request.actor)).length) throw new NotFoundError(`party ${id}`);
    return reply.status(204).send();
  });

  app.get('/alerts', {
    schema: {
      summary: 'Alerts, oldest first (page with `after`), filtered by status, dataset and score; each one per party and designee, with every record of the designee (`members`), every list listing it (`datasets`) and its party\'s name (`partyName`)',
      querystring: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: [...ALERT_STATUSES] },
          dataset: { type: 'string', maxLength: 100 },
          min_score: { type: 'number', minimum: 0, maximum: 1 },
          after: SEQUENCE,
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      },
    },
  }, async (request) => {
    const q = request.query;
    refuseUnstorable('querystring', q, ['dataset']);
    const alerts = await monitoring.listAlerts({ status: q.status, dataset: q.dataset, minScore: q.min_score, after: q.after, limit: q.limit });
    // Each alert with its party's name, for a queue read by names; null when the party is no longer monitored.
    const parties = await monitoring.partiesById([...new Set(alerts.map((a) => a.partyId))]);
    const names = new Map(parties.map((p) => [p.id, p.name]));
    return { alerts: alerts.map((a) => ({ ...a, partyName: names.get(a.partyId) ?? null })), next: alerts.length === q.limit ? alerts[alerts.length - 1]!.id : null };
  });

  app.get('/alerts/:id', { schema: { summary: 'One alert, with its party', params: ID } }, async (request) => {
    const id = alertId(request.params.id);
    const alert = await monitoring.getAlert(id);
    if (!alert) throw new NotFoundError(`alert ${id}`);
    // The list version the alert was raised against, and how old it is now.
    const version = await store.getVersion(alert.versionId);
    return { ...alert, party: await monitoring.getParty(alert.partyId), list: version ? listAges([version], maxAgeDays)[0]! : null };
  });

  app.post('/alerts/:id/decision', {
    config: analyst,
    schema: {
      summary: 'Decide an open alert; with the four_eyes setting on, a true match waits for a second analyst',
      params: ID,
      body: { type: 'object', required: ['decision', 'note'], additionalProperties: false, properties: { decision: { type: 'string', enum: ['true_match', 'false_positive'] }, note: { type: 'string', minLength: 1, maxLength: 5000 } } },
    },
  }, async (request) => {
    const { decision, note } = request.body;
    refuseUnstorable('body', { note }, ['note']);
    return monitoring.decideAlert(alertId(request.params.id), decision, note, request.actor);
  });

  app.post('/alerts/:id/confirm', {
    config: analyst,
    // A confirmation needs no body: none at all is an empty one.
    preValidation: async (request) => emptyBody(request),
    schema: {
      summary: 'Confirm another analyst\'s true-match decision (four eyes)',
      params: ID,
      body: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 5000 } } },
    },
  }, async (request) => {
    const body = request.body;
    refuseUnstorable('body', body, ['note']);
    return monitoring.confirmAlert(alertId(request.params.id), request.actor, body?.note);
  });

  app.post('/monitor/run', {
    config: admin,
    preValidation: async (request) => emptyBody(request),
    schema: {
      summary: 'Re-screen the parties now (what changed since the last run; `full` for everything)',
      body: { type: 'object', additionalProperties: false, properties: { full: { type: 'boolean', default: false } } },
    },
  }, async (request) => {
    const { full } = request.body ?? {};
    // Against nothing, every party would come out clear and be marked screened: refused, as `interdict monitor` refuses.
    const current = await store.currentVersions();
    if (!current.length) throw new InterdictError('NO_LISTS', NO_LISTS_DETAIL, 503);
    const against = screeningLists(current, 'default', { maxAgeDays });
    const run = await rescreen(store, { full, actor: request.actor, screening: screener.current, queue });
    return { ...run, lists: against.lists, ...(against.warnings.length ? { warnings: against.warnings } : {}) };
  });

  app.get('/monitor/runs', {
    config: analyst,
    schema: {
      summary: 'The latest re-screenings, newest first',
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 20 } } },
    },
  }, async (request) => ({ runs: (await monitoring.listRuns(request.query.limit)).map((run) => toMonitorRun(run)) }));

  app.get('/monitor/runs/:id', {
    config: analyst,
    schema: { summary: 'One re-screening: running (with its chunks screened so far) or done, with what it did', params: ID },
  }, async (request) => {
    const { id } = request.params;
    const run = await monitoring.getRun(id);
    if (!run) throw new NotFoundError(`re-screening ${id}`);
    return toMonitorRun(run, run.status === 'done' ? undefined : await monitoring.runProgress(id));
  });

  app.get('/audit', {
    config: admin,
    schema: {
      summary: 'The audit trail in order, from a sequence number',
      querystring: { type: 'object', properties: { after: { ...SEQUENCE, default: 0 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
    },
  }, async (request) => {
    const q = request.query;
    const entries = [];
    for await (const entry of store.audit(q.after)) {
      entries.push(entry);
      if (entries.length >= q.limit) break;
    }
    return { entries, next: entries.length === q.limit ? entries[entries.length - 1]!.seq : null };
  });

  app.get('/audit/verify', {
    config: admin,
    schema: { summary: 'Recompute the audit chain, and check it against the anchor file\'s checkpoints when the server has one: ok, or the first broken link or checkpoint' },
  }, async () => (anchor ? verifyAnchored(store, anchor) : store.verifyAudit()));
}

function alertId(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new NotFoundError(`alert ${raw}`);
  return id;
}
