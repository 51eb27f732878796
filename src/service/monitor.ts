import { randomBytes } from 'node:crypto';
import { sha256 } from '../core/canonical.js';
import type { Entity } from '../core/entity.js';
import { CandidateIndex, type MatchQuery, type MatchResult, type SearchOptions } from '../core/index/index.js';
import type { Designee } from '../core/linking.js';
import { stableJson } from '../store/audit.js';
import type { MonitoringSql, NewAlert, Party, StoredRun } from '../store/monitoring.js';
import type { Store } from '../store/index.js';
import { groupByDesignee } from './designees.js';
import { matchedDesigneesOf } from './matched-designees.js';
import { cleanQuery } from './queries.js';
import { currentEntities, sameVersions, type Screening } from './screener.js';
import { alertVerdict } from '../core/alert-verdict.js';

/** What one re-screening did, as `interdict monitor --json` prints it. */
export interface MonitorRun {
  /** The run's id (`GET /monitor/runs/{id}`); empty when skipped. */
  id: string;
  mode: 'changes' | 'full';
  /** done; running: its chunks are queued for the cluster's workers; skipped: another run was under way. */
  status: 'done' | 'running' | 'skipped';
  /** True when another process was re-screening: this call did nothing (that one also screens what came meanwhile). */
  skipped: boolean;
  /** Parties screened against every current list (all of them in full mode; new and edited ones otherwise). */
  partiesScreenedInFull: number;
  /** Parties screened against the added and changed entities only. */
  partiesScreenedAgainstChanges: number;
  /** Added and changed entities of new list versions. */
  changedEntities: number;
  alertsRaised: number;
  /** Matches already alerted with the same score and designations, or decided false positives of an unchanged pair. */
  alertsUnchanged: number;
  alertsSuppressed: number;
  alertsClosed: number;
  /** Chunks of parties screened, of all the run's chunks. */
  chunksDone: number;
  chunks: number;
  /** The versions screened against, by dataset. */
  versions: Record<string, string>;
  durationMs: number;
}

/** A run's share of parties, screened by whichever process takes it. */
export interface MonitorChunk {
  run: string;
  chunk: number;
  /** full: against every current list; changes: against the run's changed entities. */
  kind: 'changes' | 'full';
  parties: string[];
}

/** Where a run's chunks go when they are not screened in the calling process: the cluster's job queue. */
export interface ChunkQueue {
  enqueue(chunks: MonitorChunk[]): Promise<void>;
}

export interface MonitorOptions {
  /** Screen every party against every current list, whatever changed. */
  full?: boolean;
  /** Alerts are raised at or above this score (default: the `alert_threshold` setting, else the match threshold). */
  threshold?: number;
  actor?: string;
  /** The index and entities the caller holds already (a server's): used when their versions are the current ones. */
  screening?: Screening;
  /** Queue the chunks for the cluster's workers and return at once (status `running`) instead of screening them here. */
  queue?: ChunkQueue;
}

/** The most listed records one party is matched with in one run (its alerts are one per designee of them). */
const RESULTS_PER_PARTY = 20;
/** Parties per chunk: screened here, a chunk is one transaction of alerts; queued, small enough that a chunk lost with its worker costs little to redo. */
const LOCAL_CHUNK = 5000;
export const QUEUED_CHUNK = 500;
/** Longer than any chunk is expected to take; each chunk done extends it; a holder that died frees the lease when it expires. */
const LEASE_SECONDS = 15 * 60;

const COUNTS = ['partiesScreenedInFull', 'partiesScreenedAgainstChanges', 'alertsRaised', 'alertsUnchanged', 'alertsSuppressed'] as const;
type ChunkCounts = Record<(typeof COUNTS)[number], number>;

/**
 * A hash of the designations (programs, authorities, dates) of a designee's records, in id order
 * (a record no current list carries has none): a new alert is raised when it changes. Of one
 * record, it is the hash of that record's designations, as an alert stored before migration 011
 * holds it, so that such an alert compares alike.
 */
export function membersDesignationsHash(members: readonly string[], entities: ReadonlyMap<string, Entity>): string {
  const ids = [...members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(stableJson(ids.flatMap((id) => entities.get(id)?.designations ?? []))).slice(0, 32);
}

/**
 * Re-screen monitored parties after list changes: every party against the entities added or
 * changed since the versions last screened, and parties added or edited since they were last
 * screened against everything. Raises an alert for each new match with a designee (one per party
 * and designee, carrying every record of it, found again through any of them; again only when
 * the score or the designations of its records changed; never again for a designee decided a
 * false positive until the party or those designations change) and closes the open alerts of
 * designees no current list carries any more.
 *
 * A run is split into chunks of parties. Without `queue`, they are screened here, one after
 * another; with it, they are queued for the cluster's workers (`screenChunk`) and the run
 * completes when the last of them is screened, wherever that happens.
 */
export async function rescreen(store: Store, options: MonitorOptions = {}): Promise<MonitorRun> {
  const id = `mon_${randomBytes(8).toString('hex')}`;
  if (!(await store.monitoring.takeLease(id, LEASE_SECONDS))) {
    // Another run is under way; it looks again for versions that came during it.
    const versions = Object.fromEntries((await store.currentVersions()).map((v) => [v.dataset, v.id]));
    return emptyRun('', options.full ? 'full' : 'changes', 'skipped', versions);
  }
  // Once its chunks are queued, the run holds the lease until its last chunk frees it.
  let queued = false;
  try {
    const planned = await planRun(store, id, options);
    if (options.queue && planned.chunks.length) {
      await options.queue.enqueue(planned.chunks);
      queued = true;
      return toMonitorRun(planned.run);
    }
    const screener = new ChunkScreener(store);
    const run = await screenHere(store, planned, screener);
    if (options.queue) return run;
    // Versions that became current during the run (whose notices other processes skipped) are screened now.
    for (let round = 0; round < 3; round++) {
      const now = await store.currentVersions();
      // Parties imported during the run (whose own screening found the lease taken) are screened now too.
      if (now.every((v) => run.versions[v.dataset] === v.id) && now.length === Object.keys(run.versions).length && !(await store.monitoring.partiesDue())) break;
      if (!(await store.monitoring.takeLease(id, LEASE_SECONDS))) break;
      const more = await screenHere(store, await planRun(store, id + `_${round + 1}`, { ...options, full: false, screening: undefined }, id), screener);
      for (const key of [...COUNTS, 'changedEntities', 'alertsClosed', 'chunks', 'chunksDone'] as const) run[key] += more[key];
      run.versions = more.versions;
      run.durationMs += more.durationMs;
    }
    return run;
  } finally {
    if (!queued) await store.monitoring.releaseLease(id);
  }
}

/**
 * After a queued run completes, wherever its last chunk was screened: the versions that became
 * current while it ran are screened too. Their own runs found the lease taken and were skipped;
 * without this, a delisting's alerts would stay open and a new version go unscreened until an
 * unrelated load. Returns the run started, if one was.
 */
export async function catchUp(store: Store, finished: string, options: Pick<MonitorOptions, 'screening' | 'queue'>): Promise<MonitorRun | undefined> {
  const run = await store.monitoring.getRun(finished);
  if (!run) return undefined;
  const current = await store.currentVersions();
  const same = current.length === Object.keys(run.versions).length && current.every((v) => run.versions[v.dataset] === v.id);
  if (same && !(await store.monitoring.partiesDue())) return undefined;
  return rescreen(store, { ...options, actor: 'monitor (catching up)' });
}

/** Screen a planned run's chunks in this process (a run without any completes at once); what it did. */
async function screenHere(store: Store, planned: PlannedRun, screener: ChunkScreener): Promise<MonitorRun> {
  for (const chunk of planned.chunks) await screener.screen(chunk, planned.screening);
  if (!planned.chunks.length) {
    await store.monitoring.transaction(async (monitoring) => {
      const run = await monitoring.lockRun(planned.run.id);
      if (run?.status === 'running') await finishRun(monitoring, run, emptyCounts());
    });
  }
  return toMonitorRun((await store.monitoring.getRun(planned.run.id))!);
}

/** A run as stored, the way `interdict monitor` reports it (`progress`: a running run's chunks done so far). */
export function toMonitorRun(run: StoredRun, progress?: { chunks: number; counts: Record<string, number> }): MonitorRun {
  const out = emptyRun(run.id, run.mode, run.status === 'done' ? 'done' : 'running', run.versions);
  const summary = (run.summary ?? progress?.counts ?? {}) as Record<string, number>;
  for (const key of [...COUNTS, 'alertsClosed'] as const) out[key] = Number(summary[key] ?? 0);
  out.changedEntities = run.changed.length;
  out.chunks = run.chunks;
  out.chunksDone = run.status === 'done' ? run.chunks : progress?.chunks ?? 0;
  out.durationMs = Number(summary.durationMs ?? 0);
  return out;
}

function emptyRun(id: string, mode: MonitorRun['mode'], status: MonitorRun['status'], versions: Record<string, string>): MonitorRun {
  return {
    id, mode, status, skipped: status === 'skipped', partiesScreenedInFull: 0, partiesScreenedAgainstChanges: 0, changedEntities: 0, alertsRaised: 0, alertsUnchanged: 0, alertsSuppressed: 0, alertsClosed: 0,
    chunksDone: 0, chunks: 0, versions, durationMs: 0,
  };
}

interface PlannedRun {
  run: StoredRun;
  chunks: MonitorChunk[];
  /** The screening state of the run's versions (for chunks screened here). */
  screening: Screening;
}

/** What a run screens against and which parties, recorded in the store; the chunks are the caller's to screen or queue. */
async function planRun(store: Store, id: string, options: MonitorOptions, holder = id): Promise<PlannedRun> {
  const monitoring = store.monitoring;
  const threshold = options.threshold ?? (await store.monitoring.monitorSettings()).alertThreshold;
  const current = await store.currentVersions();
  const state = await monitoring.monitorState();
  const full = Boolean(options.full);
  const given = options.screening;
  const usable = given && sameVersions(given.versions.map((v) => v.id).sort(), current.map((v) => v.id).sort()) ? given : undefined;
  let screening = usable;
  if (!screening) {
    const entities = new Map((await currentEntities(store)).map((e) => [e.id, e]));
    screening = { entities, index: CandidateIndex.build(entities.values()), versions: current };
  }

  // What changed since the versions last screened.
  const changed = new Set<string>();
  const removed = new Set<string>();
  if (!full) {
    for (const version of current) {
      const before = state.get(version.dataset);
      if (before === version.id) continue;
      if (before && (await store.getVersion(before))) {
        const diff = await store.diffVersions(before, version.id);
        for (const entityId of [...diff.added, ...diff.changed]) changed.add(entityId);
        for (const entityId of diff.removed) removed.add(entityId);
      } else {
        // Never screened against this dataset: all of it is new.
        for await (const entity of store.entities({ versionId: version.id })) changed.add(entity.id);
      }
    }
  }
  // Delisted: no current list carries the entity any more.
  const gone = [...removed].filter((entityId) => !screening.entities.has(entityId));

  // Every party against the changes (parties not yet screened in full are screened against everything instead).
  const size = options.queue ? QUEUED_CHUNK : LOCAL_CHUNK;
  const chunks: MonitorChunk[] = [];
  const split = (ids: string[], kind: MonitorChunk['kind']): void => {
    for (let i = 0; i < ids.length; i += size) chunks.push({ run: id, chunk: chunks.length, kind, parties: ids.slice(i, i + size) });
  };
  if (!full && changed.size) split(await monitoring.partyIds({ screened: true }), 'changes');
  split(await monitoring.partyIds(full ? {} : { screened: false }), 'full');

  const run = {
    id, mode: full ? 'full' : 'changes', versions: Object.fromEntries(current.map((v) => [v.dataset, v.id])), changed: [...changed].sort(), gone: gone.sort(),
    threshold, actor: options.actor ?? 'monitor', holder, chunks: chunks.length,
  } as const;
  await monitoring.createRun(run);
  return { run: (await monitoring.getRun(id))!, chunks, screening };
}

function emptyCounts(): ChunkCounts {
  return Object.fromEntries(COUNTS.map((key) => [key, 0])) as ChunkCounts;
}

/** The last step of a run, in the transaction of its last chunk: close delisted entities' alerts, move the monitor state, free the lease. */
async function finishRun(monitoring: MonitoringSql, run: StoredRun, counts: Record<string, number>): Promise<void> {
  let alertsClosed = 0;
  if (run.gone.length) {
    const note = `delisted: no current list carries any record of the designee (versions ${Object.values(run.versions).join(', ')})`;
    alertsClosed = await monitoring.closeAlertsOnEntities(run.gone, note, run.actor);
  }
  await monitoring.setMonitorState(new Map(Object.entries(run.versions)));
  const durationMs = Date.now() - Date.parse(run.createdAt);
  await monitoring.finishRun(run.id, { ...counts, alertsClosed, durationMs });
  await monitoring.releaseLease(run.holder);
}

/**
 * Screens chunks of runs with a screening state: here, or in a cluster's worker. A chunk's
 * alerts and its record commit together, under a lock on its run, and a chunk recorded already
 * is not screened again, so a chunk taken twice (its worker died after committing, or its lock
 * on the queue expired) raises its alerts once. The chunk that completes its run finishes it.
 */
export class ChunkScreener {
  /** The index of the changed entities of the last run seen, built once for all its chunks. */
  private delta: { run: string; base: CandidateIndex; index: CandidateIndex } | undefined;

  constructor(private readonly store: Store) {}

  /** Screen one chunk; `completed` when it was the run's last, `skipped` when its run is over or the chunk was screened already. */
  async screen(chunk: MonitorChunk, screening: Screening): Promise<'screened' | 'completed' | 'skipped'> {
    const run = await this.store.monitoring.getRun(chunk.run);
    if (!run || run.status !== 'running' || (await this.store.monitoring.chunkDone(run.id, chunk.chunk))) return 'skipped';
    const parties = await this.store.monitoring.partiesById(chunk.parties);
    const index = chunk.kind === 'full' ? screening.index : this.deltaIndex(run, screening);
    const search = { limit: RESULTS_PER_PARTY, threshold: run.threshold, cutoff: run.threshold };
    const screened = parties.map((party) => {
      const query = cleanQuery(party.schema, party.properties);
      return { party, query, results: index.match(query, search) };
    });
    // The designees of every record the chunk matched, linked together.
    const designeeOf = await matchedDesigneesOf(this.store).resolve(screening, screened.flatMap((s) => s.results.map((r) => r.id)));
    const matches = screened.flatMap((s) => designeeMatches(s, { kind: chunk.kind, screening, search, designeeOf }));
    return this.store.monitoring.transaction(async (monitoring) => {
      const locked = await monitoring.lockRun(run.id);
      if (!locked || locked.status !== 'running' || (await monitoring.chunkDone(run.id, chunk.chunk))) return 'skipped';
      const counts = emptyCounts();
      if (chunk.kind === 'full') counts.partiesScreenedInFull = parties.length;
      else counts.partiesScreenedAgainstChanges = parties.length;
      await raiseAlerts(monitoring, locked, screening.entities, matches, counts);
      // Parties screened against everything are screened, at the hash screened (an edit since makes them due again).
      if (chunk.kind === 'full') await monitoring.markScreened(parties.map((p) => ({ id: p.id, hash: p.hash })));
      await monitoring.extendLease(locked.holder, LEASE_SECONDS);
      const done = await monitoring.recordChunk(run.id, chunk.chunk, counts);
      if (done.chunks < locked.chunks) return 'screened';
      await finishRun(monitoring, locked, done.counts);
      return 'completed';
    });
  }

  /** An index of the run's changed entities, weighed by the full index so that scores equal a full screening's. */
  private deltaIndex(run: StoredRun, screening: Screening): CandidateIndex {
    if (this.delta?.run !== run.id || this.delta.base !== screening.index) {
      const index = CandidateIndex.buildWeighedBy(run.changed.flatMap((id) => screening.entities.get(id) ?? []), screening.index);
      this.delta = { run: run.id, base: screening.index, index };
    }
    return this.delta.index;
  }
}

/** A party's match with a designee: the designee's best-scoring record stands for it. */
interface DesigneeMatch {
  party: Party;
  result: MatchResult;
  designee: Designee;
}

/**
 * A party's matches one per designee. Against the changed entities alone (`changes`), a
 * designee's other records were not scored: its score is then the best of all its records, as a
 * full screening gives it, so that a change to one record of a designee alerted already is
 * judged by the same score.
 */
function designeeMatches({ party, query, results }: { party: Party; query: MatchQuery; results: MatchResult[] }, how: { kind: MonitorChunk['kind']; screening: Screening; search: SearchOptions; designeeOf: (id: string) => Designee }): DesigneeMatch[] {
  return groupByDesignee(results, how.designeeOf).map(({ best, designee }) => {
    if (how.kind === 'changes' && designee.members.length > 1) {
      const members = new Set(designee.members);
      const [top] = how.screening.index.match(query, { ...how.search, limit: 1, accept: (id) => members.has(id) });
      if (top && top.score > best.score) return { party, result: top, designee };
    }
    return { party, result: best, designee };
  });
}

async function raiseAlerts(monitoring: MonitoringSql, run: StoredRun, entities: Map<string, Entity>, matches: DesigneeMatch[], counts: ChunkCounts): Promise<void> {
  if (!matches.length) return;
  const latest = await monitoring.latestAlerts(matches.map(({ party, designee }) => ({ partyId: party.id, members: designee.members })));
  const fresh: NewAlert[] = [];
  for (const [i, { party, result, designee }] of matches.entries()) {
    const last = latest[i];
    // Judged by the records the last alert was raised on: a record linked to the designee since
    // (another list listing it) is no change of theirs, and the decision holds for it too.
    const verdict = alertVerdict(last, party.hash, membersDesignationsHash(last?.members ?? designee.members, entities), result.score);
    if (verdict === 'suppressed') counts.alertsSuppressed++;
    else if (verdict === 'unchanged') counts.alertsUnchanged++;
    else {
      const dataset = result.datasets.find((d) => d in run.versions) ?? result.datasets[0] ?? '';
      fresh.push({
        partyId: party.id, partyHash: party.hash, entityId: result.id, members: designee.members, caption: result.caption, designationsHash: membersDesignationsHash(designee.members, entities),
        datasets: designee.datasets, versionId: run.versions[dataset] ?? '', score: result.score, explanation: result.explanations,
      });
    }
  }
  counts.alertsRaised += (await monitoring.insertAlerts(fresh, run.actor)).length;
}

