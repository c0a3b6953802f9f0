// Database maintenance: `npm run db -- migrate` and `npm run db -- migration:create <name>`.
import 'reflect-metadata';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, projectRoot } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from './database.js';

const [command, name] = process.argv.slice(2);
const config = loadConfig();
const logger = createLogger('info');

if (command !== 'migrate' && command !== 'migration:create') {
  console.error('usage: npm run db -- migrate | migration:create <name>');
  process.exit(2);
}
const db = await openDatabase(config, logger);
try {
  if (command === 'migration:create') {
    const result = await db.orm.getMigrator().createMigration(undefined, false, false, name ?? 'change');
    if (!result.fileName) {
      console.log('No schema changes: nothing to create.');
    } else {
      const className = result.fileName.replace(/\.ts$/, '');
      const indexPath = join(projectRoot, 'server/src/db/migrations/index.ts');
      const index = readFileSync(indexPath, 'utf8');
      writeFileSync(indexPath, `import { ${className} } from './${className}.js';\n${index}`
        .replace(/export const migrationsList = \[(.*)\];/s, (_m, items: string) => {
          const list = items.trim() ? `${items.trim().replace(/,$/, '')},\n  ` : '';
          return `export const migrationsList = [\n  ${list}{ name: '${className}', class: ${className} },\n];`;
        }));
      console.log(`Created server/src/db/migrations/${result.fileName} and listed it in index.ts.`);
    }
  } else {
    console.log('Migrations are up to date.');
  }
} finally {
  await db.close();
}
