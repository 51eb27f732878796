// Worker records as the console takes them (a form, JSON or CSV pasted or uploaded), the request
// to POST /workers/check, and its answers.
import type { WorkerAnswer, WorkerFinding, WorkerVerdict } from '../../src/core/workers/answer.js';
import { call } from './api.js';

export type { WorkerAnswer, WorkerFinding, WorkerVerdict };

/** Verdicts worst first, and how the page says them. */
export const WORKER_VERDICTS: readonly WorkerVerdict[] = ['prohibited', 'review', 'clear'];
export const WORKER_VERDICT_MEANINGS: Record<WorkerVerdict, string> = {
  prohibited: 'a measure catches the worker (a new work authorization from 2017-09-11, income abroad after 2019-12-22), or the employer, agency or worker is designated',
  review: 'an analyst judges: an exception whose wording is partially verified, a permit running past the repatriation deadline, a possible match',
  clear: 'no finding catches the worker',
};

/**
 * Workers one request may carry: the route answers a request whole (src/api/worker-routes.ts,
 * MAX_WORKERS). A larger file is for `interdict workers check`.
 */
export const MAX_WORKERS_PER_CHECK = 1000;

/** The one-worker form as typed: every field a string, and whether the worker's return is prohibited. */
export interface WorkerForm {
  id: string;
  name: string;
  birthDate: string;
  nationality: string;
  passport: string;
  employer: string;
  agency: string;
  permit_issued: string;
  permit_expires: string;
  contract_signed: string;
  country: string;
  host_nationality: string;
  return_prohibited: boolean;
  return_prohibited_basis: string;
}

export const emptyWorkerForm = (): WorkerForm => ({ id: '', name: '', birthDate: '', nationality: 'KP', passport: '', employer: '', agency: '', permit_issued: '', permit_expires: '', contract_signed: '', country: '', host_nationality: '', return_prohibited: false, return_prohibited_basis: '' });

/** The worker a form describes, as POST /workers/check takes it: empty fields left out. Nothing is checked here: the server names what is wrong. */
export function workerFromForm(form: WorkerForm): Record<string, unknown> {
  const { return_prohibited: prohibited, ...texts } = form;
  const filled = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v));
  return { ...filled, ...(prohibited ? { return_prohibited: true } : {}) };
}

/** Workers read from pasted or uploaded text: JSON items with the line each began on, CSV text as is, or why they cannot be read. */
export type ReadWorkers =
  | { json: unknown[]; lines: number[]; csv?: undefined; count: number; problem?: undefined }
  | { csv: string; count: number; json?: undefined; lines?: undefined; problem?: undefined }
  | { problem: string; json?: undefined; csv?: undefined; lines?: undefined; count?: undefined };

/**
 * Workers from a JSON array, one JSON object, JSON lines, or CSV with a header row of the field
 * names (text not starting with `{` or `[`), as `interdict workers check` reads a file. CSV is sent
 * as it is, for the server to read as the command line does.
 *
 * @example readWorkersText('id,name,nationality,country\nw1,Kim,KP,RU') // { csv: '...', count: 1 }
 */
export function readWorkersText(text: string): ReadWorkers {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { problem: 'no workers: paste CSV with a header row, a JSON array or JSON lines, or choose a file' };
  let read: ReadWorkers;
  if (!/^[[{]/.test(trimmed)) {
    const rows = trimmed.split(/\r?\n/).filter((l) => l.trim()).length - 1;
    if (rows < 1) return { problem: 'no workers under the CSV header row' };
    read = { csv: trimmed, count: rows };
  } else {
    let whole: unknown;
    try {
      whole = JSON.parse(trimmed);
    } catch {
      whole = undefined;
    }
    if (Array.isArray(whole)) read = { json: whole, lines: [], count: whole.length };
    else if (whole !== undefined) read = { json: [whole], lines: [1], count: 1 };
    else {
      const json: unknown[] = [];
      const lines: number[] = [];
      for (const [i, line] of text.split(/\r?\n/).entries()) {
        if (!line.trim()) continue;
        try {
          json.push(JSON.parse(line));
        } catch (error) {
          return { problem: `line ${i + 1}: not JSON (${(error as Error).message}); give a JSON array, one worker a line, or CSV` };
        }
        lines.push(i + 1);
      }
      read = { json, lines, count: json.length };
    }
  }
  if (!read.count) return { problem: 'no workers: the array is empty' };
  if (read.count > MAX_WORKERS_PER_CHECK) return { problem: `${read.count.toLocaleString('en')} workers: a check takes at most ${MAX_WORKERS_PER_CHECK.toLocaleString('en')}; split the file, or check it with interdict workers check` };
  return read;
}

/** The server's error for an item of an array, with the line of the pasted text it came from. */
export function withWorkerLines(detail: string, lines: readonly number[]): string {
  return detail.replace(/\(body item (\d+)\)/, (whole, item: string) => {
    const line = lines[Number(item) - 1];
    return line === undefined ? whole : `(item ${item}, line ${line})`;
  });
}

const checkPath = (on: string): string => `/workers/check${on ? `?on=${encodeURIComponent(on)}` : ''}`;

/** Check workers as of a day (empty: the server's today): JSON items, or CSV text. */
export function checkWorkers(read: { json: unknown[] } | { csv: string }, on: string): Promise<WorkerAnswer[]> {
  if ('csv' in read) return call<WorkerAnswer[]>(checkPath(on), { method: 'POST', headers: { 'content-type': 'text/csv' }, body: read.csv });
  return call<WorkerAnswer[]>(checkPath(on), { method: 'POST', json: read.json });
}

/** How many answers have each verdict. */
export function countWorkerVerdicts(answers: readonly WorkerAnswer[]): Record<WorkerVerdict, number> {
  const counts: Record<WorkerVerdict, number> = { prohibited: 0, review: 0, clear: 0 };
  for (const answer of answers) counts[answer.verdict] += 1;
  return counts;
}

/** What a finding is about, in words. */
export function findingSubject(finding: WorkerFinding): string {
  if (finding.subject) return `${finding.subject.role === 'agency' ? 'labour agency' : finding.subject.role}: ${finding.subject.name}`;
  return { work_authorization: 'work authorization', repatriation: 'repatriation', screening: 'screening', employer: 'employer', agency: 'labour agency', worker: 'worker' }[finding.kind];
}
