import { EntityBuilder, cleanValue, makeEntityId, type Entity } from '../core/entity.js';
import { ParseError } from '../core/errors.js';
import { parseDates } from './dates.js';
import type { Publication } from './publication.js';
import { openBytes } from './read.js';
import { type XmlNode, childText, streamXmlRecords } from './xml.js';

const DATASET = 'ca_sema';
const AUTHORITY = 'Global Affairs Canada';
const SOURCE_URL = 'https://www.international.gc.ca/world-monde/international_relations-relations_internationales/sanctions/consolidated-consolide.aspx';

const slug = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** "Russia / Russie" → "Russia": the regime's English name. */
function regimeName(country: string): string {
  return cleanValue(country.split(' / ')[0]);
}

/** The record key: regime, schedule and item, which together identify a listing. */
export function semaRecordKey(country: string, schedule: string, item: string): string {
  return [slug(regimeName(country)), slug(schedule), slug(item)].filter(Boolean).join('-');
}

const LEGAL_FORM_AFTER_COMMA = /^(?:Ltd|Limited|Inc|LLC|LLP|JSC|PJSC|OJSC|CJSC|S\.A|S\.A\.S|Co|Corp|PLC|GmbH|AG|B\.V|N\.V|SRL|S\.R\.L|FZE|FZCO|Pte)\b\.?/i;

/** Aliases are one field, separated by semicolons or commas; a comma before "Ltd." is not a separator. */
export function splitAliases(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/\s*;\s*/)) {
    let current = '';
    for (const piece of part.split(/,\s+/)) {
      if (current && !LEGAL_FORM_AFTER_COMMA.test(piece)) {
        out.push(current);
        current = piece;
      } else {
        current = current ? `${current}, ${piece}` : piece;
      }
    }
    if (current) out.push(current);
  }
  return out.map(cleanValue).filter(Boolean);
}

function parseRecord(node: XmlNode, file: string, line: number, seen: Map<string, number>): Entity {
  const country = childText(node, 'Country');
  const schedule = childText(node, 'Schedule');
  const item = childText(node, 'Item');
  if (!country || !item) throw new ParseError(file, `line ${line}`, '<record> without Country or Item');
  let key = semaRecordKey(country, schedule, item);
  // A regime that repeats a schedule and item number would merge two people; keep them apart.
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  if (count > 1) key = `${key}-${count}`;

  const last = childText(node, 'LastName');
  const given = childText(node, 'GivenName');
  const orgName = childText(node, 'EntityOrShip') || childText(node, 'Entity');
  const imo = childText(node, 'ShipIMONumber');
  const person = Boolean(last || given) && !orgName;
  const schema = person ? 'Person' : imo ? 'Vessel' : 'Organization';
  const entity = new EntityBuilder(DATASET, makeEntityId(DATASET, key), schema);
  const name = person ? cleanValue(`${given} ${last}`) : cleanValue(orgName);
  if (!name) throw new ParseError(file, `line ${line}, ${key}`, 'record has no name');
  entity.add('name', name);
  if (person) entity.add('firstName', given).add('lastName', last);
  entity.add('alias', ...splitAliases(childText(node, 'Aliases')));
  const titleOrShip = childText(node, 'TitleOrShip') || childText(node, 'Title');
  const born = childText(node, 'DateOfBirthOrShipBuildDate') || childText(node, 'DateOfBirth');
  if (schema === 'Vessel') {
    entity.add('imoNumber', `IMO${imo.replace(/\D/g, '')}`).add('type', titleOrShip).add('buildDate', ...parseDates(born));
  } else {
    entity.add(person ? 'title' : 'notes', titleOrShip);
    if (person) entity.add('birthDate', ...parseDates(born));
  }
  const regime = regimeName(country);
  entity.add('program', regime);
  entity.designate({ authority: AUTHORITY, program: regime, programId: cleanValue(country), referenceNumber: [schedule && `Schedule ${schedule}`, `Item ${item}`].filter(Boolean).join(', '), listingDate: parseDates(childText(node, 'DateOfListing'))[0], sourceUrl: SOURCE_URL });
  return entity.build();
}

/** Canada's Consolidated Autonomous Sanctions List (SEMA / JVCFOA), both schemas. */
export async function parseCaSema(path: string, file: string): Promise<Publication> {
  const entities: Entity[] = [];
  const seen = new Map<string, number>();
  await streamXmlRecords(await openBytes(path), {
    file,
    root: 'data-set',
    records: new Set(['record']),
    onRecord: (record, line) => entities.push(parseRecord(record, file, line, seen)),
  });
  if (entities.length === 0) throw new ParseError(file, undefined, 'no <record> elements: empty or truncated list');
  // The file states no publication date; the newest listing date stands in for it.
  let published: string | null = null;
  for (const e of entities) for (const d of e.designations) if (d.listingDate && (!published || d.listingDate > published)) published = d.listingDate;
  return { dataset: DATASET, format: 'ca-sema-xml', published, source: file, entities, skipped: [] };
}
