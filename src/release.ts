import { readFileSync } from 'node:fs';

/**
 * The release of Interdict this is, from its package.json (beside `src/` and `dist/` alike).
 *
 * @example '0.1.0'
 */
export const RELEASE: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
