import { labelOf } from '../../../src/core/ftm.js';
import type { FeatureExplanation, TokenPair } from '../api.js';

type How = TokenPair['how'];

/** What each way of pairing two words means, and the colour it is shown in (styles.css: same, variant, near). */
const HOW: Record<How, { label: string; shade: 'same' | 'variant' | 'near' }> = {
  exact: { label: 'the same word', shade: 'same' },
  korean: { label: 'one Korean name, romanized differently (Kim, Gim)', shade: 'variant' },
  joined: { label: 'written as one word or as two (Jong Un, Jongun)', shade: 'variant' },
  familiar: { label: 'a familiar form of a given name (Bob, Robert)', shade: 'variant' },
  initial: { label: 'an initial and a word it begins', shade: 'variant' },
  edit: { label: 'spelled alike, some letters apart', shade: 'near' },
  typo: { label: 'one slip of a letter', shade: 'near' },
  consonants: { label: 'the same consonants, other vowels', shade: 'near' },
  transliteration: { label: 'another transliteration of the word', shade: 'near' },
};
const HOW_ORDER = Object.keys(HOW) as How[];

/** One word of a name as shown: paired (how, with whom) or without a partner. */
interface Word {
  text: string;
  pair?: TokenPair;
}

/** Lower-case, without accents, words separated by single spaces: the form a name's words are looked for in. */
function plain(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The words in the order the name writes them. The scorer lists pairs best first and unpaired
 * words after; here each word found in the name takes its place there, and the words not found
 * as written (a Hangul name's romanized words) keep their places among them.
 */
function inNameOrder(name: string, words: Word[]): Word[] {
  const written = ` ${plain(name)} `;
  const taken = new Set<number>();
  const at = words.map((word) => {
    const needle = ` ${plain(word.text)} `;
    for (let from = written.indexOf(needle); from >= 0; from = written.indexOf(needle, from + 1)) {
      if (!taken.has(from)) {
        taken.add(from);
        return from;
      }
    }
    return -1;
  });
  const found = words.map((word, i) => ({ word, at: at[i]! })).filter((w) => w.at >= 0).sort((a, b) => a.at - b.at);
  let next = 0;
  return words.map((word, i) => (at[i]! >= 0 ? found[next++]!.word : word));
}

const signed = (n: number): string => (n > 0 ? `+${n.toFixed(2)}` : `−${Math.abs(n).toFixed(2)}`);

/** What a feature did to the score, in words: the name gives the score, the others add to it, take from it, or leave it. */
function effectOf(name: string, feature: FeatureExplanation): string {
  if (name === 'name') return `${feature.score.toFixed(2)}, the score to begin with`;
  const effect = Math.round(feature.score * feature.weight * 1000) / 1000;
  return effect === 0 ? 'none: the score stays' : `${signed(effect)} to the score`;
}

/** How a feature compared, in words: the scorer's own note, or for a name each pair of words. */
function HowCell({ name, feature }: { name: string; feature: FeatureExplanation }) {
  if (name === 'name' && feature.pairs) {
    // One line a way of pairing: the same words by themselves, other pairs with both sides.
    const ways = HOW_ORDER.map((how) => ({ how, pairs: feature.pairs!.filter((pair) => pair.how === how) })).filter((way) => way.pairs.length);
    return (
      <ul className="how">
        {ways.map(({ how, pairs }) => <li key={how}>{HOW[how].label}: {pairs.map((pair) => (how === 'exact' ? pair.query : `${pair.query} – ${pair.candidate} (${pair.similarity.toFixed(2)})`)).join(', ')}</li>)}
        {[...(feature.unmatched?.query ?? []), ...(feature.unmatched?.candidate ?? [])].map((word, i) => <li key={`u${i}`}>{word}: no partner in the other name, lowers the score</li>)}
        {feature.detail && <li>{feature.detail}</li>}
      </ul>
    );
  }
  const agree = feature.score * feature.weight === 0;
  const said = feature.detail ?? (agree ? 'they agree' : 'they differ');
  return <>{said.charAt(0).toUpperCase()}{said.slice(1)}</>;
}

/**
 * Each feature of a score: the values compared, how they compared, and what that did to the
 * score; a name's words in their own order, coloured by how they paired, with a legend.
 */
export function Explanation({ explanations }: { explanations: Record<string, FeatureExplanation> }) {
  const features = Object.entries(explanations);
  if (!features.length) return <p className="muted">No features.</p>;
  const pairs = features.flatMap(([, feature]) => feature.pairs ?? []);
  const unmatched = features.some(([, feature]) => feature.unmatched?.query.length || feature.unmatched?.candidate.length);
  return (
    <div className="explanation-block">
      <table className="explanation">
        <thead>
          <tr><th scope="col">Feature</th><th scope="col">Query</th><th scope="col">Listed</th><th scope="col">How</th><th scope="col">Effect on the score</th></tr>
        </thead>
        <tbody>
          {features.map(([name, feature]) => (
            <tr key={name}>
              <th scope="row">{labelOf(name)}</th>
              <td>{feature.pairs ? <Name original={feature.query[0] ?? ''} side="query" pairs={feature.pairs} unmatched={feature.unmatched?.query ?? []} /> : feature.query.join('; ')}</td>
              <td>{feature.pairs ? <Name original={feature.candidate[0] ?? ''} side="candidate" pairs={feature.pairs} unmatched={feature.unmatched?.candidate ?? []} /> : feature.candidate.join('; ')}</td>
              <td><HowCell name={name} feature={feature} /></td>
              <td className="effect" title={`score ${feature.score.toFixed(3)} × weight ${feature.weight.toFixed(2)}`}>{effectOf(name, feature)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(pairs.length > 0 || unmatched) && (
        <ul className="legend" aria-label="Word colours">
          {HOW_ORDER.filter((how) => pairs.some((pair) => pair.how === how)).map((how) => (
            <li key={how}><mark className={`token token-${HOW[how].shade}`}>{how}</mark> {HOW[how].label}</li>
          ))}
          {unmatched && <li><span className="token token-unmatched">word</span> no partner in the other name: lowers the score</li>}
        </ul>
      )}
    </div>
  );
}

/** A name as given, and below it its words in their order: paired ones coloured by how they paired, unpaired ones struck through. */
function Name({ original, side, pairs, unmatched }: { original: string; side: 'query' | 'candidate'; pairs: TokenPair[]; unmatched: string[] }) {
  const words = inNameOrder(original, [...pairs.map((pair) => ({ text: pair[side], pair })), ...unmatched.map((text) => ({ text }))]);
  return (
    <>
      <span className="name-given">{original}</span>
      <span className="tokens">
        {words.map((word, i) => (word.pair
          ? <mark key={i} className={`token token-${HOW[word.pair.how].shade}`} title={`${word.pair.query} – ${word.pair.candidate}: ${HOW[word.pair.how].label}, ${word.pair.similarity.toFixed(2)}`}>{word.text}</mark>
          : <span key={i} className="token token-unmatched" title="no partner in the other name: lowers the score">{word.text}</span>))}
      </span>
    </>
  );
}
