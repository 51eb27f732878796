import { EntityBuilder, cleanValue, makeEntityId } from '../core/entity.js';
import { ParseError } from '../core/errors.js';
import { parseDates, yearRange } from './dates.js';
import type { Publication } from './publication.js';
import { openBytes } from './read.js';
import { type XmlNode, childText, children, streamXmlRecords } from './xml.js';

const DATASET = 'un_sc';
const AUTHORITY = 'United Nations Security Council';
const SOURCE_URL = 'https://scsanctions.un.org/resources/xml/en/consolidated.xml';
const RECORDS = new Set(['INDIVIDUAL', 'ENTITY']);

/** Alias quality → FtM property: "Low" quality names are weak aliases, "f.k.a." are former names. */
function aliasProperty(quality: string): string {
  const q = quality.toLowerCase();
  if (q === 'low') return 'weakAlias';
  if (q === 'f.k.a.') return 'previousName';
  return 'alias';
}

const values = (node: XmlNode, name: string): string[] =>
  children(node, name).flatMap((c) => children(c, 'VALUE').map((v) => cleanValue(v.text))).filter(Boolean);

function joinParts(...parts: string[]): string {
  return parts.map(cleanValue).filter(Boolean).join(', ');
}

function parseRecord(node: XmlNode, file: string, line: number): ReturnType<EntityBuilder['build']> {
  const reference = cleanValue(childText(node, 'REFERENCE_NUMBER'));
  if (!reference) throw new ParseError(file, `line ${line}`, `<${node.name}> without a REFERENCE_NUMBER`);
  const person = node.name === 'INDIVIDUAL';
  const entity = new EntityBuilder(DATASET, makeEntityId(DATASET, reference), person ? 'Person' : 'Organization');
  const nameParts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) => cleanValue(childText(node, n)));
  const name = nameParts.filter(Boolean).join(' ');
  if (!name) throw new ParseError(file, `line ${line}, ${reference}`, 'record has no name');
  entity.add('name', name);
  entity.add('alias', ...cleanValue(childText(node, 'NAME_ORIGINAL_SCRIPT')).split(/\s*;\s*/));
  const aliasTag = person ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS';
  for (const alias of children(node, aliasTag)) {
    // One ALIAS_NAME sometimes holds several spellings separated by semicolons.
    entity.add(aliasProperty(childText(alias, 'QUALITY')), ...childText(alias, 'ALIAS_NAME').split(';'));
  }
  entity.add('title', ...values(node, 'TITLE'));
  entity.add('position', ...values(node, 'DESIGNATION'));
  entity.add('nationality', ...values(node, 'NATIONALITY'));
  const gender = childText(node, 'GENDER').toLowerCase();
  if (gender === 'male' || gender === 'female') entity.add('gender', gender);
  entity.add('notes', childText(node, 'COMMENTS1'));

  for (const dob of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const type = childText(dob, 'TYPE_OF_DATE').toUpperCase();
    const from = Number(childText(dob, 'FROM_YEAR'));
    const to = Number(childText(dob, 'TO_YEAR'));
    if (type === 'BETWEEN' && from && to) entity.add('birthDate', ...yearRange(from, to));
    entity.add('birthDate', ...parseDates(childText(dob, 'DATE')), ...parseDates(childText(dob, 'YEAR')));
  }
  for (const pob of children(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    entity.add('birthPlace', joinParts(childText(pob, 'CITY'), childText(pob, 'STATE_PROVINCE'), childText(pob, 'COUNTRY')));
  }
  for (const address of [...children(node, 'INDIVIDUAL_ADDRESS'), ...children(node, 'ENTITY_ADDRESS')]) {
    const country = cleanValue(childText(address, 'COUNTRY'));
    entity.add('address', joinParts(childText(address, 'STREET'), childText(address, 'CITY'), childText(address, 'STATE_PROVINCE'), childText(address, 'ZIP_CODE'), country));
    if (country) entity.add('country', country);
  }
  for (const doc of children(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = cleanValue(childText(doc, 'NUMBER'));
    if (!number) continue;
    const type = `${childText(doc, 'TYPE_OF_DOCUMENT')} ${childText(doc, 'TYPE_OF_DOCUMENT2')}`;
    entity.add(/passport/i.test(type) ? 'passportNumber' : 'idNumber', number);
  }
  const listType = cleanValue(childText(node, 'UN_LIST_TYPE'));
  entity.add('program', listType);
  entity.designate({
    authority: AUTHORITY,
    program: listType,
    programId: listType,
    referenceNumber: reference,
    listingDate: parseDates(childText(node, 'LISTED_ON'))[0],
    sourceUrl: SOURCE_URL,
  });
  return entity.build();
}

/** The UN Security Council consolidated list (both the 2020 and the current serialization). */
export async function parseUnXml(path: string, file: string): Promise<Publication> {
  const entities: ReturnType<EntityBuilder['build']>[] = [];
  let published: string | null = null;
  await streamXmlRecords(await openBytes(path), {
    file,
    root: 'CONSOLIDATED_LIST',
    records: RECORDS,
    onHeader: (name, _text, attributes) => {
      if (name === 'CONSOLIDATED_LIST' && attributes.dateGenerated) published = attributes.dateGenerated.slice(0, 10);
    },
    onRecord: (record, line) => entities.push(parseRecord(record, file, line)),
  });
  if (entities.length === 0) throw new ParseError(file, undefined, 'no INDIVIDUAL or ENTITY records: empty or truncated list');
  return { dataset: DATASET, format: 'un-xml', published, source: file, entities, skipped: [] };
}

