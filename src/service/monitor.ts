import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sha256 } from '../core/canonical.js';
import type { Entity } from '../core/entity.js';
import { CandidateIndex, type MatchResult } from '../core/index/index.js';
import { DEFAULT_THRESHOLD } from '../core/match/index.js';
import { stableJson } from '../store/audit.js';
import type { Alert, NewAlert, Party } from '../store/monitoring.js';
import type { ListVersion, Store } from '../store/index.js';
import { cleanQuery } from './queries.js';

/** What one re-screening did, as `interdict monitor --json` prints it. */
export interface MonitorRun {
  mode: 'changes' | 'full';
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
  /** The versions screened against, by dataset. */
  versions: Record<string, string>;
  durationMs: number;
}

export interface MonitorOptions {
  /** Screen every party against every current list, whatever changed. */
  full?: boolean;
  /** Alerts are raised at or above this score (default: the `alert_threshold` setting, else the match threshold). */
  threshold?: number;
  actor?: string;
  /** An index the caller has already, with the version ids it was built from: used when they are the current ones. */
  screening?: { index: CandidateIndex; versions: string[] };
}

/** The most listed entities one party can raise alerts on in one run. */
const RESULTS_PER_PARTY = 20;
const PAGE = 5000;

/** A hash of an entity's designations (programs, authorities, dates): a new alert is raised when it changes. */
export function designationsHash(entity: Entity | undefined): string {
  return sha256(stableJson(entity?.designations ?? [])).slice(0, 32);
}

/**
 * Re-screen monitored parties after list changes: every party against the entities added or
 * changed since the versions last screened, and parties added or edited since they were last
 * screened against everything. Raises an alert for each new match (one per party and entity
 * unless the score or the entity's designations changed; never again for a pair decided a false
 * positive until the party or the entity changes) and closes the open alerts of delisted entities.
 */
export async function rescreen(store: Store, options: MonitorOptions = {}): Promise<MonitorRun> {
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  if (!(await store.monitoring.takeLease(holder, LEASE_SECONDS))) {
    // Another process is re-screening; it looks again for versions that came during its run.
    const versions = Object.fromEntries((await store.currentVersions()).map((v) => [v.dataset, v.id]));
    return { mode: options.full ? 'full' : 'changes', skipped: true, partiesScreenedInFull: 0, partiesScreenedAgainstChanges: 0, changedEntities: 0, alertsRaised: 0, alertsUnchanged: 0, alertsSuppressed: 0, alertsClosed: 0, versions, durationMs: 0 };
  }
  try {
    const run = await rescreenOnce(store, options);
    // Versions that became current during the run (whose notices other processes skipped) are screened now.
    for (let round = 0; round < 3; round++) {
      const now = await store.currentVersions();
      if (now.every((v) => run.versions[v.dataset] === v.id) && now.length === Object.keys(run.versions).length) break;
      const more = await rescreenOnce(store, { ...options, full: false, screening: undefined });
      for (const key of COUNTS) run[key] += more[key];
      run.versions = more.versions;
      run.durationMs += more.durationMs;
    }
    return run;
  } finally {
    await store.monitoring.releaseLease(holder);
  }
}

const COUNTS = ['partiesScreenedInFull', 'partiesScreenedAgainstChanges', 'changedEntities', 'alertsRaised', 'alertsUnchanged', 'alertsSuppressed', 'alertsClosed'] as const;
/** Longer than any run is expected to take; a holder that died frees the lease when it expires. */
const LEASE_SECONDS = 15 * 60;

async function rescreenOnce(store: Store, options: MonitorOptions): Promise<MonitorRun> {
  const started = performance.now();
  const monitoring = store.monitoring;
  const actor = options.actor ?? 'monitor';
  const threshold = options.threshold ?? (await thresholdSetting(store));
  const current = await store.currentVersions();
  const state = await monitoring.monitorState();
  const full = Boolean(options.full);
  const given = options.screening;
  const usable = given && sameIds(given.versions, current.map((v) => v.id)) ? given.index : undefined;
  const all = usable ? undefined : await collect(store.entities());
  const index = usable ?? CandidateIndex.build(all!);

  // What changed since the versions last screened.
  const changed = new Set<string>();
  const removed = new Set<string>();
  if (!full) {
    for (const version of current) {
      const before = state.get(version.dataset);
      if (before === version.id) continue;
      if (before && (await store.getVersion(before))) {
        const diff = await store.diffVersions(before, version.id);
        for (const id of [...diff.added, ...diff.changed]) changed.add(id);
        for (const id of diff.removed) removed.add(id);
      } else {
        // Never screened against this dataset: all of it is new.
        for await (const entity of store.entities({ versionId: version.id })) changed.add(entity.id);
      }
    }
  }

  const run: MonitorRun = {
    mode: full ? 'full' : 'changes', skipped: false, partiesScreenedInFull: 0, partiesScreenedAgainstChanges: 0, changedEntities: changed.size,
    alertsRaised: 0, alertsUnchanged: 0, alertsSuppressed: 0, alertsClosed: 0, versions: Object.fromEntries(current.map((v) => [v.dataset, v.id])), durationMs: 0,
  };
  const versionOf = new Map(current.map((v) => [v.dataset, v]));
  const options_ = { limit: RESULTS_PER_PARTY, threshold, cutoff: threshold };

  // Every party against the changes: an index of the changed entities, weighed as the full one.
  if (!full && changed.size) {
    const entities = (all ?? (await collect(store.entities()))).filter((entity) => changed.has(entity.id));
    const delta = CandidateIndex.buildWeighedBy(entities, index);
    // Parties not yet screened in full are screened against everything below.
    await screenParties(store, monitoring.parties({ screened: true }), delta, options_, versionOf, actor, run, 'changes');
  }
  // New and edited parties (all of them in full mode) against everything.
  const screened = await screenParties(store, monitoring.parties(full ? {} : { screened: false }), index, options_, versionOf, actor, run, 'full');

  // Delisted: no current list carries the entity any more.
  const gone: string[] = [];
  for (const id of removed) if ((await store.getEntity(id)).length === 0) gone.push(id);
  if (gone.length) {
    const note = `delisted: no current list carries the entity (versions ${current.map((v) => v.id).join(', ')})`;
    run.alertsClosed = await monitoring.closeAlertsOnEntities(gone, note, actor);
  }

  await monitoring.markScreened(screened);
  await monitoring.setMonitorState(new Map(current.map((v) => [v.dataset, v.id])));
  run.durationMs = Math.round(performance.now() - started);
  return run;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((id, i) => id === [...b].sort()[i]);
}

async function thresholdSetting(store: Store): Promise<number> {
  const value = await store.monitoring.getSetting('alert_threshold');
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : DEFAULT_THRESHOLD;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Screen a stream of parties page by page and raise the alerts their matches call for; returns the parties screened (id and hash). */
async function screenParties(
  store: Store,
  parties: AsyncIterable<Party>,
  index: CandidateIndex,
  options: { limit: number; threshold: number; cutoff: number },
  versions: Map<string, ListVersion>,
  actor: string,
  run: MonitorRun,
  mode: 'changes' | 'full',
): Promise<{ id: string; hash: string }[]> {
  const screened: { id: string; hash: string }[] = [];
  let page: Party[] = [];
  const flush = async () => {
    const matches: { party: Party; result: MatchResult }[] = [];
    for (const party of page) {
      for (const result of index.match(cleanQuery(party.schema, party.properties), options)) matches.push({ party, result });
    }
    await raiseAlerts(store, matches, versions, actor, run);
    page = [];
  };
  for await (const party of parties) {
    page.push(party);
    screened.push({ id: party.id, hash: party.hash });
    if (mode === 'full') run.partiesScreenedInFull++;
    else run.partiesScreenedAgainstChanges++;
    if (page.length >= PAGE) await flush();
  }
  if (page.length) await flush();
  return screened;
}

async function raiseAlerts(store: Store, matches: { party: Party; result: MatchResult }[], versions: Map<string, ListVersion>, actor: string, run: MonitorRun): Promise<void> {
  if (!matches.length) return;
  const latest = await store.monitoring.latestAlerts(matches.map(({ party, result }) => ({ partyId: party.id, entityId: result.id })));
  const designations = new Map<string, string>();
  for (const id of new Set(matches.map((m) => m.result.id))) designations.set(id, designationsHash((await store.getEntity(id))[0]));
  const fresh: NewAlert[] = [];
  const seen = new Set<string>();
  for (const { party, result } of matches) {
    const key = `${party.id}\u0000${result.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hash = designations.get(result.id)!;
    const verdict = compare(latest.get(key), party, result.score, hash);
    if (verdict === 'suppressed') run.alertsSuppressed++;
    else if (verdict === 'unchanged') run.alertsUnchanged++;
    else {
      const dataset = result.datasets.find((d) => versions.has(d)) ?? result.datasets[0] ?? '';
      fresh.push({
        partyId: party.id, partyHash: party.hash, entityId: result.id, caption: result.caption, designationsHash: hash, datasets: result.datasets,
        versionId: versions.get(dataset)?.id ?? '', score: result.score, explanation: result.explanations,
      });
    }
  }
  run.alertsRaised += (await store.monitoring.insertAlerts(fresh, actor)).length;
}

/** Whether a match calls for a new alert, given the newest alert of its pair. */
function compare(last: Alert | undefined, party: Party, score: number, designations: string): 'new' | 'unchanged' | 'suppressed' {
  if (!last || last.status === 'closed') return 'new';
  const same = last.partyHash === party.hash && last.designationsHash === designations;
  // A decided false positive holds until the party or the entity's designations change.
  if (last.status === 'false_positive') return same ? 'suppressed' : 'new';
  return same && last.score === score ? 'unchanged' : 'new';
}
