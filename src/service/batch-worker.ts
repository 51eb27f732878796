// A screening worker thread: builds its index from the snapshot bytes it is given, then answers
// batches of rows with their outcomes.
import { parentPort, workerData } from 'node:worker_threads';
import { CandidateIndex, type SearchOptions } from '../core/index/index.js';
import { screenRows, type ScreenRow } from './batch-rows.js';

const { snapshot, options } = workerData as { snapshot: Uint8Array; options: SearchOptions };
const index = CandidateIndex.deserialize(Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength));
parentPort!.on('message', (rows: ScreenRow[]) => parentPort!.postMessage(screenRows(index, rows, options)));
parentPort!.postMessage({ ready: true });
