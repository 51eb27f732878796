import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { createKey, parseRole } from '../../service/api-keys.js';
import { cliActor, withStore } from '../context.js';
import { printJson, printTable, type Io } from '../output.js';

export function registerKeys(program: Command, config: Config, io: Io): void {
  const keys = program.command('keys').description('API keys: once one exists, the HTTP API needs a key for every route but /healthz and /readyz');
  keys
    .command('create')
    .description('create a key; it is printed once, alone on the last line, and only its hash is kept')
    .requiredOption('--role <role>', 'reader (match, search, entities), analyst (+ screenings) or admin (+ lists, keys)')
    .option('--label <text>', 'what the key is for')
    .option('--db <dir>', 'embedded store folder')
    .action(async (options: { role: string; label?: string; db?: string }) => {
      const role = parseRole(options.role);
      await withStore(config, io, options, { command: 'keys create', create: true }, async (store) => {
        const { key, secret } = await createKey(store, role, options.label, cliActor({}));
        io.out.write(`created ${key.id} (role ${key.role}); the key is shown once, keep it now:\n${secret}\n`);
      });
    });
  keys
    .command('list')
    .description('the keys (never the keys themselves): id, role, label, created, revoked')
    .option('--db <dir>', 'embedded store folder')
    .option('--json', 'as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      await withStore(config, io, options, { command: 'keys list' }, async (store) => {
        const list = (await store.listApiKeys()).map(({ hash: _hash, ...rest }) => rest);
        if (options.json) printJson(io, list);
        else printTable(io, ['id', 'role', 'label', 'created', 'revoked'], list.map((k) => [k.id, k.role, k.label, k.createdAt, k.revokedAt]));
      });
    });
  keys
    .command('revoke')
    .description('revoke a key (a running server stops accepting it within 10 s)')
    .argument('<id>', 'key id, as `keys list` shows')
    .option('--db <dir>', 'embedded store folder')
    .action(async (id: string, options: { db?: string }) => {
      await withStore(config, io, options, { command: 'keys revoke' }, async (store) => {
        const key = await store.revokeApiKey(id, cliActor({}));
        io.out.write(`revoked ${key.id} (role ${key.role})\n`);
      });
    });
}
