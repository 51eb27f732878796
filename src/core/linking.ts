import type { Designation, Entity } from './entity.js';
import { IDENTIFIER_PROPERTIES } from './ftm.js';
import type { CandidateIndex, MatchResult } from './index/index.js';
import { normalizeIdentifier } from './match/prepare.js';

/**
 * Records of one designee across lists. The lists rarely share an identifier (OFAC and DFAT
 * carry no UN reference number), so records are linked from what they say: the matcher's score
 * of one record's names, birth dates, countries and identifiers against the other's, whether
 * they are listed under the same sanctions regime, and whether each is the other's best match
 * in its list (two namesakes in one list are never both linked to one record). A link at or
 * above `linkAt` joins its records into one designee; one between `reviewAt` and `linkAt` is
 * shown for review, never taken as fact.
 */

/** What decided a link, in words, with what it did to the confidence. */
export interface LinkEvidence {
  kind: 'name' | 'birthDate' | 'country' | 'identifier' | 'gender' | 'regime' | 'reciprocal' | 'analyst';
  detail: string;
}

/** An analyst's word on two records: one designee (`same`), or not (`different`). */
export type LinkDecision = 'same' | 'different';

/** A decision as linking reads it: the pair, the word, and who said it and why (for the evidence). */
export interface PairDecision {
  ids: [string, string];
  decision: LinkDecision;
  decidedBy: string;
  note: string;
}

/** Two records judged to be one designee, with how sure and why. */
export interface RecordLink {
  /** The two records' ids, in id order. */
  ids: [string, string];
  confidence: number;
  status: 'linked' | 'review';
  evidence: LinkEvidence[];
}

/** One designee: its records (one or more per list), the links that joined them, and the weakest of those. */
export interface Designee {
  /** The id of its first record in `DATASET_ORDER` (the UN's when the UN lists it), so that it stays while the lists change around it. */
  id: string;
  members: string[];
  datasets: string[];
  /** The lowest confidence among the links that joined it; 1 for a record linked to none. */
  confidence: number;
  links: RecordLink[];
}

export interface LinkingOptions {
  /** Confidence at or above which two records are one designee (default `LINK_AT`). */
  linkAt?: number;
  /** Confidence at or above which a pair is shown for review (default `REVIEW_AT`). */
  reviewAt?: number;
  /** Only records of these datasets are linked (default: all). */
  datasets?: string[];
  /** Link these records only (to any record in scope); default: every record in scope. */
  seeds?: Iterable<string>;
  /**
   * Analysts' decisions, which stand over what linking finds: `same` links two records (with
   * confidence 1), `different` keeps them in two designees (a link that would join them, directly
   * or through other records, is not made).
   */
  decisions?: PairDecision[];
}

/** Default confidences, chosen from the labelled cross-list set (`npm run eval`, eval/links): docs/linking.md. */
export const LINK_AT = 0.85;
export const REVIEW_AT = 0.6;

/** Lists in the order their record names a designee: the Security Council's first. */
export const DATASET_ORDER = ['un_sc', 'us_ofac_sdn', 'au_dfat', 'ca_sema', 'gb_hmt', 'eu_fsf'];

/** What a regime agreeing or disagreeing does to a link's confidence. */
const SAME_REGIME = 0.05;
const OTHER_REGIME = -0.1;
/**
 * Birth years apart: a screening takes 0.2 off (a list's date may be wrong), but two records of
 * namesakes born years apart are two people far more often than one: a link needs more.
 */
const YEARS_APART = -0.3;
/** Candidates looked at per record. */
const CANDIDATES = 10;

/**
 * The regimes a record is listed under, as one key each: the UN's 1718 regime and national DPRK
 * programs are one regime, as are the counter-terrorism lists and so on.
 *
 * @example regimesOf({ designations: [{ program: '1718 (DPRK)' }] }) // Set { 'DPRK' }
 */
export function regimesOf(entity: Pick<Entity, 'designations'>): Set<string> {
  const regimes = new Set<string>();
  for (const d of entity.designations) {
    const program = `${d.program ?? ''} ${d.programId ?? ''}`.toUpperCase();
    if (/DPRK|NORTH KOREA|KOREA, NORTH|DEMOCRATIC PEOPLE.S REPUBLIC OF KOREA|\b1718\b|NKSPEA/.test(program)) regimes.add('DPRK');
    else if (/IRAN|\b1737\b|\b2231\b/.test(program)) regimes.add('IRAN');
    else if (/SDGT|\b1267\b|ISIL|AL-QAIDA|TERROR|\b1373\b/.test(program)) regimes.add('TERRORISM');
    else if (/TALIBAN|\b1988\b/.test(program)) regimes.add('TALIBAN');
    else if (/NPWMD/.test(program)) regimes.add('NPWMD');
    else if (program.trim()) regimes.add(program.trim());
  }
  return regimes;
}

/** The record's identifiers, normalized (`passportNumber:563120356` and the like). */
function identifiersOf(entity: Entity): Set<string> {
  const out = new Set<string>();
  for (const property of IDENTIFIER_PROPERTIES) {
    for (const value of entity.properties[property] ?? []) {
      const id = normalizeIdentifier(property, value);
      if (id) out.add(id);
    }
  }
  return out;
}

/** A record as a query: its names and details, as a screening would give them. */
function asQuery(entity: Entity): { schema: string; properties: Record<string, string[]> } {
  return { schema: entity.schema, properties: entity.properties };
}

/**
 * The confidence that `result` (a record scored against `entity`) is the same designee, and why.
 */
export function judgeLink(entity: Entity, other: Entity, result: Pick<MatchResult, 'score' | 'explanations'>): { confidence: number; evidence: LinkEvidence[] } {
  const evidence: LinkEvidence[] = [];
  for (const [kind, e] of Object.entries(result.explanations)) {
    if (!['name', 'birthDate', 'country', 'identifier', 'gender'].includes(kind)) continue;
    const shown = kind === 'name' ? `${e.query[0] ?? ''} ~ ${e.candidate[0] ?? ''}: ${e.score}` : `${e.query.join('/')} vs ${e.candidate.join('/')}${e.detail ? `: ${e.detail}` : ''}`;
    evidence.push({ kind: kind as LinkEvidence['kind'], detail: shown });
  }
  let confidence = result.score;
  if (result.explanations.birthDate?.detail === 'years disjoint') {
    confidence += YEARS_APART;
    evidence.push({ kind: 'birthDate', detail: 'born years apart: namesakes more likely than one person' });
  }
  const mine = regimesOf(entity);
  const theirs = regimesOf(other);
  if (mine.size && theirs.size) {
    const shared = [...mine].filter((r) => theirs.has(r));
    if (shared.length) {
      confidence += SAME_REGIME;
      evidence.push({ kind: 'regime', detail: `both listed under ${shared.join(', ')}` });
    } else {
      confidence += OTHER_REGIME;
      evidence.push({ kind: 'regime', detail: `listed under ${[...mine].join(', ')} and ${[...theirs].join(', ')}` });
    }
  }
  const equal = [...identifiersOf(entity)].filter((id) => identifiersOf(other).has(id));
  if (equal.length) {
    confidence = Math.max(confidence, 0.99);
    evidence.push({ kind: 'identifier', detail: `equal ${equal.join(', ')}` });
  }
  return { confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000, evidence };
}

/** Union-find over record ids. */
class Groups {
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, string[]>();
  /** Whether joining the groups of `a` and `b` would put two records an analyst keeps apart in one. */
  keptApart(a: string, b: string, apart: ReadonlyMap<string, Set<string>>): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return false;
    const other = new Set(this.members.get(rb) ?? [rb]);
    return (this.members.get(ra) ?? [ra]).some((x) => [...(apart.get(x) ?? [])].some((y) => other.has(y)));
  }
  find(id: string): string {
    let root = id;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(id, root);
    return root;
  }
  join(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    this.members.set(root, [...(this.members.get(root) ?? [root]), ...(this.members.get(child) ?? [child])]);
    this.members.delete(child);
  }
}

const datasetRank = (dataset: string): number => {
  const at = DATASET_ORDER.indexOf(dataset);
  return at < 0 ? DATASET_ORDER.length : at;
};

/** The designee's id: its first member by list order, then by id. */
function designeeId(members: Entity[]): string {
  return [...members].sort((a, b) => datasetRank(a.datasets[0] ?? '') - datasetRank(b.datasets[0] ?? '') || a.id.localeCompare(b.id))[0]!.id;
}

/**
 * Link the records of `entities` (every record the index holds, or some of them) into designees.
 * Each record is scored against the index; a pair is kept when each record is the other's best
 * match in the other's list (a namesake scoring lower is left out), and judged by `judgeLink`.
 * Records of one list are linked too (one entity split across programs), on the same terms.
 */
export function linkRecords(index: CandidateIndex, entities: Iterable<Entity>, options: LinkingOptions = {}): { designees: Designee[]; review: RecordLink[] } {
  const linkAt = options.linkAt ?? LINK_AT;
  const reviewAt = options.reviewAt ?? REVIEW_AT;
  const wanted = options.datasets ? new Set(options.datasets) : undefined;
  const byId = new Map<string, Entity>();
  for (const entity of entities) if (!wanted || entity.datasets.some((d) => wanted.has(d))) byId.set(entity.id, entity);
  const inScope = (id: string, datasets: string[]): boolean => byId.has(id) && (!wanted || datasets.some((d) => wanted.has(d)));

  // Each record's best candidate in each list (its own list included, itself excluded), found when first asked.
  const best = new Map<string, Map<string, MatchResult>>();
  const bestOf = (entity: Entity): Map<string, MatchResult> => {
    let perList = best.get(entity.id);
    if (perList) return perList;
    const results = index.match(asQuery(entity), { limit: CANDIDATES, cutoff: reviewAt - SAME_REGIME, threshold: linkAt, accept: (id, datasets) => id !== entity.id && inScope(id, datasets) });
    perList = new Map<string, MatchResult>();
    for (const result of results) {
      const list = result.datasets[0] ?? '';
      const held = perList.get(list);
      if (!held || result.score > held.score) perList.set(list, result);
    }
    best.set(entity.id, perList);
    return perList;
  };
  const seeds = options.seeds ? [...new Set(options.seeds)].filter((id) => byId.has(id)) : [...byId.keys()];

  const groups = new Groups();
  const links: RecordLink[] = [];
  const review: RecordLink[] = [];
  const seen = new Set<string>();
  const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const decided = new Map((options.decisions ?? []).map((d) => [pairKey(d.ids[0], d.ids[1]), d]));
  const seedSet = new Set(seeds);
  const apart = new Map<string, Set<string>>();
  const candidates: RecordLink[] = [];
  for (const d of options.decisions ?? []) {
    if (d.decision === 'different') {
      for (const [x, y] of [d.ids, [d.ids[1], d.ids[0]]]) apart.set(x!, (apart.get(x!) ?? new Set()).add(y!));
      continue;
    }
    if (!byId.has(d.ids[0]) || !byId.has(d.ids[1])) continue;
    if (options.seeds && !seedSet.has(d.ids[0]) && !seedSet.has(d.ids[1])) continue;
    seen.add(pairKey(d.ids[0], d.ids[1]));
    candidates.push({ ids: d.ids[0] < d.ids[1] ? [d.ids[0], d.ids[1]] : [d.ids[1], d.ids[0]], confidence: 1, status: 'linked', evidence: [{ kind: 'analyst', detail: `confirmed one designee by ${d.decidedBy}: ${d.note}` }] });
  }
  for (const id of seeds) {
    const entity = byId.get(id)!;
    for (const result of bestOf(entity).values()) {
      const other = byId.get(result.id);
      if (!other) continue;
      const key = pairKey(id, other.id);
      if (seen.has(key)) continue;
      seen.add(key);
      if (decided.get(key)?.decision === 'different') continue;
      // Reciprocal: the other record's best in this record's list is this record.
      const back = bestOf(other).get(entity.datasets[0] ?? '');
      if (back?.id !== id) continue;
      const judged = judgeLink(entity, other, result.score >= back.score ? result : back);
      if (judged.confidence < reviewAt) continue;
      const link: RecordLink = {
        ids: id < other.id ? [id, other.id] : [other.id, id],
        confidence: judged.confidence,
        status: judged.confidence >= linkAt ? 'linked' : 'review',
        evidence: [...judged.evidence, { kind: 'reciprocal', detail: 'each is the other\'s best match in its list' }],
      };
      if (link.status === 'linked') candidates.push(link);
      else review.push(link);
    }
  }
  // Strongest first (an analyst's first of all), so that a link an analyst's split forbids is the weaker one.
  candidates.sort((a, b) => Number(b.evidence[0]?.kind === 'analyst') - Number(a.evidence[0]?.kind === 'analyst') || b.confidence - a.confidence);
  for (const link of candidates) {
    if (groups.keptApart(link.ids[0], link.ids[1], apart)) continue;
    links.push(link);
    groups.join(link.ids[0], link.ids[1]);
  }

  // Designees of the seeds and of the records linked to them (every record when there are no seeds).
  const members = new Map<string, Entity[]>();
  const placed = options.seeds ? new Set([...seeds, ...links.flatMap((l) => l.ids)]) : undefined;
  for (const entity of byId.values()) {
    if (placed && !placed.has(entity.id)) continue;
    const root = groups.find(entity.id);
    members.set(root, [...(members.get(root) ?? []), entity]);
  }
  const linksOf = new Map<string, RecordLink[]>();
  for (const link of links) {
    const root = groups.find(link.ids[0]);
    linksOf.set(root, [...(linksOf.get(root) ?? []), link]);
  }
  const designees: Designee[] = [...members].map(([root, group]) => {
    const joined = linksOf.get(root) ?? [];
    return {
      id: designeeId(group),
      members: group.map((e) => e.id).sort(),
      datasets: [...new Set(group.flatMap((e) => e.datasets))].sort((a, b) => datasetRank(a) - datasetRank(b)),
      confidence: joined.length ? Math.min(...joined.map((l) => l.confidence)) : 1,
      links: joined,
    };
  });
  designees.sort((a, b) => a.id.localeCompare(b.id));
  review.sort((a, b) => b.confidence - a.confidence);
  return { designees, review };
}

/** The designations of a designee's members, by list. */
export function designationsByList(members: Entity[]): Record<string, Designation[]> {
  const out: Record<string, Designation[]> = {};
  for (const member of members) for (const d of member.designations) (out[d.dataset] ??= []).push(d);
  return out;
}
