import type { Mapping, Measure, Verification } from '../regime/regime.js';
import { compareVerdicts, type Verdict } from '../regime/rules.js';

/**
 * What a check found, with the rule it rests on. `status` says whether the finding rests on
 * verified facts only (`verified`), or on an indicative HS mapping or a fact not fully verified
 * (`indicative`: screening policy, not law); `verification` and `mapping` say which.
 *
 * @example { kind: 'goods', verdict: 'prohibited', measure: 'coal-iron-2371', basis: 'UNSCR 2371 (2017) OP8', detail: '...', status: 'indicative', verification: 'partially_verified', mapping: 'indicative', line: 1, hs: '2701.12' }
 */
export interface Finding {
  kind: 'goods' | 'party' | 'vessel' | 'route';
  /** What this finding alone makes of the shipment. */
  verdict: Exclude<Verdict, 'clear'>;
  /** The measure's id in the regime's file; for a national designation, `<list>:<program>`; null where none applies. */
  measure: string | null;
  basis: string | null;
  detail: string;
  status: 'verified' | 'indicative';
  verification?: Verification;
  mapping?: Mapping;
  /** The goods line (from 1) a goods finding is about, and its HS code as written. */
  line?: number;
  hs?: string;
  /** For a line without an HS code: the chapters its words name, and the measures each would meet. */
  candidates?: { chapter: string; title: string; words: string[]; measures: string[] }[];
  /** What the measure exempts (told, not applied, unless the shipment shows it). */
  exceptions?: { text: string; verification: Verification }[];
  /** The party a party finding is about. */
  party?: { role: string; name: string };
  /** A listed entity the party or vessel matched, with the matcher's explanation. */
  match?: unknown;
  /**
   * For goods under a capped measure, the petroleum ledger's standing for the shipment's period
   * (`interdict petroleum status`); `refused` once the cease point was reached by its month.
   */
  ledger?: {
    kind: 'refined' | 'crude';
    year: number;
    total_bbl: number;
    cap_bbl: number;
    share: number;
    thresholds: { pct: number; crossed: string | null }[];
    cease_pct: number;
    ceased: string | null;
    cease_verification: Verification;
    refused?: true;
  };
}

/** A shipment's answer: its verdict (its worst finding's, `clear` without any) and its findings, worst first. */
export interface ShipmentAnswer {
  id: string;
  verdict: Verdict;
  findings: Finding[];
  rules_version: string;
}

/** A finding's status from the facts it rests on: verified only when the measure is and any HS mapping is the resolution's own. */
export function statusOf(measure: Pick<Measure, 'verification'> | undefined, mapping?: Mapping): Finding['status'] {
  if (measure && measure.verification !== 'verified') return 'indicative';
  if (mapping && mapping !== 'resolution_text') return 'indicative';
  return 'verified';
}

const KINDS: Finding['kind'][] = ['party', 'vessel', 'goods', 'route'];

/** The answer to a shipment: findings worst first (then parties, vessels, goods, route, in the order found), the worst one's verdict. */
export function answerOf(id: string, findings: Finding[], rulesVersion: string): ShipmentAnswer {
  const ordered = findings.map((f, i) => ({ f, i })).sort((a, b) => compareVerdicts(a.f.verdict, b.f.verdict) || KINDS.indexOf(a.f.kind) - KINDS.indexOf(b.f.kind) || a.i - b.i).map(({ f }) => f);
  return { id, verdict: ordered[0]?.verdict ?? 'clear', findings: ordered, rules_version: rulesVersion };
}
