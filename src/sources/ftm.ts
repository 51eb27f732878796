import { createInterface } from 'node:readline';
import { dirname, basename } from 'node:path';
import { cleanValue, pickCaption, isTargetSchema, type Designation, type Entity, type SourceTimes } from '../core/entity.js';
import { ParseError } from '../core/errors.js';
import type { DeltaOperation, Publication } from './publication.js';
import { openBytes } from './read.js';

const MAX_LINE = 16 * 1024 * 1024;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Validate one FtM entity object; errors name the line and the field. */
/** A time as FtM exports write it (UTC): a date, then a time of day to the minute, second or beyond, after T or a space. */
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2}))?)?)?(?:[.,]\d+)?Z?$/;

/** A time to the second, YYYY-MM-DDTHH:MM:SS, what it leaves out taken as zero (2020-05-05: 2020-05-05T00:00:00); undefined for one that is not a time. */
function toSeconds(value: string): string | undefined {
  const m = TIME.exec(value.trim());
  if (!m) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = m;
  const text = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  // A time that does not exist (month 13, 25 o'clock, 31 April) is none.
  const date = new Date(`${text}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === text ? text : undefined;
}

export function toEntity(raw: unknown, dataset: string, where: () => string, file: string): Entity {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ParseError(file, where(), 'expected a JSON object');
  const obj = raw as Record<string, unknown>;
  if (typeof obj.id !== 'string' || !obj.id.trim()) throw new ParseError(file, where(), 'entity without a string "id"');
  if (typeof obj.schema !== 'string' || !obj.schema.trim()) throw new ParseError(file, where(), `entity ${obj.id} without a string "schema"`);
  const props = obj.properties ?? {};
  if (typeof props !== 'object' || props === null || Array.isArray(props)) throw new ParseError(file, where(), `entity ${obj.id}: "properties" must be an object`);
  const properties: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
    if (!isStringArray(value)) throw new ParseError(file, where(), `entity ${obj.id}: property "${key}" must be an array of strings`);
    const clean = [...new Set(value.map(cleanValue).filter(Boolean))];
    if (clean.length) properties[key] = clean;
  }
  const entity: Entity = {
    id: obj.id.trim(),
    schema: obj.schema.trim(),
    caption: typeof obj.caption === 'string' && obj.caption.trim() ? cleanValue(obj.caption) : pickCaption(properties) ?? obj.id.trim(),
    properties,
    datasets: [dataset],
    designations: [],
  };
  if (isStringArray(obj.referents) && obj.referents.length) entity.referents = [...obj.referents];
  if (isStringArray(obj.datasets) && obj.datasets.length) entity.sourceDatasets = [...obj.datasets];
  const seen: SourceTimes = {};
  for (const key of ['first_seen', 'last_seen', 'last_change'] as const) {
    const value = obj[key];
    const time = typeof value === 'string' ? toSeconds(value) : undefined;
    if (time) seen[key] = time;
  }
  if (Object.keys(seen).length) entity.seen = seen;
  return entity;
}

/**
 * FtM keeps sanctions as separate `Sanction` entities pointing at their target; Interdict's
 * model puts them on the target as designations. The Sanction entities stay as they are, so the
 * set can still be exported and patched by deltas.
 */
export function foldSanctions(entities: Entity[]): { entities: Entity[]; orphanSanctions: number } {
  const byId = new Map<string, Entity>();
  for (const e of entities) byId.set(e.id, { ...e, designations: [] });
  let orphanSanctions = 0;
  for (const e of byId.values()) {
    if (e.schema !== 'Sanction') continue;
    const p = e.properties;
    const targets = (p.entity ?? []).map((id) => byId.get(id)).filter((t): t is Entity => Boolean(t));
    if (targets.length === 0) orphanSanctions++;
    for (const target of targets) {
      const designation: Designation = { dataset: e.sourceDatasets?.[0] ?? e.datasets[0] ?? '', authority: p.authority?.[0] ?? p.publisher?.[0] ?? '' };
      const set = (key: keyof Designation, value: string | undefined): void => {
        if (value) (designation as unknown as Record<string, unknown>)[key] = value;
      };
      set('program', p.program?.[0]);
      set('programId', p.programId?.[0]);
      set('listingDate', [...(p.listingDate ?? []), ...(p.startDate ?? [])].sort()[0]);
      set('reason', p.reason?.join('; '));
      set('referenceNumber', p.unscId?.[0] ?? p.authorityId?.[0]);
      set('sourceUrl', p.sourceUrl?.[0]);
      if (p.provisions?.length) designation.provisions = [...p.provisions];
      target.designations.push(designation);
    }
  }
  for (const e of byId.values()) {
    if (e.designations.length && isTargetSchema(e.schema)) {
      const topics = (e.properties.topics ??= []);
      if (!topics.includes('sanction')) topics.push('sanction');
    }
  }
  return { entities: [...byId.values()], orphanSanctions };
}

async function* readJsonLines(path: string, file: string): AsyncGenerator<{ value: unknown; line: number }> {
  const lines = createInterface({ input: await openBytes(path), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (!text.trim()) continue;
      if (text.length > MAX_LINE) throw new ParseError(file, `line ${line}`, `line longer than ${MAX_LINE} characters`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new ParseError(file, `line ${line}`, `invalid JSON (${(error as Error).message})`);
      }
      yield { value, line };
    }
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw new ParseError(file, `line ${line + 1}`, `cannot read: ${(error as Error).message}`);
  }
}

/** The dataset an FtM file is loaded as: given, else the one dataset all its entities share, else its folder's name. */
function datasetName(given: string | undefined, shared: Set<string> | undefined, path: string): string {
  if (given) return given;
  if (shared?.size === 1) return [...shared][0]!;
  const folder = basename(dirname(path));
  const stem = folder && folder !== '.' ? folder : basename(path).replace(/\..*$/, '');
  return stem.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'ftm';
}

const intersect = (a: Set<string> | undefined, b: string[] | undefined): Set<string> =>
  new Set((b ?? []).filter((x) => !a || a.has(x)));

/** FollowTheMoney JSON lines (entities.ftm.json), or OpenSanctions' delta format. */
export async function parseFtm(path: string, file: string, dataset: string | undefined, delta: boolean): Promise<Publication> {
  const raws: { value: Record<string, unknown>; line: number; op?: string }[] = [];
  let shared: Set<string> | undefined;
  let lastChange: string | null = null;
  for await (const { value, line } of readJsonLines(path, file)) {
    let entityRaw = value as Record<string, unknown>;
    let op: string | undefined;
    if (delta) {
      if (typeof value !== 'object' || value === null) throw new ParseError(file, `line ${line}`, 'expected a JSON object');
      op = (value as { op?: unknown }).op as string;
      if (op !== 'ADD' && op !== 'MOD' && op !== 'DEL') throw new ParseError(file, `line ${line}`, `"op" must be ADD, MOD or DEL, found ${JSON.stringify(op)}`);
      entityRaw = (value as { entity?: unknown }).entity as Record<string, unknown>;
      if (typeof entityRaw !== 'object' || entityRaw === null) throw new ParseError(file, `line ${line}`, 'delta line without an "entity" object');
    }
    if (op !== 'DEL') {
      if (isStringArray(entityRaw.datasets)) shared = intersect(shared, entityRaw.datasets);
      const change = typeof entityRaw.last_change === 'string' ? entityRaw.last_change.slice(0, 10) : null;
      if (change && (!lastChange || change > lastChange)) lastChange = change;
    }
    raws.push({ value: entityRaw, line, op });
  }
  if (raws.length === 0) throw new ParseError(file, undefined, 'no entities: the file is empty');
  const name = datasetName(dataset, shared, path);
  if (delta) {
    const operations: DeltaOperation[] = raws.map(({ value, line, op }) => {
      if (op === 'DEL') {
        if (typeof value.id !== 'string') throw new ParseError(file, `line ${line}`, 'DEL without an entity id');
        return { op: 'DEL', line, entity: { id: value.id, schema: '', caption: '', properties: {}, datasets: [name], designations: [] } };
      }
      return { op: op as 'ADD' | 'MOD', line, entity: toEntity(value, name, () => `line ${line}`, file) };
    });
    return { dataset: name, format: 'ftm-delta', published: lastChange, source: file, entities: [], delta: operations, skipped: [] };
  }
  const seen = new Set<string>();
  const entities = raws.map(({ value, line }) => {
    const entity = toEntity(value, name, () => `line ${line}`, file);
    if (seen.has(entity.id)) throw new ParseError(file, `line ${line}`, `duplicate entity id ${entity.id}`);
    seen.add(entity.id);
    return entity;
  });
  const folded = foldSanctions(entities);
  const skipped = folded.orphanSanctions ? [{ reason: 'Sanction entities whose target is not in the file (kept, not attached)', count: folded.orphanSanctions }] : [];
  return { dataset: name, format: 'ftm', published: lastChange, source: file, entities: folded.entities, skipped };
}
