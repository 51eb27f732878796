import type { Entity } from './entity.js';

/** Datasets Interdict parses itself; FtM input adds datasets under their own names. */
export const DATASETS = {
  un_sc: { title: 'UN Security Council Consolidated List', publisher: 'United Nations Security Council', url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml' },
  us_ofac_sdn: { title: 'OFAC Specially Designated Nationals (SDN) List', publisher: 'US Treasury, Office of Foreign Assets Control', url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML' },
  us_ofac_cons: { title: 'OFAC Consolidated (non-SDN) Sanctions List', publisher: 'US Treasury, Office of Foreign Assets Control', url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML' },
  au_dfat: { title: 'Australia DFAT Consolidated List', publisher: 'Australian Department of Foreign Affairs and Trade', url: 'https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx' },
  ca_sema: { title: 'Canada Consolidated Autonomous Sanctions List', publisher: 'Global Affairs Canada', url: 'https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml' },
} as const;

export const COLLECTIONS = ['default', 'sanctions', 'dprk'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

const DPRK_PROGRAMS = new Set(['DPRK', 'DPRK2', 'DPRK3', 'DPRK4', 'DPRK-NKSPEA']);
const NKSR = /north korea sanctions regulations/i;

/**
 * Whether an entity belongs to the `dprk` collection: the UN DPRK list, OFAC's DPRK programs,
 * OFAC NPWMD entries whose remarks cite the North Korea Sanctions Regulations, and
 * Australia's 1718 (DPRK) committee entries.
 */
export function isDprkEntity(entity: Entity): boolean {
  for (const designation of entity.designations) {
    const program = designation.programId ?? designation.program ?? '';
    if (designation.dataset === 'un_sc' && program === 'DPRK') return true;
    if (designation.dataset.startsWith('us_ofac')) {
      if (DPRK_PROGRAMS.has(program)) return true;
      if (program === 'NPWMD' && citesNksr(entity)) return true;
    }
    if (designation.dataset === 'au_dfat' && /DPRK|1718/.test(program)) return true;
  }
  return false;
}

function citesNksr(entity: Entity): boolean {
  if ((entity.properties.notes ?? []).some((note) => NKSR.test(note))) return true;
  return entity.designations.some((d) => (d.provisions ?? []).some((p) => NKSR.test(p)));
}

/** Whether an entity of these datasets and collections is in a dataset or collection by that name (`default` holds everything). */
export function isIn(scope: string, datasets: readonly string[], collections: readonly string[]): boolean {
  return scope === 'default' || datasets.includes(scope) || collections.includes(scope);
}

/** The collections an entity is part of, besides the dataset it came from. */
export function collectionsOf(entity: Entity): CollectionName[] {
  const out: CollectionName[] = ['default'];
  if (entity.designations.length > 0) out.push('sanctions');
  if (isDprkEntity(entity)) out.push('dprk');
  return out;
}
