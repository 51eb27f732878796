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
import { currentEntities, sameVersions, type Screening } from './screening.js';

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
  /** The index and entities the caller holds already (a server's): used when their versions are the current ones. */
  screening?: Screening;
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
  const usable = given && sameVersions(given.versions.map((v) => v.id).sort(), current.map((v) => v.id).sort()) ? given : undefined;
  // The current entities by id: to find what changed, and each match's designations.
  const entities = usable?.entities ?? new Map((await currentEntities(store)).map((e) => [e.id, e]));
  const index = usable?.index ?? CandidateIndex.build(entities.values());

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
  const context: RunContext = { store, entities, versions: new Map(current.map((v) => [v.dataset, v])), search: { limit: RESULTS_PER_PARTY, threshold, cutoff: threshold }, actor, run };

  // Every party against the changes: an index of the changed entities, weighed as the full one.
  if (!full && changed.size) {
    const delta = CandidateIndex.buildWeighedBy([...changed].flatMap((id) => entities.get(id) ?? []), index);
    // Parties not yet screened in full are screened against everything below.
    await screenParties(context, monitoring.parties({ screened: true }), delta, 'changes');
  }
  // New and edited parties (all of them in full mode) against everything.
  const screened = await screenParties(context, monitoring.parties(full ? {} : { screened: false }), index, 'full');

  // Delisted: no current list carries the entity any more.
  const gone: string[] = [];
  for (const id of removed) if (!entities.has(id)) gone.push(id);
  if (gone.length) {
    const note = `delisted: no current list carries the entity (versions ${current.map((v) => v.id).join(', ')})`;
    run.alertsClosed = await monitoring.closeAlertsOnEntities(gone, note, actor);
  }

  await monitoring.markScreened(screened);
  await monitoring.setMonitorState(new Map(current.map((v) => [v.dataset, v.id])));
  run.durationMs = Math.round(performance.now() - started);
  return run;
}

async function thresholdSetting(store: Store): Promise<number> {
  const value = await store.monitoring.getSetting('alert_threshold');
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : DEFAULT_THRESHOLD;
}

/** What one run's screening steps share. */
interface RunContext {
  store: Store;
  /** The current entities by id. */
  entities: Map<string, Entity>;
  /** The current version of each dataset. */
  versions: Map<string, ListVersion>;
  search: { limit: number; threshold: number; cutoff: number };
  actor: string;
  run: MonitorRun;
}

/** Screen a stream of parties page by page and raise the alerts their matches call for; returns the parties screened (id and hash). */
async function screenParties(context: RunContext, parties: AsyncIterable<Party>, index: CandidateIndex, mode: 'changes' | 'full'): Promise<{ id: string; hash: string }[]> {
  const screened: { id: string; hash: string }[] = [];
  let page: Party[] = [];
  const flush = async () => {
    const matches = page.flatMap((party) => index.match(cleanQuery(party.schema, party.properties), context.search).map((result) => ({ party, result })));
    await raiseAlerts(context, matches);
    page = [];
  };
  for await (const party of parties) {
    page.push(party);
    screened.push({ id: party.id, hash: party.hash });
    if (mode === 'full') context.run.partiesScreenedInFull++;
    else context.run.partiesScreenedAgainstChanges++;
    if (page.length >= PAGE) await flush();
  }
  if (page.length) await flush();
  return screened;
}

async function raiseAlerts({ store, entities, versions, actor, run }: RunContext, matches: { party: Party; result: MatchResult }[]): Promise<void> {
  if (!matches.length) return;
  const latest = await store.monitoring.latestAlerts(matches.map(({ party, result }) => ({ partyId: party.id, entityId: result.id })));
  const fresh: NewAlert[] = [];
  for (const { party, result } of matches) {
    const hash = designationsHash(entities.get(result.id));
    const verdict = compare(latest.get(`${party.id}\u0000${result.id}`), party, result.score, hash);
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
