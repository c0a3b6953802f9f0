import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const MAP_ENTRY = /^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm;
const DOCUMENT = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
const VIRTUAL = 'virtual:typed-document/';
const RESOLVED = '\0typed-document:';

/** The generated files, re-read when codegen rewrites them. */
function generatedCode(gqlDir: string) {
  let cache: { mtimeMs: number; names: Map<string, string>; documents: Map<string, string> } | undefined;
  return () => {
    const mtimeMs = Math.max(statSync(join(gqlDir, 'gql.ts')).mtimeMs, statSync(join(gqlDir, 'graphql.ts')).mtimeMs);
    if (cache?.mtimeMs !== mtimeMs) {
      const table = readFileSync(join(gqlDir, 'gql.ts'), 'utf8');
      const names = new Map<string, string>();
      for (const [, source, name] of table.slice(table.indexOf('const documents')).matchAll(MAP_ENTRY)) names.set(JSON.parse(source) as string, name);
      const documents = new Map<string, string>();
      for (const [, name, ast] of readFileSync(join(gqlDir, 'graphql.ts'), 'utf8').matchAll(DOCUMENT)) documents.set(name, ast);
      cache = { mtimeMs, names, documents };
    }
    return cache;
  };
}

/**
 * What the client preset's Babel plugin does, for Vite: each `graphql(`…`)` call becomes an import of the
 * generated document it stands for, and each document is a module of its own. The preset's lookup table
 * (src/gql/gql.ts, every document of the app) then never reaches the bundle, and each lazy page carries only
 * the documents it uses — the sign-in page's budget does not grow with every new screen. A call the table does
 * not know (codegen not re-run) is left alone, so it behaves exactly as without this plugin.
 */
export function typedDocuments(srcDir: string): Plugin {
  const gqlDir = join(srcDir, 'gql');
  const generated = generatedCode(gqlDir);

  return {
    name: 'returnhub:typed-documents',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? RESOLVED + id.slice(VIRTUAL.length) : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      this.addWatchFile(join(gqlDir, 'graphql.ts'));
      const name = id.slice(RESOLVED.length);
      const ast = generated().documents.get(name);
      if (!ast) this.error(`${name} is not in src/gql/graphql.ts: run \`npm run codegen\``);
      return `export default ${ast};\n`;
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!file.startsWith(srcDir) || file.startsWith(gqlDir) || !/\.tsx?$/.test(file) || !code.includes('graphql(')) return null;
      const { names } = generated();
      const used = new Set<string>();
      const rewritten = code.replace(CALL, (call, document: string) => {
        const name = names.get(document);
        if (!name) {
          this.warn(`a graphql() document in ${file} is not in src/gql: run \`npm run codegen\``);
          return call;
        }
        used.add(name);
        return `__typed_${name}`;
      });
      if (used.size === 0) return null;
      const imports = [...used].map((name) => `import __typed_${name} from ${JSON.stringify(VIRTUAL + name)};`).join('\n');
      return { code: `${imports}\n${rewritten}`, map: null };
    },
  };
}
