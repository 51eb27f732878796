import type { LedgerLookup } from '../petroleum/ledger.js';
import { formatHsCode } from '../regime/hs.js';
import type { Direction, Measure, Regime } from '../regime/regime.js';
import { goodsCoverage, governs, measuresAt, type CoverageMatch } from '../regime/rules.js';
import { candidateChapters } from './chapters.js';
import { statusOf, type Finding } from './finding.js';
import { DPRK_MID, imoScheme } from './imo.js';
import { dprkPort } from './ports.js';
import type { GoodsLine, Shipment, ShipmentVessel } from './shipment.js';

/**
 * What a shipment's own data says, without the lists: its DPRK nexus and the direction of its
 * goods, the measures its goods meet at its date, its route (DPRK ports, flags, ship-to-ship
 * transfers) and whether its ships' IMO numbers are ships' at all. Parties and ships are matched
 * against the lists in the service (src/service/shipments.ts).
 */

type Flow = Exclude<Direction, 'both'>;

/** A shipment's ties to the DPRK, in words, and the ways its goods move relative to it. */
export interface Nexus {
  directions: Set<Flow>;
  signals: string[];
  /** Whether goods of another origin are loaded at Rajin (the transit an exception may cover). */
  rajinTransit: boolean;
}

/** Roles of a party that supplies the goods, and of one that receives them. */
const SUPPLYING = new Set(['shipper', 'seller', 'exporter', 'supplier', 'consignor', 'manufacturer']);
const RECEIVING = new Set(['consignee', 'buyer', 'importer', 'notify', 'notify party', 'notify_party', 'receiver', 'end user', 'end_user']);

/** Whether a ship is a DPRK-registered one by its flag or its MMSI's country digits. */
function dprkShip(vessel: ShipmentVessel | undefined): string | undefined {
  if (!vessel) return undefined;
  if (vessel.flag === 'KP') return 'flies the DPRK flag';
  if (vessel.mmsi?.startsWith(DPRK_MID)) return `has MMSI ${vessel.mmsi}, a DPRK-registered ship's (country digits ${DPRK_MID})`;
  return undefined;
}

/** The shipment's DPRK nexus: origin, destination, ports, flags and parties in the DPRK. */
export function dprkNexus(shipment: Shipment): Nexus {
  const directions = new Set<Flow>();
  const signals: string[] = [];
  let rajinLoading = false;
  if (shipment.origin === 'KP') {
    directions.add('export_from_dprk');
    signals.push('origin KP');
  }
  if (shipment.destination === 'KP') {
    directions.add('import_to_dprk');
    signals.push('destination KP');
  }
  for (const port of shipment.ports) {
    const dprk = dprkPort(port);
    const counterpart = port.role === 'ship_to_ship' ? dprkShip(port.vessel) : undefined;
    if (counterpart) signals.push(`the other ship of a ship-to-ship transfer${port.vessel?.name ? `, ${port.vessel.name},` : ''} ${counterpart}`);
    if (!dprk) continue;
    const named = port.name && port.name !== dprk.name ? `${port.name} (${dprk.name}, DPRK)` : `${dprk.name} (DPRK)`;
    if (port.role === 'loading') directions.add('export_from_dprk');
    else if (port.role === 'discharge') directions.add('import_to_dprk');
    else {
      // Goods passing through, calling at or transferred in DPRK waters enter and leave it.
      directions.add('export_from_dprk');
      directions.add('import_to_dprk');
    }
    if (port.role === 'loading' && dprk.name === 'Rajin') rajinLoading = true;
    signals.push(`${port.role === 'ship_to_ship' ? 'ship-to-ship transfer at' : `${port.role.replace(/_/g, ' ')} at`} ${named}`);
  }
  const flag = dprkShip(shipment.vessel);
  if (flag) signals.push(`the vessel${shipment.vessel?.name ? ` ${shipment.vessel.name}` : ''} ${flag}`);
  for (const party of shipment.parties) {
    if (party.country !== 'KP') continue;
    const role = party.role.toLowerCase();
    if (SUPPLYING.has(role)) directions.add('export_from_dprk');
    if (RECEIVING.has(role)) directions.add('import_to_dprk');
    signals.push(`${party.role} ${party.name} in the DPRK`);
  }
  return { directions, signals, rajinTransit: rajinLoading && shipment.origin !== undefined && shipment.origin !== 'KP' };
}

/** The measures of a type a shipment meets at its date, the latest in force first. */
function latest(regime: Regime, date: string, type: Measure['type']): Measure | undefined {
  return measuresAt(regime, date, type).sort((a, b) => b.in_force.localeCompare(a.in_force))[0];
}

const EFFECT_WORDS = { prohibited: 'banned', licence_required: 'allowed only under its conditions', review: 'for review' } as const;
const DIRECTION_WORDS = { export_from_dprk: 'out of the DPRK', import_to_dprk: 'into the DPRK', both: 'to or from the DPRK' } as const;

function describeLine(line: GoodsLine): string {
  const hs = line.hs ? `HS ${formatHsCode(line.hs)}` : 'no HS code';
  return line.description ? `${hs} "${line.description}"` : hs;
}

/** What a shipment check reads besides the shipment and the regime: the petroleum ledgers' standing, when given. */
export interface ShipmentFindingOptions {
  ledgers?: LedgerLookup;
}

/**
 * A capped measure's ledger standing for a shipment: the period's total, share and cease point,
 * and whether the cease point was reached by the shipment's month (then `prohibited`).
 */
function ledgerStanding(measure: Measure, shipment: Shipment, ledgers: LedgerLookup | undefined): { ledger: NonNullable<Finding['ledger']>; words: string } | undefined {
  const kind = measure.cap?.ledger;
  if (!kind || !ledgers) return undefined;
  const status = ledgers.statusAt(kind, shipment.date);
  if (!status) return undefined;
  const ceased = status.ceased !== null && status.ceased <= shipment.date.slice(0, 7);
  const pct = (status.share * 100).toFixed(1);
  const crossed = status.thresholds.filter((t) => t.crossed);
  const words = `ledger ${status.year}${kind === 'crude' ? ` (${status.period.from} to ${status.period.to})` : ''}: ${status.total_bbl.toLocaleString('en-US')} of ${status.cap_bbl.toLocaleString('en-US')} bbl recorded (${pct}% of the cap)`
    + `${crossed.length ? `; thresholds reached: ${crossed.map((t) => `${t.pct}% in ${t.crossed}`).join(', ')}` : ''}`
    + (ceased
      ? `; the cease point (${status.cease_pct}%, a setting: its exact threshold in the resolution is ${status.cease_verification.replace(/_/g, ' ')}) was reached in ${status.ceased}: no more may be supplied in the period`
      : `; below the cease point (${status.cease_pct}%, ${status.cease_verification.replace(/_/g, ' ')})`);
  return {
    ledger: { kind, year: status.year, total_bbl: status.total_bbl, cap_bbl: status.cap_bbl, share: status.share, thresholds: status.thresholds, cease_pct: status.cease_pct, ceased: status.ceased, cease_verification: status.cease_verification, ...(ceased ? { refused: true } : {}) },
    words,
  };
}

/** The finding of one goods line under one measure it may meet. */
function goodsFinding(measure: Measure, match: CoverageMatch, line: GoodsLine, index: number, nexus: Nexus, standing?: ReturnType<typeof ledgerStanding>): Finding {
  const mapping = match.coverage?.mapping;
  const rajin = nexus.rajinTransit ? measure.exceptions.find((e) => e.applies === 'rajin_transit') : undefined;
  const covered = match.standing === 'covered';
  const capped = covered && !rajin && standing?.ledger.refused === true;
  const verdict = capped ? 'prohibited' : covered && !rajin ? measure.effect : 'review';
  const parts = [
    `${describeLine(line)}: ${measure.title.toLowerCase()} ${DIRECTION_WORDS[measure.direction]}, ${EFFECT_WORDS[measure.effect]} by ${measure.basis} since ${measure.in_force}`,
    covered ? match.reason : `${match.reason}: it may be`,
  ];
  if (mapping && mapping !== 'resolution_text') parts.push('the HS mapping is indicative: the resolution names the goods, not the code');
  if (measure.verification !== 'verified') parts.push(`the measure is ${measure.verification.replace(/_/g, ' ')}`);
  if (measure.cap && (verdict === 'licence_required' || capped)) parts.push(`cap: ${measure.cap.amount} (${measure.cap.period})`);
  if (standing) parts.push(standing.words);
  if (rajin && covered) parts.push(`an exception may apply (${rajin.verification.replace(/_/g, ' ')}): ${rajin.text}; the goods are declared of another origin and loaded at Rajin: their proof of origin decides`);
  return {
    kind: 'goods',
    verdict,
    measure: measure.id,
    basis: measure.basis,
    detail: parts.join('; '),
    status: capped ? 'indicative' : statusOf(rajin && rajin.verification !== 'verified' ? { verification: rajin.verification } : measure, mapping),
    verification: capped ? standing!.ledger.cease_verification : measure.verification,
    ...(mapping ? { mapping } : {}),
    line: index + 1,
    ...(line.hs ? { hs: formatHsCode(line.hs) } : {}),
    ...(measure.exceptions.length && verdict !== 'review' ? { exceptions: measure.exceptions.map(({ text, verification }) => ({ text, verification })) } : {}),
    ...(standing ? { ledger: standing.ledger } : {}),
  };
}

/** The goods findings of a shipment: each line against every goods measure in force at its date and in its direction. */
export function goodsFindings(shipment: Shipment, regime: Regime, nexus: Nexus, options: ShipmentFindingOptions = {}): Finding[] {
  if (!nexus.directions.size) return [];
  const measures = measuresAt(regime, shipment.date, 'goods').filter((m) => governs(m, nexus.directions));
  const findings: Finding[] = [];
  for (const [index, line] of shipment.goods.entries()) {
    const description = line.description ?? '';
    if (line.hs) {
      for (const measure of measures) {
        const match = goodsCoverage(measure, line.hs, description);
        if (match.standing !== 'none') findings.push(goodsFinding(measure, match, line, index, nexus, ledgerStanding(measure, shipment, options.ledgers)));
      }
      continue;
    }
    // No HS code: the chapters the words name, and the measures each would meet, for an analyst.
    const candidates = candidateChapters(description).map((c) => ({ ...c, measures: measures.filter((m) => goodsCoverage(m, c.chapter, description).standing !== 'none').map((m) => m.id) }));
    const named = measures.filter((m) => m.coverage.some((c) => !c.hs.length) && goodsCoverage(m, undefined, description).standing !== 'none');
    const met = [...new Set([...candidates.flatMap((c) => c.measures), ...named.map((m) => m.id)])].map((id) => measures.find((m) => m.id === id)!);
    const worst = met.find((m) => m.effect === 'prohibited') ?? met[0];
    const reading = candidates.length
      ? `its words read as chapter${candidates.length > 1 ? 's' : ''} ${candidates.map((c) => `${c.chapter} (${c.title}: ${c.words.join(', ')})`).join(', ')}`
      : 'its words name no HS chapter';
    const meets = met.length ? `; at ${shipment.date} and in its direction it may meet ${met.map((m) => `${m.id} (${m.basis})`).join(', ')}` : '; no measure in force in its direction covers those chapters';
    findings.push({
      kind: 'goods',
      verdict: 'review',
      measure: worst?.id ?? null,
      basis: worst?.basis ?? null,
      detail: `${describeLine(line)}: ${reading}${meets}. Give its HS code for a verdict.`,
      status: 'indicative',
      ...(worst ? { verification: worst.verification } : {}),
      line: index + 1,
      candidates,
    });
  }
  return findings;
}

/** Findings of a ship's IMO number that is no ship's: a company's number, or one failing both check digits. */
export function imoFindings(vessel: ShipmentVessel | undefined, which: string): Finding[] {
  if (!vessel?.imo) return [];
  const scheme = imoScheme(vessel.imo);
  if (scheme === 'ship' || scheme === 'both') return [];
  const detail = scheme === 'company'
    ? `${which} IMO ${vessel.imo} is not a ship's number (it fails the ship scheme's check digit) but a valid company or registered owner number: the ship is not identified`
    : `${which} IMO ${vessel.imo} fails the check digit of both the ship and the company schemes: mistyped or made up`;
  return [{ kind: 'vessel', verdict: 'review', measure: null, basis: null, detail, status: 'verified' }];
}

/** The route's findings: the DPRK nexus, a DPRK-registered ship, ship-to-ship transfers. */
export function routeFindings(shipment: Shipment, regime: Regime, nexus: Nexus): Finding[] {
  const findings: Finding[] = [];
  const inspection = latest(regime, shipment.date, 'inspection');
  if (nexus.signals.length) {
    findings.push({
      kind: 'route',
      verdict: 'review',
      measure: inspection?.id ?? null,
      basis: inspection?.basis ?? null,
      detail: `DPRK nexus: ${nexus.signals.join('; ')}${nexus.directions.size ? '' : '; no goods flow to or from the DPRK is shown'}`,
      status: statusOf(inspection),
      ...(inspection ? { verification: inspection.verification } : {}),
    });
  }
  const flag = latest(regime, shipment.date, 'flag');
  const own = dprkShip(shipment.vessel);
  if (own && flag) {
    findings.push({ kind: 'vessel', verdict: flag.effect, measure: flag.id, basis: flag.basis, detail: `the vessel${shipment.vessel?.name ? ` ${shipment.vessel.name}` : ''} ${own}: ${flag.description}`, status: statusOf(flag), verification: flag.verification });
  }
  const sts = latest(regime, shipment.date, 'ship_to_ship');
  for (const port of shipment.ports) {
    if (port.role !== 'ship_to_ship') continue;
    const other = dprkShip(port.vessel);
    const where = port.name ? ` at ${port.name}` : ' at sea';
    const withWhom = port.vessel?.name ?? port.vessel?.imo ?? 'an unnamed ship';
    const dprkFlagged = other ? `${withWhom} ${other}` : own ? `the vessel ${own}` : undefined;
    if (sts && dprkFlagged) {
      findings.push({ kind: 'route', verdict: sts.effect, measure: sts.id, basis: sts.basis, detail: `ship-to-ship transfer${where} with ${withWhom}: ${dprkFlagged}; ${sts.description}`, status: statusOf(sts), verification: sts.verification });
      continue;
    }
    const cited = sts ?? inspection;
    findings.push({
      kind: 'route',
      verdict: 'review',
      measure: cited?.id ?? null,
      basis: cited?.basis ?? null,
      detail: `ship-to-ship transfer${where} with ${withWhom}: transfers at sea are how most reported deliveries beyond the DPRK's caps were made; the other ship, its flag and its cargo's destination need checking${sts ? '' : ` (the ban on transfers with DPRK-flagged ships took effect later, on ${regime.measures.find((m) => m.type === 'ship_to_ship')?.in_force ?? 'a later date'})`}`,
      status: statusOf(cited),
      ...(cited ? { verification: cited.verification } : {}),
    });
  }
  return findings;
}

/** Every finding a shipment's own data gives (no list needed): goods, route, ships' numbers. */
export function shipmentFindings(shipment: Shipment, regime: Regime, options: ShipmentFindingOptions = {}): Finding[] {
  const nexus = dprkNexus(shipment);
  return [
    ...goodsFindings(shipment, regime, nexus, options),
    ...routeFindings(shipment, regime, nexus),
    ...imoFindings(shipment.vessel, 'the vessel\'s'),
    ...shipment.ports.flatMap((p) => (p.role === 'ship_to_ship' ? imoFindings(p.vessel, 'the other ship\'s') : [])),
  ];
}
