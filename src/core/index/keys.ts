import { koreanKey } from '../names/korean.js';
import type { NameToken } from '../names/tokens.js';

/**
 * The retrieval keys of a name's tokens: each token's Korean key (which folds romanization
 * variants), its one-deletion neighbourhood (typos: a key and its deletions share a key with any
 * spelling one edit away), and the keys of adjacent tokens written together (Jong Un / Jongun).
 * The written form's one-deletion neighbourhood is keyed too. Keys of one token are grouped,
 * strongest first, so that a candidate is credited once per query token.
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

/** Keys of a token: its Korean key and that key's deletions, then its written form's deletions (a typo as written can be two edits apart as keys). */
function keysOf(key: string, text = key): string[] {
  const out = [...keyKeys(key)];
  if (text.length >= MIN_DELETION_LENGTH - 1) out.push(`t:${text}`);
  for (const d of deletions(text)) out.push(`t:${d}`);
  return out;
}

function keyKeys(key: string): string[] {
  const out = [`k:${key}`];
  // A three-letter key joins the deletion space unchanged, so that a four-letter key one
  // deletion away (nurk → nur) finds it; it has no deletions of its own (two letters say little).
  if (key.length >= MIN_DELETION_LENGTH - 1) out.push(`d:${key}`);
  for (const d of deletions(key)) out.push(`d:${d}`);
  return out;
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
