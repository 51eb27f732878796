import type { FeatureExplanation, TokenPair } from '../api.js';

/** Each feature of a score: its score, weight and the values compared; names show their aligned words. */
export function Explanation({ explanations }: { explanations: Record<string, FeatureExplanation> }) {
  const features = Object.entries(explanations);
  if (!features.length) return <p className="muted">No features.</p>;
  return (
    <table className="explanation">
      <thead>
        <tr><th>Feature</th><th>Score</th><th>Weight</th><th>Query</th><th>Candidate</th><th>How</th></tr>
      </thead>
      <tbody>
        {features.map(([name, feature]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{feature.score.toFixed(3)}</td>
            <td className="num">{feature.weight.toFixed(2)}</td>
            <td>{feature.pairs ? <Tokens side="query" pairs={feature.pairs} unmatched={feature.unmatched?.query ?? []} /> : feature.query.join('; ')}</td>
            <td>{feature.pairs ? <Tokens side="candidate" pairs={feature.pairs} unmatched={feature.unmatched?.candidate ?? []} /> : feature.candidate.join('; ')}</td>
            <td className="muted">{feature.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One side's words: aligned ones highlighted (by how they matched), unpaired ones struck through. */
function Tokens({ side, pairs, unmatched }: { side: 'query' | 'candidate'; pairs: TokenPair[]; unmatched: string[] }) {
  return (
    <span className="tokens">
      {pairs.map((pair, i) => (
        <mark key={`p${i}`} className={`token token-${pair.how}`} title={`${pair.query} ↔ ${pair.candidate}: ${pair.how}, ${pair.similarity.toFixed(2)}`}>
          {pair[side]}
        </mark>
      ))}
      {unmatched.map((word, i) => <span key={`u${i}`} className="token token-unmatched" title="no partner: lowers the score">{word}</span>)}
    </span>
  );
}
