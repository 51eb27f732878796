export { alignNames, tokenSimilarity, uniformWeight, type NameAlignment, type TokenPair, type TokenWeight } from './align.js';
export { countryCode } from './countries.js';
export { prepareEntity, normalizeIdentifier, type PreparedEntity } from './prepare.js';
export { scoreMatch, schemataCompatible, type FeatureExplanation, type MatchScore } from './score.js';
export { editDistance, stringSimilarity } from './similarity.js';

/**
 * The default match threshold, chosen from the evaluation (`npm run eval`): the score at or
 * above which a result is reported as a match. See README, "Matching".
 */
export const DEFAULT_THRESHOLD = 0.7;
/** Results scoring below this are not shown at all. */
export const DEFAULT_CUTOFF = 0.5;
