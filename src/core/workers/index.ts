export { WORKER_FINDING_KINDS, WORKER_VERDICTS, workerAnswer, type WorkerAnswer, type WorkerFinding, type WorkerFindingKind, type WorkerVerdict } from './answer.js';
export { DPRK, workerRuleFindings } from './rules.js';
export { WORKER, WORKER_FIELDS, readCheckDate, readWorker, type Worker } from './worker.js';
