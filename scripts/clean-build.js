// The build starts from no compiled code: a module renamed or removed in src leaves nothing
// behind in dist to be imported by mistake. The store template (dist/pglite-template-*) is kept:
// it is rebuilt only when its migrations change.
import { readdirSync, rmSync } from 'node:fs';

let entries = [];
try {
  entries = readdirSync('dist');
} catch {
  // No dist yet: nothing to clean.
}
for (const entry of entries) if (!entry.startsWith('pglite-template-')) rmSync(`dist/${entry}`, { recursive: true, force: true });
