import type { Designation, Entity } from './entity.js';
import { IDENTIFIER_PROPERTIES } from './ftm.js';
import type { CandidateIndex, MatchResult } from './index/index.js';
import { linkCandidates, type LinkSearch } from './link-candidates.js';
import { countryCodes, normalizeIdentifier } from './match/prepare.js';

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
  /**
   * Each record's candidates, found elsewhere as `linkCandidates` finds them with `linkSearch` (in
   * worker threads: src/service/link-workers.ts); a record without is asked of the index.
   */
  candidates?: ReadonlyMap<string, MatchResult[]>;
}

/** Default confidences, chosen from the labelled cross-list set (`npm run eval`, eval/links): docs/linking.md. */
export const LINK_AT = 0.9;
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
/** Two different values of an identifier a designee has only one of (a bank's SWIFT/BIC, a ship's IMO number): most likely two designees. */
const IDENTIFIERS_DIFFER = -0.3;
/** Identifiers a designee has one of: two records giving different ones are two designees, more likely than not. */
const SINGLE_IDENTIFIERS = ['swiftBic', 'imoNumber'];
/** Candidates looked at per record. */
const CANDIDATES = 10;

/** What linking asks of the index for each record (`linkCandidates`): a pair below the cutoff cannot reach `reviewAt`, even under one regime. */
export function linkSearch(options: Pick<LinkingOptions, 'linkAt' | 'reviewAt'> = {}): LinkSearch {
  return { limit: CANDIDATES, cutoff: (options.reviewAt ?? REVIEW_AT) - SAME_REGIME, threshold: options.linkAt ?? LINK_AT };
}

/**
 * The regimes a record is listed under, as one key each: the UN's 1718 regime and national DPRK
 * programs are one regime, as are the counter-terrorism lists and so on.
 *
 * @example regimesOf({ designations: [{ program: '1718 (DPRK)' }] }) // Set { 'DPRK' }
 */
export function regimesOf(entity: Pick<Entity, 'designations'> & Partial<Pick<Entity, 'properties'>>): Set<string> {
  const regimes = new Set<string>();
  // OFAC lists many DPRK proliferators under its non-proliferation program alone (NPWMD), with
  // North Korea as their country or the North Korea Sanctions Regulations in their remarks:
  // they are of the DPRK regime as much as of NPWMD.
  const northKorean = (): boolean =>
    countryCodes(entity.properties ?? {}).includes('KP') || (entity.properties?.notes ?? []).some((n) => /North Korea Sanctions Regulations/i.test(n));
  for (const d of entity.designations) {
    const program = `${d.program ?? ''} ${d.programId ?? ''}`.toUpperCase();
    if (/DPRK|NORTH KOREA|KOREA, NORTH|DEMOCRATIC PEOPLE.S REPUBLIC OF KOREA|\b1718\b|NKSPEA/.test(program)) regimes.add('DPRK');
    else if (/IRAN|\b1737\b|\b2231\b/.test(program)) regimes.add('IRAN');
    else if (/SDGT|\b1267\b|ISIL|AL-QAIDA|TERROR|\b1373\b/.test(program)) regimes.add('TERRORISM');
    else if (/TALIBAN|\b1988\b/.test(program)) regimes.add('TALIBAN');
    else if (/NPWMD/.test(program)) {
      regimes.add('NPWMD');
      if (northKorean()) regimes.add('DPRK');
    }
    // OFAC numbers its programs of one regime (IRAQ2, LIBYA3): one key without the number.
    else if (program.trim()) regimes.add(program.trim().replace(/^([A-Z]+)\d+$/, '$1'));
  }
  return regimes;
}

/** A record's identifiers, normalized (`passportNumber:563120356` and the like), each with its value as given (`passportNumber: 563120356`). */
export function identifiersOf(entity: Entity): Map<string, string> {
  const out = new Map<string, string>();
  for (const property of IDENTIFIER_PROPERTIES) {
    for (const value of entity.properties[property] ?? []) {
      const id = normalizeIdentifier(property, value);
      if (id) out.set(id, `${property}: ${value}`);
    }
  }
  return out;
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
  const theirIds = identifiersOf(other);
  const myIds = identifiersOf(entity);
  const equal = [...myIds.keys()].filter((id) => theirIds.has(id));
  const differing = SINGLE_IDENTIFIERS.filter((property) => {
    const [mine, their] = [[...myIds.keys()], [...theirIds.keys()]].map((ids) => ids.filter((id) => id.startsWith(`${property}:`)));
    return mine!.length > 0 && their!.length > 0 && !mine!.some((id) => their!.includes(id));
  });
  if (differing.length && !equal.length) {
    confidence += IDENTIFIERS_DIFFER;
    const shown = (ids: Map<string, string>, property: string): string => [...ids].filter(([key]) => key.startsWith(`${property}:`)).map(([, value]) => value.replace(/^[^:]*: /, '')).join('/');
    evidence.push({ kind: 'identifier', detail: differing.map((p) => `${p} ${shown(myIds, p)} vs ${shown(theirIds, p)}: different, most likely two designees`).join('; ') });
  }
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
  /** Whether joining the groups of `a` and `b` would put in one two records that `conflicts` keeps apart. */
  conflict(a: string, b: string, conflicts: (x: string, y: string) => boolean): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return false;
    const other = this.members.get(rb) ?? [rb];
    return (this.members.get(ra) ?? [ra]).some((x) => other.some((y) => conflicts(x, y)));
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

/** Ids in code-unit order, as everywhere else (never the locale's). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The designee's id: its first member by list order, then by id. */
function designeeId(members: Entity[]): string {
  return [...members].sort((a, b) => datasetRank(a.datasets[0] ?? '') - datasetRank(b.datasets[0] ?? '') || byCodeUnits(a.id, b.id))[0]!.id;
}

/**
 * Whether two records of one list are listed under a program they share: two designations the list
 * keeps apart (the UN's KPe.041 Korea Taesong Trading and KPe.042 Korea Daesong General Trading),
 * never one designee; a list does not designate one entity twice under one program. Records of
 * one entity split across programs share none.
 */
function sharedProgram(a: Entity, b: Entity): boolean {
  if (a.datasets[0] !== b.datasets[0]) return false;
  const programs = new Set(a.designations.map((d) => d.program ?? d.programId).filter(Boolean));
  return b.designations.some((d) => programs.has(d.program ?? d.programId));
}

/**
 * How a result's best name pair was made, for telling apart two candidates of one score: a
 * record's own name against the candidate's (2) before one of them through an alias (1) before
 * two aliases (0). The UN's KPe.021 gives another designation's name as an alias ("SECOND ACADEMY
 * OF NATURAL SCIENCES (KPE.018)"): its own name decides which national record is its.
 */
function nameRank(entity: Entity, result: Pick<MatchResult, 'caption' | 'explanations'>): number {
  const pair = result.explanations.name;
  if (!pair) return 0;
  const own = (entity.properties.name ?? []).includes(pair.query[0] ?? '');
  const theirs = pair.candidate[0] === result.caption;
  return Number(own) + Number(theirs);
}

/** Birth years a record gives (none: it cannot conflict). */
function birthYears(entity: Entity): Set<string> {
  return new Set((entity.properties.birthDate ?? []).map((d) => d.slice(0, 4)).filter((y) => /^\d{4}$/.test(y)));
}

/**
 * Link the records of `entities` (every record the index holds, or some of them) into designees.
 * Each record is scored against the index; a pair is kept when each record is the other's best
 * match in the other's list (a namesake scoring lower is left out), and judged by `judgeLink`.
 * Records of one list are linked too (one entity split across programs), on the same terms.
 *
 * With `seeds`, only their designees are found: linking starts from the seeds and follows every
 * link made until no record is added, so that a designee is the same whichever of its records it
 * is found from. Links are made strongest first, and one is refused when it would put in one
 * designee two records an analyst keeps apart, or two records of one list born in different
 * years (a chain through a record that gives no birth date).
 */
export function linkRecords(index: CandidateIndex, entities: Iterable<Entity> | ReadonlyMap<string, Entity>, options: LinkingOptions = {}): { designees: Designee[]; review: RecordLink[] } {
  const linkAt = options.linkAt ?? LINK_AT;
  const reviewAt = options.reviewAt ?? REVIEW_AT;
  const wanted = options.datasets ? new Set(options.datasets) : undefined;
  // A map of every record is taken as it is (a server's, per request: no copy of 17,800 records).
  let byId: ReadonlyMap<string, Entity>;
  if (!wanted && entities instanceof Map) byId = entities;
  else {
    const copy = new Map<string, Entity>();
    const all: Iterable<Entity> = entities instanceof Map ? entities.values() : (entities as Iterable<Entity>);
    for (const entity of all) if (!wanted || entity.datasets.some((d: string) => wanted.has(d))) copy.set(entity.id, entity);
    byId = copy;
  }
  const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const apart = new Map<string, Set<string>>();
  for (const d of options.decisions ?? []) {
    if (d.decision !== 'different') continue;
    for (const [x, y] of [d.ids, [d.ids[1], d.ids[0]]]) apart.set(x!, (apart.get(x!) ?? new Set()).add(y!));
  }

  // Each record's best candidate in each list (its own list included, itself and the records an
  // analyst keeps apart from it excluded), found when first asked.
  const best = new Map<string, Map<string, MatchResult>>();
  const search = linkSearch({ linkAt, reviewAt });
  const bestOf = (entity: Entity): Map<string, MatchResult> => {
    let perList = best.get(entity.id);
    if (perList) return perList;
    const results = options.candidates?.get(entity.id) ?? linkCandidates(index, entity, { ids: byId, datasets: wanted, apart }, search);
    perList = new Map<string, MatchResult>();
    for (const result of results) {
      const list = result.datasets[0] ?? '';
      const held = perList.get(list);
      if (!held || result.score > held.score || (result.score === held.score && nameRank(entity, result) > nameRank(entity, held))) perList.set(list, result);
    }
    best.set(entity.id, perList);
    return perList;
  };

  /** The links a record makes: an analyst's `same`, and each reciprocal best match judged. */
  const confirmed = new Map<string, PairDecision[]>();
  for (const d of options.decisions ?? []) {
    if (d.decision !== 'same' || !byId.has(d.ids[0]) || !byId.has(d.ids[1])) continue;
    for (const id of d.ids) confirmed.set(id, [...(confirmed.get(id) ?? []), d]);
  }
  const linksOf = (entity: Entity): RecordLink[] => {
    const out: RecordLink[] = [];
    for (const d of confirmed.get(entity.id) ?? []) {
      out.push({ ids: d.ids[0] < d.ids[1] ? [d.ids[0], d.ids[1]] : [d.ids[1], d.ids[0]], confidence: 1, status: 'linked', evidence: [{ kind: 'analyst', detail: `confirmed one designee by ${d.decidedBy}: ${d.note}` }] });
    }
    for (const result of bestOf(entity).values()) {
      const other = byId.get(result.id);
      if (!other) continue;
      // Reciprocal: the other record's best in this record's list is this record.
      const back = bestOf(other).get(entity.datasets[0] ?? '');
      if (back?.id !== entity.id || sharedProgram(entity, other)) continue;
      // Judged from the side that scored higher, its evidence read from that side.
      const [from, to, scored] = result.score >= back.score ? [entity, other, result] : [other, entity, back];
      const judged = judgeLink(from, to, scored);
      if (judged.confidence < reviewAt) continue;
      out.push({
        ids: entity.id < other.id ? [entity.id, other.id] : [other.id, entity.id],
        confidence: judged.confidence,
        status: judged.confidence >= linkAt ? 'linked' : 'review',
        evidence: [...judged.evidence, { kind: 'reciprocal', detail: 'each is the other\'s best match in its list' }],
      });
    }
    return out;
  };

  // Every record in scope, or the seeds and every record their links reach.
  const visited = new Set<string>();
  const queue = options.seeds ? [...new Set(options.seeds)].filter((id) => byId.has(id)) : [...byId.keys()];
  const found = new Map<string, RecordLink>();
  while (queue.length) {
    const id = queue.pop()!;
    if (visited.has(id)) continue;
    visited.add(id);
    for (const link of linksOf(byId.get(id)!)) {
      const key = pairKey(link.ids[0], link.ids[1]);
      const held = found.get(key);
      if (!held || (link.evidence[0]?.kind === 'analyst' && held.evidence[0]?.kind !== 'analyst')) found.set(key, link);
      if (options.seeds && link.status === 'linked') for (const other of link.ids) if (!visited.has(other)) queue.push(other);
    }
  }

  const groups = new Groups();
  const keptApart = (x: string, y: string): boolean => apart.get(x)?.has(y) ?? false;
  const conflicts = (x: string, y: string): boolean => {
    if (keptApart(x, y)) return true;
    const [a, b] = [byId.get(x), byId.get(y)];
    if (!a || !b || a.datasets[0] !== b.datasets[0]) return false;
    if (sharedProgram(a, b)) return true;
    const [ya, yb] = [birthYears(a), birthYears(b)];
    return ya.size > 0 && yb.size > 0 && ![...ya].some((year) => yb.has(year));
  };
  const analystFirst = (l: RecordLink): number => Number(l.evidence[0]?.kind === 'analyst');
  const candidates = [...found.values()].filter((l) => l.status === 'linked' && !apart.get(l.ids[0])?.has(l.ids[1]));
  // Strongest first (an analyst's first of all), so that a link refused is the weaker one; ties by ids, so the order is always the same.
  candidates.sort((a, b) => analystFirst(b) - analystFirst(a) || b.confidence - a.confidence || byCodeUnits(a.ids.join(' '), b.ids.join(' ')));
  const links: RecordLink[] = [];
  for (const link of candidates) {
    // An analyst's word stands over linking's own rules; only another analyst's word can refuse it.
    if (groups.conflict(link.ids[0], link.ids[1], analystFirst(link) ? keptApart : conflicts)) continue;
    links.push(link);
    groups.join(link.ids[0], link.ids[1]);
  }
  const review = [...found.values()].filter((l) => l.status === 'review' && !apart.get(l.ids[0])?.has(l.ids[1]));

  // Designees of the records visited (every record when there are no seeds).
  const members = new Map<string, Entity[]>();
  for (const id of visited) {
    const root = groups.find(id);
    members.set(root, [...(members.get(root) ?? []), byId.get(id)!]);
  }
  const joinedOf = new Map<string, RecordLink[]>();
  for (const link of links) {
    const root = groups.find(link.ids[0]);
    joinedOf.set(root, [...(joinedOf.get(root) ?? []), link]);
  }
  const designees: Designee[] = [...members].map(([root, group]) => {
    const joined = joinedOf.get(root) ?? [];
    return {
      id: designeeId(group),
      members: group.map((e) => e.id).sort(byCodeUnits),
      datasets: [...new Set(group.flatMap((e) => e.datasets))].sort((a, b) => datasetRank(a) - datasetRank(b)),
      confidence: joined.length ? Math.min(...joined.map((l) => l.confidence)) : 1,
      links: joined,
    };
  });
  designees.sort((a, b) => byCodeUnits(a.id, b.id));
  review.sort((a, b) => b.confidence - a.confidence || byCodeUnits(a.ids.join(' '), b.ids.join(' ')));
  return { designees, review };
}

/** The designations of a designee's members, by list. */
export function designationsByList(members: Entity[]): Record<string, Designation[]> {
  const out: Record<string, Designation[]> = {};
  for (const member of members) for (const d of member.designations) (out[d.dataset] ??= []).push(d);
  return out;
}
