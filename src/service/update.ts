import { copyFileSync, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DATASETS } from '../core/collections.js';
import { InputError, InterdictError } from '../core/errors.js';
import { readPublication } from '../sources/index.js';
import type { Store } from '../store/index.js';
import { commitPublications, type DatasetLoadSummary } from './load.js';

interface SourceFile {
  /** The file's name in a mirror and on disk. */
  name: string;
  url: string;
  optional?: boolean;
}

interface UpdateSource {
  files: SourceFile[];
  /** What to parse: one file, or the folder (an OFAC CSV set). */
  entry: string | 'folder';
}

const OFAC_EXPORTS = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports';

/** Where each list is published, file by file. */
export const UPDATE_SOURCES: Record<string, UpdateSource> = {
  un_sc: { files: [{ name: 'consolidated.xml', url: DATASETS.un_sc.url }], entry: 'consolidated.xml' },
  us_ofac_sdn: {
    files: [
      { name: 'sdn.csv', url: `${OFAC_EXPORTS}/SDN.CSV` },
      { name: 'add.csv', url: `${OFAC_EXPORTS}/ADD.CSV` },
      { name: 'alt.csv', url: `${OFAC_EXPORTS}/ALT.CSV` },
      { name: 'sdn_comments.csv', url: `${OFAC_EXPORTS}/SDN_COMMENTS.CSV`, optional: true },
    ],
    entry: 'folder',
  },
  au_dfat: { files: [{ name: 'regulation8_consolidated.xlsx', url: DATASETS.au_dfat.url }], entry: 'regulation8_consolidated.xlsx' },
  ca_sema: { files: [{ name: 'sema-lmes.xml', url: DATASETS.ca_sema.url }], entry: 'sema-lmes.xml' },
};

/** Updated when none is named: the UN list and OFAC's SDN list. */
export const DEFAULT_UPDATE = ['un_sc', 'us_ofac_sdn'];

export interface UpdateOptions {
  datasets?: string[];
  /** A mirror: a folder or a base URL holding the files under their names. */
  from?: string;
  /** Per request. */
  timeoutMs?: number;
  /** Attempts after the first, for network errors, 5xx, 429 and incomplete bodies. */
  retries?: number;
  /** First wait between attempts; doubled each time. */
  backoffMs?: number;
  log?: (message: string) => void;
  /** Who updates, for the audit trail. */
  actor?: string;
  /** Take a download that removes much of its dataset, or changes its format, as it is. */
  force?: boolean;
  /** The share of a dataset's entities a download may remove without `force`. */
  maxRemovedShare?: number;
}

export type DatasetUpdate = { dataset: string; ok: true; load: DatasetLoadSummary } | { dataset: string; ok: false; error: string };

class Retryable extends Error {}

/** Download one file to `dest`: a complete body or an error; never a partial file (the list update's and the news reader's). */
export async function download(url: string, dest: string, options: Required<Pick<UpdateOptions, 'timeoutMs' | 'retries' | 'backoffMs'>> & { optional?: boolean; log?: (m: string) => void }): Promise<boolean> {
  const partial = `${dest}.part`;
  for (let attempt = 0; ; attempt++) {
    try {
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow', headers: { 'user-agent': 'interdict (sanctions screening; list update)' } });
      } catch (error) {
        throw new Retryable(`${url}: ${(error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (error as Error).message}`);
      }
      if (response.status === 404 && options.optional) return false;
      if (response.status >= 500 || response.status === 429) throw new Retryable(`${url}: HTTP ${response.status}`);
      if (!response.ok || !response.body) throw new InterdictError('DOWNLOAD_FAILED', `${url}: HTTP ${response.status}`, 502);
      const declared = response.headers.get('content-encoding') ? undefined : Number(response.headers.get('content-length') ?? NaN);
      try {
        await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(partial));
      } catch (error) {
        throw new Retryable(`${url}: the download broke off (${(error as Error).message})`);
      }
      const size = statSync(partial).size;
      if (declared !== undefined && Number.isFinite(declared) && size !== declared) throw new Retryable(`${url}: ${size} of ${declared} bytes arrived`);
      if (size === 0) throw new Retryable(`${url}: empty body`);
      renameSync(partial, dest);
      return true;
    } catch (error) {
      rmSync(partial, { force: true });
      if (!(error instanceof Retryable) || attempt >= options.retries) {
        throw error instanceof InterdictError ? error : new InterdictError('DOWNLOAD_FAILED', `${(error as Error).message} (after ${attempt + 1} attempt(s))`, 502);
      }
      options.log?.(`${(error as Error).message}; retrying`);
      await new Promise((wait) => setTimeout(wait, options.backoffMs * 2 ** attempt));
    }
  }
}

/** Fetch one dataset's files into `dir`: from the publisher, a mirror URL or a mirror folder. */
async function fetchFiles(source: UpdateSource, dir: string, options: UpdateOptions): Promise<void> {
  const settings = { timeoutMs: options.timeoutMs ?? 120_000, retries: options.retries ?? 3, backoffMs: options.backoffMs ?? 1000, log: options.log };
  for (const file of source.files) {
    const dest = join(dir, file.name);
    if (options.from && !/^https?:\/\//i.test(options.from)) {
      const path = join(options.from, file.name);
      if (!existsSync(path)) {
        if (file.optional) continue;
        throw new InputError('MIRROR_INCOMPLETE', `${path}: not in the mirror folder`);
      }
      copyFileSync(path, dest);
      continue;
    }
    const url = options.from ? `${options.from.replace(/\/+$/, '')}/${file.name}` : file.url;
    await download(url, dest, { ...settings, optional: file.optional });
  }
}

/**
 * Download the current publications and load them, dataset by dataset. Each is parsed whole
 * before anything is written, and committed in one transaction: a failed, partial or malformed
 * download leaves the current version as it was. One dataset failing does not stop the others.
 */
export async function updateDatasets(store: Store, options: UpdateOptions = {}): Promise<DatasetUpdate[]> {
  const datasets = options.datasets?.length ? options.datasets : DEFAULT_UPDATE;
  for (const dataset of datasets) {
    if (!UPDATE_SOURCES[dataset]) throw new InputError('UNKNOWN_DATASET', `no publisher source for "${dataset}"; known: ${Object.keys(UPDATE_SOURCES).join(', ')}`);
  }
  const results: DatasetUpdate[] = [];
  for (const dataset of datasets) {
    const source = UPDATE_SOURCES[dataset]!;
    const dir = mkdtempSync(join(tmpdir(), `interdict-update-${dataset}-`));
    try {
      await fetchFiles(source, dir, options);
      const publication = await readPublication(source.entry === 'folder' ? dir : join(dir, source.entry), { dataset });
      if (publication.dataset !== dataset) throw new InputError('WRONG_LIST', `the ${dataset} download holds a ${publication.dataset} publication`);
      const summary = await commitPublications(store, [publication], { actor: options.actor, confirmed: true, force: options.force, maxRemovedShare: options.maxRemovedShare });
      results.push({ dataset, ok: true, load: summary.datasets[dataset]! });
    } catch (error) {
      results.push({ dataset, ok: false, error: (error as Error).message });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
