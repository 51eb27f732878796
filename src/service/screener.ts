import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { CandidateIndex } from '../core/index/index.js';
import { InterdictError } from '../core/errors.js';
import type { Entity } from '../core/entity.js';
import type { EntityTimeline, ListVersion, Store } from '../store/index.js';

/** The index file kept beside an embedded store, named after the versions it was built from. */
const SNAPSHOT_FILE = 'index.snapshot';

export interface IndexSource {
  index: CandidateIndex;
  /** The current version ids the index was built from, sorted. */
  versions: string[];
  fromSnapshot: boolean;
}

interface SnapshotEnvelope {
  versions: string[];
  bytes: Buffer;
}

function readSnapshot(path: string): SnapshotEnvelope | undefined {
  if (!existsSync(path)) return undefined;
  const buffer = readFileSync(path);
  const headerLength = buffer.readUInt32LE(0);
  const versions = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as string[];
  return { versions, bytes: buffer.subarray(4 + headerLength) };
}

function writeSnapshot(path: string, versions: string[], index: CandidateIndex): void {
  const header = Buffer.from(JSON.stringify(versions));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  // Write aside, then rename: a reader never sees half a snapshot, and two processes writing at once each rename a whole one.
  const aside = `${path}.${process.pid}.${threadId}.tmp`;
  writeFileSync(aside, Buffer.concat([length, header, index.serialize()]));
  renameSync(aside, path);
}

/**
 * The candidate index for the store's current versions: from the snapshot in `snapshotDir`
 * when it was built from exactly these versions, else built from the store (and the snapshot
 * refreshed). `entities`, when given, are the store's current entities already read.
 */
export async function loadIndex(store: Store, snapshotDir?: string): Promise<IndexSource> {
  const versions = (await store.currentVersions()).map((v) => v.id).sort();
  return indexFor(versions, snapshotDir, () => currentEntities(store));
}

/** The index of these versions: from a matching snapshot, else built from `entities` (and snapshotted). */
async function indexFor(versions: string[], snapshotDir: string | undefined, entities: () => Promise<Entity[]>): Promise<IndexSource> {
  const path = snapshotDir ? join(snapshotDir, SNAPSHOT_FILE) : undefined;
  if (path) {
    try {
      const snapshot = readSnapshot(path);
      if (snapshot && sameVersions(snapshot.versions, versions)) {
        return { index: CandidateIndex.deserialize(snapshot.bytes), versions, fromSnapshot: true };
      }
    } catch (error) {
      // A snapshot of another format or a damaged one is rebuilt, not trusted.
      if (!(error instanceof InterdictError) && !(error instanceof SyntaxError) && !(error instanceof RangeError)) throw error;
    }
  }
  const index = CandidateIndex.build(await entities());
  if (path) writeSnapshot(path, versions, index);
  return { index, versions, fromSnapshot: false };
}

/** Whether two sorted lists of version ids are the same. */
export function sameVersions(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The store's current entities, read whole. */
export async function currentEntities(store: Store): Promise<Entity[]> {
  const entities: Entity[] = [];
  for await (const entity of store.entities()) entities.push(entity);
  return entities;
}

/** Each id merged into a current entity (its referents), with that entity's id: computed once per screening state. */
const REFERENTS = new WeakMap<Screening, Map<string, string>>();
export function referentsOf(state: Screening): Map<string, string> {
  let map = REFERENTS.get(state);
  if (!map) {
    map = new Map();
    for (const entity of state.entities.values()) for (const referent of entity.referents ?? []) if (!state.entities.has(referent)) map.set(referent, entity.id);
    REFERENTS.set(state, map);
  }
  return map;
}

/** What a server screens with: the index, the entities it was built from, and their versions. */
export interface Screening {
  index: CandidateIndex;
  /** The current entities by id (ids carry their dataset; where two datasets share one, the last read). */
  entities: Map<string, Entity>;
  versions: ListVersion[];
  /** When each entity's own record was first seen, last seen and last changed (absent: not known). */
  timelines?: Map<string, EntityTimeline>;
}

const TIMELINES = new WeakMap<Screening, Promise<Map<string, EntityTimeline>>>();

/**
 * Holds the screening state of a server and replaces it whole when the store's current
 * versions change: a request sees one index from start to end, never a half-built one.
 */
export class Screener {
  private state: Screening | undefined;
  private refreshing: Promise<boolean> | undefined;

  constructor(readonly store: Store, private readonly snapshotDir?: string) {}

  /** The current state, or undefined until the first index is built. */
  get current(): Screening | undefined {
    return this.state;
  }

  /**
   * The state with its entities' timelines (when each record was first seen, last seen, last
   * changed), read from the store once per state, when an answer first shows them: screening
   * alone (a worker's) never needs them.
   */
  async withTimelines(state: Screening): Promise<Screening> {
    if (state.timelines) return state;
    let pending = TIMELINES.get(state);
    if (!pending) {
      pending = this.store.entityTimelines();
      TIMELINES.set(state, pending);
    }
    try {
      state.timelines = await pending;
    } catch {
      // Read again at the next answer; this one shows the versions' load times (a screening is never refused for them).
      TIMELINES.delete(state);
    }
    return state;
  }

  /** Rebuild when the current versions changed; true when a new state was swapped in. Concurrent calls share one rebuild. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.rebuild().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async rebuild(): Promise<boolean> {
    const versions = await this.store.currentVersions();
    const ids = versions.map((v) => v.id).sort();
    if (this.state && sameVersions(this.state.versions.map((v) => v.id).sort(), ids)) return false;
    const list = await currentEntities(this.store);
    const { index } = await indexFor(ids, this.snapshotDir, async () => list);
    this.state = { index, entities: new Map(list.map((e) => [e.id, e])), versions };
    return true;
  }
}
