import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CandidateIndex } from '../core/index/index.js';
import { InterdictError } from '../core/errors.js';
import type { Store } from '../store/index.js';

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
  // Write aside, then rename: a reader never sees half a snapshot.
  writeFileSync(`${path}.tmp`, Buffer.concat([length, header, index.serialize()]));
  renameSync(`${path}.tmp`, path);
}

/**
 * The candidate index for the store's current versions: from the snapshot in `snapshotDir`
 * when it was built from exactly these versions, else built from the store (and the snapshot
 * refreshed).
 */
export async function loadIndex(store: Store, snapshotDir?: string): Promise<IndexSource> {
  const versions = (await store.currentVersions()).map((v) => v.id).sort();
  const path = snapshotDir ? join(snapshotDir, SNAPSHOT_FILE) : undefined;
  if (path) {
    try {
      const snapshot = readSnapshot(path);
      if (snapshot && JSON.stringify(snapshot.versions) === JSON.stringify(versions)) {
        return { index: CandidateIndex.deserialize(snapshot.bytes), versions, fromSnapshot: true };
      }
    } catch (error) {
      // A snapshot of another format or a damaged one is rebuilt, not trusted.
      if (!(error instanceof InterdictError) && !(error instanceof SyntaxError) && !(error instanceof RangeError)) throw error;
    }
  }
  const entities = [];
  for await (const entity of store.entities()) entities.push(entity);
  const index = CandidateIndex.build(entities);
  if (path) writeSnapshot(path, versions, index);
  return { index, versions, fromSnapshot: false };
}
