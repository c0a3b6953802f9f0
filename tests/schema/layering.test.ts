import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A request reads top to bottom, resolver → service → entities (STYLE.md): services know nothing of HTTP, and
// resolvers leave the EntityManager to the services (issue #20 point 8).

const root = join(import.meta.dirname, '..', '..');
const modules = join(root, 'server', 'src', 'modules');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The modules a file imports (static, re-exports and dynamic `import()`) that live in an `http/` folder. */
function httpImports(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.filter((specifier) => /(^|\/)http\//.test(specifier));
}

/** The lines of a file that reach for the ORM's EntityManager: the type, `ctx.em`, `this.em`, `{ em } = ctx`. */
function entityManagerUses(source: string): string[] {
  return source.split('\n').filter((line) => /\bEntityManager\b|\bem\b/.test(line));
}

const files = filesUnder(modules).filter((file) => !file.endsWith('.test.ts'));
const services = files.filter((file) => file.endsWith('.service.ts'));
const resolvers = files.filter((file) => file.endsWith('.resolver.ts'));

/** `path: offending text` for every file where `find` reports something. */
function violations(list: string[], find: (source: string) => string[]): string[] {
  return list.flatMap((file) => find(readFileSync(file, 'utf8')).map((hit) => `${relative(root, file)}: ${hit.trim()}`));
}

describe('layering of server/src/modules', () => {
  it('finds the services and resolvers it checks', () => {
    expect(services.length).toBeGreaterThan(20);
    expect(resolvers.length).toBeGreaterThan(15);
  });

  it('no service imports from http/ (the viewer type lives in modules/auth/viewer.ts)', () => {
    expect(violations(services, httpImports)).toEqual([]);
  });

  it('no resolver touches the EntityManager (a service does it for them)', () => {
    expect(violations(resolvers, entityManagerUses)).toEqual([]);
  });

  it('the checks catch what they are meant to catch', () => {
    expect(httpImports(`import type { AppDeps } from '../../http/context.js';`)).toEqual(['../../http/context.js']);
    expect(httpImports(`export { x } from "../http/app.js";\nconst m = await import('../../http/outage.js');`)).toEqual(['../http/app.js', '../../http/outage.js']);
    expect(httpImports(`import { Viewer } from '../auth/viewer.js';\nimport { https } from 'node:https';`)).toEqual([]);
    expect(entityManagerUses(`  return ctx.em.find(User, {});`)).toHaveLength(1);
    expect(entityManagerUses(`import type { EntityManager } from '@mikro-orm/postgresql';`)).toHaveLength(1);
    expect(entityManagerUses(`const { em } = ctx;\nreturn this.em.flush();`)).toHaveLength(2);
    expect(entityManagerUses(`return ctx.services.loaded(Order, root); // an element, emails`)).toEqual([]);
  });
});
