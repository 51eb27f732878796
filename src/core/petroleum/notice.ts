import type { LedgerKind } from '../regime/regime.js';
import { round, type CountedDelivery, type DeliveryParty, type DeliveryVessel } from './delivery.js';
import type { LedgerStatus } from './ledger.js';

/**
 * A supplying State's notification to the 1718 Committee of what it supplied in a month: the
 * amount (as reported and in barrels, with the factors used), all parties to the transactions,
 * the vessels and the sources, written from the ledger. UNSCR 2397 OP5 asks for it every 30
 * days; in practice it is sent by the 30th day of the following month (reference:
 * refined_petroleum_mechanism.member_state_reporting, verified).
 */
export interface PetroleumNotice {
  state: string;
  month: string;
  kind: LedgerKind;
  basis: string;
  /** The 30th day of the following month (its last day in February). */
  due: string;
  total_bbl: number;
  total_t: number;
  deliveries: {
    id?: number;
    date?: string;
    quantity: number;
    unit: string;
    barrels: number;
    factor: number | null;
    factor_source: string | null;
    parties: DeliveryParty[];
    vessel?: DeliveryVessel;
    source: string;
  }[];
  parties: DeliveryParty[];
  vessels: DeliveryVessel[];
  sources: string[];
  /** The period's standing after these deliveries (the cap, the share, the thresholds crossed). */
  ledger: Pick<LedgerStatus, 'year' | 'cap_bbl' | 'total_bbl' | 'share' | 'thresholds' | 'thresholds_verification'>;
  text: string;
}

/** The notice's due date: the 30th day of the month after `month` (YYYY-MM), or that month's last day. */
export function noticeDue(month: string): string {
  let [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) + 1];
  if (m > 12) [y, m] = [y + 1, 1];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(30, last)).padStart(2, '0')}`;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

const KIND_WORDS = { refined: 'refined petroleum products', crude: 'crude oil' } as const;

function partyWords(p: DeliveryParty): string {
  return `${p.name}${p.role ? ` (${p.role})` : ''}${p.country ? `, ${p.country}` : ''}`;
}

function vesselWords(v: DeliveryVessel): string {
  return [v.name, v.imo && `IMO ${v.imo}`, v.flag && `flag ${v.flag}`].filter(Boolean).join(', ');
}

function amount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/**
 * The notification of a State's deliveries of one kind in one month (`deliveries` holds them,
 * as stored; `status` is the period's standing), with its text for the Committee.
 */
export function petroleumNotice(state: string, month: string, kind: LedgerKind, deliveries: readonly (CountedDelivery & { id?: number })[], status: LedgerStatus): PetroleumNotice {
  const mine = deliveries.filter((d) => d.state === state && d.month === month && d.kind === kind);
  const totalBbl = round(mine.reduce((s, d) => s + d.barrels, 0), 3);
  const totalT = round(mine.reduce((s, d) => s + (d.tonnes ?? 0), 0), 3);
  const parties = uniqueBy(mine.flatMap((d) => d.parties), (p) => `${p.name.toLowerCase()}|${p.role ?? ''}`);
  const vessels = uniqueBy(mine.flatMap((d) => (d.vessel ? [d.vessel] : [])), (v) => v.imo ?? v.name ?? '');
  const sources = [...new Set(mine.map((d) => d.source))];
  const due = noticeDue(month);
  const lines = [
    `To: the Chair, Security Council Committee established pursuant to resolution 1718 (2006)`,
    `Subject: supply of ${KIND_WORDS[kind]} to the DPRK by ${state}, ${month} (${status.basis})`,
    '',
    mine.length
      ? `${state} supplied ${amount(totalBbl)} barrels of ${KIND_WORDS[kind]} to the DPRK in ${month}, in ${mine.length} deliver${mine.length > 1 ? 'ies' : 'y'}:`
      : `${state} supplied no ${KIND_WORDS[kind]} to the DPRK in ${month}: the ledger holds no delivery of that month.`,
    ...mine.map((d, i) => `  ${i + 1}. ${d.date ?? d.month}: ${amount(d.quantity)} ${d.unit === 't' ? 't' : 'bbl'}${d.unit === 't' ? ` = ${amount(d.barrels)} bbl at ${d.factor} bbl/t (${d.factor_source === 'entry' ? 'the reported factor' : `the factor set for ${state}`})` : ''}${d.vessel ? `; vessel ${vesselWords(d.vessel)}` : ''}${d.parties.length ? `; parties: ${d.parties.map(partyWords).join('; ')}` : ''}; source: ${d.source}`),
    '',
    `All parties to the transactions: ${parties.length ? parties.map(partyWords).join('; ') : 'none recorded in the ledger (the notification requires them: add them before sending)'}.`,
    `Vessels: ${vessels.length ? vessels.map(vesselWords).join('; ') : 'none recorded'}.`,
    `The ${status.year} ${kind === 'crude' ? 'period' : 'year'} stands at ${amount(status.total_bbl)} of ${amount(status.cap_bbl)} barrels (${(status.share * 100).toFixed(1)}% of the cap) in the ledger${status.thresholds.some((t) => t.crossed) ? `; thresholds reached: ${status.thresholds.filter((t) => t.crossed).map((t) => `${t.pct}% in ${t.crossed}`).join(', ')} (${status.thresholds_verification.replace(/_/g, ' ')})` : ''}.`,
    `Due by ${due} (within 30 days, the practice being the 30th day of the following month).`,
  ];
  return {
    state,
    month,
    kind,
    basis: status.basis,
    due,
    total_bbl: totalBbl,
    total_t: totalT,
    deliveries: mine.map((d) => ({
      ...(d.id !== undefined ? { id: d.id } : {}),
      ...(d.date ? { date: d.date } : {}),
      quantity: d.quantity,
      unit: d.unit,
      barrels: d.barrels,
      factor: d.factor,
      factor_source: d.factor_source,
      parties: d.parties,
      ...(d.vessel ? { vessel: d.vessel } : {}),
      source: d.source,
    })),
    parties,
    vessels,
    sources,
    ledger: { year: status.year, cap_bbl: status.cap_bbl, total_bbl: status.total_bbl, share: status.share, thresholds: status.thresholds, thresholds_verification: status.thresholds_verification },
    text: `${lines.join('\n')}\n`,
  };
}
