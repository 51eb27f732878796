import { EntityBuilder, cleanValue, makeEntityId, type Entity } from '../core/entity.js';
import { ParseError } from '../core/errors.js';
import { parseDates } from './dates.js';
import { applyIdentifier, applyRemarks } from './ofac-remarks.js';
import type { Publication } from './publication.js';
import { openBytes } from './read.js';
import { type XmlNode, child, childText, children, streamXmlRecords } from './xml.js';

const AUTHORITY = 'Office of Foreign Assets Control';
const SOURCE_URLS: Record<string, string> = {
  us_ofac_sdn: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML',
  us_ofac_cons: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML',
};
const SCHEMA: Record<string, string> = { individual: 'Person', vessel: 'Vessel', aircraft: 'Airplane', entity: 'Organization' };

/** OFAC writes names "LAST, First" in its CSV; the XML splits them. Join them the CSV way. */
function joinName(node: XmlNode): string {
  const last = cleanValue(childText(node, 'lastName'));
  const first = cleanValue(childText(node, 'firstName'));
  return last && first ? `${last}, ${first}` : last || first;
}

function list(node: XmlNode, listName: string, itemName: string): XmlNode[] {
  const container = child(node, listName);
  return container ? children(container, itemName) : [];
}

function parseEntry(node: XmlNode, dataset: string, file: string, line: number): Entity {
  const uid = childText(node, 'uid');
  if (!/^\d+$/.test(uid)) throw new ParseError(file, `line ${line}`, `<sdnEntry> with an invalid uid "${uid}"`);
  const type = childText(node, 'sdnType').toLowerCase();
  const schema = SCHEMA[type] ?? 'Organization';
  const organization = schema !== 'Person';
  const entity = new EntityBuilder(dataset, makeEntityId(dataset, uid), schema);
  const name = joinName(node);
  if (!name) throw new ParseError(file, `line ${line}, uid ${uid}`, 'entry has no name');
  entity.add('name', name);
  if (!organization) entity.add('lastName', childText(node, 'lastName')).add('firstName', childText(node, 'firstName'));
  entity.add(organization ? 'notes' : 'title', childText(node, 'title'));
  for (const aka of list(node, 'akaList', 'aka')) {
    const akaType = childText(aka, 'type').toLowerCase();
    const weak = childText(aka, 'category').toLowerCase() === 'weak';
    entity.add(akaType === 'f.k.a.' ? 'previousName' : weak ? 'weakAlias' : 'alias', joinName(aka));
  }
  for (const address of list(node, 'addressList', 'address')) {
    const parts = ['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country'].map((p) => childText(address, p));
    entity.add('address', parts.filter(Boolean).join(', '));
    entity.add('country', childText(address, 'country'));
  }
  for (const dob of list(node, 'dateOfBirthList', 'dateOfBirthItem')) entity.add('birthDate', ...parseDates(childText(dob, 'dateOfBirth')));
  for (const pob of list(node, 'placeOfBirthList', 'placeOfBirthItem')) entity.add('birthPlace', childText(pob, 'placeOfBirth'));
  for (const nat of list(node, 'nationalityList', 'nationality')) entity.add('nationality', childText(nat, 'country'));
  for (const cit of list(node, 'citizenshipList', 'citizenship')) entity.add('citizenship', childText(cit, 'country'));
  const vessel = child(node, 'vesselInfo');
  if (vessel) {
    entity.add('callSign', childText(vessel, 'callSign')).add('type', childText(vessel, 'vesselType'));
    entity.add('flag', childText(vessel, 'vesselFlag')).add('owner', childText(vessel, 'vesselOwner'));
    entity.add('tonnage', childText(vessel, 'tonnage')).add('grossRegisteredTonnage', childText(vessel, 'grossRegisteredTonnage'));
  }
  const provisions: string[] = [];
  for (const id of list(node, 'idList', 'id')) {
    const label = childText(id, 'idType');
    const number = childText(id, 'idNumber');
    if (!applyIdentifier(entity, label, number, organization, { provisions })) {
      entity.add(organization ? 'registrationNumber' : 'idNumber', number);
    }
  }
  provisions.push(...applyRemarks(entity, childText(node, 'remarks'), organization).provisions);
  const programs = list(node, 'programList', 'program').map((p) => cleanValue(p.text)).filter(Boolean);
  entity.add('program', ...programs);
  for (const program of programs.length ? programs : ['']) {
    entity.designate({ authority: AUTHORITY, program, programId: program, referenceNumber: uid, sourceUrl: SOURCE_URLS[dataset], provisions });
  }
  return entity.build();
}

/**
 * OFAC's XML (`<sdnList>`): the SDN list (sdn.xml) and the consolidated non-SDN list share the
 * schema, so which list it is comes from the file name or the caller.
 */
export async function parseOfacXml(path: string, file: string, dataset: string): Promise<Publication> {
  const entities: Entity[] = [];
  let published: string | null = null;
  let declaredCount: number | undefined;
  await streamXmlRecords(await openBytes(path), {
    file,
    root: 'sdnList',
    records: new Set(['sdnEntry']),
    header: new Set(['Publish_Date', 'Record_Count']),
    onHeader: (name, text) => {
      if (name === 'Publish_Date') published = parseDates(text)[0] ?? null;
      if (name === 'Record_Count') declaredCount = Number(text);
    },
    onRecord: (record, line) => entities.push(parseEntry(record, dataset, file, line)),
  });
  if (entities.length === 0) throw new ParseError(file, undefined, 'no <sdnEntry> records: empty or truncated list');
  if (declaredCount !== undefined && Number.isFinite(declaredCount) && declaredCount !== entities.length) {
    throw new ParseError(file, undefined, `the file declares ${declaredCount} records but holds ${entities.length}: truncated or altered`);
  }
  return { dataset, format: 'ofac-xml', published, source: file, entities, skipped: [] };
}
