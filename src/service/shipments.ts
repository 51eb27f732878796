import type { Designation, Entity } from '../core/entity.js';
import { InputError } from '../core/errors.js';
import type { MatchQuery, MatchResult } from '../core/index/index.js';
import { DEFAULT_THRESHOLD } from '../core/match/index.js';
import { createLedgerLookup, type PetroleumLedger } from '../core/petroleum/index.js';
import type { Regime } from '../core/regime/index.js';
import { answerOf, imoScheme, readShipment, shipmentFindings, statusOf, type Finding, type Shipment, type ShipmentAnswer, type ShipmentParty, type ShipmentVessel } from '../core/shipments/index.js';
import { vesselNames } from '../core/shipments/vessel-names.js';
import type { Store } from '../store/index.js';
import { inputSha256, recordChecks } from './check-audit.js';
import { jsonValues, type JsonValue } from './json-values.js';
import type { Screening } from './screener.js';
import { listIdentifiers, type ListIdentifiers } from './shipment-lists.js';

/**
 * Checking shipments: what the shipment's own data gives (core/shipments: goods against the
 * measures in force at its date and in its direction, its DPRK nexus, route and ships'
 * numbers), and its parties and ships against the lists: ships exactly by IMO number and MMSI,
 * companies by their IMO number and banks by SWIFT/BIC, everything by name through the matcher
 * (ships' type prefixes dropped, former names counted). A listed match is `prohibited` (asset
 * freeze), a possible one below the threshold `review`; each carries the matcher's explanation,
 * the record's designations, OFAC's provisions (secondary sanctions) and "Linked To" relations.
 */

/** The scores a party or ship is judged by, each chosen for a reason. */
export const SHIPMENT_MATCHING = Object.freeze({
  /** At or above: a match, the party or ship is taken as the listed one (the matcher's default threshold, chosen by the evaluation). */
  threshold: DEFAULT_THRESHOLD,
  /**
   * At or above, below the threshold: a possible match, for review. Chosen by the shipment-party
   * evaluation (`npm run eval`, eval/shipment-parties.ts) as the lowest floor at which each of
   * three sets of about 18,900 unlisted parties (faker's companies and people in twelve locales,
   * trade-like firms, banks) is sent to review at most 2% of the time, on the UN 2026-02-27 and
   * OFAC SDN 2021-07-07 lists: at 0.6, 1.4% of them (the worst set 1.6%), while 92.6% of 9,000
   * listed parties written another way are caught (87.8% at the threshold alone); at 0.575 one
   * set reaches 2.1%; at 0.65, 0.8% and 91.3%. What it reviews: common words putting unrelated
   * firms against listed ones (Singapore Shipping Pte Ltd 0.649 against P.C.C. (SINGAPORE)
   * PRIVATE LIMITED).
   */
  reviewFloor: 0.6,
  /** Listed records kept per party or ship: one designee's records on several lists. */
  limit: 3,
});

export interface ShipmentCheckOptions {
  threshold?: number;
  reviewFloor?: number;
  /**
   * Parties and ships whose name results are kept for the shipments after them (0: none). Real
   * trade repeats its shippers, consignees, banks and ships: within a run one is screened once.
   * Default `SHIPMENT_CACHE_SIZE`.
   */
  cacheSize?: number;
  /**
   * The petroleum ledger (`petroleumLedger`): goods under a capped measure (HS 2710, 2709 into
   * the DPRK) report the ledger's standing for the shipment's period and are `prohibited` once
   * the cease point was reached. Without it, the cap is told, not counted.
   */
  petroleum?: PetroleumLedger;
}

/** Parties and ships a checker keeps the name results of: a busy forwarder's counterparties and ships, bounded. */
export const SHIPMENT_CACHE_SIZE = 20_000;

/**
 * Name results by query, the least recently used dropped first once `size` are held. A key holds
 * everything the matcher reads (schema and every property), so a hit is the screening's own answer.
 */
export class MatchCache {
  private readonly held = new Map<string, MatchResult[]>();
  lookups = 0;
  hits = 0;

  constructor(private readonly size: number) {}

  get(query: MatchQuery, screen: () => MatchResult[]): MatchResult[] {
    this.lookups++;
    if (!this.size) return screen();
    const key = `${query.schema}\u0001${JSON.stringify(query.properties)}`;
    const known = this.held.get(key);
    if (known) {
      this.hits++;
      this.held.delete(key);
      this.held.set(key, known);
      return known;
    }
    const results = screen();
    this.held.set(key, results);
    if (this.held.size > this.size) this.held.delete(this.held.keys().next().value!);
    return results;
  }
}

/** A listed record a party or ship matched, as a finding shows it (the console types its findings with it). */
export interface ListedMatch {
  id: string;
  caption: string;
  schema: string;
  datasets: string[];
  /** How it was found: exactly by an identifier, or by name through the matcher. */
  how: 'imo' | 'company_imo' | 'mmsi' | 'swift' | 'name';
  score: number;
  designations: { dataset: string; authority: string; program?: string; reference?: string; listing_date?: string }[];
  provisions?: string[];
  relations?: { relation: 'linked_to' | 'linked_from'; name: string; ids: string[] }[];
  flag?: string[];
  owner?: string[];
  explanation?: MatchResult['explanations'];
}

/** How a designation is cited: the UN's through the regime's asset freeze, a national list's by its program and instrument. */
function designationBasis(regime: Regime, designations: Designation[]): { measure: string | null; basis: string; status: Finding['status'] } {
  const un = designations.find((d) => d.dataset === 'un_sc');
  const freeze = regime.measures.find((m) => m.type === 'asset_freeze');
  if (un && freeze) return { measure: freeze.id, basis: `${freeze.basis}; UN list ${un.referenceNumber ?? un.program ?? ''}`.trim(), status: statusOf(freeze) };
  const first = designations[0];
  if (!first) return { measure: null, basis: 'listed', status: 'verified' };
  const national = regime.national_programs[first.dataset];
  const programs = designations.map((d) => d.programId ?? d.program).filter((p): p is string => Boolean(p));
  if (national) {
    const cited = programs.map((p) => (national.programs[p] ? `${p} (${national.programs[p]!.instrument})` : p));
    const partial = programs.some((p) => national.programs[p] && national.programs[p]!.verification !== 'verified');
    return { measure: `${first.dataset}:${programs.join('+') || 'listed'}`, basis: `${national.list}${cited.length ? `, ${cited.join(', ')}` : ''}`, status: partial ? 'indicative' : 'verified' };
  }
  return { measure: `${first.dataset}:${programs.join('+') || 'listed'}`, basis: `${first.authority}${programs.length ? `, ${programs.join(', ')}` : ''}`, status: 'verified' };
}

function listedMatch(entity: Entity, lists: ListIdentifiers, how: ListedMatch['how'], score: number, explanation?: MatchResult['explanations']): ListedMatch {
  const provisions = [...new Set(entity.designations.flatMap((d) => d.provisions ?? []))];
  const relations = [
    ...(lists.linkedTo.get(entity.id) ?? []).map((l) => ({ relation: 'linked_to' as const, ...l })),
    ...(lists.linkedFrom.get(entity.id) ?? []).map((e) => ({ relation: 'linked_from' as const, name: e.caption, ids: [e.id] })),
  ];
  return {
    id: entity.id,
    caption: entity.caption,
    schema: entity.schema,
    datasets: entity.datasets,
    how,
    score,
    designations: entity.designations.map((d) => ({ dataset: d.dataset, authority: d.authority, ...(d.program ? { program: d.program } : {}), ...(d.referenceNumber ? { reference: d.referenceNumber } : {}), ...(d.listingDate ? { listing_date: d.listingDate } : {}) })),
    ...(provisions.length ? { provisions } : {}),
    ...(relations.length ? { relations } : {}),
    ...(entity.properties.flag ? { flag: entity.properties.flag } : {}),
    ...(entity.properties.owner ? { owner: entity.properties.owner } : {}),
    ...(explanation ? { explanation } : {}),
  };
}

const HOW_WORDS: Record<ListedMatch['how'], string> = { imo: 'exactly on its IMO number', company_imo: 'exactly on a company IMO number', mmsi: 'exactly on its MMSI', swift: 'exactly on its SWIFT/BIC code', name: 'by name' };

/** A finding of a listed record matched, or possibly matched, by a party or ship. */
function matchFinding(regime: Regime, kind: 'party' | 'vessel', subject: string, entity: Entity, match: ListedMatch, threshold: number, party?: ShipmentParty): Finding {
  const cited = designationBasis(regime, entity.designations);
  const listed = match.designations.map((d) => `${d.dataset}${d.program ? ` ${d.program}` : ''}${d.reference ? ` ${d.reference}` : ''}`).join(', ');
  const matched = match.score >= threshold;
  const parts = [
    matched
      ? `${subject} is ${entity.caption} (${listed}), matched ${HOW_WORDS[match.how]}${match.how === 'name' ? ` (score ${match.score.toFixed(3)})` : ''}: designated, its assets frozen`
      : `${subject} may be ${entity.caption} (${listed}): score ${match.score.toFixed(3)} by name, below the threshold ${threshold}`,
  ];
  if (match.flag || match.owner) parts.push(`listed ${[match.flag && `flag ${match.flag.join(', ')}`, match.owner && `owner ${match.owner.join(', ')}`].filter(Boolean).join(', ')}`);
  if (match.provisions) parts.push(`OFAC: ${match.provisions.join('; ')}`);
  const linked = match.relations?.filter((r) => r.relation === 'linked_to').map((r) => r.name);
  const linking = match.relations?.filter((r) => r.relation === 'linked_from').map((r) => r.name);
  if (linked?.length) parts.push(`linked to ${linked.join(', ')}`);
  if (linking?.length) parts.push(`linked from ${linking.join(', ')}`);
  return {
    kind,
    verdict: matched ? 'prohibited' : 'review',
    measure: cited.measure,
    basis: cited.basis,
    detail: parts.join('; '),
    status: cited.status,
    ...(party ? { party: { role: party.role, name: party.name } } : {}),
    match,
  };
}

/** What a party's or ship's screening reads: the state, the lists' identifiers, the scores, and the run's name results. */
interface CheckContext {
  regime: Regime;
  state: Screening;
  lists: ListIdentifiers;
  threshold: number;
  reviewFloor: number;
  cache: MatchCache;
}

/** The listed records a query names, by the matcher, best first: those at or above the review floor (once a run per query). */
function matchByName(c: CheckContext, query: MatchQuery): MatchResult[] {
  return c.cache.get(query, () => c.state.index.match(query, { limit: SHIPMENT_MATCHING.limit, threshold: c.threshold, cutoff: c.reviewFloor, dataset: 'default' }));
}

/** Findings of the listed records a set of exact hits and name results give, one per record (exact hits first). */
function findingsOf(regime: Regime, state: Screening, lists: ListIdentifiers, kind: 'party' | 'vessel', subject: string, exact: { entity: Entity; how: ListedMatch['how'] }[], results: MatchResult[], threshold: number, party?: ShipmentParty): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { entity, how } of exact) {
    if (seen.has(entity.id)) continue;
    seen.add(entity.id);
    findings.push(matchFinding(regime, kind, subject, entity, listedMatch(entity, lists, how, 1), threshold, party));
  }
  const matches = results.filter((r) => r.match && !seen.has(r.id));
  // A possible match is worth a finding only when nothing was matched: the best one, for review.
  const shown = matches.length || findings.length ? matches : results.slice(0, 1);
  for (const result of shown) {
    const entity = state.entities.get(result.id);
    if (!entity || seen.has(entity.id)) continue;
    seen.add(entity.id);
    findings.push(matchFinding(regime, kind, subject, entity, listedMatch(entity, lists, 'name', result.score, result.explanations), threshold, party));
  }
  return findings;
}

/** A party against the lists: its company IMO number and SWIFT/BIC exactly, its name through the matcher. */
function partyFindings(c: CheckContext, party: ShipmentParty): Finding[] {
  const { regime, state, lists } = c;
  const exact = [
    ...(party.imo ? (lists.imo.get(party.imo) ?? []).map((entity) => ({ entity, how: 'company_imo' as const })) : []),
    ...(party.swift ? (lists.swift.get(party.swift.slice(0, 8)) ?? []).map((entity) => ({ entity, how: 'swift' as const })) : []),
  ];
  const properties: Record<string, string[]> = { name: [party.name] };
  if (party.country) properties.country = [party.country.toLowerCase()];
  if (party.address) properties.address = [party.address];
  const results = matchByName(c, { schema: party.schema, properties });
  return findingsOf(regime, state, lists, 'party', `${party.role} ${party.name}`, exact, results, c.threshold, party);
}

/** A ship against the lists: exactly by IMO number (a ship's, or a company's given as one) and MMSI, else by its names. */
function vesselFindings(c: CheckContext, vessel: ShipmentVessel, which: string): Finding[] {
  const { regime, state, lists } = c;
  const exact: { entity: Entity; how: ListedMatch['how'] }[] = [];
  const subject = `${which}${vessel.name ? ` ${vessel.name}` : ''}${vessel.imo ? ` (IMO ${vessel.imo})` : ''}`;
  const findings: Finding[] = [];
  if (vessel.imo) {
    for (const entity of lists.imo.get(vessel.imo) ?? []) {
      if (entity.schema === 'Vessel') exact.push({ entity, how: 'imo' });
      else {
        // A company's number given as the ship's: the company is named, the ship is not identified.
        const scheme = imoScheme(vessel.imo);
        findings.push({
          ...matchFinding(regime, 'vessel', subject, entity, listedMatch(entity, lists, 'company_imo', 1), c.threshold),
          detail: `IMO ${vessel.imo}, given as ${which}'s, is the company number of ${entity.caption} (${entity.datasets.join(', ')})${scheme === 'company' ? ', and no ship\'s number (its check digit is a company number\'s)' : ''}: the listed company is named in the shipment, designated, its assets frozen; the ship itself is not identified`,
        });
      }
    }
  }
  if (vessel.mmsi) for (const entity of lists.mmsi.get(vessel.mmsi) ?? []) exact.push({ entity, how: 'mmsi' });
  const names = vessel.name ? vesselNames(vessel.name) : { name: '', former: [] };
  const former = [...names.former, ...(vessel.former_names ?? []).map((n) => vesselNames(n).name)].filter(Boolean);
  let results: MatchResult[] = [];
  if (!exact.length && (names.name || former.length)) {
    const properties: Record<string, string[]> = {};
    if (names.name) properties.name = [names.name];
    if (former.length) properties.previousName = former;
    // A ship's IMO number given with its name keeps a namesake with another number from matching.
    if (vessel.imo && imoScheme(vessel.imo) !== 'company') properties.imoNumber = [vessel.imo];
    if (vessel.flag) properties.flag = [vessel.flag.toLowerCase()];
    results = matchByName(c, { schema: 'Vessel', properties });
  }
  return [...findings, ...findingsOf(regime, state, lists, 'vessel', subject, exact, results, c.threshold)];
}

/** Checks shipments against one regime and screening state, keeping the name results of the parties and ships it has seen. */
export interface ShipmentChecker {
  check(shipment: Shipment): ShipmentAnswer;
  /** Parties and ships screened by name, and how many of them were answered from the run's earlier results. */
  readonly screened: { lookups: number; hits: number };
}

/**
 * A checker for a run of shipments: its own data against the regime, and (given a screening
 * state) its parties and ships against the lists. Without a state, parties and ships are not
 * screened, and the answer says so in a `review` finding: never `clear` for an unscreened party.
 * The lists' identifiers are read once per state (`listIdentifiers`); a party or ship met again
 * in the run is answered from its earlier name results (`cacheSize`).
 */
export function createShipmentChecker(regime: Regime, state: Screening | undefined, options: ShipmentCheckOptions = {}): ShipmentChecker {
  const cache = new MatchCache(options.cacheSize ?? SHIPMENT_CACHE_SIZE);
  const context: CheckContext | undefined = state && {
    regime,
    state,
    lists: listIdentifiers(state),
    threshold: options.threshold ?? SHIPMENT_MATCHING.threshold,
    reviewFloor: options.reviewFloor ?? SHIPMENT_MATCHING.reviewFloor,
    cache,
  };
  const ledgers = options.petroleum && createLedgerLookup(regime, options.petroleum);
  return {
    check(shipment: Shipment): ShipmentAnswer {
      const findings = shipmentFindings(shipment, regime, ledgers ? { ledgers } : {});
      const vessels = [
        ...(shipment.vessel ? [{ vessel: shipment.vessel, which: 'the vessel' }] : []),
        ...shipment.ports.flatMap((p) => (p.vessel ? [{ vessel: p.vessel, which: 'the other ship' }] : [])),
      ];
      if (context) {
        for (const party of shipment.parties) findings.push(...partyFindings(context, party));
        for (const { vessel, which } of vessels) findings.push(...vesselFindings(context, vessel, which));
      } else if (shipment.parties.length || vessels.length) {
        findings.push({ kind: 'party', verdict: 'review', measure: null, basis: null, detail: 'no list is loaded: the parties and ships were not screened', status: 'verified' });
      }
      return answerOf(shipment.id, findings, regime.rulesVersion);
    },
    get screened() {
      return { lookups: cache.lookups, hits: cache.hits };
    },
  };
}

/** One shipment checked (`createShipmentChecker` for a run of them). */
export function checkShipment(shipment: Shipment, regime: Regime, state: Screening | undefined, options: ShipmentCheckOptions = {}): ShipmentAnswer {
  return createShipmentChecker(regime, state, { cacheSize: 0, ...options }).check(shipment);
}

/** Shipments as a file or a request gives them: one JSON value a line, or one JSON array (or one object). */
export type ShipmentValue = JsonValue;

/** The shipments of a JSON lines text or a JSON array, each with where it is. */
export function shipmentValues(text: string, label: string): ShipmentValue[] {
  return jsonValues(text, label);
}

/** Read a shipment, turning a bad one into its error (`columnOf`: the columns a CSV row's fields came from). */
export function tryShipment(value: unknown, where: string, columnOf?: (field: string) => string | undefined): { shipment?: Shipment; error?: InputError } {
  try {
    return { shipment: readShipment(value, where, columnOf) };
  } catch (error) {
    if (error instanceof InputError) return { error };
    throw error;
  }
}

/**
 * Record checks in the audit trail, one entry a shipment: who (the actor), when (the entry's
 * time), which shipment (its id and the hash of its data, not the data: it is the customer's),
 * the verdict and the measures it rests on, the rules version and the list versions screened.
 */
export async function recordShipmentChecks(store: Store, actor: string, checked: { shipment: Shipment; answer: ShipmentAnswer }[], versions: string[]): Promise<void> {
  await recordChecks(store, actor, 'shipments.check', checked.map(({ shipment, answer }) => ({
    subject: shipment.id,
    after: {
      verdict: answer.verdict,
      findings: answer.findings.length,
      measures: [...new Set(answer.findings.map((f) => f.measure).filter((m): m is string => m !== null))],
      input_sha256: inputSha256(shipment),
      rules_version: answer.rules_version,
      versions,
    },
  })));
}
