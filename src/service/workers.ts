import type { Designation, Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import type { MatchQuery, MatchResult } from '../core/index/index.js';
import { DEFAULT_THRESHOLD } from '../core/match/index.js';
import type { FindingStatus } from '../core/people/answer.js';
import type { Regime } from '../core/regime/index.js';
import { readWorker, workerAnswer, workerRuleFindings, type WorkerFinding, type Worker, type WorkerAnswer } from '../core/workers/index.js';
import type { Store } from '../store/index.js';
import { inputSha256, recordChecks } from './check-audit.js';
import { jsonValues, type JsonValue } from './json-values.js';
import type { Screening } from './screener.js';
import { SHIPMENT_MATCHING } from './shipments.js';

/**
 * Checking DPRK overseas workers: the record against the regime's `workers` measures as of a
 * day (core/workers: UNSCR 2375 OP17, 2397 OP8), and its employer, labour agency and the worker
 * against the lists through the matcher. A designated employer or agency (labour export firms are
 * designated) or a designated worker is `prohibited` (asset freeze), a possible match `review`;
 * each carries the matcher's explanation and the entity's designations.
 */

/** The scores the employer, the agency and the worker are judged by, each chosen from the evaluation (docs/evaluation.md). */
export const WORKER_MATCHING = Object.freeze({
  /** At or above: a match (the matcher's default threshold: realistic customers raise at most 0.5% false alarms). */
  threshold: DEFAULT_THRESHOLD,
  /**
   * Employers and agencies, at or above and below the threshold: a possible match, for review.
   * They are firms as a shipment's parties are: the shipment parties' floor, chosen by their
   * evaluation (eval/shipment-parties.ts; docs/shipments.md, The review floor): at 0.6, 1.4% of
   * about 18,900 unlisted firms and people sent to review, 92.6% of listed names written another
   * way caught.
   */
  organizationFloor: SHIPMENT_MATCHING.reviewFloor,
  /**
   * The worker, at or above and below the threshold: a possible match, for review. Workers'
   * names are Korean: the lowest floor at which the evaluation's South Korean names (the closest
   * set to theirs) raise at most 1% false alarms (docs/evaluation.md, False alarms by threshold:
   * at 0.70, 0.8% in Hangul and 0.9% romanized; at 0.65, 2.0% and 1.4%).
   */
  personFloor: 0.7,
  /** Listed records kept per name: one designee's records on several lists. */
  limit: 3,
});

export interface WorkerCheckOptions {
  threshold?: number;
  organizationFloor?: number;
  personFloor?: number;
}

/** How a designation is cited: the UN's through the regime's asset freeze, a national list's by its program and instrument. */
function designationBasis(regime: Regime, designations: Designation[]): { measure: string | null; basis: string; status: FindingStatus } {
  const un = designations.find((d) => d.dataset === 'un_sc');
  const freeze = regime.measures.find((m) => m.type === 'asset_freeze');
  if (un && freeze) return { measure: freeze.id, basis: `${freeze.basis}; UN list ${un.referenceNumber ?? un.program ?? ''}`.trim(), status: freeze.verification };
  const first = designations[0];
  if (!first) return { measure: null, basis: 'listed', status: 'verified' };
  const national = regime.national_programs[first.dataset];
  const programs = designations.map((d) => d.programId ?? d.program).filter((p): p is string => Boolean(p));
  const measure = `${first.dataset}:${programs.join('+') || 'listed'}`;
  if (!national) return { measure, basis: `${first.authority}${programs.length ? `, ${programs.join(', ')}` : ''}`, status: 'verified' };
  const cited = programs.map((p) => (national.programs[p] ? `${p} (${national.programs[p]!.instrument})` : p));
  const weakest = programs.map((p) => national.programs[p]?.verification).find((v) => v !== undefined && v !== 'verified');
  return { measure, basis: `${national.list}${cited.length ? `, ${cited.join(', ')}` : ''}`, status: weakest ?? 'verified' };
}

/** The finding of a listed entity the employer, agency or worker matched (or may have). */
function matchFinding(regime: Regime, role: 'employer' | 'agency' | 'worker', name: string, entity: Entity, result: MatchResult, threshold: number): WorkerFinding {
  const cited = designationBasis(regime, entity.designations);
  const designations = entity.designations.map((d) => ({ dataset: d.dataset, authority: d.authority, ...(d.program ? { program: d.program } : {}), ...(d.referenceNumber ? { reference: d.referenceNumber } : {}), ...(d.listingDate ? { listing_date: d.listingDate } : {}) }));
  const listed = designations.map((d) => `${d.dataset}${d.program ? ` ${d.program}` : ''}${d.reference ? ` ${d.reference}` : ''}`).join(', ');
  const subject = role === 'worker' ? `the worker ${name}` : `${role === 'agency' ? 'the labour agency' : 'the employer'} ${name}`;
  const matched = result.score >= threshold;
  const consequence = role === 'worker' ? 'designated, their assets frozen (wages may not be paid to them)' : 'designated, its assets frozen: no funds (fees, wages through it) may be made available to it';
  return {
    kind: role,
    verdict: matched ? 'prohibited' : 'review',
    measure: cited.measure,
    basis: cited.basis,
    entity: entity.id,
    exemption: null,
    detail: matched
      ? `${subject} is ${entity.caption} (${listed}), matched by name (score ${result.score.toFixed(3)}): ${consequence}`
      : `${subject} may be ${entity.caption} (${listed}): score ${result.score.toFixed(3)} by name, below the threshold ${threshold}`,
    status: cited.status,
    score: result.score,
    caption: entity.caption,
    explanation: result.explanations,
    subject: { role, name },
    designations,
  };
}

/** Findings of a name's results: every match, or the best possible one when none matched. */
function nameFindings(regime: Regime, state: Screening, role: 'employer' | 'agency' | 'worker', name: string, results: MatchResult[], threshold: number): WorkerFinding[] {
  const matches = results.filter((r) => r.score >= threshold);
  const shown = matches.length ? matches : results.slice(0, 1);
  return shown.flatMap((result) => {
    const entity = state.entities.get(result.id);
    return entity ? [matchFinding(regime, role, name, entity, result, threshold)] : [];
  });
}

/** Checks workers against one regime and screening state. */
export interface WorkerChecker {
  /** A worker's answer as of `on` (YYYY-MM-DD). */
  check(worker: Worker, on: string): WorkerAnswer;
}

/**
 * A checker for a run of workers: each record against the regime as of the day given, and
 * (given a screening state) its employer, agency and name against the lists. Without a state the
 * names are not screened, and the answer says so in a `review` finding: never `clear` unscreened.
 */
export function createWorkerChecker(regime: Regime, state: Screening | undefined, options: WorkerCheckOptions = {}): WorkerChecker {
  const threshold = options.threshold ?? WORKER_MATCHING.threshold;
  const organizationFloor = options.organizationFloor ?? WORKER_MATCHING.organizationFloor;
  const personFloor = options.personFloor ?? WORKER_MATCHING.personFloor;
  const match = (query: MatchQuery, cutoff: number): MatchResult[] => state!.index.match(query, { limit: WORKER_MATCHING.limit, threshold, cutoff, dataset: 'default' });
  return {
    check(worker: Worker, on: string): WorkerAnswer {
      const findings = workerRuleFindings(worker, regime, on);
      if (state) {
        for (const role of ['employer', 'agency'] as const) {
          const name = worker[role];
          if (name) findings.push(...nameFindings(regime, state, role, name, match({ schema: 'LegalEntity', properties: { name: [name] } }, organizationFloor), threshold));
        }
        const properties: Record<string, string[]> = { name: [worker.name], nationality: [worker.nationality.toLowerCase()] };
        if (worker.birthDate) properties.birthDate = [worker.birthDate];
        if (worker.passport) properties.passportNumber = [worker.passport];
        findings.push(...nameFindings(regime, state, 'worker', worker.name, match({ schema: 'Person', properties }, personFloor), threshold));
      } else {
        findings.push({ kind: 'screening', verdict: 'review', measure: null, basis: 'not screened: no list is loaded', entity: null, exemption: null, detail: 'no list is loaded: the employer, the agency and the worker were not screened', status: 'verified' });
      }
      return workerAnswer(worker.id, findings, on, regime.rulesVersion);
    },
  };
}

/** Workers as a request or a JSON file gives them: one JSON value a line, or one JSON array (or one object). */
export type WorkerValue = JsonValue;

/** The workers of a JSON lines text or a JSON array (a byte order mark skipped), each with where it is. */
export function workerValues(text: string, label: string): WorkerValue[] {
  return jsonValues(text.replace(/^\uFEFF/, ''), label);
}

/** Read a worker, turning a bad one into its error. */
export function tryWorker(value: unknown, where: string): { worker?: Worker; error?: InputError } {
  try {
    return { worker: readWorker(value, where) };
  } catch (error) {
    if (error instanceof InputError) return { error };
    throw error;
  }
}

/** Today in UTC (YYYY-MM-DD): the day a check is judged at unless one is given. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Record checks in the audit trail, one entry a worker: who (the actor), when (the entry's time),
 * which worker (their id and the hash of the record, not the record: it is personal data), the
 * day judged at, the verdict, the measures and the listed entities it rests on, the rules version
 * and the list versions screened.
 */
export async function recordWorkerChecks(store: Store, actor: string, checked: { worker: Worker; answer: WorkerAnswer }[], versions: string[]): Promise<void> {
  await recordChecks(store, actor, 'workers.check', checked.map(({ worker, answer }) => ({
    subject: worker.id,
    after: {
      verdict: answer.verdict,
      on: answer.on,
      findings: answer.findings.length,
      measures: [...new Set(answer.findings.filter((f) => f.verdict !== 'clear').map((f) => f.measure).filter((m): m is string => m !== null))],
      entities: [...new Set(answer.findings.map((f) => f.entity).filter((e): e is string => e !== null))],
      input_sha256: inputSha256(worker),
      rules_version: answer.rules_version,
      versions,
    },
  })));
}
