export { alignNames, tokenSimilarity, uniformWeight, type NameAlignment, type TokenPair, type TokenWeight } from './align.js';
export { countryCode } from './countries.js';
export { countryCodes, prepareEntity, normalizeIdentifier, type PreparedEntity } from './prepare.js';
export { scoreMatch, scoreOnly, type FeatureExplanation, type MatchScore } from './score.js';
export { editDistance, stringSimilarity } from './similarity.js';

export { DEFAULT_CUTOFF, DEFAULT_THRESHOLD, cutoffFor } from './thresholds.js';
