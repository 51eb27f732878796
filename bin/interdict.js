#!/usr/bin/env node
// The package's command: runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from '../dist/cli/main.js';

let finished = false;
main(process.argv).then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (error) => {
    finished = true;
    process.stderr.write(`interdict: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
// A command whose work waits for something that never comes (a stream that never ends) would
// otherwise end with status 0 once nothing is left to run: it fails, saying so.
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  process.stderr.write('interdict: the command stopped before it finished: something it waited for never came (an input cut short?)\n');
  process.exitCode = 1;
});
