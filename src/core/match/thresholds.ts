/**
 * The default match threshold: the score at or above which a result is reported as a match.
 * Chosen from the evaluation (`npm run eval`) as the lowest threshold at which realistic
 * unlisted customers raise at most 0.5% false alarms and South Korean names at most 1% (0.75:
 * 0.4% and 0.7%; 0.7 gives 0.7% and 0.9%). Candidates below
 * it and above the cutoff are still shown, for an analyst to judge. See docs/matching.md, "Threshold and cutoff".
 */
export const DEFAULT_THRESHOLD = 0.75;

/** Results scoring below this are not shown at all (yente's `cutoff`). */
export const DEFAULT_CUTOFF = 0.5;

/** The cutoff when none is given: the default one, or the threshold when that is lower (a match is never hidden). */
export function cutoffFor(threshold: number): number {
  return Math.min(DEFAULT_CUTOFF, threshold);
}
