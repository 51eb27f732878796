import { worstVerdict, type PersonAnswer, type PersonFinding } from '../people/answer.js';

/**
 * A worker check's answer, in the shape of every check of people (core/people/answer.ts): a
 * verdict, the worst of its findings', and the findings, each with the rule or designation it
 * rests on, the listed entity it names and how well its facts are established.
 *
 * @example {"id": "w1", "verdict": "prohibited", "findings": [{"kind": "repatriation", "verdict": "prohibited", "measure": "workers-2397", "basis": "UNSCR 2397 (2017) OP8", "entity": null, "exemption": null, "detail": "...", "status": "verified"}], "on": "2020-03-01", "rules_version": "dprk ..."}
 */

/** Verdicts from worst to best: prohibited (a rule bans it, or a party is designated), review (an analyst judges), clear. */
export const WORKER_VERDICTS = ['prohibited', 'review', 'clear'] as const;
export type WorkerVerdict = (typeof WORKER_VERDICTS)[number];

/**
 * What a worker check found: a rule's finding (`work_authorization`: UNSCR 2375 OP17;
 * `repatriation`: 2397 OP8), a designation's (`employer`, `agency`, `worker`: the record matched,
 * or may have matched, a listed entity), or `screening` (the lists could not be consulted).
 */
export const WORKER_FINDING_KINDS = ['work_authorization', 'repatriation', 'employer', 'agency', 'worker', 'screening'] as const;
export type WorkerFindingKind = (typeof WORKER_FINDING_KINDS)[number];

/** A worker check's finding: a person's finding with the measure it applies and, for a designation, who matched and the entity's designations. */
export interface WorkerFinding extends PersonFinding {
  kind: WorkerFindingKind;
  /** What this finding alone gives: a `clear` finding says why a rule does not catch the worker. */
  verdict: WorkerVerdict;
  /** The measure's id in the regime's file; for a national designation, `<list>:<program>`; null where none applies. */
  measure: string | null;
  /** A designation's finding: the name as the record gives it and its role. */
  subject?: { role: 'employer' | 'agency' | 'worker'; name: string };
  /** A designation's finding: the entity's designations (list, program, reference, date). */
  designations?: { dataset: string; authority: string; program?: string; reference?: string; listing_date?: string }[];
}

/** A worker's answer: its findings worst first, the day it was judged at and the rules applied. */
export interface WorkerAnswer extends PersonAnswer<WorkerVerdict> {
  findings: WorkerFinding[];
  /** The day the rules were applied at (`--on`, default the day of the check). */
  on: string;
  rules_version: string;
}

const KINDS: WorkerFindingKind[] = ['employer', 'agency', 'worker', 'screening', 'work_authorization', 'repatriation'];

/** The answer of a worker's findings: worst first, then designations before rules, in the order found; `clear` without a finding that is not. */
export function workerAnswer(id: string, findings: WorkerFinding[], on: string, rulesVersion: string): WorkerAnswer {
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => WORKER_VERDICTS.indexOf(a.f.verdict) - WORKER_VERDICTS.indexOf(b.f.verdict) || KINDS.indexOf(a.f.kind) - KINDS.indexOf(b.f.kind) || a.i - b.i)
    .map(({ f }) => f);
  return { id, verdict: worstVerdict(ordered.map((f) => f.verdict), WORKER_VERDICTS), findings: ordered, on, rules_version: rulesVersion };
}
