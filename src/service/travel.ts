import type { Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import type { MatchQuery } from '../core/index/index.js';
import { DEFAULT_THRESHOLD } from '../core/match/index.js';
import { isValidDate } from '../core/query/dates.js';
import type { Regime } from '../core/regime/index.js';
import { TRAVEL_BAN_DATASETS, dprkTravelBan, readTraveller, travelAnswer, travelBanOf, type DprkTravelBan, type Exemption, type Traveller, type TravelAnswer, type TravelMatch } from '../core/travel/index.js';
import type { ErrorCode } from '../core/error-codes.js';
import type { ExemptionFilter, Store } from '../store/index.js';
import { inputSha256, recordChecks } from './check-audit.js';
import { jsonValues } from './json-values.js';
import type { Screening } from './screener.js';

/**
 * Checking travellers against the travel bans: each traveller's name, with the birth date,
 * nationality and passport number as qualifiers, through the matcher against the listed people
 * whose lists put them under a travel ban (core/travel/bans.ts), then against the exemption
 * register (core/travel/check.ts).
 */

/** The scores a traveller is judged by, each chosen for a reason. */
export const TRAVEL_MATCHING = Object.freeze({
  /** At or above: the traveller is taken as the listed person (the matcher's default threshold, chosen by the evaluation, docs/evaluation.md). */
  threshold: DEFAULT_THRESHOLD,
  /**
   * At or above, below the threshold: a possible match, for review. From the evaluation's false
   * alarms by threshold (docs/evaluation.md, "False alarms on realistic customers", `npm run
   * eval`): the lowest score at which each set of unlisted people (faker's people in twelve
   * locales, South Korean names in Hangul and romanized) is sent to review at most 2% of the
   * time, the rule the shipment parties' floor follows: at 0.65, 1.2%, 2.0% and 1.4%; at 0.60 the
   * Hangul names reach 3.4%.
   */
  reviewFloor: 0.65,
  /** Listed people kept per traveller: one designee's records on several lists, and namesakes. */
  limit: 5,
});

export interface TravelCheckOptions {
  threshold?: number;
  reviewFloor?: number;
}

/** The ids of the listed people under a travel ban, once per screening state (and the regime's ban it was read with). */
const BANNED = new WeakMap<Screening, { dprk: DprkTravelBan; ids: Set<string> }>();

function bannedIds(state: Screening, dprk: DprkTravelBan): Set<string> {
  const known = BANNED.get(state);
  if (known && JSON.stringify(known.dprk) === JSON.stringify(dprk)) return known.ids;
  const ids = new Set<string>();
  for (const entity of state.entities.values()) if (travelBanOf(entity, dprk)) ids.add(entity.id);
  BANNED.set(state, { dprk, ids });
  return ids;
}

/** The list versions whose data says who is under a travel ban: the ones a travel check screens against. */
export function travelBanLists(state: Screening): string[] {
  return state.versions.filter((v) => (TRAVEL_BAN_DATASETS as readonly string[]).includes(v.dataset)).map((v) => v.id);
}

/** The matcher's query for a traveller: the name, with the birth date, nationality and passport number it gives. */
export function travellerQuery(traveller: Traveller): MatchQuery {
  const properties: Record<string, string[]> = { name: [traveller.name] };
  if (traveller.birthDate) properties.birthDate = [traveller.birthDate];
  if (traveller.nationality) properties.nationality = [traveller.nationality];
  if (traveller.passport) properties.passportNumber = [traveller.passport];
  return { schema: 'Person', properties };
}

/** Checks travellers against one screening state and the exemptions in the register. */
export interface TravelChecker {
  check(traveller: Traveller): TravelAnswer;
}

/** A checker of travellers against a screening state, the regime (its travel-ban measure) and the exemptions of the register. */
export function createTravelChecker(regime: Regime, state: Screening, exemptions: Exemption[], options: TravelCheckOptions = {}): TravelChecker {
  const threshold = options.threshold ?? TRAVEL_MATCHING.threshold;
  const reviewFloor = options.reviewFloor ?? TRAVEL_MATCHING.reviewFloor;
  const dprk = dprkTravelBan(regime);
  const banned = bannedIds(state, dprk);
  const rules = { threshold, dprk, rulesVersion: regime.rulesVersion, lists: travelBanLists(state) };
  return {
    check(traveller: Traveller): TravelAnswer {
      const results = state.index.match(travellerQuery(traveller), { limit: TRAVEL_MATCHING.limit, threshold, cutoff: reviewFloor, dataset: 'default', accept: (id) => banned.has(id) });
      const matches: TravelMatch[] = results.flatMap((r) => {
        const entity: Entity | undefined = state.entities.get(r.id);
        return entity ? [{ entity, score: r.score, explanation: r.explanations }] : [];
      });
      return travelAnswer(traveller, matches, exemptions, rules);
    },
  };
}

/** A traveller of an input: its place (line or item), and the traveller or why it cannot be read. */
export interface TravellerInput {
  where: string;
  traveller?: Traveller;
  error?: InputError;
}

/** The travellers of a text: one JSON object a line, or one JSON array (or object); each read, or its error naming line or item and field. */
export function travellerInputs(text: string, label: string): TravellerInput[] {
  return jsonValues(text, label).map(({ where, value, error }) => {
    if (error) return { where, error };
    return readOne(value, where);
  });
}

/** A traveller read from a value, or its error. */
export function readOne(value: unknown, where: string): TravellerInput {
  try {
    return { where, traveller: readTraveller(value, where) };
  } catch (error) {
    if (error instanceof InputError) return { where, error };
    throw error;
  }
}

/**
 * Record checks in the audit trail, one entry a traveller: who (the actor), when (the entry's
 * time), which traveller (its id and the hash of its data, never the data), the verdict, the
 * listed records and exemptions it rests on, the rules version and the list versions screened.
 */
export async function recordTravelChecks(store: Store, actor: string, checked: { traveller: Traveller; answer: TravelAnswer }[]): Promise<void> {
  await recordChecks(store, actor, 'travel.check', checked.map(({ traveller, answer }) => ({
    subject: traveller.id,
    after: {
      verdict: answer.verdict,
      findings: answer.findings.length,
      entities: answer.findings.map((f) => f.entity).filter((e): e is string => e !== null),
      exemptions: answer.findings.map((f) => f.exemption).filter((e): e is string => e !== null),
      input_sha256: inputSha256(traveller),
      rules_version: answer.rules_version,
      versions: answer.lists,
    },
  })));
}

/** A filter of the exemption register, each field checked (a country is a code, a day a date); `named` says how the caller names a field (`--on`, `querystring/on`). */
export function exemptionFilter(given: ExemptionFilter, code: ErrorCode, named: (field: string) => string): ExemptionFilter {
  const filter: ExemptionFilter = {};
  if (given.reference) filter.reference = given.reference;
  if (given.person) filter.person = given.person;
  if (given.authority) filter.authority = given.authority;
  if (given.country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(given.country)) throw new InputError(code, `${named('country')}: "${given.country}" is not a country code (ISO 3166-1 alpha-2, such as CN)`);
    filter.country = given.country.toUpperCase();
  }
  if (given.on !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given.on) || !isValidDate(given.on)) throw new InputError(code, `${named('on')}: "${given.on}" is not a date YYYY-MM-DD`);
    filter.on = given.on;
  }
  return filter;
}

/**
 * Exemptions checked against the lists before they are recorded: every record id an exemption
 * names must be held by some loaded version (current or not) of a list, so that a mistyped id is
 * refused instead of never applying. `where` names each exemption's place (a line or an item).
 */
export async function checkExemptionPersons(store: Store, exemptions: { exemption: Exemption; where: string }[]): Promise<void> {
  for (const { exemption, where } of exemptions) {
    for (const [i, id] of exemption.persons.entries()) {
      if (!(await store.entityVersions(id)).length) throw new InputError('INVALID_EXEMPTION', `exemption ${exemption.reference} (${where}): persons[${i}]: no loaded list holds a record ${id} (give a listed record's id, such as un_sc-KPi.037, or the person's name in names)`);
    }
  }
}
