// The console's client of the Interdict API, typed with the API's own types.
import type { Session } from '../../src/api/console.js';
import type { DescribedDiff } from '../../src/core/diff.js';
import type { Measure, Verification } from '../../src/core/regime/regime.js';
import type { ListedMatch } from '../../src/service/shipments.js';
import type { Finding, ShipmentAnswer } from '../../src/core/shipments/finding.js';
import type { Designation, Entity } from '../../src/core/entity.js';
import type { TokenPair } from '../../src/core/match/align.js';
import type { Designee, LinkEvidence, RecordLink } from '../../src/core/linking.js';
import type { FeatureExplanation } from '../../src/core/match/score.js';
import type { ScreeningJob } from '../../src/service/jobs.js';
import type { ListAge } from '../../src/service/list-ages.js';
import type { MonitorRun } from '../../src/service/monitor.js';
import type { AuditEntry, ChainCheck } from '../../src/store/audit.js';
import type { Alert, AlertStatus, Decision, Party } from '../../src/store/monitoring.js';
import type { ListVersion } from '../../src/store/store.js';

export type { Alert, AlertStatus, AuditEntry, ChainCheck, Decision, DescribedDiff, Designation, Designee, Entity, FeatureExplanation, LinkEvidence, ListAge, ListVersion, MonitorRun, Party, RecordLink, ScreeningJob, Session, TokenPair };

/** An entity as /match and /entities give it. */
export interface ScoredEntity {
  id: string;
  caption: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  score: number;
  match: boolean;
  explanations: Record<string, FeatureExplanation>;
}

/** A match's answer: its candidates, the lists they were screened against, and what the caller must know (a stale list). */
export interface MatchAnswer {
  results: ScoredEntity[];
  lists: ListAge[];
  warnings: string[];
}

export interface EntityPage extends Entity {
  designations_by_authority: Record<string, Designation[]>;
  versions: { id: string; dataset: string; published: string | null; current: boolean }[];
}

/** A designee's record as GET /designees/{id} gives it (yente's entity shape: its designations are in the answer's `designations`, by list). */
export interface DesigneeMember {
  id: string;
  caption: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  referents: string[];
  target: boolean;
  first_seen: string | null;
  last_seen: string | null;
  last_change: string | null;
}

/**
 * GET /designees/{id}: the designee a record belongs to, its records side by side (one when none
 * was linked), every authority's designations by list, the links that joined the records, and
 * the pairs of them left for review (status "review": possible, not confirmed).
 */
export type DesigneeAnswer = Omit<Designee, 'members'> & { members: DesigneeMember[]; designations: Record<string, Designation[]>; review: RecordLink[] };

/** One alert as GET /alerts/{id} gives it: with its party, and the list version it was raised against with its age. */
export type AlertWithParty = Alert & { party: Party | null; list: ListAge | null };

/** An alert as GET /alerts lists it: with its party's name (null once the party is no longer monitored). */
export type QueuedAlert = Alert & { partyName: string | null };

/**
 * The listed record a party or ship finding matched: how it was found, its designations, OFAC's
 * provisions, its "Linked To" relations both ways, and for a match by name the matcher's explanation.
 */
export type FindingMatch = ListedMatch;

/** A finding as POST /shipments/check gives it, its match typed. */
export type ShipmentFinding = Omit<Finding, 'match'> & { match?: FindingMatch };

/** One shipment's answer from POST /shipments/check: its verdict and its findings, worst first. */
export type ShipmentCheck = Omit<ShipmentAnswer, 'findings'> & { findings: ShipmentFinding[] };

/** A measure as GET /regime gives it: its HS coverage as the rules file writes the codes. */
export type MeasureView = Omit<Measure, 'coverage'> & {
  coverage: { hs?: string[]; exclude?: string[]; mapping?: Measure['coverage'][number]['mapping']; scope?: 'whole' | 'part'; terms?: string[]; note?: string }[];
};

/** GET /regime: the regime's identity and rules version, its measures, exemptions, national programs and the sources they cite. */
export interface RegimeAnswer {
  regime: string;
  title: string;
  version: string;
  rules_version: string;
  file: string;
  compiled_from: string;
  general_exemptions: { text: string; verification: Verification; sources: string[] }[];
  national_programs: Record<string, { list: string; programs: Record<string, { instrument: string; verification: Verification }>; sources: string[] }>;
  measures: MeasureView[];
  sources: Record<string, string>;
}

/** What changed between two stored versions, as GET /lists/diff gives it. */
export type VersionDiff = DescribedDiff & { from?: string; to?: string };

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const KEY = 'interdict-api-key';

/** The API key signed in with, kept for the browser tab's session. */
export const credentials = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key),
  clear: (): void => sessionStorage.removeItem(KEY),
};

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = credentials.get();
  return key ? { ...extra, 'x-api-key': key } : extra;
}

/** Call the API; an answer other than 2xx becomes an ApiError carrying the API's own detail. */
export async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const response = await fetch(path, {
    ...rest,
    headers: headers({ ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(rest.headers as Record<string, string> | undefined) }),
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; message?: string };
    throw new ApiError(response.status, body.code ?? String(response.status), body.detail ?? body.message ?? response.statusText);
  }
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
}

/** A feature's explanation as /match gives it (yente's shape, with Interdict's fields beside). */
interface ApiExplanation {
  detail: string | null;
  score: number;
  weight: number;
  query_values: string[];
  candidate_values: string[];
  pairs?: TokenPair[];
  unmatched?: { query: string[]; candidate: string[] };
}

function fromApi(explanations: Record<string, ApiExplanation>): Record<string, FeatureExplanation> {
  return Object.fromEntries(Object.entries(explanations).map(([name, e]) => [name, {
    score: e.score,
    weight: e.weight,
    query: e.query_values,
    candidate: e.candidate_values,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.pairs ? { pairs: e.pairs } : {}),
    ...(e.unmatched ? { unmatched: e.unmatched } : {}),
  }]));
}

export const api = {
  session: () => call<Session>('/session'),
  /** Match one query; `cutoff` below the threshold brings near misses, shown unflagged for the analyst to judge (the console asks down to the server's default cutoff). */
  match: (query: { schema: string; properties: Record<string, string[]> }, options: { limit?: number; threshold?: number; cutoff?: number } = {}) =>
    call<{ responses: { q: { results: (Omit<ScoredEntity, 'explanations'> & { explanations: Record<string, ApiExplanation> })[]; total: { value: number }; warnings?: string[] } }; lists: ListAge[]; warnings?: string[] }>(`/match/default?limit=${options.limit ?? 10}${options.cutoff !== undefined ? `&cutoff=${options.cutoff}` : ''}${options.threshold !== undefined ? `&threshold=${options.threshold}` : ''}`, { method: 'POST', json: { queries: { q: query } } })
      .then((r): MatchAnswer => ({ results: r.responses.q.results.map((result) => ({ ...result, explanations: fromApi(result.explanations) })), lists: r.lists, warnings: [...(r.warnings ?? []), ...(r.responses.q.warnings ?? [])] })),
  // Flat: the console shows designations apart, not nested Sanction entities.
  entity: (id: string) => call<EntityPage>(`/entities/${encodeURIComponent(id)}?nested=false`),
  /** The designee a listed record belongs to (any of its records' ids); 503 while the index is built. */
  designee: (id: string) => call<DesigneeAnswer>(`/designees/${encodeURIComponent(id)}`),
  versions: () => call<{ versions: ListVersion[] }>('/lists/versions').then((r) => r.versions),
  diff: (from: string, to: string) => call<VersionDiff>(`/lists/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  submitScreening: (csv: Blob, columns: string) => call<ScreeningJob>(`/screenings?format=csv${columns ? `&columns=${encodeURIComponent(columns)}` : ''}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }),
  screening: (id: string) => call<ScreeningJob>(`/screenings/${encodeURIComponent(id)}`),
  screeningResults: (id: string) => call<string>(`/screenings/${encodeURIComponent(id)}/results`),
  alerts: (query: { status?: string; dataset?: string; minScore?: number }) => {
    const params = new URLSearchParams({ limit: '1000' });
    if (query.status) params.set('status', query.status);
    if (query.dataset) params.set('dataset', query.dataset);
    if (query.minScore) params.set('min_score', String(query.minScore));
    return call<{ alerts: QueuedAlert[] }>(`/alerts?${params}`).then((r) => r.alerts);
  },
  alert: (id: number) => call<AlertWithParty>(`/alerts/${id}`),
  decide: (id: number, decision: Decision, note: string) => call<Alert>(`/alerts/${id}/decision`, { method: 'POST', json: { decision, note } }),
  confirm: (id: number, note?: string) => call<Alert>(`/alerts/${id}/confirm`, { method: 'POST', json: note ? { note } : {} }),
  audit: (after = 0) => call<{ entries: AuditEntry[]; next: number | null }>(`/audit?after=${after}&limit=1000`),
  verifyAudit: () => call<ChainCheck>('/audit/verify'),
  monitorRun: (full: boolean) => call<MonitorRun>('/monitor/run', { method: 'POST', json: { full } }),
  /** Check one shipment; one that cannot be read is refused (400), naming the field. */
  checkShipment: (shipment: object) => call<ShipmentCheck>('/shipments/check', { method: 'POST', json: shipment }),
  /** Check shipments (an array, answered in its order); a shipment that cannot be read fails the request, naming its item and field. */
  checkShipments: (shipments: unknown[]) => call<ShipmentCheck[]>('/shipments/check', { method: 'POST', json: shipments }),
  regime: () => call<RegimeAnswer>('/regime'),
};
