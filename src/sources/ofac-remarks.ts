import type { EntityBuilder } from '../core/entity.js';
import { parseDates } from './dates.js';

/**
 * OFAC writes much of an entry in free text: the SDN CSV's Remarks column and the XML's
 * `idList` use the same labels ("DOB", "Passport", "Vessel Registration Identification"...).
 * This module turns both into FtM properties.
 */

/** Split remarks into clauses at semicolons that are not inside quotes. */
export function splitRemarks(remarks: string): string[] {
  const clauses: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < remarks.length; i++) {
    const ch = remarks[i]!;
    // An apostrophe inside a word (Ch'oe, Ku'k-ryo'l) does not open a quotation.
    if (ch === "'") {
      if (quoted) quoted = /[A-Za-z0-9]/.test(remarks[i + 1] ?? '');
      else quoted = !/[A-Za-z]/.test(remarks[i - 1] ?? '');
    }
    if (ch === ';' && !quoted) {
      clauses.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  clauses.push(current.trim());
  return clauses.map((c) => c.replace(/\.$/, '').trim()).filter(Boolean);
}

const QUOTED = /'(.+)'/;

/** `Passport 563120356 (Korea, North) expires 07 Dec 2021` → number and country. */
function documentNumber(text: string): { number: string; country?: string } {
  const match = /^(.*?)(?:\s*\(([^)]*)\))?(?:\s+(?:issued|expires|expire)\b.*)?$/i.exec(text.trim());
  const number = (match?.[1] ?? text).trim();
  return { number, country: match?.[2]?.trim() };
}

type Rule = [RegExp, (entity: EntityBuilder, value: string, organization: boolean) => void];

const addDocument = (property: string) => (entity: EntityBuilder, value: string): void => {
  const { number } = documentNumber(value);
  if (number) entity.add(property, number);
};

const IDENTIFIER_RULES: Rule[] = [
  [/^(?:alt\.\s*)?DOB\s+(.*)$/i, (e, v) => e.add('birthDate', ...parseDates(v))],
  [/^(?:alt\.\s*)?POB\s+(.*)$/i, (e, v) => e.add('birthPlace', v)],
  [/^(?:alt\.\s*)?nationality\s+(.*)$/i, (e, v) => e.add('nationality', v)],
  [/^(?:alt\.\s*)?citizen\s+(.*)$/i, (e, v) => e.add('citizenship', v)],
  [/^Gender\s+(.*)$/i, (e, v) => e.add('gender', v.toLowerCase())],
  [/^(?:alt\.\s*)?(?:Diplomatic\s+|Service\s+|Official\s+)?Passport\s+(?:No\.?\s*)?(.*)$/i, addDocument('passportNumber')],
  [/^(?:alt\.\s*)?Vessel Registration Identification\s+(.*)$/i, (e, v) => {
    const imo = /IMO\s*(\d{7})/i.exec(v);
    if (imo) e.add('imoNumber', `IMO${imo[1]}`);
    else e.add('registrationNumber', v);
  }],
  [/^(?:alt\.\s*)?MMSI\s+(.*)$/i, (e, v) => e.add('mmsi', v.replace(/\s+/g, ''))],
  [/^(?:Former\s+)?Vessel Flag\s+(.*)$/i, (e, v) => e.add('flag', v)],
  [/^Vessel Year of Build\s+(.*)$/i, (e, v) => e.add('buildDate', ...parseDates(v))],
  [/^Vessel Type\s+(.*)$/i, (e, v) => e.add('type', v)],
  [/^Aircraft Model\s+(.*)$/i, (e, v) => e.add('model', v)],
  [/^Aircraft Manufacturer's Serial Number \(MSN\)\s+(.*)$/i, (e, v) => e.add('serialNumber', v)],
  [/^Aircraft Manufacture Date\s+(.*)$/i, (e, v) => e.add('buildDate', ...parseDates(v))],
  [/^(?:alt\.\s*)?Email Address\s+(.*)$/i, (e, v) => e.add('email', v)],
  [/^(?:alt\.\s*)?Website\s+(.*)$/i, (e, v) => e.add('website', v)],
  [/^(?:alt\.\s*)?Phone Number\s+(.*)$/i, (e, v) => e.add('phone', v)],
  [/^(?:alt\.\s*)?Digital Currency Address - \w+\s+(.*)$/i, (e, v) => e.add('cryptoWallet', v)],
  [/^(?:alt\.\s*)?Tax ID No\.\s+(.*)$/i, addDocument('taxNumber')],
  [/^(?:alt\.\s*)?SWIFT\/BIC\s+(.*)$/i, (e, v) => e.add('swiftBic', v.replace(/\s+/g, ''))],
  [/^(?:alt\.\s*)?(?:Business\s+|Company\s+|Commercial\s+)?Registration (?:Number|ID|No\.)\s+(.*)$/i, addDocument('registrationNumber')],
  [/^Organization Established Date\s+(.*)$/i, (e, v) => e.add('incorporationDate', ...parseDates(v))],
  [/^(?:alt\.\s*)?(?:National ID No\.|Identification Number|Cedula No\.|C\.U\.R\.P\.|SSN|Personal ID Card|NIT #|RFC|D\.N\.I\.|Residency Number|Driver's License No\.|Public Security and Immigration No\.|Kenyan ID No\.|Travel Document Number|Birth Certificate Number|Trade License No\.|Chinese Commercial Code|Unified Social Credit Code \(USCC\)|Government Gazette Number|Legal Entity Number|Stateless Person ID Card|Refugee ID Card)\s+(.*)$/i, (e, v, org) => addDocument(org ? 'registrationNumber' : 'idNumber')(e, v)],
];

const ALIAS_RULE = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+(.*)$/i;
const PROVISION_RULE = /^(Secondary sanctions risk|Transactions Prohibited For Persons Owned or Controlled By U\.S\. Financial Institutions|Executive Order 13846 information|Additional Sanctions Information -|CAATSA - RUSSIA|IFCA Determination -|Effective Date \(EO 14024 Directive \d+\))\s*:?\s*(.*)$/i;

export interface RemarkFacts {
  provisions: string[];
}

/**
 * Apply one labelled value (a remarks clause, or an XML `id` whose `idType` is the label).
 * Sanction provisions ("Secondary sanctions risk:") go to `facts`. Returns false when the
 * label is not known, so the caller can keep the value otherwise.
 */
export function applyIdentifier(entity: EntityBuilder, label: string, value: string, organization: boolean, facts: RemarkFacts = { provisions: [] }): boolean {
  // A provision keeps its label's colon, as remarks write it; other labels are matched without one.
  const head = PROVISION_RULE.test(label) ? label.trim() : label.replace(/:$/, '').trim();
  return applyClause(entity, `${head} ${value}`.trim(), organization, facts);
}

function applyClause(entity: EntityBuilder, clause: string, organization: boolean, facts: RemarkFacts): boolean {
  const alias = ALIAS_RULE.exec(clause);
  if (alias) {
    const name = QUOTED.exec(alias[2]!)?.[1] ?? alias[2]!;
    entity.add(alias[1]!.toLowerCase() === 'f.k.a.' ? 'previousName' : 'alias', name);
    return true;
  }
  const provision = PROVISION_RULE.exec(clause);
  if (provision) {
    facts.provisions.push(clause);
    return true;
  }
  for (const [pattern, apply] of IDENTIFIER_RULES) {
    const match = pattern.exec(clause);
    if (match) {
      apply(entity, match[1]!.trim(), organization);
      return true;
    }
  }
  return false;
}

/** Parse a whole Remarks field into the entity; returns the sanction provisions it cites. */
export function applyRemarks(entity: EntityBuilder, remarks: string, organization: boolean): RemarkFacts {
  const facts: RemarkFacts = { provisions: [] };
  if (!remarks) return facts;
  entity.add('notes', remarks);
  for (const clause of splitRemarks(remarks)) applyClause(entity, clause, organization, facts);
  return facts;
}
