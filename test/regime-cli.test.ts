import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('interdict regime show', () => {
  it('lists every measure with its basis, dates, direction, effect, status and coverage', async () => {
    const run = await runCli(['regime', 'show']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^rules dprk \S+ \(sha256:[0-9a-f]{12}\), regimes\/dprk\.yaml/m);
    expect(run.stdout).toMatch(/^coal-iron-2371 +UNSCR 2371 \(2017\) OP8 +2017-08-05 +- +export from DPRK +prohibited +partially verified +HS 2701 \(indicative\); HS 2601, 7201-7206 \(indicative\)$/m);
    expect(run.stdout).toMatch(/^coal-cap-2321 +UNSCR 2321 \(2016\) OP26 +2016-11-30 +2017-08-05 +export from DPRK +licence_required/m);
    expect(run.stdout).toMatch(/^op7-2397 +UNSCR 2397 \(2017\) OP7 .* HS 84, 85, 86-89, 72-83 except 77 \(in the text\)$/m);
  });

  it('gives one measure in full, with its exceptions and their status, and its sources', async () => {
    const run = await runCli(['regime', 'show', '--measure', 'coal-iron-2371']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('coal-iron-2371: Coal, iron and iron ore (full ban)');
    expect(run.stdout).toMatch(/exception: +Coal of foreign origin transshipped through Rajin .* \(unverified\)/);
    expect(run.stdout).toMatch(/source: +PRESS2371: https:\/\//);
    expect(run.stdout).not.toContain('seafood-2371');
  });

  it('gives JSON with the codes as the file writes them and the rules version', async () => {
    const run = await runCli(['regime', 'show', '--measure', 'op7-2397', '--json']);
    const view = JSON.parse(run.stdout);
    expect(view.rules_version).toMatch(/^dprk /);
    expect(view.measures).toHaveLength(1);
    expect(view.measures[0]).toMatchObject({ id: 'op7-2397', basis: 'UNSCR 2397 (2017) OP7', coverage: [{ hs: ['84', '85', '86-89', '72-83'], exclude: ['77'], mapping: 'resolution_text' }] });
    expect(Object.keys(view.sources)).toEqual(['UN1718RES', 'UN2397ZH', 'XINHUA2397', 'SSM2397']);
  });

  it('says a measure id is unknown, exiting 3', async () => {
    const run = await runCli(['regime', 'show', '--measure', 'coal-1999']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('interdict: measure coal-1999 not found in regimes/dprk.yaml; interdict regime show lists the ids\n');
  });
});
