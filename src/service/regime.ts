import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.js';
import { parseRegime, type Regime } from '../core/regime/index.js';

/**
 * The regime files shipped with the package: `regimes/` at its root, two folders up from this
 * module both in src/service (run from source) and in dist/service (the compiled package).
 */
export const REGIMES_DIR = fileURLToPath(new URL('../../regimes/', import.meta.url));

/** The rules file of the DPRK regime, as shipped. */
export const DPRK_REGIME_FILE = `${REGIMES_DIR}dprk.yaml`;

const READ = new Map<string, Regime>();

/**
 * A regime read and validated from its file (once per process and path: the file is part of
 * the release). Errors name the file, the measure and the field.
 */
export function readRegime(path: string = DPRK_REGIME_FILE): Regime {
  const known = READ.get(path);
  if (known) return known;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('FILE_NOT_FOUND', `the regime's rules file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const shown = path.startsWith(REGIMES_DIR) ? `regimes/${relative(REGIMES_DIR, path)}` : path;
  const regime = parseRegime(text, shown);
  READ.set(path, regime);
  return regime;
}
