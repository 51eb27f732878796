import type { Measure, Regime } from '../regime/regime.js';
import { weakerStatus } from '../people/answer.js';
import type { WorkerFinding, WorkerVerdict } from './answer.js';
import type { Worker } from './worker.js';

/**
 * A worker record against the regime's `workers` measures, as of a day: pure, no list needed.
 * Two kinds of measure, told apart by their data: one without a `deadline` bans new work
 * authorizations from the day it took effect (UNSCR 2375 OP17: a permit issued from then on is
 * caught, one issued before is not); one with a `deadline` orders DPRK nationals earning income
 * abroad sent home by it (2397 OP8: before the deadline a permit must end by it; from the deadline
 * on, any such worker is caught). A measure not yet in force at the day checked catches nothing.
 * The exceptions the measure's data ties to a condition (`applies`) are read from the record; one
 * that is not verified sends the worker to review, never clears them.
 */

/** The nationality the measures apply to. */
export const DPRK = 'KP';

const words = (status: string): string => status.replace(/_/g, ' ');

/** What a rule's finding carries from its measure. */
function cited(measure: Measure): Pick<WorkerFinding, 'measure' | 'basis' | 'entity' | 'exemption' | 'status'> {
  return { measure: measure.id, basis: measure.basis, entity: null, exemption: null, status: measure.verification };
}

/** An exception of the measure that the record meets, with why; undefined when none. */
function exceptionMet(measure: Measure, worker: Worker): { exception: Measure['exceptions'][number]; why: string } | undefined {
  for (const exception of measure.exceptions) {
    if (exception.applies === 'contract_before_in_force' && worker.contract_signed && worker.contract_signed < measure.in_force) {
      return { exception, why: `the written contract was signed on ${worker.contract_signed}, before ${measure.in_force}` };
    }
    if (exception.applies === 'host_state_national' && worker.host_nationality && worker.host_nationality === worker.country) {
      return { exception, why: `the worker also holds the nationality of ${worker.country}, the State they work in` };
    }
    if (exception.applies === 'return_prohibited' && worker.return_prohibited === true) {
      return { exception, why: `the record states that the worker's return is prohibited under international law${worker.return_prohibited_basis ? ` (${worker.return_prohibited_basis})` : ''}` };
    }
  }
  return undefined;
}

/** The finding of a worker a measure catches but an exception the record meets may except. */
function excepted(measure: Measure, kind: WorkerFinding['kind'], caught: string, met: NonNullable<ReturnType<typeof exceptionMet>>): WorkerFinding {
  const { exception, why } = met;
  const verified = exception.verification === 'verified';
  const verdict: WorkerVerdict = verified ? 'clear' : 'review';
  const confirm = verified ? '' : `; the exception's wording is ${words(exception.verification)} (from secondary sources, not the resolution's text): an analyst confirms it and the facts it rests on`;
  return {
    kind,
    verdict,
    ...cited(measure),
    exemption: exception.text,
    detail: `${caught}; but ${why}: excepted under "${exception.text}"${confirm}`,
    status: weakerStatus(measure.verification, exception.verification),
  };
}

/** Exceptions a measure admits that the record cannot show (a Committee approval): told in a prohibited finding, never applied. */
function untold(measure: Measure): string {
  const others = measure.exceptions.filter((e) => !e.applies);
  return others.length ? `; unless ${others.map((e) => `${e.text.charAt(0).toLowerCase()}${e.text.slice(1)} (${words(e.verification)})`).join('; ')}` : '';
}

/** A ban on new work authorizations (UNSCR 2375 OP17). */
function authorizationFinding(measure: Measure, worker: Worker, on: string): WorkerFinding {
  const kind = 'work_authorization';
  if (on < measure.in_force) {
    return { kind, verdict: 'clear', ...cited(measure), detail: `${measure.basis} takes effect on ${measure.in_force}, after the day checked (${on}): it does not catch the permit` };
  }
  if (!worker.permit_issued) {
    return { kind, verdict: 'review', ...cited(measure), detail: `no permit_issued: whether the work authorization is a new one, banned by ${measure.basis} from ${measure.in_force}, cannot be told; give the day it was issued (or last renewed)` };
  }
  if (worker.permit_issued < measure.in_force) {
    const expiry = worker.permit_expires ? (worker.permit_expires < on ? `; it expired on ${worker.permit_expires}` : `; valid until ${worker.permit_expires}`) : '';
    return { kind, verdict: 'clear', ...cited(measure), detail: `the permit was issued on ${worker.permit_issued}, before ${measure.basis} took effect (${measure.in_force}): not a new work authorization${expiry}` };
  }
  const caught = `the permit was issued on ${worker.permit_issued}, on or after ${measure.in_force}: a new work authorization for a DPRK national in ${worker.country}, banned by ${measure.basis}`;
  const met = exceptionMet(measure, worker);
  if (met) return excepted(measure, kind, caught, met);
  const contract = worker.contract_signed ? `; the contract was signed on ${worker.contract_signed}, not before ${measure.in_force}` : '';
  return { kind, verdict: measure.effect === 'prohibited' ? 'prohibited' : 'review', ...cited(measure), detail: `${caught}${contract}${untold(measure)}` };
}

/** An order to repatriate DPRK nationals earning income abroad by a deadline (UNSCR 2397 OP8). */
function repatriationFinding(measure: Measure, deadline: string, worker: Worker, on: string): WorkerFinding {
  const kind = 'repatriation';
  if (on < measure.in_force) {
    return { kind, verdict: 'clear', ...cited(measure), detail: `${measure.basis} takes effect on ${measure.in_force}, after the day checked (${on}): it does not catch the worker` };
  }
  const met = exceptionMet(measure, worker);
  if (on < deadline) {
    if (worker.permit_expires && worker.permit_expires <= deadline) {
      return { kind, verdict: 'clear', ...cited(measure), detail: `within the repatriation period of ${measure.basis} (from ${measure.in_force}, at the latest by ${deadline}): the permit ends on ${worker.permit_expires}, by the deadline` };
    }
    const runs = worker.permit_expires ? `the permit runs to ${worker.permit_expires}, past` : 'the permit gives no end, so it may run past';
    const caught = `within the repatriation period of ${measure.basis}: ${runs} the deadline ${deadline}, by which DPRK nationals earning income in ${worker.country} are to be sent home`;
    if (met) return excepted(measure, kind, caught, met);
    return { kind, verdict: 'review', ...cited(measure), detail: `${caught}: plan the worker's return by then` };
  }
  const expired = worker.permit_expires && worker.permit_expires < on ? ` (the permit expired on ${worker.permit_expires}: a DPRK national still earning income there is caught all the same)` : '';
  const host = worker.host_nationality && worker.host_nationality !== worker.country ? `; the worker's other nationality, ${worker.host_nationality}, is not that of ${worker.country}` : '';
  const caught = `a DPRK national earning income in ${worker.country} on ${on}, after the deadline ${deadline} of ${measure.basis} to repatriate every such worker${expired}`;
  if (met) return excepted(measure, kind, caught, met);
  return { kind, verdict: measure.effect === 'prohibited' ? 'prohibited' : 'review', ...cited(measure), detail: `${caught}${host}${untold(measure)}` };
}

/**
 * The findings of a worker record under the regime's `workers` measures as of `on`
 * (YYYY-MM-DD): none for a worker who is not a DPRK national, or who works in the DPRK.
 *
 * @example workerRuleFindings({ id: 'w1', name: 'Kim Chol', nationality: 'KP', country: 'RU', permit_issued: '2016-05-01', permit_expires: '2020-05-01' }, regime, '2020-03-01') // [work_authorization clear, repatriation prohibited]
 */
export function workerRuleFindings(worker: Worker, regime: Regime, on: string): WorkerFinding[] {
  if (worker.nationality !== DPRK || worker.country === DPRK) return [];
  const findings: WorkerFinding[] = [];
  for (const measure of regime.measures) {
    if (measure.type !== 'workers') continue;
    // A measure superseded before the day checked no longer applies (none of the workers' measures is, yet).
    if (measure.until !== undefined && measure.until <= on) continue;
    findings.push(measure.deadline ? repatriationFinding(measure, measure.deadline, worker, on) : authorizationFinding(measure, worker, on));
  }
  return findings;
}
