// `npm run bench -- NAME...`: run the named benchmarks (all when none is named).
import { benchLoad } from './load.js';
import { benchMatch } from './match.js';

const BENCHMARKS: Record<string, () => Promise<void>> = { load: benchLoad, match: benchMatch };

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
for (const name of names.length ? names : Object.keys(BENCHMARKS)) await BENCHMARKS[name]!();
