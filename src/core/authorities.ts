import type { Designation } from './entity.js';

/**
 * How each authority carries the Security Council's designations, as data with its sources: the
 * gap report reads it instead of assuming that every list should carry every UN designation.
 * Australia puts UN designees on its Consolidated List; the United States designates under its
 * own programs; Canada applies the UN committees' lists by regulation, so that its SEMA list,
 * carrying none of them, is not applicable rather than a gap. Each entry keeps the verification
 * status of what it says (the legend of /work/shared/reference/dprk_measures.json:
 * `verified`, confirmed by a cited source; `partially_verified`, the core fact confirmed, a detail
 * not seen verbatim; `unverified`): what is not verified is never shown as law.
 */

/**
 * How an authority carries UN designations: on its own list (`lists`), by designating under its
 * own programs (`own_programs`: a UN designee is on its list only when it designated it), by
 * regulation applying the UN's list by reference (`regulation`: its list carries none of them),
 * or not known (`unknown`).
 */
export type UnImplementation = 'lists' | 'own_programs' | 'regulation' | 'unknown';

export type Verification = 'verified' | 'partially_verified' | 'unverified';

/**
 * One authority's way with UN designations.
 *
 * @example AUTHORITIES.au_dfat.implements_un // 'lists'
 */
export interface Authority {
  authority: string;
  implements_un: UnImplementation;
  /** One sentence: how this authority carries UN designations. */
  detail: string;
  /** Official pages and legal texts the entry rests on. */
  sources: string[];
  verification: Verification;
}

/** The table, per dataset id. */
export const AUTHORITIES: Readonly<Record<string, Authority>> = Object.freeze({
  un_sc: {
    authority: 'United Nations Security Council',
    implements_un: 'lists',
    detail: 'The Security Council and its sanctions committees make the designations, and the Consolidated List carries those of every committee (the 1718 Committee\'s 80 individuals and 75 entities among them).',
    sources: [
      'https://www.un.org/securitycouncil/content/un-sc-consolidated-list',
      'https://www.un.org/securitycouncil/sanctions/1718/materials',
      'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
    ],
    verification: 'verified',
  },
  us_ofac_sdn: {
    authority: 'United States, Department of the Treasury, Office of Foreign Assets Control',
    implements_un: 'own_programs',
    detail: 'OFAC designates under US executive orders and statutes, some of which implement UN resolutions (E.O. 13722 implements obligations under resolution 2270), so a UN designee is on the SDN list only where OFAC has designated it under one of its programs (for North Korea DPRK2, DPRK3, DPRK4 and DPRK-NKSPEA, and NPWMD).',
    sources: [
      'https://ofac.treasury.gov/sanctions-programs-and-country-information/north-korea-sanctions',
      'https://ofac.treasury.gov/faqs/topic/1556',
      'https://ofac.treasury.gov/recent-actions/20180301',
      'https://www.federalregister.gov/d/2018-04113',
    ],
    verification: 'verified',
  },
  au_dfat: {
    authority: 'Australia, Department of Foreign Affairs and Trade',
    implements_un: 'lists',
    detail: 'The Consolidated List includes every person and entity to which the Charter of the United Nations Act 1945 (the UN\'s designations) or the Autonomous Sanctions Act 2011 (Australia\'s own) applies, and its Committees field tells them apart (1718 (DPRK) or Autonomous (DPRK)).',
    sources: [
      'https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list',
      'https://www.legislation.gov.au/C1945A00032/latest/text',
      'https://www.legislation.gov.au/C2011A00038/latest/text',
    ],
    verification: 'verified',
  },
  ca_sema: {
    authority: 'Canada, Global Affairs Canada',
    implements_un: 'regulation',
    detail: 'Canada implements UN designations by regulations under the United Nations Act that refer to the Security Council committees\' own lists (for the DPRK, SOR/2006-287: a designated person is one the 1718 Committee or the Council designates), and the Special Economic Measures Act list holds Canada\'s autonomous sanctions only, none of the UN\'s.',
    sources: [
      'https://laws-lois.justice.gc.ca/eng/regulations/SOR-2006-287/',
      'https://gazette.gc.ca/rp-pr/p2/2018/2018-01-24/html/sor-dors1-eng.html',
      'https://www.international.gc.ca/world-monde/international_relations-relations_internationales/sanctions/consolidated-consolide.aspx?lang=eng',
      'http://www.international.gc.ca/sanctions/listed_persons-personnes_inscrites.aspx?lang=eng',
    ],
    verification: 'verified',
  },
  gb_hmt: {
    authority: 'United Kingdom, Foreign, Commonwealth and Development Office and HM Treasury (OFSI)',
    implements_un: 'lists',
    detail: 'Regulations under the Sanctions and Anti-Money Laundering Act 2018 designate the persons the UN names (for the DPRK, regulation 10 of S.I. 2019/411), and the UK Sanctions List carries them beside the UK\'s own designations.',
    sources: [
      'https://www.legislation.gov.uk/uksi/2019/411/regulation/10',
      'https://www.gov.uk/government/collections/uk-sanctions-on-the-democratic-peoples-republic-of-korea',
      'https://www.gov.uk/government/publications/the-uk-sanctions-list',
    ],
    verification: 'partially_verified',
  },
  eu_fsf: {
    authority: 'European Union, Council of the European Union',
    implements_un: 'lists',
    detail: 'The EU gives effect to UN designations in the annexes of Council regulations (for the DPRK, Regulation (EU) 2017/1509), beside listings of its own, and its consolidated financial sanctions list carries both.',
    sources: [
      'https://eur-lex.europa.eu/eli/reg/2017/1509/oj',
      'https://webgate.ec.europa.eu/fsd/fsf',
    ],
    verification: 'partially_verified',
  },
} satisfies Record<string, Authority>);

/**
 * OFAC's DPRK program tags and the authority each stands for, with the verification status the
 * reference facts give them (dprk_measures.json, designations.ofac_program_tags): the tag
 * DPRK's mapping to E.O. 13551 is not verified and is not stated as law anywhere.
 */
export const OFAC_DPRK_PROGRAMS: readonly { tag: string; authority: string; verification: Verification }[] = Object.freeze([
  { tag: 'DPRK', authority: 'North Korea Sanctions Regulations, 31 CFR part 510 (the E.O. it stands for is not verified)', verification: 'partially_verified' },
  { tag: 'DPRK2', authority: 'E.O. 13687', verification: 'verified' },
  { tag: 'DPRK3', authority: 'E.O. 13722', verification: 'verified' },
  { tag: 'DPRK4', authority: 'E.O. 13810', verification: 'verified' },
  { tag: 'DPRK-NKSPEA', authority: 'North Korea Sanctions and Policy Enhancement Act of 2016', verification: 'verified' },
  { tag: 'NPWMD', authority: 'E.O. 13382 (proliferators of weapons of mass destruction)', verification: 'verified' },
]);

/** A dataset the table does not hold: its way with UN designations is not known, and nothing is assumed. */
export function authorityOf(dataset: string): Authority {
  return AUTHORITIES[dataset] ?? {
    authority: dataset,
    implements_un: 'unknown',
    detail: `How ${dataset} carries UN designations is not in Interdict's table of authorities (src/core/authorities.ts).`,
    sources: [],
    verification: 'unverified',
  };
}

/**
 * Where a list says which of its designations give effect to the UN's: DFAT's Committees field
 * names the UN committee ("1718 (DPRK)", "1267 (ISIL (Da'esh) & Al-Qaida)") or says "Autonomous
 * (DPRK)". OFAC's and SEMA's files say nothing of the kind. The gap report's `separate` is
 * defined by linking, not by this: it serves as a cross-check of it where a list says.
 */
const STATED_BASIS: Readonly<Record<string, { un: RegExp; autonomous: RegExp }>> = Object.freeze({
  au_dfat: { un: /^\d{3,4}\b/, autonomous: /^autonomous\b/i },
});

/** What a designation's own list says it rests on: `un`, `autonomous`, or null when the list does not say. */
export function statedBasis(designation: Pick<Designation, 'dataset' | 'program'>): 'un' | 'autonomous' | null {
  const rule = STATED_BASIS[designation.dataset];
  const program = designation.program?.trim() ?? '';
  if (!rule || !program) return null;
  if (rule.autonomous.test(program)) return 'autonomous';
  return rule.un.test(program) ? 'un' : null;
}
