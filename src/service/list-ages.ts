import { COLLECTIONS } from '../core/collections.js';
import { InputError, NotFoundError } from '../core/errors.js';
import type { ListVersion } from '../store/index.js';

// What a screening was screened against, and whether that deserves trust: a store with no list
// clears everyone, and a list left unloaded for weeks misses everyone designated since. Both are
// said loudly wherever a screening answers.

/** Formats whose files state their own publication date (the others' dates are derived or absent). */
const DATED_FORMATS = new Set(['un-xml', 'ofac-xml']);

const DAY_MS = 86_400_000;

/** Lists older than this many days are stale, unless configured otherwise (INTERDICT_MAX_LIST_AGE_DAYS). */
export const DEFAULT_MAX_LIST_AGE_DAYS = 14;

/**
 * One list a screening ran against, and how old it is.
 *
 * @example { dataset: 'un_sc', version: 'un_sc-20260227-35b1371b', published: '2026-02-27', as_of: '2026-02-27T00:00:00.000Z', age_days: 276, stale: true }
 */
export interface ListAge {
  dataset: string;
  version: string;
  published: string | null;
  /**
   * Since when the list is known to be current: the publication date the file states (UN,
   * OFAC XML), or when it was loaded for lists that state none, or when `update` last found the
   * publisher still serving it, whichever is latest.
   */
  as_of: string;
  age_days: number;
  /** Older than the configured maximum age. */
  stale: boolean;
}

/** When a version's contents were last known current. */
function asOf(version: ListVersion): string {
  const candidates = [version.confirmedAt, DATED_FORMATS.has(version.format) && version.published ? `${version.published}T00:00:00.000Z` : version.loadedAt];
  return candidates.filter((c): c is string => Boolean(c)).sort().at(-1)!;
}

/** The age of each version, against a maximum age in days. */
export function listAges(versions: ListVersion[], maxAgeDays: number, now = Date.now()): ListAge[] {
  return versions.map((v) => {
    const since = asOf(v);
    const ageDays = Math.max(0, Math.floor((now - Date.parse(since)) / DAY_MS));
    return { dataset: v.dataset, version: v.id, published: v.published, as_of: since, age_days: ageDays, stale: ageDays > maxAgeDays };
  });
}

/** Why a server with no list loaded does not screen: every name would come back clear. */
export const NO_LISTS_DETAIL = 'no list is loaded: every name would be screened as clear. Load one (interdict load FILE, interdict update, or POST /lists/load)';

/** What a screening says about the lists it ran against: their ages, and a warning for each stale one. */
export interface ScreeningLists {
  lists: ListAge[];
  warnings: string[];
}

export interface ScopeOptions {
  maxAgeDays: number;
  /** Screen even when nothing is loaded (everything then comes back clear). */
  allowEmpty?: boolean;
  /** How the caller names the override, for the error (`--allow-empty`, or an API parameter). */
  allowEmptyHint?: string;
  now?: number;
}

/**
 * The current versions a screening against `scope` (a dataset or a collection) runs on, with
 * their ages. No list in scope is an error unless allowed; a dataset that is not loaded is not found.
 */
export function screeningLists(current: ListVersion[], scope: string, options: ScopeOptions): ScreeningLists {
  const collection = (COLLECTIONS as readonly string[]).includes(scope);
  const inScope = collection ? current : current.filter((v) => v.dataset === scope);
  if (!collection && !inScope.length && current.length) {
    throw new NotFoundError(`dataset ${scope}`, `: the store holds ${current.map((v) => v.dataset).join(', ')}, and the collections ${COLLECTIONS.join(', ')}`);
  }
  const warnings: string[] = [];
  if (!inScope.length) {
    const consequence = 'every name would be screened as clear';
    if (!options.allowEmpty) throw new InputError('NO_LISTS', `no list is loaded: ${consequence}. Load one first (interdict load FILE, or interdict update)${options.allowEmptyHint ? `, or give ${options.allowEmptyHint} to screen anyway` : ''}`);
    warnings.push(`no list is loaded: ${consequence}`);
  }
  const lists = listAges(inScope, options.maxAgeDays, options.now);
  for (const list of lists.filter((l) => l.stale)) {
    warnings.push(`${list.dataset} is ${list.age_days} days old (version ${list.version}, current as of ${list.as_of.slice(0, 10)}; the limit is ${options.maxAgeDays} days): anyone designated since is missed. Update it (interdict update, or POST /lists/load)`);
  }
  return { lists, warnings };
}
