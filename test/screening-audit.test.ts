import { describe, expect, it } from 'vitest';
import { createServer } from '../src/api/server.js';
import { ScreeningJobs } from '../src/service/jobs.js';
import { createKey } from '../src/service/api-keys.js';
import { KeyRing } from '../src/service/api-keys.js';
import { loadPaths } from '../src/service/load.js';
import { Screener } from '../src/service/screener.js';
import { openStore, type Store } from '../src/store/index.js';
import type { AuditEntry } from '../src/store/audit.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir, tempFile } from './helpers/fixtures.js';

// Who screened what, when, against which versions, with what counts: in the audit trail, for
// matches over the API, batch screenings and the command line; never the names screened.

async function entries(store: Store, action: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of store.audit()) if (entry.action === action) out.push(entry);
  return out;
}

describe('screenings in the audit trail', () => {
  it('records the API\'s matches per caller, and each batch screening submitted and done', async () => {
    const store = await openStore({ kind: 'embedded', dir: undefined });
    await loadPaths(store, [fixture('ofac-csv')]);
    const screener = new Screener(store);
    await screener.refresh();
    const jobs = new ScreeningJobs(tempDir(), screener, 0);
    const app = createServer(store, { logLevel: 'silent', screener, jobs, keys: new KeyRing(store, 0) });
    const analyst = await createKey(store, 'analyst', 'ops desk');
    const headers = { 'x-api-key': analyst.secret };
    for (let i = 0; i < 3; i++) {
      await app.inject({ method: 'POST', url: '/match/default', headers, payload: { queries: { a: { schema: 'Person', properties: { name: ['Kim Yong Chol'] } }, b: { schema: 'Person', properties: { name: ['Anna Berg'] } } } } });
    }
    const job = (await app.inject({ method: 'POST', url: '/screenings', headers: { ...headers, 'content-type': 'text/csv' }, payload: 'name\nKim Yong Chol\nAnna Berg\n' })).json();
    await jobs.idle();
    await app.close();
    const [matches] = await entries(store, 'screening.match');
    const version = (await store.currentVersions())[0]!.id;
    expect(matches).toMatchObject({ actor: `key:${analyst.key.id} (ops desk)`, after: { requests: 3, queries: 6, matches: 3, versions: [version] } });
    expect(JSON.stringify(matches)).not.toContain('Anna Berg');
    expect((await entries(store, 'screening.submit')).map((e) => [e.actor, e.subject, (e.after as { versions: string[] }).versions])).toEqual([[`key:${analyst.key.id} (ops desk)`, `screening:${job.id}`, [version]]]);
    expect((await entries(store, 'screening.done'))[0]).toMatchObject({ subject: `screening:${job.id}`, after: { rows: 2, matches: 1, bad: 0 } });
    expect((await store.verifyAudit()).ok).toBe(true);
    await store.close();
  });

  it('records the command line\'s screenings of files and names under its user', async () => {
    const db = tempDir();
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const file = tempFile('customers.csv', 'name\nKim Yong Chol\nAnna Berg\n');
    expect((await runCli(['screen', file, '--db', db])).code).toBe(0);
    expect((await runCli(['match', 'Kim Yong Chol', '--db', db])).code).toBe(0);
    const store = await openStore({ kind: 'embedded', dir: db }, { command: 'test' });
    try {
      const [screened] = await entries(store, 'screening.file');
      expect(screened).toMatchObject({ actor: expect.stringMatching(/^cli:/), subject: `file:${file}`, after: { read: 2, screened: 2, matches: 1, bad: 0 } });
      expect((await entries(store, 'screening.match'))[0]).toMatchObject({ after: { queries: 1, matches: 1 } });
    } finally {
      await store.close();
    }
  });
});
