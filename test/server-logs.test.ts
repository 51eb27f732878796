import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempFile } from './helpers/fixtures.js';
import { REPO } from './helpers/processes.js';

// The logger writes on the process's standard output itself (file descriptor 1, and a worker
// thread for pino-pretty): a server is made in a process of its own, whose output is read.
const PROBE = `
const { createServer } = await import(process.argv[2]);
const app = createServer({}, { logLevel: 'info', prettyLogs: process.argv[3] === 'pretty' });
app.log.info({ probe: 42 }, 'a line of the log');
await app.close();
`;

async function serverLog(pretty: boolean): Promise<string> {
  const probe = tempFile('log-probe.mjs', PROBE);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', probe, `${REPO}src/api/server.ts`, pretty ? 'pretty' : 'json'], { cwd: REPO });
  return stdout;
}

describe('createServer logs', () => {
  it('are JSON lines by default (for log collectors)', async () => {
    const lines = (await serverLog(false)).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toContainEqual(expect.objectContaining({ level: 30, msg: 'a line of the log', probe: 42 }));
  });

  it('are readable lines with prettyLogs (a person at a terminal)', async () => {
    const log = await serverLog(true);
    expect(log).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: a line of the log$/m);
    expect(log).toMatch(/probe: 42/);
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).toThrow();
  });
});
