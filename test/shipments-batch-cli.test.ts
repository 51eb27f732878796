import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';

/**
 * `interdict shipments check FILE --out OUT`: a file of shipments as a batch, one result row a
 * shipment, resumed from an existing output, a shipment that cannot be read answered with its
 * line and field without stopping the batch.
 */
const HEADER = 'id,date,origin,destination,port_of_loading,vessel_name,shipper_name,shipper_country,consignee_name,goods1_hs,goods1_description,goods2_hs,goods2_description,goods2_quantity';

/** `rows` shipments: KOMID shipping coal out of Nampo on line 5, a bad HS code on line 9, a quantity that is no number on line 12, clean trade elsewhere. */
function shipmentsCsv(rows = 30): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const line = i + 2;
    if (line === 5) lines.push(`s${i},2019-03-01,KP,CN,NAMPO,SHIP CHONG CHON GANG,KOMID,KP,Dalian Ocean Trading Co Ltd,2701.12,anthracite,,,`);
    else if (line === 9) lines.push(`s${i},2019-03-01,DE,FR,Hamburg,,Hamburg Maschinenbau GmbH,DE,Lyon Travaux SA,270,coal,,,`);
    else if (line === 12) lines.push(`s${i},2019-03-01,DE,FR,Hamburg,,Hamburg Maschinenbau GmbH,DE,Lyon Travaux SA,8429,bulldozers,8431,parts,"5,000"`);
    else lines.push(`s${i},2019-03-01,DE,FR,Hamburg,,Hamburg Maschinenbau GmbH,DE,"Lyon Travaux ${i % 3} SA",8429.11,bulldozers,8431.42,blades,${i}`);
  }
  return `${lines.join('\n')}\n`;
}

const readCsv = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true }) as Record<string, string>[];

describe('interdict shipments check FILE --out OUT', () => {
  const db = tempDir('interdict-shipments-batch-');
  beforeAll(async () => {
    expect((await runCli(['load', fixture('un-small.xml'), fixture('ofac-csv'), '--db', db])).code).toBe(0);
  });

  it('answers every shipment of a CSV file in order, reports the ones it cannot read by line and column, and records the batch', async () => {
    const dir = tempDir();
    const input = join(dir, 'shipments.csv');
    const output = join(dir, 'results.csv');
    writeFileSync(input, shipmentsCsv());
    const run = await runCli(['shipments', 'check', input, '--db', db, '--out', output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`interdict: shipment s7 (${input} line 9): goods1_hs: "270" has 3 digits`);
    expect(run.stderr).toContain(`interdict: shipment s10 (${input} line 12): goods2_quantity: "5,000" is not a number`);
    expect(run.stderr).toMatch(/read 30 shipment\(s\) in .*: 1 prohibited, 0 licence_required, 0 review, 27 clear, 2 bad, 0 line\(s\) not reached/);
    // The consignees recur: screened once each within the run.
    expect(run.stderr).toMatch(/\d+ parties and ships screened by name, \d+ of them met earlier in the file/);
    expect(run.stderr).toContain('2 shipment(s) of');
    const rows = readCsv(output);
    expect(rows.map((r) => Number(r.line))).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(rows[3]).toMatchObject({ id: 's3', verdict: 'prohibited', error: '' });
    expect(rows[3]!.bases).toContain('UNSCR 2371 (2017) OP8');
    expect(rows[3]!.matches).toContain('shipper KOMID ~ KOREA MINING DEVELOPMENT TRADING CORPORATION');
    expect(rows[3]!.matches).toContain('vessel ~ CHONG CHON GANG');
    expect(rows[3]!.details).toContain('review route (UNSCR 2270 (2016)): DPRK nexus: origin KP; loading at NAMPO (Nampo, DPRK)');
    expect(rows[7]).toMatchObject({ id: 's7', verdict: '', findings: '', error: expect.stringContaining('goods1_hs') });
    expect(rows[0]).toMatchObject({ id: 's0', verdict: 'clear', findings: '0', rules_version: expect.stringMatching(/^dprk /) });
    const store = await openStore({ kind: 'embedded', dir: db });
    try {
      const batches = [];
      for await (const entry of store.audit()) if (entry.action === 'shipments.batch') batches.push(entry);
      expect(batches.at(-1)).toMatchObject({ subject: `file:${input}`, after: { read: 30, bad: 2, verdicts: { prohibited: 1, clear: 27 }, input_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rules_version: expect.stringMatching(/^dprk /) } });
      expect(JSON.stringify(batches.at(-1))).not.toContain('Hamburg');
    } finally {
      await store.close();
    }
  });

  it('resumes an interrupted batch without checking a shipment twice, in JSON lines', async () => {
    const dir = tempDir();
    const input = join(dir, 'shipments.csv');
    const output = join(dir, 'results.jsonl');
    writeFileSync(input, shipmentsCsv(40));
    const args = ['shipments', 'check', input, '--db', db, '--out', output];
    expect((await runCli(args)).code).toBe(2);
    const whole = readFileSync(output, 'utf8');
    // As if the run had been killed while writing the shipment of line 21: the half-written line is dropped.
    truncateSync(output, whole.indexOf('{"line":21,') + 7);
    const again = await runCli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('resumed after line 20: 19 shipment(s) were already checked (1 prohibited, 0 licence_required, 0 review, 16 clear, 2 bad)');
    expect(again.stderr).toMatch(/read 21 shipment\(s\) in .*: 0 prohibited, 0 licence_required, 0 review, 21 clear, 0 bad/);
    // The bad shipments of the run resumed still count.
    expect(again.stderr).toContain('2 shipment(s) of');
    expect(again.stderr).toContain('in this run and the one it resumed');
    expect(readFileSync(output, 'utf8')).toBe(whole);
    const lines = whole.trim().split('\n').map((l) => JSON.parse(l) as { line: number; id: string; verdict?: string; findings?: unknown[]; error?: string });
    expect(lines.map((l) => l.line)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(lines[3]).toMatchObject({ line: 5, id: 's3', verdict: 'prohibited', findings: expect.arrayContaining([expect.objectContaining({ kind: 'goods', measure: 'coal-iron-2371' })]) });
    expect(lines[7]).toEqual({ line: 9, id: 's7', error: expect.stringContaining('goods1_hs: "270" has 3 digits') });
    // --restart writes it anew.
    const restarted = await runCli([...args, '--restart']);
    expect(restarted.stderr).not.toContain('resumed');
    expect(readFileSync(output, 'utf8')).toBe(whole);
  });

  it('uses worker threads and writes the same results as one thread', async () => {
    const dir = tempDir();
    const input = join(dir, 'shipments.csv');
    writeFileSync(input, shipmentsCsv(450));
    const one = await runCli(['shipments', 'check', input, '--db', db, '--out', join(dir, 'one.csv'), '--workers', '0']);
    expect(one.stderr).toContain('no worker thread(s)');
    const two = await runCli(['shipments', 'check', input, '--db', db, '--out', join(dir, 'two.csv'), '--workers', '2']);
    expect(two.stderr).toContain('2 worker thread(s)');
    expect(two.stderr).toMatch(/read 450 shipment\(s\) in .*: 1 prohibited, 0 licence_required, 0 review, 447 clear, 2 bad/);
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(readFileSync(join(dir, 'one.csv'), 'utf8'));
  });

  it('reads JSON lines, and refuses a header that is not the layout\'s before writing anything', async () => {
    const dir = tempDir();
    const jsonl = join(dir, 'shipments.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ id: 'j1', date: '2019-03-01', origin: 'CN', destination: 'KP', goods: [{ hs: '2710.19', description: 'diesel' }] })}\nnot json\n`);
    const run = await runCli(['shipments', 'check', jsonl, '--db', db, '--out', join(dir, 'out.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${jsonl} line 2: invalid JSON`);
    expect(readCsv(join(dir, 'out.csv')).map((r) => [r.id, r.verdict])).toEqual([['j1', 'licence_required'], ['2', '']]);

    const csv = join(dir, 'bad-header.csv');
    writeFileSync(csv, 'id,date,consignee_name,consignee_contry\ns1,2019-03-01,X,CN\n');
    const refused = await runCli(['shipments', 'check', csv, '--db', db, '--out', join(dir, 'none.csv')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${csv}: "consignee_contry" is not a column of a shipments file`);
    expect(() => readFileSync(join(dir, 'none.csv'))).toThrow();
  });

  it('checks a CSV file without --out too, and refuses options that do not apply', async () => {
    const dir = tempDir();
    const input = join(dir, 'shipments.csv');
    writeFileSync(input, shipmentsCsv(6));
    const run = await runCli(['shipments', 'check', input, '--db', db, '--json']);
    const answers = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string; verdict?: string });
    expect(answers.map((a) => a.verdict)).toEqual(['clear', 'clear', 'clear', 'prohibited', 'clear', 'clear']);
    expect((await runCli(['shipments', 'check', input, '--db', db, '--restart'])).stderr).toContain('--restart applies to a batch written with --out');
    expect((await runCli(['shipments', 'check', input, '--db', db, '--json', '--out', join(dir, 'o.csv')])).stderr).toContain('--json prints answers; --out writes them');
    const missing = await runCli(['shipments', 'check', join(dir, 'missing.csv'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(dir, 'missing.csv')}: cannot be read (ENOENT)`);
  });
});
