export { CandidateIndex, SNAPSHOT_FORMAT, type MatchQuery, type MatchResult, type SearchOptions } from './candidate-index.js';
