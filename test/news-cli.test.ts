import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

const ARTICLE = [
  'Spy chief in Seoul',
  '',
  'North Korean spy chief Kim Yong-chol arrived in Seoul, where South Korean Foreign Minister Kim Sung-han met him.',
  '',
  '"We came to talk," Kim Yong-chol said. The freighter Chong Chon Gang stayed in Nampo, and Lyon Travaux SA denied any link.',
].join('\n');

describe('interdict news', () => {
  const db = tempDir('interdict-news-');
  const file = join(tempDir(), 'article.txt');
  let http: Server;
  let base: string;
  beforeAll(async () => {
    writeFileSync(file, ARTICLE);
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const parties = join(tempDir(), 'parties.csv');
    writeFileSync(parties, 'id,schema,name\nc-7,Company,Lyon Travaux S.A.\n');
    const imported = await runCli(['parties', 'import', parties, '--db', db, '--no-screen']);
    expect(imported.code, imported.stderr).toBe(0);
    http = createServer((request, response) => {
      if (request.url === '/feed.xml') return void response.writeHead(200).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>Spy chief in Seoul</title><link>${base}/a.txt</link></item></channel></rss>`);
      if (request.url === '/a.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end(ARTICLE.replace('denied', 'again denied'));
      response.writeHead(404).end();
    });
    await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => new Promise((closed) => http?.close(closed)));

  it('scans an article: a table for people, JSON with --json, and an audit entry naming the designees', async () => {
    const table = await runCli(['news', 'scan', file, '--db', db]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Spy chief in Seoul\n/);
    expect(table.stdout).toMatch(/Kim Yong-chol\s+North Korean spy chief\s+KIM, Yong Chol \(us_ofac_sdn-12211, 1\.000\)\s+"We came to talk"/);
    expect(table.stdout).toMatch(/Kim Sung-han\s+South Korean Foreign Minister\s+not listed/);
    const json = await runCli(['news', 'scan', file, '--db', db, '--json']);
    const scan = JSON.parse(json.stdout);
    expect(scan.designees.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(['us_ofac_sdn-12211', 'us_ofac_sdn-17069']));
    expect(scan.people.map((p: { names: string[] }) => p.names)).toEqual([['Kim Yong-chol'], ['Kim Sung-han']]);
    const store = await openStore({ kind: 'embedded', dir: db });
    try {
      const scans = [];
      for await (const entry of store.audit()) if (entry.action === 'news.scan') scans.push(entry);
      expect(scans).toHaveLength(2);
      expect(scans[0]).toMatchObject({ actor: expect.stringMatching(/^cli:/), subject: expect.stringMatching(/^sha256:/), after: { designees: expect.arrayContaining(['us_ofac_sdn-12211']) } });
    } finally {
      await store.close();
    }
  });

  it('keeps an article with --store, once, alerting the monitored party it names; lists it by entity and party', async () => {
    const kept = await runCli(['news', 'scan', file, '--db', db, '--store', '--json']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stderr).toMatch(/kept as art_[0-9a-f]+; 1 monitored party named, 1 alert\(s\) raised/);
    expect((await runCli(['news', 'scan', file, '--db', db, '--store'])).stderr).toMatch(/kept already as art_[0-9a-f]+; 1 monitored party named, 0 alert\(s\) raised/);
    const list = JSON.parse((await runCli(['news', 'list', '--db', db, '--party', 'c-7', '--json'])).stdout);
    expect(list.articles.map((a: { title: string }) => a.title)).toEqual(['Spy chief in Seoul']);
    expect(JSON.parse((await runCli(['news', 'list', '--db', db, '--entity', 'us_ofac_sdn-17069', '--json'])).stdout).articles).toHaveLength(1);
    expect(JSON.parse((await runCli(['news', 'list', '--db', db, '--party', 'nobody', '--json'])).stdout).articles).toEqual([]);
  });

  it('watches a feed once: the new article is fetched, kept and its party alerted; the feed is remembered', async () => {
    const run = await runCli(['news', 'watch', '--feed', `${base}/feed.xml`, '--once', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/feed\.xml: 1 item\(s\), 1 article\(s\) kept, 1 alert\(s\)\n$/);
    const again = await runCli(['news', 'watch', '--once', '--db', db]);
    expect(again.stdout).toMatch(/feed\.xml: 1 item\(s\), 0 article\(s\) kept, 0 alert\(s\)\n$/);
  });

  it('refuses options and inputs it cannot take, naming them', async () => {
    expect((await runCli(['news', 'scan', file, '--db', db, '--format', 'pdf'])).stderr).toMatch(/--format pdf: text or html/);
    expect((await runCli(['news', 'scan', join(tempDir(), 'none.txt'), '--db', db])).stderr).toMatch(/none\.txt: cannot be read/);
    expect((await runCli(['news', 'watch', '--once', '--every', '5', '--db', db])).stderr).toMatch(/--once reads the feeds once; --every reads them on a schedule/);
    expect((await runCli(['news', 'watch', '--feed', 'ftp://x/feed', '--once', '--db', db])).stderr).toMatch(/--feed ftp:\/\/x\/feed: a feed's URL starts with http/);
    expect((await runCli(['news', 'list', '--after', 'yesterday', '--db', db])).stderr).toMatch(/--after yesterday: a time in ISO 8601/);
    const empty = join(tempDir(), 'empty.txt');
    writeFileSync(empty, '  \n');
    const refused = await runCli(['news', 'scan', empty, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the article is empty/);
  });
});
