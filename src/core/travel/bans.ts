import type { Designation, Entity } from '../entity.js';
import { InputError } from '../errors.js';
import type { FindingStatus } from '../people/answer.js';
import type { Regime } from '../regime/index.js';

/**
 * Which listed people are under a travel ban, from what the lists say: the UN list by the
 * regime each record is listed under (UN_LIST_TYPE; Libya's records each say whether they are
 * listed for a travel ban), DFAT's by its committee (the UN regimes as on the UN list) and, for
 * its autonomous listings, by whether the listing declares the person (the Autonomous Sanctions
 * Regulations 2011 ban declared persons from travel). OFAC's and Canada's lists carry no travel
 * ban data: they are not used.
 *
 * Only the DPRK's ban is in the reference the regime is compiled from: it is the regime's
 * measure `travel-ban-1718` (regimes/dprk.yaml: UNSCR 1718 (2006) OP8(e), verified), cited with
 * its basis and status. Every other regime's is cited by its resolutions and marked `unverified`:
 * a screening policy, not law, until checked.
 */

/** The lists whose data says who is under a travel ban. */
export const TRAVEL_BAN_DATASETS = ['un_sc', 'au_dfat'] as const;

/** What a ban does to a traveller matched to its designee: denied, or sent to review where the list does not say whether the ban covers the record. */
export type BanEffect = 'ban' | 'review';

/** A designee's travel ban, as a finding cites it. */
export interface TravelBan {
  basis: string;
  status: FindingStatus;
  effect: BanEffect;
}

/** The DPRK regime's travel ban as a finding cites it: the measure's id, basis and the status of its facts. */
export interface DprkTravelBan {
  measure: string;
  basis: string;
  status: FindingStatus;
}

/** The regime's travel-ban measure (`type: travel_ban`), refused when the rules file has none. */
export function dprkTravelBan(regime: Pick<Regime, 'file' | 'measures'>): DprkTravelBan {
  const measure = regime.measures.find((m) => m.type === 'travel_ban');
  if (!measure) throw new InputError('INVALID_REGIME', `${regime.file}: no measure of type travel_ban: the travel check cites the ban from it`);
  return { measure: measure.id, basis: measure.basis, status: measure.verification };
}

interface UnRegime {
  /** The regime's name and resolutions as cited. */
  cite: string;
  effect: BanEffect;
  status: FindingStatus;
  /** The record itself must say it is listed for a travel ban (Libya's records say which measures apply). */
  perRecord?: RegExp;
}

const UNVERIFIED = { effect: 'ban', status: 'unverified' } as const;

/** The UN regimes by the UN list's UN_LIST_TYPE, but the DPRK's (the regime's measure). Iraq's (1518 (2003)) freezes assets only: not here. */
const UN_REGIMES: Record<string, UnRegime> = {
  'Al-Qaida': { cite: "UN ISIL (Da'esh) and Al-Qaida sanctions regime (resolutions 1267 (1999), 1989 (2011), 2253 (2015)): travel ban", ...UNVERIFIED },
  Taliban: { cite: 'UN 1988 (2011) sanctions regime (Taliban): travel ban', ...UNVERIFIED },
  DRC: { cite: 'UN Democratic Republic of the Congo sanctions regime (resolutions 1533 (2004), 1596 (2005)): travel ban', ...UNVERIFIED },
  CAR: { cite: 'UN Central African Republic sanctions regime (resolution 2127 (2013)): travel ban', ...UNVERIFIED },
  Somalia: { cite: 'UN Al-Shabaab sanctions regime (resolution 751 (1992) and later): travel ban', ...UNVERIFIED },
  SouthSudan: { cite: 'UN South Sudan sanctions regime (resolution 2206 (2015)): travel ban', ...UNVERIFIED },
  Sudan: { cite: 'UN Sudan sanctions regime (resolution 1591 (2005)): travel ban', ...UNVERIFIED },
  Yemen: { cite: 'UN Yemen sanctions regime (resolution 2140 (2014)): travel ban', ...UNVERIFIED },
  Haiti: { cite: 'UN Haiti sanctions regime (resolution 2653 (2022)): travel ban', ...UNVERIFIED },
  GB: { cite: 'UN Guinea-Bissau sanctions regime (resolution 2048 (2012)): travel ban', ...UNVERIFIED },
  Libya: { cite: 'UN Libya sanctions regime (resolution 1970 (2011) para 15): travel ban, as the record says', effect: 'ban', status: 'verified', perRecord: /travel ban/i },
  Iran: { cite: 'UN Iran sanctions regime (resolution 1737 (2006) and later): a travel ban covers the individuals some resolutions name, and the list does not say which', effect: 'review', status: 'unverified' },
};

/** DFAT's committees (its `Committees` column) that are UN regimes: the number it begins with, to the UN list's regime. 1518 (Iraq) and 1373 (2001) freeze assets only. */
const DFAT_UN_COMMITTEES: Record<string, string> = {
  '1718': 'DPRK', '1267': 'Al-Qaida', '1988': 'Taliban', '1533': 'DRC', '2127': 'CAR', '751': 'Somalia', '2713': 'Somalia', '2206': 'SouthSudan', '1591': 'Sudan', '2140': 'Yemen', '1970': 'Libya', '1973': 'Libya',
};

/** An autonomous DFAT listing that declares the person (a declared person may not travel to or through Australia). */
const DECLARED = /\bdesignation and declaration\b|\bdeclared (?:for|as|under|on)\b|\bdeclaration\b(?! Persons)/i;

function unBan(regime: UnRegime | undefined, entity: Entity, reference: string): TravelBan | undefined {
  if (!regime) return undefined;
  if (regime.perRecord && !(entity.properties.notes ?? []).some((n) => regime.perRecord!.test(n))) return undefined;
  return { basis: `${regime.cite}; ${reference}`, status: regime.status, effect: regime.effect };
}

/** The UN regime a UN program names, the DPRK's from the regime's measure. */
function unRegime(program: string, dprk: DprkTravelBan): UnRegime | undefined {
  return program === 'DPRK' ? { cite: dprk.basis, effect: 'ban', status: dprk.status } : UN_REGIMES[program];
}

/** The travel ban one designation puts its person under, if the list's data says there is one. */
export function designationBan(entity: Entity, designation: Designation, dprk: DprkTravelBan): TravelBan | undefined {
  if (designation.dataset === 'un_sc') return unBan(unRegime(designation.program ?? '', dprk), entity, `UN list ${designation.referenceNumber ?? designation.program ?? ''}`.trim());
  if (designation.dataset === 'au_dfat') {
    const program = designation.program ?? '';
    const cited = `DFAT list ${designation.referenceNumber ?? ''} (${program})`.replace(' ()', '');
    const committee = /^(\d+)/.exec(program)?.[1];
    if (committee) return unBan(unRegime(DFAT_UN_COMMITTEES[committee] ?? '', dprk), entity, cited);
    if (/^Autonomous/i.test(program) && DECLARED.test(designation.reason ?? '')) {
      return { basis: `Autonomous Sanctions Regulations 2011 (Australia), a declared person: travel ban; ${cited}`, status: 'unverified', effect: 'ban' };
    }
  }
  return undefined;
}

/** The travel ban a listed person is under (the first a designation gives, a ban before a review), or undefined: not a person, or no list says so. */
export function travelBanOf(entity: Entity, dprk: DprkTravelBan): TravelBan | undefined {
  if (entity.schema !== 'Person') return undefined;
  const bans = entity.designations.map((d) => designationBan(entity, d, dprk)).filter((b): b is TravelBan => b !== undefined);
  return bans.find((b) => b.effect === 'ban') ?? bans[0];
}
