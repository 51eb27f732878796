import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository, and whether its package is built (tests that start `bin/interdict.js` need dist/). */
export const REPO = new URL('../..', import.meta.url).pathname;
export const BUILT = existsSync(join(REPO, 'dist/cli/main.js'));
/** The command line, as installed. */
export const INTERDICT = join(REPO, 'bin/interdict.js');

/** A TCP port free on this machine now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
}

/** Try `attempt` until it gives a value (a throw counts as not yet), or fail naming `what`. */
export async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
}
