import type { Entity } from '../core/entity.js';
import { designationsByList, type Designee } from '../core/linking.js';
import { InputError } from '../core/errors.js';
import type { MatchResult } from '../core/index/index.js';
import { SCORING } from '../core/match/model.js';
import type { FeatureExplanation } from '../core/match/score.js';
import type { Screening } from '../service/screener.js';
import { versionDates } from '../service/search.js';

// What yente's clients read: the algorithm's name and documentation, entities and scored
// results in yente's shapes. The routes (/match, /search, /algorithms, /entities, /reconcile)
// answer with these.

/** The algorithm Interdict answers with; yente's algorithm names are accepted and answered by it. */
export const ALGORITHM = 'interdict-v1';
export const YENTE_ALGORITHMS = ['best', 'default', 'logic-v1', 'logic-v2', 'name-based', 'name-qualified', 'regression-v1', 'regression-v2', 'regression-v3', 'regression-v4'];
const DESCRIPTION = 'Token alignment across scripts and romanizations (Korean syllable keys, written consonants of Arabic, confusable-letter edit similarity, familiar and national forms of given names, rarity weights), with birth date, country, gender and identifier qualifiers. Every score is explained.';

/**
 * The features of a score, as yente documents its algorithms' (`description`, `coefficient`,
 * `url`): the name score is the base; the others add to it or take from it by at most their
 * coefficient (their numbers stand in `SCORING`, src/core/match/model.ts).
 */
const FEATURES: Record<string, { description: string; coefficient: number; url: string }> = {
  name: { description: 'The best alignment of the query\'s names with the candidate\'s, word by word, across scripts and spellings', coefficient: 1, url: 'src/core/match/align.ts' },
  birthDate: { description: 'Birth dates disagreeing: years apart, one year apart, the same year on another day', coefficient: -SCORING.qualifiers.yearsDisjoint, url: 'src/core/match/score.ts' },
  country: { description: 'Countries and nationalities given on both sides and disjoint', coefficient: -SCORING.qualifiers.countriesDisjoint, url: 'src/core/match/score.ts' },
  gender: { description: 'Genders given on both sides and differing', coefficient: -SCORING.qualifiers.genderDiffers, url: 'src/core/match/score.ts' },
  identifier: { description: 'An equal identifier (passport, IMO, registration number) decides; differing IMO numbers take off', coefficient: SCORING.qualifiers.identifierEqual, url: 'src/core/match/score.ts' },
};

/** One algorithm as yente's /algorithms lists it, with `answered_by`: a yente name is answered by Interdict's algorithm. */
export function algorithmDocs(name: string): Record<string, unknown> {
  const description = name === ALGORITHM ? DESCRIPTION : `yente's "${name}" algorithm: answered by ${ALGORITHM}, the only algorithm of this server (${DESCRIPTION})`;
  return { name, description, answered_by: ALGORITHM, features: FEATURES, docs: { name, description, config: {}, features: FEATURES } };
}

/** Refuse an algorithm name that is neither Interdict's nor one yente clients send, naming where it came from. */
export function checkAlgorithm(name: string, where: string): void {
  if (name !== ALGORITHM && !YENTE_ALGORITHMS.includes(name)) throw new InputError('BAD_REQUEST', `${where}: unknown algorithm "${name}"; GET /algorithms lists them`);
}

/** An entity as yente returns it. */
export function entityResponse(state: Screening, entity: Entity): Record<string, unknown> {
  return {
    id: entity.id,
    caption: entity.caption,
    schema: entity.schema,
    properties: entity.properties,
    datasets: entity.datasets,
    referents: entity.referents ?? [],
    target: entity.designations.length > 0,
    ...versionDates(state, entity),
  };
}

/** A scored result as yente returns it: the entity, its score, match decision, features and explanations. */
export function scoredResponse(state: Screening, result: MatchResult): Record<string, unknown> {
  const features: Record<string, number> = {};
  const explanations: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(result.explanations)) {
    features[name] = Math.round(e.score * e.weight * 1000) / 1000;
    explanations[name] = yenteExplanation(e);
  }
  // The index is built from these entities: every result is one of them.
  return { ...entityResponse(state, state.entities.get(result.id)!), score: result.score, match: result.match, features, explanations };
}

/**
 * A feature's explanation in yente's shape (`detail`, `score`, and the values compared as
 * strings: `query`, `candidate`), with Interdict's own in fields of their own: the feature's
 * `weight`, every value compared (`query_values`, `candidate_values`), a name's aligned word
 * `pairs` and its `unmatched` words.
 */
export function yenteExplanation(e: FeatureExplanation): Record<string, unknown> {
  return {
    detail: e.detail ?? null,
    score: e.score,
    query: e.query.length ? e.query.join('; ') : null,
    candidate: e.candidate.length ? e.candidate.join('; ') : null,
    weight: e.weight,
    query_values: e.query,
    candidate_values: e.candidate,
    ...(e.pairs ? { pairs: e.pairs } : {}),
    ...(e.unmatched ? { unmatched: e.unmatched } : {}),
  };
}

/**
 * What a result standing for a designee adds to its record: every other record of the designee
 * in `referents`, the designee (id, confidence, lists, members) and every authority's designations.
 */
export function designeeFields(state: Screening, entity: Entity, designee: Designee): Record<string, unknown> {
  const members = designee.members.map((id) => state.entities.get(id)).filter((e): e is Entity => Boolean(e));
  return {
    referents: [...new Set([...(entity.referents ?? []), ...designee.members.filter((id) => id !== entity.id)])],
    designee: { id: designee.id, confidence: designee.confidence, datasets: designee.datasets, members: designee.members },
    designations: designationsByList(members),
  };
}

/** A scored result standing for a designee: its best-scoring record as yente returns it, with `designeeFields`. */
export function designeeResponse(state: Screening, best: MatchResult, designee: Designee): Record<string, unknown> {
  return { ...scoredResponse(state, best), ...designeeFields(state, state.entities.get(best.id)!, designee) };
}
