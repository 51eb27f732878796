import type { NameToken } from '../names/tokens.js';

/**
 * The retrieval keys of a name's tokens: each token's Korean key (which folds romanization
 * variants), its one-deletion neighbourhood (typos: a key and its deletions share a key with any
 * spelling one edit away), and the keys of adjacent tokens written together (Jong Un / Jongun).
 * Keys of one token are grouped, strongest first, so that a candidate is credited once per
 * query token.
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

function keysOf(key: string): string[] {
  const out = [`k:${key}`];
  if (key.length >= MIN_DELETION_LENGTH) {
    out.push(`d:${key}`);
    for (const d of deletions(key)) out.push(`d:${d}`);
  }
  return out;
}

export function tokenKeys(tokens: NameToken[]): TokenKeys[] {
  const out: TokenKeys[] = [];
  for (const token of tokens) {
    if (token.kind === 'generic') out.push({ token, keys: [`k:${token.key}`] });
    else out.push({ token, keys: keysOf(token.key) });
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind !== 'name' || b.kind !== 'name') continue;
    const joined = a.key + b.key;
    out.push({ token: { text: a.text + b.text, key: joined, kind: 'name' }, keys: keysOf(joined) });
  }
  return out;
}
