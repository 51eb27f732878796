/** A score in [0, 1] as a bar, with the number; the match decision colours it. */
export function ScoreBar({ score, match }: { score: number; match?: boolean }) {
  const percent = Math.round(score * 100);
  return (
    <span className="score" title={`score ${score.toFixed(3)}`}>
      <span className="score-track" role="meter" aria-valuemin={0} aria-valuemax={1} aria-valuenow={score} aria-label="score">
        <span className={`score-fill ${match === undefined ? '' : match ? 'hit' : 'miss'}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="score-value">{score.toFixed(2)}</span>
    </span>
  );
}

export function MatchBadge({ match }: { match: boolean }) {
  return <span className={`badge ${match ? 'badge-hit' : 'badge-miss'}`}>{match ? 'match' : 'no match'}</span>;
}
