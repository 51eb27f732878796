// The petroleum ledgers as the console reads and changes them: GET /petroleum/status,
// /deliveries, /factors, /notice, /settings; POST /petroleum/deliveries, PUT /petroleum/factors/:state.
import type { LedgerSettings, LedgerStatus, PetroleumNotice } from '../../src/core/petroleum/index.js';
import type { StateFactor, StoredDelivery } from '../../src/store/petroleum.js';
import { call } from './api.js';

export type { LedgerStatus, PetroleumNotice, StateFactor, StoredDelivery };
export type PetroleumKind = LedgerStatus['kind'];

/** The cease point as GET /petroleum/settings gives it, with how well it is established. */
export type PetroleumSettings = LedgerSettings & { cease_verification: string };

export const petroleumApi = {
  status: (year: number, kind: PetroleumKind) => call<LedgerStatus>(`/petroleum/status?year=${year}&kind=${kind}`),
  deliveries: (year: number, kind: PetroleumKind) => call<{ deliveries: StoredDelivery[] }>(`/petroleum/deliveries?year=${year}&kind=${kind}`).then((r) => r.deliveries),
  factors: () => call<{ factors: StateFactor[] }>('/petroleum/factors').then((r) => r.factors),
  settings: () => call<PetroleumSettings>('/petroleum/settings'),
  setFactor: (state: string, barrelsPerTonne: number | null, note: string) => call<StateFactor | { state: string; removed: true }>(`/petroleum/factors/${encodeURIComponent(state)}`, { method: 'PUT', json: { barrels_per_tonne: barrelsPerTonne, note } }),
  record: (deliveries: unknown[]) => call<StoredDelivery[]>('/petroleum/deliveries', { method: 'POST', json: deliveries }),
  notice: (state: string, month: string, kind: PetroleumKind) => call<PetroleumNotice>(`/petroleum/notice?state=${encodeURIComponent(state)}&month=${month}&kind=${kind}`),
};

/** One point of the chart: a month's deliveries and the running total, in barrels. */
export interface MonthPoint {
  month: string;
  delivered: number;
  running: number;
}

/** The months of a status with their running total (the chart's series). */
export function runningTotals(status: LedgerStatus): MonthPoint[] {
  let running = 0;
  return Object.entries(status.by_month).map(([month, delivered]) => {
    running += delivered;
    return { month, delivered, running: Math.round(running * 10) / 10 };
  });
}

/** Deliveries by State (rows) and month (columns), in barrels: the table under the chart. */
export function byStateAndMonth(deliveries: readonly StoredDelivery[], months: readonly string[]): { state: string; cells: number[]; total: number }[] {
  const rows = new Map<string, number[]>();
  for (const d of deliveries) {
    const cells = rows.get(d.state) ?? months.map(() => 0);
    const at = months.indexOf(d.month);
    if (at >= 0) cells[at]! += d.barrels;
    rows.set(d.state, cells);
  }
  return [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([state, cells]) => ({ state, cells, total: cells.reduce((s, c) => s + c, 0) }));
}

/** Deliveries written one JSON object a line (or a JSON array), as `interdict petroleum record` reads a .jsonl file. */
export function readDeliveriesText(text: string): { items?: unknown[]; problem?: string } {
  const trimmed = text.trim();
  if (!trimmed) return {};
  try {
    if (trimmed.startsWith('[')) return { items: JSON.parse(trimmed) as unknown[] };
    return { items: trimmed.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) };
  } catch (error) {
    return { problem: `not JSON lines or a JSON array: ${(error as Error).message}` };
  }
}

export const bbl = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
export const words = (v: string): string => v.replace(/_/g, ' ');
