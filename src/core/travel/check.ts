import type { Entity } from '../entity.js';
import { normalizeName } from '../names/normalize.js';
import { worstVerdict, type PersonAnswer, type PersonFinding } from '../people/answer.js';
import { travelBanOf, type DprkTravelBan } from './bans.js';
import { exemptionGaps, exemptionNames, type Exemption } from './exemption.js';
import type { Traveller } from './traveller.js';

/** A travel check's verdicts, worst first. */
export const TRAVEL_VERDICTS = ['denied', 'review', 'allowed_by_exemption', 'clear'] as const;
export type TravelVerdict = (typeof TRAVEL_VERDICTS)[number];

/** A traveller's answer: one line a traveller, with the lists it was screened against and the rules version the ban was cited from. */
export type TravelAnswer = PersonAnswer<TravelVerdict> & { lists: string[]; rules_version: string };

/** A listed person the matcher put against the traveller, with its score and explanation. */
export interface TravelMatch {
  entity: Entity;
  score: number;
  explanation?: unknown;
}

/** The names an exemption may give a person by: the traveller's and the record's. */
function namesOf(traveller: Traveller, entity: Entity): string[] {
  const p = entity.properties;
  return [traveller.name, entity.caption, ...(p.name ?? []), ...(p.alias ?? []), ...(p.weakAlias ?? [])];
}

/**
 * How an exemption is cited: the 1718 Committee's under UNSCR 1718 (2006) para 10 and 2094 (2013)
 * para 10 and the Committee's guidelines, section 12 (dprk_measures.json,
 * additions_2026_11.travel_ban_exemptions, verified); another authority's as its licence.
 */
export function exemptionBasis(exemption: Pick<Exemption, 'authority'>): string {
  return /\b1718\b/.test(exemption.authority) ? 'exemption under UNSCR 1718 (2006) para 10 and 2094 (2013) para 10, 1718 Committee guidelines section 12' : `exemption: a licence of ${exemption.authority}`;
}

/** A record's names, normalized. */
function recordNames(entity: Entity): Set<string> {
  const p = entity.properties;
  return new Set([entity.caption, ...(p.name ?? []), ...(p.alias ?? [])].map(normalizeName).filter(Boolean));
}

/**
 * Whether an exemption names the person of a matched record: by the record's id or a name, or
 * by the id of another record the traveller matched that bears one of its names (the UN record
 * an exemption of the 1718 Committee names, and DFAT's record of the same designation).
 */
function exempts(exemption: Exemption, traveller: Traveller, entity: Entity, matched: Entity[]): boolean {
  if (exemptionNames(exemption, entity.id, namesOf(traveller, entity))) return true;
  const names = recordNames(entity);
  return matched.some((other) => other.id !== entity.id && exemption.persons.includes(other.id) && [...recordNames(other)].some((n) => names.has(n)));
}

/** The finding on a designee matched at or above the threshold: denied, or allowed by an exemption that covers the trip. */
function designeeFinding(traveller: Traveller, match: TravelMatch, exemptions: Exemption[], matched: Entity[], dprk: DprkTravelBan): { verdict: TravelVerdict; finding: PersonFinding } | undefined {
  const { entity } = match;
  const ban = travelBanOf(entity, dprk);
  if (!ban) return undefined;
  const base = { basis: ban.basis, entity: entity.id, status: ban.status, caption: entity.caption, score: match.score, ...(match.explanation ? { explanation: match.explanation } : {}) };
  const who = `${traveller.name} is ${entity.caption} (${entity.id}, score ${match.score.toFixed(3)})`;
  if (ban.effect === 'review') {
    return { verdict: 'review', finding: { kind: 'travel_ban', verdict: 'review', ...base, exemption: null, detail: `${who}: ${ban.basis}` } };
  }
  const naming = exemptions.filter((e) => exempts(e, traveller, entity, matched));
  const applying = naming.find((e) => exemptionGaps(e, traveller).length === 0);
  if (applying) {
    return {
      verdict: 'allowed_by_exemption',
      finding: { kind: 'travel_ban', verdict: 'allowed_by_exemption', ...base, basis: `${ban.basis}; ${exemptionBasis(applying)}`, exemption: applying.reference, detail: `${who}, under a travel ban; exempted by ${applying.reference} (${applying.authority}: ${applying.purpose}, ${applying.from} to ${applying.to}${applying.conditions ? `; conditions: ${applying.conditions}` : ''})` } };
  }
  const reasons = naming.flatMap((e) => exemptionGaps(e, traveller).map((gap) => (naming.length > 1 ? `${e.reference}: ${gap}` : gap)));
  return {
    verdict: 'denied',
    finding: {
      kind: 'travel_ban',
      verdict: 'denied',
      ...base,
      exemption: naming.length ? naming.map((e) => e.reference).join(', ') : null,
      ...(reasons.length ? { reasons } : {}),
      detail: `${who}, under a travel ban: entry and transit denied${naming.length ? `; ${naming.map((e) => e.reference).join(', ')} does not apply (${reasons.join('; ')})` : '; no exemption names the person'}`,
    },
  };
}

/** A finding's fields in the order the answer is read in: what, its basis, the record and the exemption first; the matcher's explanation last. */
function ordered({ kind, verdict, basis, entity, exemption, reasons, status, detail, ...rest }: PersonFinding): PersonFinding {
  return { kind, verdict, basis, entity, exemption, ...(reasons ? { reasons } : {}), status, detail, ...rest };
}

/**
 * A traveller's answer from the listed people the matcher found: each designee matched at or
 * above `threshold` whose lists put them under a travel ban is `denied`, or
 * `allowed_by_exemption` by an exemption naming them (by record id or name; an id also names the
 * traveller's other matched records bearing one of its names) whose dates hold
 * the trip and whose transit and destination countries hold every country of the itinerary;
 * an exemption naming them that does not cover the trip is given with the reasons. Without such
 * a match, the best one below the threshold is a `possible_match` for `review`; else `clear`.
 * The verdict is the worst finding's.
 */
/** What a traveller is judged by: the threshold, the DPRK regime's ban and its rules version, and the lists screened. */
export interface TravelRules {
  threshold: number;
  dprk: DprkTravelBan;
  rulesVersion: string;
  lists: string[];
}

export function travelAnswer(traveller: Traveller, matches: TravelMatch[], exemptions: Exemption[], rules: TravelRules): TravelAnswer {
  const { threshold, dprk, lists } = rules;
  const found: { verdict: TravelVerdict; finding: PersonFinding }[] = [];
  const matched = matches.filter((m) => m.score >= threshold);
  for (const match of matched) {
    const one = designeeFinding(traveller, match, exemptions, matched.map((m) => m.entity), dprk);
    if (one) found.push(one);
  }
  if (!found.length) {
    const best = matches.filter((m) => m.score < threshold && travelBanOf(m.entity, dprk)).sort((a, b) => b.score - a.score)[0];
    if (best) {
      const ban = travelBanOf(best.entity, dprk)!;
      found.push({
        verdict: 'review',
        finding: { kind: 'possible_match', verdict: 'review', basis: ban.basis, entity: best.entity.id, exemption: null, status: ban.status, caption: best.entity.caption, score: best.score, ...(best.explanation ? { explanation: best.explanation } : {}), detail: `${traveller.name} may be ${best.entity.caption} (${best.entity.id}), under a travel ban: score ${best.score.toFixed(3)} by name, below the threshold ${threshold}` },
      });
    }
  }
  // Worst first; then the UN's record before a national list's, then by id.
  const order = (v: TravelVerdict): number => TRAVEL_VERDICTS.indexOf(v);
  const un = (f: PersonFinding): number => (f.entity?.startsWith('un_sc-') ? 0 : 1);
  found.sort((a, b) => order(a.verdict) - order(b.verdict) || un(a.finding) - un(b.finding) || (a.finding.entity ?? '').localeCompare(b.finding.entity ?? ''));
  return { id: traveller.id, verdict: worstVerdict(found.map((f) => f.verdict), TRAVEL_VERDICTS), findings: found.map((f) => ordered(f.finding)), lists, rules_version: rules.rulesVersion };
}
