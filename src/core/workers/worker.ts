import { z } from 'zod';
import { InputError } from '../errors.js';
import { countryCode } from '../match/countries.js';
import { isValidDate } from '../query/dates.js';

/**
 * A worker record as a labour inspectorate, an employer or a bank's customer file gives it
 * (one JSON line, an item of an array, or a CSV row under a header of the same field names):
 * who the worker is, who employs them (and through which labour agency), the work permit's dates
 * and the country they work in. Every field is checked and a field the check does not read is
 * refused, naming it, rather than ignored.
 *
 * @example {"id": "w1", "name": "Kim Chol Su", "birthDate": "1985-03-02", "nationality": "KP", "passport": "745123456", "employer": "Amur Stroy LLC", "permit_issued": "2016-05-01", "permit_expires": "2020-05-01", "country": "RU"}
 */

const TEXT = z.string().trim().min(1).max(500);

const COUNTRY = z.string().trim().min(1).max(100).transform((value, ctx) => {
  const code = countryCode(value);
  if (!code) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a country (an ISO code such as KP or RU, or a name)` });
    return z.NEVER;
  }
  return code;
});

/** A day, written YYYY-MM-DD. */
const DAY = z.string().trim().check((ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.value) || !isValidDate(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `"${ctx.value}" is not a date YYYY-MM-DD` });
});

/** A birth date as lists give them: a year, a month or a day. */
const BIRTH = z.string().trim().check((ctx) => {
  if (!isValidDate(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `"${ctx.value}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` });
});

/** Yes or no, as JSON writes it or a spreadsheet does. */
const YES_NO = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(word)) return true;
  if (['false', 'no', 'n', '0'].includes(word)) return false;
  ctx.addIssue({ code: 'custom', message: `"${value}" is not yes or no (true, false, yes, no, 1, 0)` });
  return z.NEVER;
});

export const WORKER = z.object({
  id: z.union([z.string().trim().min(1).max(200), z.number()]).transform(String).optional(),
  name: TEXT,
  birthDate: BIRTH.optional(),
  /** The worker's nationality: the measures apply to DPRK nationals (KP). */
  nationality: COUNTRY,
  passport: z.string().trim().min(1).max(50).optional(),
  /** Who employs the worker (screened against the lists). */
  employer: TEXT.optional(),
  /** The labour agency or contractor that placed the worker, if any (screened against the lists). */
  agency: TEXT.optional(),
  /** The day the work authorization was issued (or renewed): from 11 September 2017 a new one is banned. */
  permit_issued: DAY.optional(),
  permit_expires: DAY.optional(),
  /** The day the written employment contract was finalized: one before 11 September 2017 may be excepted. */
  contract_signed: DAY.optional(),
  /** The country the worker works in (the host State). */
  country: COUNTRY,
  /** Another nationality the worker holds: the host State's may except them from repatriation. */
  host_nationality: COUNTRY.optional(),
  /** Whether the worker's return is prohibited under international law (refugee, asylum, human rights), as the record states. */
  return_prohibited: YES_NO.optional(),
  /** What the return's prohibition rests on (an asylum decision, a court's order): shown in the finding. */
  return_prohibited_basis: TEXT.optional(),
}).strict().superRefine((w, ctx) => {
  if (w.permit_issued && w.permit_expires && w.permit_expires < w.permit_issued) ctx.addIssue({ code: 'custom', path: ['permit_expires'], message: `${w.permit_expires} is before permit_issued ${w.permit_issued}` });
  if (w.return_prohibited_basis && w.return_prohibited !== true) ctx.addIssue({ code: 'custom', path: ['return_prohibited_basis'], message: 'is given only with return_prohibited: true' });
  if (w.host_nationality && w.host_nationality === w.nationality) ctx.addIssue({ code: 'custom', path: ['host_nationality'], message: `${w.host_nationality} is the worker's nationality; host_nationality is another one they hold` });
});

export type Worker = z.infer<typeof WORKER> & { id: string };

/** The fields a worker record takes, in the order a CSV header lists them. */
export const WORKER_FIELDS = Object.keys(WORKER.shape) as (keyof z.infer<typeof WORKER>)[];

/**
 * A worker record read and checked, or an `INVALID_WORKER` error naming it (its id, else where
 * it was found: `workers.csv line 4`, `body item 2`) and the field at fault.
 */
export function readWorker(value: unknown, where: string): Worker {
  const parsed = WORKER.safeParse(value);
  const stated = value && typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : undefined;
  const name = typeof stated === 'string' || typeof stated === 'number' ? `worker ${String(stated)} (${where})` : `worker at ${where}`;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    const message = issue.code === 'unrecognized_keys' ? `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not fields' : 'is not a field'} a worker record takes (${WORKER_FIELDS.join(', ')})` : issue.message;
    throw new InputError('INVALID_WORKER', `${name}: ${field ? `${field}: ` : ''}${message}`);
  }
  return { ...parsed.data, id: parsed.data.id ?? where };
}

/** A check's date (`--on`, `?on=`): a day YYYY-MM-DD, or an error naming where it was given. */
export function readCheckDate(value: string, where: string, code: 'BAD_OPTION' | 'BAD_REQUEST' = 'BAD_REQUEST'): string {
  const day = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isValidDate(day)) throw new InputError(code, `${where}: "${value}" is not a date YYYY-MM-DD (the day the workers are judged at)`);
  return day;
}
