import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The real list files beside the repository (../shared/data), or where INTERDICT_SHARED_DATA points. */
export const SHARED_DATA = resolve(process.env.INTERDICT_SHARED_DATA ?? join(new URL('../..', import.meta.url).pathname, '../shared/data'));
export const HAVE_SHARED_DATA = existsSync(join(SHARED_DATA, 'un_sc'));

export const dataPath = (...parts: string[]): string => join(SHARED_DATA, ...parts);

if (!HAVE_SHARED_DATA) console.warn(`real-list tests skipped: no list files at ${SHARED_DATA} (set INTERDICT_SHARED_DATA)`);
