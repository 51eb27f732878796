import type { Entity } from '../core/entity.js';
import type { Screening } from './screener.js';
import { own } from '../core/own.js';

/**
 * Entities related to an entity, both ways, as yente nests and lists them: the entities its own
 * properties name (an address, a sanction's target), under those properties, and the entities
 * that name it, under FollowTheMoney's reverse name of their property (a Sanction's `entity` is
 * its target's `sanctions`; an Ownership's `owner`, its owner's `ownershipOwner`). Designations
 * from lists that do not publish Sanction entities (UN, OFAC, DFAT, Canada) are given as Sanction
 * entities of their own, so that a client reading `sanctions` finds every one.
 */

/** FollowTheMoney's reverse names of the properties of its edge and interval schemata; others are formed as FtM forms most: schema + Property. */
const REVERSE: Record<string, Record<string, string>> = {
  Sanction: { entity: 'sanctions' },
  Associate: { person: 'associates', associate: 'associations' },
  Identification: { holder: 'identification' },
  Passport: { holder: 'identification' },
  Occupancy: { holder: 'positionOccupancies', post: 'occupancies' },
};

function reverseName(schema: string, property: string): string {
  const known = own(REVERSE, schema);
  return (known && own(known, property)) ?? `${schema[0]!.toLowerCase()}${schema.slice(1)}${property[0]!.toUpperCase()}${property.slice(1)}`;
}

const RELATIONS = new WeakMap<Screening, Map<string, Map<string, string[]>>>();

/** Every entity's related ids by property, both ways, built once per screening state. */
function relations(state: Screening): Map<string, Map<string, string[]>> {
  let all = RELATIONS.get(state);
  if (all) return all;
  all = new Map();
  const add = (id: string, property: string, other: string): void => {
    let mine = all!.get(id);
    if (!mine) all!.set(id, (mine = new Map()));
    const list = mine.get(property);
    if (!list) mine.set(property, [other]);
    else if (!list.includes(other)) list.push(other);
  };
  for (const entity of state.entities.values()) {
    for (const [property, values] of Object.entries(entity.properties)) {
      for (const value of values) {
        if (value === entity.id || !state.entities.has(value)) continue;
        add(entity.id, property, value);
        add(value, reverseName(entity.schema, property), entity.id);
      }
    }
  }
  RELATIONS.set(state, all);
  return all;
}

/** The entities related to one, by property (see the module's comment); designations as Sanction entities where no Sanction entity names it. */
export function relatedTo(state: Screening, entity: Entity): Map<string, (string | Entity)[]> {
  const out = new Map<string, (string | Entity)[]>(relations(state).get(entity.id) ?? []);
  if (entity.designations.length && !out.has('sanctions')) out.set('sanctions', entity.designations.map((d, i) => designationAsSanction(entity, d, i)));
  return out;
}

/** A designation as FollowTheMoney's Sanction entity naming its target. */
function designationAsSanction(entity: Entity, d: Entity['designations'][number], i: number): Entity {
  const properties: Record<string, string[]> = { entity: [entity.id], authority: [d.authority] };
  if (d.program) properties.program = [d.program];
  if (d.programId) properties.programId = [d.programId];
  if (d.listingDate) properties.listingDate = [d.listingDate];
  if (d.reason) properties.reason = [d.reason];
  if (d.referenceNumber) properties[d.dataset === 'un_sc' ? 'unscId' : 'authorityId'] = [d.referenceNumber];
  if (d.sourceUrl) properties.sourceUrl = [d.sourceUrl];
  if (d.provisions?.length) properties.provisions = d.provisions;
  return { id: `${entity.id}-sanction-${i + 1}`, schema: 'Sanction', caption: d.program ?? d.authority, properties, datasets: [d.dataset], designations: [] };
}
