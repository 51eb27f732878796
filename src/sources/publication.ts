import type { Entity } from '../core/entity.js';

/** The list formats Interdict reads. */
export type SourceFormat = 'un-xml' | 'ofac-csv' | 'ofac-xml' | 'au-xlsx' | 'ca-sema-xml' | 'ftm' | 'ftm-delta';

/** One OpenSanctions delta operation. */
export interface DeltaOperation {
  op: 'ADD' | 'MOD' | 'DEL';
  entity: Entity;
  line: number;
}

/**
 * What a parser makes of one publication of one list.
 *
 * @example { dataset: 'un_sc', format: 'un-xml', published: '2026-02-27', source: 'consolidated.xml', entities: [...] }
 */
export interface Publication {
  dataset: string;
  format: SourceFormat;
  /** The publication date the file states (YYYY-MM-DD), or null when the format has none. */
  published: string | null;
  /** The file or folder it was read from. */
  source: string;
  entities: Entity[];
  /** For an OpenSanctions delta: the operations, applied to the dataset's current version. */
  delta?: DeltaOperation[];
  /** Records the parser read but did not keep, with why (counted, not silently dropped). */
  skipped: { reason: string; count: number }[];
  /** What the reader of the load must know: the publication is usable but incomplete. */
  warnings?: string[];
}

export interface ParseOptions {
  /** Override the dataset name (FtM input, or an OFAC XML file that is not the SDN list). */
  dataset?: string;
}
