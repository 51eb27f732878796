#!/usr/bin/env node
// The package's command: runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`interdict: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
