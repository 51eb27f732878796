import { execFileSync } from 'node:child_process';
import { statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { fixture, tempDir } from './helpers/fixtures.js';
import { HAVE_SHARED_DATA, dataPath } from './helpers/shared-data.js';

// A store whose disk fills up says so, with the room a load needs, and works again once there is room.
// The test needs a small disk of its own: a tmpfs it mounts, which needs root; skipped otherwise.

const disk = tempDir('interdict-small-disk-');
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=120m', 'tmpfs', disk], { stdio: 'ignore' });
  mounted = true;
} catch {
  console.warn('disk-full test skipped: cannot mount a small tmpfs here (needs root)');
}
afterAll(() => {
  // Lazily: the store's files are closed, but the test process may still hold the folder.
  if (mounted) execFileSync('umount', ['-l', disk]);
});

/** Fill the disk but for `kb` kilobytes. */
function fill(kb: number): string {
  const stats = statfsSync(disk);
  const path = join(disk, 'filler');
  execFileSync('fallocate', ['-l', `${Math.max(0, Math.floor((stats.bavail * stats.bsize) / 1024) - kb)}K`, path]);
  return path;
}

describe.skipIf(!mounted || !HAVE_SHARED_DATA)('a full disk', () => {
  it('fails a load with what it needs and changes nothing; the store works again once there is room', async () => {
    const db = join(disk, 'store');
    expect((await runCli(['load', fixture('ofac-csv'), '--db', db])).code).toBe(0);
    const filler = fill(4);
    const full = await runCli(['load', dataPath('ofac_sdn_csv/2021-07-07'), '--db', db]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(new RegExp(`^interdict: the disk holding the store in ${db} is full \\(0 MB free\\): what was being written was rolled back; free some space and run the command again\\. us_ofac_sdn \\(8976 entities\\) needs about \\d+ MB more\\n$`));
    // Nothing half-written, nothing hanging: the store reads as before, full disk or not.
    expect(JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout).versions).toHaveLength(1);
    // A new store on the full disk says why it cannot open.
    const fresh = await runCli(['versions', '--db', join(disk, 'other')]);
    expect(fresh.code).toBe(2);
    const created = await runCli(['keys', 'create', '--role', 'admin', '--db', join(disk, 'other')]);
    expect(created.stderr).toMatch(/cannot open the embedded store in .*: .*the disk holding it has 0 MB free, and a store needs about 64 MB to open/);
    unlinkSync(filler);
    writeFileSync(join(disk, 'note'), 'room again');
    expect((await runCli(['load', dataPath('ofac_sdn_csv/2021-07-07'), '--db', db])).code).toBe(0);
    expect(JSON.parse((await runCli(['versions', '--db', db, '--json'])).stdout).versions).toHaveLength(2);
  });
});
