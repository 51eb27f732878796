import { koreanKey } from '../names/korean.js';
import type { NameToken } from '../names/tokens.js';

/**
 * The retrieval keys of a name's tokens: each token's Korean key (which folds romanization
 * variants), the one-deletion neighbourhood of its written form (a spelling one edit away shares
 * a key with it), and the keys of adjacent tokens written together (Jong Un / Jongun). Keys of
 * one token are grouped, strongest first, so that a candidate is credited once per query token.
 */
export interface TokenKeys {
  token: NameToken;
  keys: string[];
}

const MIN_DELETION_LENGTH = 4;

export function deletions(key: string): string[] {
  if (key.length < MIN_DELETION_LENGTH) return [];
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  return [...out];
}

/**
 * Keys of a token: its Korean key (romanization variants meet there), then one deletion space
 * holding its written form, its key and the one-deletion neighbourhoods of both (typos meet
 * there, in writing or after romanization folding). A three-letter form or key joins the
 * deletion space unchanged, so that a four-letter one a deletion away (nurk → nur) finds it.
 */
function keysOf(key: string, text: string): string[] {
  const memo = `${text}\u0000${key}`;
  let keys = KEYS.get(memo);
  if (!keys) {
    keys = computeKeys(key, text);
    // Names repeat their words: a bounded memo saves most of the work when indexing.
    if (KEYS.size >= MAX_MEMO) KEYS.clear();
    KEYS.set(memo, keys);
  }
  return keys;
}

const KEYS = new Map<string, string[]>();
const MAX_MEMO = 200_000;

function computeKeys(key: string, text: string): string[] {
  const space = new Set<string>();
  for (const form of key === text ? [key] : [key, text]) {
    if (form.length >= MIN_DELETION_LENGTH - 1) space.add(form);
    for (const d of deletions(form)) space.add(d);
  }
  return [`k:${key}`, ...[...space].map((d) => `d:${d}`)];
}

export function tokenKeys(tokens: NameToken[]): TokenKeys[] {
  const out: TokenKeys[] = [];
  for (const token of tokens) {
    if (token.kind === 'generic') out.push({ token, keys: [`k:${token.key}`] });
    else out.push({ token, keys: keysOf(token.key, token.text) });
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind !== 'name' || b.kind !== 'name') continue;
    const text = a.text + b.text;
    const key = koreanKey(text);
    out.push({ token: { text, key, kind: 'name' }, keys: keysOf(key, text) });
  }
  return out;
}
