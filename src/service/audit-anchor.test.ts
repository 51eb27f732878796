import { describe, expect, it } from 'vitest';
import { GENESIS } from '../store/audit.js';
import { checkCheckpoints, checkpointHmac, describeAuditFailure, formatCheckpoint, makeCheckpoint, parseAnchor, type AnchorLine, type WalkedChain } from './audit-anchor.js';

const KEY = 'a-key-of-at-least-16-characters';
const hash = (n: number): string => n.toString(16).padStart(64, '0');
const AT = '2026-11-24T10:00:00.000Z';

/** An intact chain of `length` entries whose entry n has the hash `hash(n)`. */
function chain(length: number, ok = true): WalkedChain {
  return { ok, verified: length, hashes: new Map(Array.from({ length }, (_, i) => [i + 1, hash(i + 1)])) };
}

function lines(...checkpoints: ReturnType<typeof makeCheckpoint>[]): AnchorLine[] {
  return parseAnchor(checkpoints.map(formatCheckpoint).join(''));
}

describe('checkpointHmac', () => {
  it('covers every field: changing any one changes it', () => {
    const base = { seq: 3, hash: hash(3), at: AT, entries: 3 };
    const mac = checkpointHmac(base, KEY);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    for (const changed of [{ ...base, seq: 4 }, { ...base, hash: hash(4) }, { ...base, at: '2026-11-24T10:00:00.001Z' }, { ...base, entries: 4 }]) expect(checkpointHmac(changed, KEY)).not.toBe(mac);
    expect(checkpointHmac(base, `${KEY}!`)).not.toBe(mac);
  });
});

describe('parseAnchor', () => {
  it('reads checkpoint lines, numbered from 1, skipping blank lines', () => {
    const cp = makeCheckpoint({ seq: 2, hash: hash(2), entries: 2 }, AT, KEY);
    expect(parseAnchor(`\n${formatCheckpoint(cp)}\n`)).toEqual([{ line: 2, checkpoint: cp }]);
  });

  it('names what is wrong with a line that is not a checkpoint', () => {
    const text = ['nonsense', '[1]', '{"seq":1,"hash":"x","at":"2026-01-01","entries":1}', `{"seq":-1,"hash":"${hash(1)}","at":"${AT}","entries":1}`, `{"seq":1,"hash":"${hash(1)}","at":"${AT}","entries":1,"note":"hi"}`].join('\n');
    expect(parseAnchor(text).map((l) => ('error' in l ? `${l.line}: ${l.error}` : l.line))).toEqual([
      '1: not a checkpoint: not JSON',
      '2: not a checkpoint: not a JSON object',
      '3: not a checkpoint: hash is not 64 hex digits',
      '4: not a checkpoint: seq is not a whole number of 0 or more',
      '5: not a checkpoint: unknown field "note"',
    ]);
  });
});

describe('checkCheckpoints', () => {
  it('holds for checkpoints of an intact chain, the empty trail\'s included, and names the newest', () => {
    const anchor = lines(makeCheckpoint({ seq: 0, hash: GENESIS, entries: 0 }, AT, KEY), makeCheckpoint({ seq: 3, hash: hash(3), entries: 3 }, AT, KEY), makeCheckpoint({ seq: 5, hash: hash(5), entries: 5 }, '2026-11-24T10:10:00.000Z', KEY));
    expect(checkCheckpoints('a.jsonl', anchor, chain(7), KEY)).toEqual({ file: 'a.jsonl', checkpoints: 3, newest: { seq: 5, at: '2026-11-24T10:10:00.000Z' }, signed: true });
  });

  it('names a checkpoint whose entry has another hash, and the checkpoint below it that held', () => {
    const anchor = lines(makeCheckpoint({ seq: 3, hash: hash(3), entries: 3 }, AT), makeCheckpoint({ seq: 5, hash: hash(55), entries: 5 }, AT));
    const check = checkCheckpoints('a.jsonl', anchor, chain(7));
    expect(check.broken).toEqual({ line: 2, seq: 5, reason: `entry 5's hash is ${hash(5).slice(0, 12)}…, the checkpoint of ${AT} recorded ${hash(55).slice(0, 12)}…: the trail was rewritten after entry 3 (which a checkpoint anchors intact) and at or before entry 5` });
    expect(check.signed).toBe(false);
  });

  it('names a checkpoint past the end of the trail: its newest entries were deleted', () => {
    const check = checkCheckpoints('a.jsonl', lines(makeCheckpoint({ seq: 9, hash: hash(9), entries: 9 }, AT)), chain(7));
    expect(check.broken).toEqual({ line: 1, seq: 9, reason: `the trail ends at entry 7, but the checkpoint of ${AT} recorded entry 9: entries after 7 were deleted` });
  });

  it('does not check checkpoints past a break of the chain, which is reported itself', () => {
    expect(checkCheckpoints('a.jsonl', lines(makeCheckpoint({ seq: 9, hash: hash(9), entries: 9 }, AT)), chain(4, false)).broken).toBeUndefined();
  });

  it('with a key, refuses a checkpoint without an HMAC or with another key\'s', () => {
    const unsigned = makeCheckpoint({ seq: 3, hash: hash(3), entries: 3 }, AT);
    expect(checkCheckpoints('a.jsonl', lines(unsigned), chain(7), KEY).broken).toMatchObject({ line: 1, seq: 3, reason: expect.stringMatching(/no HMAC/) });
    const other = makeCheckpoint({ seq: 3, hash: hash(3), entries: 3 }, AT, 'another-key-of-16-characters');
    expect(checkCheckpoints('a.jsonl', lines(other), chain(7), KEY).broken).toMatchObject({ line: 1, seq: 3, reason: expect.stringMatching(/HMAC does not match/) });
    // Without the key the same lines are taken as they are: the key is what makes a forged line stand out.
    expect(checkCheckpoints('a.jsonl', lines(unsigned), chain(7)).broken).toBeUndefined();
  });

  it('refuses a checkpoint that counts fewer entries than its sequence number, and a file without checkpoints', () => {
    expect(checkCheckpoints('a.jsonl', lines(makeCheckpoint({ seq: 3, hash: hash(3), entries: 2 }, AT)), chain(7)).broken?.reason).toMatch(/counts 2 entries up to entry 3/);
    expect(checkCheckpoints('a.jsonl', [], chain(7)).broken?.reason).toMatch(/holds no checkpoint/);
    expect(checkCheckpoints('a.jsonl', parseAnchor('oops\n'), chain(7)).broken).toEqual({ line: 1, reason: 'not a checkpoint: not JSON' });
  });
});

describe('describeAuditFailure', () => {
  it('names the chain\'s broken link and the anchor\'s checkpoint', () => {
    expect(describeAuditFailure({ ok: true, entries: 3 })).toBeUndefined();
    expect(describeAuditFailure({ ok: false, entries: 3, anchor: { file: 'a.jsonl', checkpoints: 1, newest: { seq: 9, at: AT }, signed: false, broken: { line: 1, seq: 9, reason: 'gone' } } }))
      .toBe('audit anchor a.jsonl line 1 (checkpoint of entry 9): gone');
    expect(describeAuditFailure({ ok: false, entries: 2, broken: { seq: 2, reason: 'its contents do not match its hash' } })).toBe('audit trail broken at entry 2: its contents do not match its hash');
  });
});
