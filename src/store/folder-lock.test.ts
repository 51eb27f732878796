import { chmodSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/fixtures.js';
import { lockFolder, socketPath, type LockHolder } from './folder-lock.js';

const hello = (command: string): LockHolder => ({ pid: process.pid, command, serving: false, release: 'test', schema: 0 });

describe('lockFolder', () => {
  it('is one lock for one folder, however the folder is reached: by a link, or by a path too long for a socket', async () => {
    const real = join(tempDir(), 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(real, { recursive: true });
    const link = join(tempDir(), 'short');
    symlinkSync(real, link);
    expect(socketPath(link)).toBe(socketPath(real));
    const first = await lockFolder(real, hello('first'));
    if (typeof first !== 'object' || !('lock' in first)) throw new Error('the first lock was not taken');
    const second = await lockFolder(link, hello('second'));
    expect(second).toMatchObject({ holder: { command: 'first' } });
    if (typeof second === 'object' && 'socket' in second) second.socket.destroy();
    await first.lock.release();
    const third = await lockFolder(link, hello('third'));
    if (typeof third !== 'object' || !('lock' in third)) throw new Error('the lock was not taken once released');
    await third.lock.release();
  });

  it('refuses a socket folder that is not this user\'s alone', () => {
    const real = join(tempDir(), 'c'.repeat(120));
    mkdirSync(real);
    const home = join('/tmp', `interdict-${userInfo().uid}`);
    socketPath(real);
    const mode = statSync(home).mode & 0o777;
    chmodSync(home, 0o777);
    try {
      expect(() => socketPath(real)).toThrow(/must be a folder of user \d+'s alone .*mode 777/);
    } finally {
      chmodSync(home, mode);
    }
  });
});
