import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS, entryHash, type AuditEntry } from '../src/store/audit.js';
import { openEmbedded } from '../src/store/embedded.js';
import { runCli } from './helpers/cli.js';
import { tempDir, tempFile } from './helpers/fixtures.js';
import { REPO, freePort, until } from './helpers/processes.js';

const KEY = 'anchor-key-the-database-role-does-not-have';

/** Rewrite an entry of the embedded store in `db` and recompute the hashes after it, as whoever can open its folder can. */
async function rewriteEntry(db: string, seq: number, after: unknown): Promise<void> {
  const { client } = await openEmbedded(db, {});
  try {
    await client.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
    const { rows } = await client.query<AuditEntry>('SELECT seq, at, actor, action, subject, before, after, prev_hash AS "prevHash", hash FROM audit_log ORDER BY seq');
    let prev = rows.find((e) => Number(e.seq) === seq - 1)?.hash ?? GENESIS;
    for (const entry of rows.filter((e) => Number(e.seq) >= seq)) {
      const changed = { ...entry, seq: Number(entry.seq), prevHash: prev, after: Number(entry.seq) === seq ? after : entry.after };
      const hash = entryHash(changed);
      await client.query('UPDATE audit_log SET after = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [JSON.stringify(changed.after), prev, hash, changed.seq]);
      prev = hash;
    }
    await client.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
  } finally {
    await client.close();
  }
}

describe('interdict audit checkpoint and audit verify', () => {
  const db = tempDir('interdict-anchor-cli-');
  const file = join(tempDir('interdict-anchor-file-'), 'audit-anchor.jsonl');
  const env = { INTERDICT_AUDIT_ANCHOR: file, INTERDICT_AUDIT_ANCHOR_KEY: KEY };

  it('without an anchor file, says how to set one and exits 2', async () => {
    for (const value of ['true', 'false', 'true']) expect((await runCli(['settings', 'set', 'four_eyes', value, '--db', db])).code).toBe(0);
    const run = await runCli(['audit', 'checkpoint', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no anchor file: give --anchor FILE, or set INTERDICT_AUDIT_ANCHOR to a file the database's role cannot write/);
  }, 60_000);

  it('appends signed checkpoints and verifies the chain against them', async () => {
    const written = await runCli(['audit', 'checkpoint', '--db', db], env);
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.stdout).toMatch(new RegExp(`^checkpoint: entry 3 \\(3 entries, hash [0-9a-f]{12}…\\), signed, appended to ${file}\\n$`));
    const line = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(line).toEqual({ seq: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String), entries: 3, hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const verified = await runCli(['audit', 'verify', '--db', db], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toBe(`audit trail intact: 3 entries; anchored by 1 checkpoint in ${file}, the newest of entry 3 at ${line.at as string} (HMACs checked)\n`);
    const json = await runCli(['audit', 'verify', '--db', db, '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, entries: 3, anchor: { file, checkpoints: 1, newest: { seq: 3, at: line.at }, signed: true } });

    // --anchor names another file; without a key, a checkpoint is written unsigned, with a warning.
    const other = join(tempDir(), 'other.jsonl');
    const missing = await runCli(['audit', 'verify', '--db', db, '--anchor', other]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(new RegExp(`audit anchor ${other}: the anchor file does not exist`));
    const unsigned = await runCli(['audit', 'checkpoint', '--db', db, '--anchor', other, '--json']);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stderr).toMatch(/INTERDICT_AUDIT_ANCHOR_KEY is not set: the checkpoint carries no HMAC/);
    expect(Object.keys(JSON.parse(unsigned.stdout) as object).sort()).toEqual(['at', 'entries', 'hash', 'seq']);
    expect((await runCli(['audit', 'verify', '--db', db, '--anchor', other])).stdout).toMatch(/\(HMACs not checked: INTERDICT_AUDIT_ANCHOR_KEY is not set\)\n$/);
  }, 60_000);

  it('names the checkpoint a rewritten chain breaks, where the chain alone says intact; and refuses to checkpoint it', async () => {
    await rewriteEntry(db, 2, { key: 'four_eyes', value: true });
    // What `audit verify` said before the anchor, and still says without one.
    const alone = await runCli(['audit', 'verify', '--db', db]);
    expect(alone).toMatchObject({ code: 0, stdout: 'audit trail intact: 3 entries\n' });
    expect(alone.stderr).toMatch(/the trail is not anchored/);

    const anchored = await runCli(['audit', 'verify', '--db', db], env);
    expect(anchored.code).toBe(2);
    expect(anchored.stderr).toMatch(new RegExp(`^interdict: audit anchor ${file} line 1 \\(checkpoint of entry 3\\): entry 3's hash is [0-9a-f]{12}…, the checkpoint of .* recorded [0-9a-f]{12}…: the trail was rewritten at or before entry 3\\n$`));
    const json = await runCli(['audit', 'verify', '--db', db, '--json'], env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 3, anchor: { file, checkpoints: 1, broken: { line: 1, seq: 3 } } });

    const refused = await runCli(['audit', 'checkpoint', '--db', db], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no checkpoint written: the newest checkpoint of .* \(line 1, entry 3\) does not hold/);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('exits 2 on a chain broken in itself, as documented', async () => {
    const { client } = await openEmbedded(db, {});
    try {
      await client.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await client.exec(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1`);
    } finally {
      await client.close();
    }
    const run = await runCli(['audit', 'verify', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/audit trail broken at entry 1: its contents do not match its hash/);
  }, 60_000);

  it('refuses a key too short to be a secret and a schedule of no minutes', async () => {
    const short = await runCli(['audit', 'verify', '--db', db], { INTERDICT_AUDIT_ANCHOR_KEY: 'secret' });
    expect(short).toMatchObject({ code: 2, stderr: 'interdict: environment variable INTERDICT_AUDIT_ANCHOR_KEY: at least 16 characters\n' });
    expect((await runCli(['audit', 'verify', '--db', db], { INTERDICT_AUDIT_ANCHOR_MINUTES: '0' })).stderr).toMatch(/INTERDICT_AUDIT_ANCHOR_MINUTES/);
  });
});

// The server runs in a process of its own (it ends on a signal), from the sources through tsx.
const SERVE = `
const { main } = await import(process.argv[2]);
process.exitCode = await main(['node', 'interdict', ...process.argv.slice(3)]);
`;

describe('interdict serve with an anchor file', () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    server?.kill('SIGTERM');
    server = undefined;
  });

  async function serve(db: string, env: Record<string, string>): Promise<{ base: string; log: () => string }> {
    const port = await freePort();
    let log = '';
    server = spawn(process.execPath, ['--import', 'tsx', tempFile('serve.mjs', SERVE), `${REPO}src/cli/main.ts`, 'serve', '--db', db, '--port', String(port)], { cwd: REPO, env: { ...process.env, LOG_LEVEL: 'info', ...env } });
    server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await until('the server', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
    return { base, log: () => log };
  }

  it('writes a checkpoint when it starts (then every INTERDICT_AUDIT_ANCHOR_MINUTES), which GET /audit/verify checks', async () => {
    const db = tempDir('interdict-anchor-serve-');
    expect((await runCli(['settings', 'set', 'four_eyes', 'true', '--db', db])).code).toBe(0);
    const file = join(tempDir('interdict-anchor-file-'), 'audit-anchor.jsonl');
    const { base, log } = await serve(db, { INTERDICT_AUDIT_ANCHOR: file, INTERDICT_AUDIT_ANCHOR_KEY: KEY, INTERDICT_AUDIT_ANCHOR_MINUTES: '5' });
    await until('the first checkpoint', async () => (existsSync(file) && readFileSync(file, 'utf8').endsWith('\n') ? true : undefined));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ seq: 1, entries: 1, hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await (await fetch(`${base}/audit/verify`)).json()).toEqual({ ok: true, entries: 1, anchor: { file, checkpoints: 1, newest: { seq: 1, at: expect.any(String) }, signed: true } });
    expect(log()).toMatch(/audit checkpoint written/);
  }, 60_000);

  it('logs a checkpoint it cannot write as an error, and keeps serving', async () => {
    const db = tempDir('interdict-anchor-serve-');
    expect((await runCli(['settings', 'set', 'four_eyes', 'true', '--db', db])).code).toBe(0);
    const file = join(tempDir(), 'no-such-folder', 'audit-anchor.jsonl');
    const { base, log } = await serve(db, { INTERDICT_AUDIT_ANCHOR: file, INTERDICT_AUDIT_ANCHOR_KEY: KEY });
    const line = await until('the error', async () => log().split('\n').find((l) => l.includes('audit checkpoint could not be written')));
    expect(JSON.parse(line)).toMatchObject({ level: 50, file, err: { message: expect.stringMatching(/cannot write the audit anchor .*ENOENT/) } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(server?.exitCode).toBeNull();
  }, 60_000);
});
