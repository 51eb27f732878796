import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output; the environment is given, never the real one. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  err.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const code = await main(['node', 'interdict', ...args], { out, err }, env);
  return { code, stdout, stderr };
}
