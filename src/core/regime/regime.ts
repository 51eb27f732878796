import { createHash } from 'node:crypto';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { isValidDate } from '../query/dates.js';
import { readHsSpan, type HsSpan } from './hs.js';

/**
 * A sanctions regime as data (regimes/dprk.yaml): its measures, each with its legal basis, the
 * date it took effect, the direction of trade it governs, the goods it covers by HS code or by
 * words, its cap and exceptions, and how well each fact is verified. Reading it is pure: the
 * caller gives the text and the file's name, and every error names the file, the measure and
 * the field.
 */

/** Which way goods move for a measure to apply: out of the DPRK, into it, or either. */
export const DIRECTIONS = ['export_from_dprk', 'import_to_dprk', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What a measure does to a shipment it covers: forbid it, allow it only under conditions (a cap, an exemption), or call for an analyst. */
export const EFFECTS = ['prohibited', 'licence_required', 'review'] as const;
export type Effect = (typeof EFFECTS)[number];

/** How well a fact is established (the reference's legend): confirmed by a cited source, in part, or not at all. */
export const VERIFICATIONS = ['verified', 'partially_verified', 'unverified'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

/**
 * Where a measure's HS codes come from: written in the operative paragraph, an indicative
 * mapping of a commodity the resolution names only (a screening policy, not law), or the codes
 * a national authority used.
 */
export const MAPPINGS = ['resolution_text', 'indicative', 'national_implementation'] as const;
export type Mapping = (typeof MAPPINGS)[number];

/** What a measure governs: goods, designated persons' assets, cargo inspection, DPRK-flagged ships, ship-to-ship transfers, DPRK nationals working abroad. */
export const MEASURE_TYPES = ['goods', 'asset_freeze', 'inspection', 'flag', 'ship_to_ship', 'workers', 'travel_ban'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

/**
 * Conditions under which an exception can be read from the record checked (the others are told,
 * never applied): goods loaded at Rajin of another origin (a shipment); a contract signed before
 * the measure took effect, a worker holding the host state's nationality, a worker whose return
 * is prohibited under international law (a worker record).
 */
export const EXCEPTION_CONDITIONS = ['rajin_transit', 'contract_before_in_force', 'host_state_national', 'return_prohibited'] as const;

const DATE = z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && isValidDate(d), 'a date YYYY-MM-DD');
const TEXT = z.string().trim().min(1);
const VERIFICATION = z.enum(VERIFICATIONS);

const HS_SPAN = z.string().transform((written, ctx) => {
  const read = readHsSpan(written);
  if (read.problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: read.problem });
    return z.NEVER;
  }
  return { written, ...read.span };
});

const COVERAGE = z.object({
  hs: z.array(HS_SPAN).default([]),
  exclude: z.array(HS_SPAN).default([]),
  mapping: z.enum(MAPPINGS).optional(),
  /** whole: the codes hold the measure's goods only; part: other goods too, so the description decides. */
  scope: z.enum(['whole', 'part']).default('whole'),
  /** Words of a description naming the measure's goods (lower case; several words are a phrase). */
  terms: z.array(TEXT.transform((t) => t.toLowerCase())).default([]),
  note: TEXT.optional(),
}).strict().superRefine((c, ctx) => {
  if (!c.hs.length && !c.terms.length) ctx.addIssue({ code: 'custom', message: 'a coverage gives HS codes (hs), words (terms) or both' });
  if (c.hs.length && !c.mapping) ctx.addIssue({ code: 'custom', path: ['mapping'], message: 'HS codes need their mapping: resolution_text, indicative or national_implementation' });
  if (c.exclude.length && !c.hs.length) ctx.addIssue({ code: 'custom', path: ['exclude'], message: 'exclusions need HS codes to exclude from' });
});

/** Which ledger of deliveries counts against a cap (`interdict petroleum`): refined petroleum products or crude oil. */
export const LEDGER_KINDS = ['refined', 'crude'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * A cap in words (amount, period, text) and, where a ledger counts deliveries against it, in
 * figures: the ledger, the barrels (and tonnes) per period, the day each 12-month period begins
 * (MM-DD) and the first day counted when later than `in_force`.
 */
const CAP = z.object({
  amount: TEXT,
  period: TEXT,
  text: TEXT.optional(),
  verification: VERIFICATION,
  ledger: z.enum(LEDGER_KINDS).optional(),
  barrels: z.number().int().positive().optional(),
  tonnes: z.number().int().positive().optional(),
  period_start: z.string().refine((d) => /^\d{2}-\d{2}$/.test(d) && isValidDate(`2001-${d}`), 'a day of the year MM-DD').optional(),
  from: DATE.optional(),
  /** The shares of the cap (per cent) at which the Committee notifies States, and how well that is established. */
  thresholds_pct: z.array(z.number().gt(0).max(100)).optional(),
  thresholds_verification: VERIFICATION.optional(),
}).strict().superRefine((c, ctx) => {
  if (c.ledger && (c.barrels === undefined || c.period_start === undefined)) ctx.addIssue({ code: 'custom', path: ['ledger'], message: 'a cap a ledger counts against gives its barrels and its period_start (MM-DD)' });
  if (!c.ledger && (c.barrels !== undefined || c.tonnes !== undefined || c.period_start !== undefined || c.from !== undefined || c.thresholds_pct !== undefined)) ctx.addIssue({ code: 'custom', path: ['ledger'], message: 'figures of a cap go with the ledger (refined or crude) that counts against them' });
  if (c.thresholds_pct && !c.thresholds_verification) ctx.addIssue({ code: 'custom', path: ['thresholds_verification'], message: 'thresholds need their verification status' });
});

const MEASURE = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  title: TEXT,
  type: z.enum(MEASURE_TYPES),
  /** How a finding cites it: "UNSCR 2371 (2017) OP8". */
  basis: TEXT,
  resolution: TEXT,
  /** The operative paragraph(s); absent where the number was not confirmed. */
  paragraph: TEXT.optional(),
  in_force: DATE,
  /** The first day it no longer applies (superseded); absent while in force. */
  until: DATE.optional(),
  /** The day by which the measure is to be complied with (a repatriation within 24 months): before it, what it covers is still allowed. */
  deadline: DATE.optional(),
  superseded_by: TEXT.optional(),
  direction: z.enum(DIRECTIONS),
  effect: z.enum(EFFECTS),
  description: TEXT,
  coverage: z.array(COVERAGE).default([]),
  cap: CAP.optional(),
  exceptions: z.array(z.object({ text: TEXT, verification: VERIFICATION, applies: z.enum(EXCEPTION_CONDITIONS).optional() }).strict()).default([]),
  verification: VERIFICATION,
  sources: z.array(TEXT),
  notes: TEXT.optional(),
}).strict().superRefine((m, ctx) => {
  if (m.until && m.until <= m.in_force) ctx.addIssue({ code: 'custom', path: ['until'], message: `${m.until} is not after in_force ${m.in_force}` });
  if (m.deadline && m.deadline <= m.in_force) ctx.addIssue({ code: 'custom', path: ['deadline'], message: `${m.deadline} is not after in_force ${m.in_force}` });
  if (m.type === 'goods' && !m.coverage.length) ctx.addIssue({ code: 'custom', path: ['coverage'], message: 'a goods measure says which goods it covers' });
  if (m.type !== 'goods' && m.coverage.length) ctx.addIssue({ code: 'custom', path: ['coverage'], message: `a ${m.type} measure covers no goods` });
});

const PROGRAM = z.object({ instrument: TEXT, verification: VERIFICATION }).strict();

const REGIME = z.object({
  regime: z.string().regex(/^[a-z0-9_-]+$/),
  title: TEXT,
  version: TEXT,
  compiled_from: TEXT,
  sources: z.record(z.string(), TEXT),
  general_exemptions: z.array(z.object({ text: TEXT, verification: VERIFICATION, sources: z.array(TEXT) }).strict()).default([]),
  national_programs: z.record(z.string(), z.object({ list: TEXT, programs: z.record(z.string(), PROGRAM), sources: z.array(TEXT) }).strict()).default({}),
  measures: z.array(MEASURE).min(1),
}).strict();

export type Regime = z.infer<typeof REGIME> & {
  /** The file the regime was read from, as named to the reader. */
  file: string;
  /** The version and a digest of the file's text: what a check records as the rules it applied. */
  rulesVersion: string;
};
export type Measure = Regime['measures'][number];
export type Coverage = Measure['coverage'][number];
export type CoverageSpan = HsSpan & { written: string };

/** Where a zod issue is, in words: `measure coal-2371, coverage[0].hs[1]`. */
function locate(raw: unknown, path: readonly PropertyKey[]): string {
  if (path[0] === 'measures' && typeof path[1] === 'number') {
    const measure = (raw as { measures?: { id?: unknown }[] }).measures?.[path[1]];
    const name = typeof measure?.id === 'string' ? `measure ${measure.id}` : `measure #${path[1] + 1}`;
    return path.length > 2 ? `${name}, field ${fieldPath(path.slice(2))}` : name;
  }
  return path.length ? `field ${fieldPath(path)}` : 'the file';
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/**
 * A regime read from its YAML text, validated: refused with an `INVALID_REGIME` error naming
 * the file, the measure and the field at fault.
 *
 * @example parseRegime(readFileSync('regimes/dprk.yaml', 'utf8'), 'regimes/dprk.yaml')
 */
export function parseRegime(text: string, file: string): Regime {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` line ${error.linePos[0].line}` : '';
    throw new InputError('INVALID_REGIME', `${file}${where}: not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = REGIME.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('INVALID_REGIME', `${file}: ${locate(raw, issue.path)}: ${issue.message}`);
  }
  const regime = parsed.data;
  const ids = new Set<string>();
  for (const [i, m] of regime.measures.entries()) {
    const at = (field: string): string => `${file}: ${locate(raw, ['measures', i, field])}`;
    if (ids.has(m.id)) throw new InputError('INVALID_REGIME', `${at('id')}: the id ${m.id} is given to two measures`);
    ids.add(m.id);
    for (const source of m.sources) if (!(source in regime.sources)) throw new InputError('INVALID_REGIME', `${at('sources')}: source ${source} is not among the file's sources`);
  }
  for (const [i, m] of regime.measures.entries()) {
    if (m.superseded_by && !ids.has(m.superseded_by)) throw new InputError('INVALID_REGIME', `${file}: ${locate(raw, ['measures', i, 'superseded_by'])}: no measure ${m.superseded_by}`);
  }
  return { ...regime, file, rulesVersion: `${regime.regime} ${regime.version} (sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)})` };
}
