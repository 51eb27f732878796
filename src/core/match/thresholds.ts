/**
 * The default match threshold: the score at or above which a result is reported as a match.
 * Chosen from the evaluation (`npm run eval`) as the threshold with the best F1 on spelling
 * variants of listed names against recombined unlisted names (0.6: F1 0.777, recall 72.6%, within
 * 0.005 of the best F1 at 0.55, with a third fewer false alarms).
 * See README, "Matching".
 */
export const DEFAULT_THRESHOLD = 0.6;

/** Results scoring below this are not shown at all (yente's `cutoff`). */
export const DEFAULT_CUTOFF = 0.5;

/** The cutoff when none is given: the default one, or the threshold when that is lower (a match is never hidden). */
export function cutoffFor(threshold: number): number {
  return Math.min(DEFAULT_CUTOFF, threshold);
}
