import type { Entity } from '../core/entity.js';
import { InputError, InterdictError } from '../core/errors.js';
import { gapChanges } from '../core/gap-changes.js';
import type { GapReport } from '../core/gaps.js';
import { CandidateIndex } from '../core/index/index.js';
import type { ListVersion, Store } from '../store/index.js';
import type { LinkingState } from './designees.js';

/**
 * The implementation-gap report at a date, and what changed since another: each list is taken at
 * its newest stored version on or before the date, and linked on an index of those versions'
 * records (built only when a date is asked, and only when the versions are not the current ones).
 */

/** A report as asked: by `interdict gaps` and `GET /gaps`. */
export interface GapRequest {
  reference: string;
  collection?: string;
  /** The lists to compare; given, each must have a version at the dates asked (else 404); left out, every other list that has one. */
  against?: string[];
  /** YYYY-MM-DD: the lists as they were then; left out, the current versions. */
  at?: string;
  /** YYYY-MM-DD, before `at` (or today): what closed and what opened since then. */
  since?: string;
}

/** Where a report gets its linking states and reports: the CLI builds them, a server keeps them. */
export interface GapSources {
  /** The state of the current versions (a server's served index), asked only when the versions taken are current. */
  current(): LinkingState | Promise<LinkingState>;
  /** A state over these versions. */
  stateOf(versions: ListVersion[]): Promise<LinkingState>;
  /** The report of a state (current or dated). */
  reportOf(state: LinkingState, request: { reference: string; collection?: string; against?: string[] }): GapReport | Promise<GapReport>;
}

/** The date a version stands for: its publication date, or for an undated one (OFAC's CSV) the day it was loaded. */
function versionDate(version: ListVersion): string {
  return version.published ?? version.loadedAt.slice(0, 10);
}

/**
 * Each dataset's newest version on or before `date` (by publication date, or load date when the
 * list states none; of two alike, the one stored last).
 */
export function versionsAt(versions: ListVersion[], date: string): Map<string, ListVersion> {
  const out = new Map<string, ListVersion>();
  for (const version of versions) {
    if (versionDate(version) > date) continue;
    const held = out.get(version.dataset);
    if (!held || versionDate(version) >= versionDate(held)) out.set(version.dataset, version);
  }
  return out;
}

/** A linking state over stored versions: their records, and an index built over them. */
export async function linkingStateAt(store: Pick<Store, 'entities'>, versions: ListVersion[]): Promise<LinkingState> {
  const entities: Entity[] = [];
  for (const version of versions) for await (const entity of store.entities({ versionId: version.id })) entities.push(entity);
  return { index: CandidateIndex.build(entities), entities: new Map(entities.map((e) => [e.id, e])), versions };
}

/** A day of the calendar, YYYY-MM-DD: 2024-02-30 is refused, not rolled over into March. */
function isDay(value: string): boolean {
  const time = /^\d{4}-\d\d-\d\d$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

function checkDate(parameter: string, value: string | undefined): void {
  if (value !== undefined && !isDay(value)) {
    throw new InputError('BAD_REQUEST', `${parameter}: "${value}" is not a date (YYYY-MM-DD)`);
  }
}

/** The lists a report at `date` compares, the state to link them on, and what was left out. */
async function takenAt(stored: ListVersion[], sources: GapSources, date: string, parameter: 'at' | 'since', reference: string, against: { lists: string[]; explicit: boolean }): Promise<{ state: LinkingState; against: string[]; notes: string[] }> {
  const taken = versionsAt(stored, date);
  const known = [...new Set(stored.map((v) => v.dataset))].sort();
  const absent = (dataset: string): string => `has no version on or before ${date} (${parameter})${known.includes(dataset) ? '' : `; stored: ${known.join(', ') || 'none'}`}`;
  if (!taken.has(reference)) throw new InterdictError('NOT_FOUND', `reference "${reference}" ${absent(reference)}`, 404);
  const notes: string[] = [];
  for (const dataset of against.lists) {
    if (taken.has(dataset)) continue;
    if (against.explicit) throw new InterdictError('NOT_FOUND', `against: "${dataset}" ${absent(dataset)}`, 404);
    notes.push(`${dataset} has no version on or before ${date} (${parameter}): ${parameter === 'at' ? 'left out' : 'not compared'}`);
  }
  const lists = against.lists.filter((d) => taken.has(d));
  const versions = [reference, ...lists].map((d) => taken.get(d)!);
  // The current versions are linked on the index already held; others on one built over their records.
  let state: LinkingState | undefined;
  if (versions.every((v) => v.current)) {
    const current = await sources.current();
    const held = new Set(current.versions.map((v) => v.id));
    if (versions.every((v) => held.has(v.id))) state = current;
  }
  return { state: state ?? (await sources.stateOf(versions)), against: lists, notes };
}

/**
 * The gap report as asked: of the current versions (no `at`), or of the versions at `at`; with
 * `since`, the changes from the report at that date. Malformed dates and `since` not before `at`
 * (or today) are 400; a reference, or a list asked for, with no version at a date is 404.
 */
export async function datedGapReport(store: Pick<Store, 'listVersions'>, sources: GapSources, request: GapRequest): Promise<GapReport> {
  const { reference, collection, at, since } = request;
  checkDate('at', at);
  checkDate('since', since);
  const until = at ?? new Date().toISOString().slice(0, 10);
  if (since !== undefined && since >= until) throw new InputError('BAD_REQUEST', `since: ${since} is not before ${at ? `at (${at})` : `today (${until})`}`);
  const explicit = request.against !== undefined;
  if (request.against?.includes(reference)) throw new InputError('BAD_REQUEST', `against: "${reference}" is the reference itself`);
  if (at === undefined && since === undefined) return sources.reportOf(await sources.current(), { reference, collection, against: request.against });

  const stored = await store.listVersions();
  const others = explicit ? [...new Set(request.against)] : [...new Set(stored.map((v) => v.dataset))].filter((d) => d !== reference).sort();
  let report: GapReport;
  const notes: string[] = [];
  if (at !== undefined) {
    const now = await takenAt(stored, sources, at, 'at', reference, { lists: others, explicit });
    report = await sources.reportOf(now.state, { reference, collection, against: now.against });
    notes.push(...now.notes);
  } else {
    report = await sources.reportOf(await sources.current(), { reference, collection, against: request.against });
  }
  if (since === undefined) return { ...report, at: at ?? null, notes };

  const then = await takenAt(stored, sources, since, 'since', reference, { lists: report.against, explicit });
  const before = await sources.reportOf(then.state, { reference, collection, against: then.against });
  notes.push(...then.notes);
  return { ...report, at: at ?? null, notes, changes: gapChanges(before, report, since) };
}
