// A shipment-checking worker thread: builds its index from the snapshot bytes and the records it
// is given, then answers batches of shipments with their result rows as written (the rows cross
// back as text, not as findings to copy), keeping its own run's results of the parties it met.
import { parentPort, workerData } from 'node:worker_threads';
import { CandidateIndex } from '../core/index/index.js';
import { checkRows, type ShipmentWorkerData } from './shipment-batch.js';
import type { ShipmentRow } from './shipment-file.js';
import { createShipmentChecker } from './shipments.js';

const { snapshot, entities, regime, check, format } = workerData as ShipmentWorkerData;
const state = snapshot && entities ? { index: CandidateIndex.deserialize(Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength)), entities: new Map(entities.map((e) => [e.id, e])), versions: [] } : undefined;
const checker = createShipmentChecker(regime, state, check);
parentPort!.on('message', (rows: ShipmentRow[]) => parentPort!.postMessage(checkRows(checker, rows, format)));
parentPort!.postMessage({ ready: true });
