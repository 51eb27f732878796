import { DATASETS } from '../core/collections.js';
import type { Designation, Entity } from '../core/entity.js';

/** An FtM entity as OpenSanctions exports it (designations travel as separate Sanction entities). */
export interface FtmEntity {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  datasets: string[];
  referents: string[];
  target: boolean;
}

function sanctionEntity(entity: Entity, designation: Designation, index: number): FtmEntity {
  const properties: Record<string, string[]> = { entity: [entity.id], authority: [designation.authority] };
  const put = (key: string, value: string | undefined): void => {
    if (value) properties[key] = [value];
  };
  put('program', designation.program);
  put('programId', designation.programId);
  put('listingDate', designation.listingDate);
  put('reason', designation.reason);
  put('authorityId', designation.referenceNumber);
  put('sourceUrl', designation.sourceUrl);
  if (designation.provisions?.length) properties.provisions = [...designation.provisions];
  return { id: `${entity.id}-sanction-${index + 1}`, schema: 'Sanction', caption: designation.program || 'Sanction', properties, datasets: [designation.dataset], referents: [], target: false };
}

/**
 * The FtM lines for one stored entity: the entity, then a Sanction entity per designation for
 * the lists Interdict parses itself (FtM input already carries its Sanction entities).
 */
export function toFtmLines(entity: Entity): FtmEntity[] {
  const own: FtmEntity = {
    id: entity.id,
    schema: entity.schema,
    caption: entity.caption,
    properties: entity.properties,
    datasets: entity.sourceDatasets ?? entity.datasets,
    referents: entity.referents ?? [],
    target: entity.designations.length > 0,
  };
  const builtin = entity.datasets.some((d) => d in DATASETS);
  return builtin ? [own, ...entity.designations.map((d, i) => sanctionEntity(entity, d, i))] : [own];
}
