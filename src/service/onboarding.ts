import type { Alert, PartyImport, PartyInput, Store } from '../store/index.js';
import { partyName } from '../core/party.js';
import type { MonitorRun } from './monitor.js';
import { rescreenAt, type RescreenPlace } from './rescreening.js';

/** The most alerts an import answers with; the rest are in the alert queue (`GET /alerts`, `interdict alerts`). */
export const ONBOARDING_ALERTS_SHOWN = 1000;

export interface OnboardingOptions {
  /** Who imports, for the audit trail. */
  actor: string;
  /** Screen the new and edited parties at once (the default); false leaves them for the next run. */
  screen?: boolean;
  /** Where the screening runs (see `RescreenPlace`). */
  place?: RescreenPlace;
  /**
   * The caller's index is not built for the current lists (a server starting or swapping): the
   * parties are stored only, and screened by the run that follows the swap, rather than building
   * a second index inside a request.
   */
  indexNotReady?: boolean;
  /**
   * The import is the whole list: remove the parties it does not hold, unless rows of its file
   * could not be read (a row that could not be read is no reason to stop monitoring its party).
   */
  sync?: { unreadRows: number };
}

/** What an import did: its counts, and when it screened, the run and the alerts it raised on these parties. */
export interface Onboarding extends PartyImport {
  /** The re-screening that screened the new and edited parties; absent when not screened. */
  screening?: MonitorRun;
  /**
   * Why the parties were not screened at once, when they were not: not asked, nothing added or
   * edited, no list loaded, the server's index not yet built for the current lists, or another
   * run under way (which screens them before it ends). They are screened at the next run.
   */
  notScreened?: 'not_asked' | 'nothing_new' | 'no_lists' | 'index_not_ready' | 'busy';
  /** The alerts raised on the imported parties by that screening (at most `ONBOARDING_ALERTS_SHOWN`), in id order, with the party's name. */
  alerts: (Alert & { partyName: string | null })[];
  /** How many alerts it raised on them in all; null while the workers screen them (`screening.status` `running`). */
  alertsRaised: number | null;
  /** With `sync`: how many parties the import removed. */
  removed?: number;
  /** With `sync`: true when no party was removed because rows could not be read. */
  syncRefused?: boolean;
}

/**
 * Take customers into monitoring: store the parties (added or updated by id) and, unless told
 * not to, screen the new and edited ones against every current list at once, answering with the
 * alerts raised on them. A compliance officer who imports customers sees their hits now, not at
 * the next list change. The screening is an ordinary re-screening run (it also screens what the
 * lists changed since the last run), so its alerts follow the queue's rules: one per party and
 * designee, never again for a designee decided a false positive.
 *
 * In cluster mode a server's run is queued for the workers: the answer then carries the run
 * (status `running`, to follow at `/monitor/runs/{id}`) and no alerts yet.
 */
export async function onboardParties(store: Store, parties: PartyInput[], options: OnboardingOptions): Promise<Onboarding> {
  const imported: PartyImport & Pick<Onboarding, 'removed' | 'syncRefused'> = await store.monitoring.upsertParties(parties, options.actor);
  // Removed before the screening, which then spends nothing on parties no longer monitored.
  if (options.sync) Object.assign(imported, await removeOthers(store, parties, options.sync.unreadRows, options.actor));
  if (options.screen === false) return { ...imported, notScreened: 'not_asked', alerts: [], alertsRaised: 0 };
  if (imported.added + imported.updated === 0) return { ...imported, notScreened: 'nothing_new', alerts: [], alertsRaised: 0 };
  if (!(await store.currentVersions()).length) return { ...imported, notScreened: 'no_lists', alerts: [], alertsRaised: 0 };
  if (options.indexNotReady) return { ...imported, notScreened: 'index_not_ready', alerts: [], alertsRaised: 0 };
  const since = await store.monitoring.lastAlertId();
  const screening = await rescreenAt(store, options.place ?? {}, { actor: options.actor });
  if (screening.status === 'skipped') return { ...imported, notScreened: 'busy', alerts: [], alertsRaised: 0 };
  // Queued for the workers: the alerts come with the run, at GET /monitor/runs/{id} and in the queue.
  if (screening.status === 'running') return { ...imported, screening, alerts: [], alertsRaised: null };
  const ids = parties.map((p) => p.id);
  const names = new Map(parties.map((p) => [p.id, partyName(p) ?? null]));
  const alerts = (await store.monitoring.listAlerts({ partyIds: ids, after: since, limit: ONBOARDING_ALERTS_SHOWN })).map((a) => ({ ...a, partyName: names.get(a.partyId) ?? null }));
  const alertsRaised = alerts.length < ONBOARDING_ALERTS_SHOWN ? alerts.length : await store.monitoring.countAlerts({ partyIds: ids, after: since });
  return { ...imported, screening, alerts, alertsRaised };
}

/** The parties not in the import, removed; none when rows could not be read. */
async function removeOthers(store: Store, parties: PartyInput[], unreadRows: number, actor: string): Promise<Pick<Onboarding, 'removed' | 'syncRefused'>> {
  if (unreadRows > 0) return { removed: 0, syncRefused: true };
  const keep = new Set(parties.map((p) => p.id));
  const gone: string[] = [];
  for await (const party of store.monitoring.parties()) if (!keep.has(party.id)) gone.push(party.id);
  return { removed: (await store.monitoring.removeParties(gone, actor)).length };
}
