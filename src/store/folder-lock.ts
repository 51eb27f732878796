import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { InterdictError } from '../core/errors.js';

// The embedded database has one process that opens it: the one holding the folder's lock. The
// lock is a Unix socket bound in the folder. Binding is atomic (one process can bind a path), a
// live holder answers on it, and a dead one's socket refuses connections: a lock left by a
// killed process is known for what it is, whatever PID came after it.

/** The socket's name in the store's folder. */
const SOCKET_FILE = 'interdict.sock';
/** The lock file of earlier releases, which named the holder's PID; still honoured while its process lives. */
const LEGACY_LOCK_FILE = 'interdict.lock';
/** Unix socket paths are limited (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;
/** A takeover of a dead holder's socket older than this was itself abandoned. */
const STALE_TAKEOVER_MS = 10_000;
/** How long a holder has to say who it is. */
const HELLO_TIMEOUT_MS = 5_000;

/** Who holds a store folder: what it says when another process connects. */
export interface LockHolder {
  pid: number;
  /** The command it runs (`interdict serve`, `interdict load`). */
  command: string;
  /** Whether it shares the store with other processes (a running server does). */
  serving: boolean;
  /** The Interdict release it runs and the store schema it migrated to. */
  release: string;
  schema: number;
}

/** The lock on a store folder, held by this process. */
export interface FolderLock {
  /** The socket other processes reach this one at. */
  readonly path: string;
  /** Serve the connections of other processes from now on (those that came before wait for it). */
  serve(onConnection: (socket: Socket) => void): void;
  release(): Promise<void>;
}

/**
 * The socket of a store folder (which exists): in the folder, or, when its path is too long for a
 * socket, in a private folder, named after it. The folder's real path decides both, so that the
 * same folder reached by a link, or by its long path, has one socket.
 */
export function socketPath(dir: string): string {
  const real = realpathSync(dir);
  const inFolder = join(real, SOCKET_FILE);
  if (Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH) return inFolder;
  const digest = createHash('sha256').update(real).digest('hex').slice(0, 24);
  return join(privateFolder(), `${digest}.sock`);
}

/**
 * This user's folder for sockets: in /tmp whatever TMPDIR a process has (two processes must
 * agree), and refused unless it is a folder of this user's alone: another user's folder there
 * could hold a socket posing as the store's holder.
 */
function privateFolder(): string {
  const uid = userInfo().uid;
  const home = join('/tmp', `interdict-${uid}`);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const stat = lstatSync(home);
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) {
    throw new InterdictError('STORE_LOCK', `${home} must be a folder of user ${uid}'s alone (it is owned by ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}): remove it, or give the store a shorter path`, 500);
  }
  return home;
}

function listen(path: string): Promise<Server | undefined> {
  const server = createServer({ pauseOnConnect: true });
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      server.close();
      if (error.code === 'EADDRINUSE') resolve(undefined);
      else reject(new InterdictError('STORE_LOCK', `cannot lock the store: cannot create its socket ${path} (${error.code ?? error.message})`, 500, { cause: error }));
    };
    server.once('error', failed);
    // Only this user may connect: the socket is created without permissions for others.
    const umask = process.umask(0o177);
    try {
      server.listen(path, () => {
        server.off('error', failed);
        resolve(server);
      });
    } finally {
      process.umask(umask);
    }
  });
}

/**
 * The holder at a socket; `refused` when nothing listens there (its holder died), `busy` when
 * its holder does not say who it is in time (its event loop is busy: it is alive).
 */
export async function probe(path: string): Promise<{ holder: LockHolder; socket: Socket } | 'refused' | 'gone' | 'busy'> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('busy');
    }, HELLO_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.pause();
      const rest = buffer.slice(end + 1);
      if (rest) socket.unshift(Buffer.from(rest, 'utf8'));
      try {
        resolve({ holder: (JSON.parse(buffer.slice(0, end)) as { hello: LockHolder }).hello, socket });
      } catch {
        socket.destroy();
        reject(new InterdictError('STORE_LOCKED', `the store's socket ${path} is held by something that is not Interdict`, 409));
      }
    };
    socket.on('data', onData);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ECONNREFUSED') resolve('refused');
      // Gone before it said who it is: it let the store go as we came.
      else if (error.code === 'ENOENT' || error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve('gone');
      else reject(new InterdictError('STORE_LOCK', `cannot reach the store's socket ${path} (${error.code ?? error.message})`, 500, { cause: error }));
    });
    socket.once('close', () => {
      clearTimeout(timer);
      if (!buffer.includes('\n')) resolve('gone');
    });
  });
}

/** Whether a process lives (one of another user's answers EPERM: it lives too). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process of an earlier release holding the folder by its PID file. */
function legacyHolder(dir: string): number | undefined {
  const path = join(dir, LEGACY_LOCK_FILE);
  if (!existsSync(path)) return undefined;
  const pid = Number(readFileSync(path, 'utf8').trim());
  if (pid && pid !== process.pid && processAlive(pid)) return pid;
  rmSync(path, { force: true });
  return undefined;
}

/**
 * Take over a dead holder's socket: one process at a time, under a takeover folder made
 * atomically and marked with a token of its taker's, and only the very socket found dead.
 */
async function takeOver(path: string): Promise<Server | undefined> {
  const mutex = `${path}.takeover`;
  const token = join(mutex, `${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    mkdirSync(mutex);
    writeFileSync(token, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process is taking over; one that died doing so left its folder behind.
    try {
      if (Date.now() - statSync(mutex).mtimeMs > STALE_TAKEOVER_MS) rmSync(mutex, { recursive: true, force: true });
    } catch {
      // Gone already: the next attempt sees who holds the socket now.
    }
    return undefined;
  }
  try {
    // Still dead, and still the same socket? Another taker may have finished between our probe and our takeover.
    const dead = statSync(path, { throwIfNoEntry: false });
    if (!dead || (await probe(path)) !== 'refused') return undefined;
    if (statSync(path, { throwIfNoEntry: false })?.ino !== dead.ino) return undefined;
    rmSync(path, { force: true });
    return await listen(path);
  } finally {
    // Only our own takeover folder: had it been broken as stale, another's may stand there now.
    if (existsSync(token)) rmSync(mutex, { recursive: true, force: true });
  }
}

/**
 * Lock a store folder for this process, or say who holds it. Connections that come before
 * `answer` is called wait for it.
 */
export async function lockFolder(dir: string, hello: LockHolder): Promise<{ lock: FolderLock } | { holder: LockHolder; socket: Socket } | 'busy'> {
  const path = socketPath(dir);
  const legacy = legacyHolder(dir);
  if (legacy) throw new InterdictError('STORE_LOCKED', `the store in ${dir} is in use by process ${legacy} (an earlier Interdict release); stop it first`, 409);
  for (let attempt = 0; attempt < 50; attempt++) {
    const server = await listen(path);
    if (server) return { lock: folderLock(server, path, hello) };
    const found = await probe(path);
    if (found === 'gone') continue;
    if (found !== 'refused') return found;
    const taken = await takeOver(path);
    if (taken) return { lock: folderLock(taken, path, hello) };
    await new Promise((wait) => setTimeout(wait, 20 + Math.random() * 80));
  }
  throw new InterdictError('STORE_LOCKED', `cannot lock the store in ${dir}: its socket ${path} keeps changing hands`, 409);
}

/** Every connection is told at once who holds the store; a serving holder serves it once ready, another closes it. */
function folderLock(server: Server, path: string, holder: LockHolder): FolderLock {
  const waiting: Socket[] = [];
  const open = new Set<Socket>();
  let handler: ((socket: Socket) => void) | undefined;
  const hello = `${JSON.stringify({ hello: holder })}\n`;
  const accept = (socket: Socket): void => {
    socket.resume();
    handler!(socket);
  };
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.write(hello);
    if (!holder.serving) socket.end();
    else if (handler) accept(socket);
    else waiting.push(socket);
  });
  return {
    path,
    serve(onConnection) {
      handler = onConnection;
      for (const socket of waiting.splice(0)) accept(socket);
    },
    async release() {
      // Closing the server removes the socket: the next process binds it at once.
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of [...waiting, ...open]) socket.destroy();
      await closed;
    },
  };
}
