// `npm run bench -- NAME...`: run the named benchmarks (all when none is named).
import { benchApi } from './api.js';
import { benchBatch } from './batch.js';
import { benchBounds } from './bounds.js';
import { benchLinks } from './links.js';
import { benchLoad } from './load.js';
import { benchMatch } from './match.js';
import { benchMonitor } from './monitor.js';
import { benchNews } from './news.js';
import { benchScale } from './scale.js';
import { benchShipments } from './shipments.js';

const BENCHMARKS: Record<string, () => Promise<void>> = { load: benchLoad, match: benchMatch, scale: benchScale, api: benchApi, monitor: benchMonitor, bounds: benchBounds, links: benchLinks, batch: benchBatch, shipments: benchShipments, news: benchNews };

const args = process.argv.slice(2);
const names = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--entities');
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
for (const name of names.length ? names : Object.keys(BENCHMARKS)) await BENCHMARKS[name]!();
