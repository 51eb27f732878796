import type { Command } from 'commander';
import type { Config } from '../../config.js';
import { NotFoundError } from '../../core/errors.js';
import { withStore } from '../context.js';
import { printJson, type Io } from '../output.js';

export function registerEntity(program: Command, config: Config, io: Io): void {
  program
    .command('entity')
    .description('print an entity of the current versions as FtM JSON, with its designations and the versions that carried it')
    .argument('<id>', 'entity id, e.g. un_sc-KPi.037 or us_ofac_sdn-12211')
    .option('--db <dir>', 'embedded store folder')
    .action(async (id: string, options: { db?: string }) => {
      const { entities, versions } = await withStore(config, io, options, { command: 'entity' }, async (store) => ({
        entities: await store.getEntity(id),
        versions: await store.entityVersions(id),
      }));
      if (entities.length === 0) {
        const hint = versions.length ? ` in the current versions (it was in ${versions.map((v) => v.id).join(', ')})` : '';
        throw new NotFoundError(`entity ${id}`, hint);
      }
      for (const entity of entities) {
        const carriedBy = versions.filter((v) => entity.datasets.includes(v.dataset)).map((v) => v.id);
        printJson(io, { ...entity, versions: carriedBy });
      }
    });
}
