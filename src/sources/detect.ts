import { basename } from 'node:path';
import { ParseError } from '../core/errors.js';
import type { SourceFormat } from './publication.js';
import { readHead } from './read.js';

/**
 * The format of a list file, from its content: the XML root element, the ZIP signature of an
 * XLSX workbook, the shape of a JSON line or of an OFAC CSV row. The name is only a tie-breaker.
 */
export async function detectFormat(path: string): Promise<SourceFormat> {
  const head = await readHead(path, 8192);
  const file = basename(path);
  if (head.length === 0) throw new ParseError(file, undefined, 'the file is empty (or not a readable gzip stream)');
  if (head[0] === 0x50 && head[1] === 0x4b) return 'au-xlsx';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    const root = /<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(trimmed.replace(/<!--[\s\S]*?-->/g, ''));
    switch (root?.[2]) {
      case 'CONSOLIDATED_LIST': return 'un-xml';
      case 'sdnList': return 'ofac-xml';
      case 'data-set': return 'ca-sema-xml';
      default: throw new ParseError(file, 'line 1', `unknown XML list format (root element <${root?.[2] ?? '?'}>)`);
    }
  }
  if (trimmed.startsWith('{')) {
    return /^\{\s*"op"\s*:/.test(trimmed) || /"op"\s*:\s*"(ADD|MOD|DEL)"/.test(trimmed.split('\n', 1)[0] ?? '') ? 'ftm-delta' : 'ftm';
  }
  if (/^\d+,"[^"]*",/.test(trimmed)) return 'ofac-csv';
  throw new ParseError(file, 'line 1', 'unknown list format: not UN or OFAC XML, OFAC CSV, Canada SEMA XML, DFAT XLSX or FtM JSON lines');
}
