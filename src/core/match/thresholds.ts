/**
 * The default match threshold: the score at or above which a result is reported as a match.
 * Chosen from the evaluation (`npm run eval`) as the threshold with the best F1 on spelling
 * variants of listed names against recombined unlisted names (0.6: F1 0.778, recall 73.7%).
 * See README, "Matching".
 */
export const DEFAULT_THRESHOLD = 0.6;

/** Results scoring below this are not shown at all (yente's `cutoff`). */
export const DEFAULT_CUTOFF = 0.5;
