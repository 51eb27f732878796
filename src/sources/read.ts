import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/**
 * The most bytes a list file may hold, once decompressed: every official list is far smaller
 * (the UN's is 2 MB, OFAC's SDN XML about 100 MB), and a gzip of a few megabytes can expand to
 * gigabytes. Parsing holds a publication whole, so this bounds a load's memory too.
 */
export const MAX_LIST_BYTES = 1024 * 1024 * 1024;

/** A stream of the file's bytes, gunzipped when the file is gzip (by its content, not its name), at most MAX_LIST_BYTES of them. */
export async function openBytes(path: string, maxBytes = MAX_LIST_BYTES): Promise<Readable> {
  const head = await readHead(path, 2, false);
  const tooLarge = (): InputError => new InputError('TOO_LARGE', `${path}: holds more than ${maxBytes / 1024 / 1024} MB, once decompressed: more than any list holds`);
  if (!isGzip(head)) {
    if ((await stat(path)).size > maxBytes) throw tooLarge();
    return createReadStream(path);
  }
  const raw = createReadStream(path);
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  let total = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) done(tooLarge());
      else done(null, chunk);
    },
  });
  gunzip.on('error', (error) => bounded.destroy(error));
  return raw.pipe(gunzip).pipe(bounded);
}

/** The whole file, gunzipped when needed. */
export async function readBytes(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openBytes(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The first `size` bytes of a file's content (after gunzip when `decompress` is set), for
 * format detection. A truncated gzip yields what could be decompressed.
 */
export async function readHead(path: string, size: number, decompress = true): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError('FILE_NOT_FOUND', `${path}: cannot open (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const buffer = Buffer.alloc(decompress ? 64 * 1024 : size);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (!decompress || !isGzip(head)) return head.subarray(0, size);
    try {
      return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: accept a partial stream */ }).subarray(0, size);
    } catch {
      return Buffer.alloc(0);
    }
  } finally {
    await handle.close();
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw new InputError('FILE_NOT_FOUND', `${path}: cannot open (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
