import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { parseAuXlsx } from './au-xlsx.js';
import { parseCaSema } from './ca-sema.js';
import { detectFormat } from './detect.js';
import { parseFtm } from './ftm.js';
import { findOfacCsvSet, parseOfacCsv } from './ofac-csv.js';
import { parseOfacXml } from './ofac-xml.js';
import type { ParseOptions, Publication } from './publication.js';
import { isDirectory } from './read.js';
import { parseUnXml } from './un-xml.js';

export type { DeltaOperation, ParseOptions, Publication, SourceFormat } from './publication.js';
export { detectFormat } from './detect.js';
export { foldSanctions } from './ftm.js';
export { parseDates } from './dates.js';

/** A label for messages: the file name with its folder, which for dated mirrors is the date. */
function label(path: string): string {
  const folder = basename(dirname(path));
  return folder && folder !== '.' ? `${folder}/${basename(path)}` : basename(path);
}

/**
 * Read one publication: a list file in any supported format (gzipped or not), or a folder
 * holding an OFAC SDN CSV set.
 */
export async function readPublication(path: string, options: ParseOptions = {}): Promise<Publication> {
  if (await isDirectory(path)) {
    const set = await findOfacCsvSet(path);
    if (!set) throw new InputError('UNKNOWN_FORMAT', `${path}: a folder must hold an OFAC CSV set (sdn.csv, alt.csv, add.csv)`);
    return parseOfacCsv(set, basename(path));
  }
  const format = await detectFormat(path);
  const name = label(path);
  switch (format) {
    case 'un-xml': return parseUnXml(path, name);
    case 'ofac-xml': return parseOfacXml(path, name, options.dataset ?? (/cons/i.test(basename(path)) ? 'us_ofac_cons' : 'us_ofac_sdn'));
    case 'ofac-csv': {
      // A lone sdn.csv takes the alt.csv and add.csv beside it, when it is that folder's sdn.csv.
      const set = await findOfacCsvSet(dirname(path));
      return parseOfacCsv(set && resolve(set.sdn) === resolve(path) ? set : { sdn: path }, basename(dirname(path)) || name);
    }
    case 'au-xlsx': return parseAuXlsx(path, name);
    case 'ca-sema-xml': return parseCaSema(path, name);
    case 'ftm': return parseFtm(path, name, options.dataset, false);
    case 'ftm-delta': return parseFtm(path, name, options.dataset, true);
  }
}
