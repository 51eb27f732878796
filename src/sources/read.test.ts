import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/fixtures.js';
import { openBytes } from './read.js';

async function drain(path: string, maxBytes: number): Promise<number> {
  let total = 0;
  for await (const chunk of await openBytes(path, maxBytes)) total += (chunk as Buffer).length;
  return total;
}

describe('openBytes', () => {
  it('stops a gzip that expands past the bound, as it expands, naming the file', async () => {
    const bomb = join(tempDir(), 'bomb.xml.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(8 * 1024 * 1024)));
    await expect(drain(bomb, 1024 * 1024)).rejects.toThrow(`${bomb}: holds more than 1 MB, once decompressed`);
    expect(await drain(bomb, 16 * 1024 * 1024)).toBe(8 * 1024 * 1024);
  });

  it('refuses a plain file larger than the bound before reading it', async () => {
    const big = join(tempDir(), 'big.xml');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024));
    await expect(openBytes(big, 1024 * 1024)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});
