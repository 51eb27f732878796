// A link worker thread: builds its index from the snapshot bytes it is given, answers the link
// queries of the chunks of records it takes off the shared counter, and sends the answers back.
import { parentPort, workerData } from 'node:worker_threads';
import { CandidateIndex, type MatchResult } from '../core/index/index.js';
import { answerChunks, type LinkWorkerData } from './link-workers.js';

const { snapshot, records, ids, datasets, apart, search, next } = workerData as LinkWorkerData;
const index = CandidateIndex.deserialize(Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength));
const scope = { ids: new Set(ids), datasets: datasets && new Set(datasets), apart: new Map(apart.map(([id, others]) => [id, new Set(others)])) };
const answers: [string, MatchResult[]][] = [];
answerChunks(index, records, scope, search, next, (id, results) => answers.push([id, results]));
parentPort!.postMessage(answers);
