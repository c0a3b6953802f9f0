// `.env.example` is the operator's list of settings: it must name every variable the server reads.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * The variable names a source text reads: `env.NAME`, `env['NAME']`, `env?.NAME`, `process.env.NAME`, and
 * config.ts's readers, which take the name as their first argument (`integer('PORT', …)`, `flag(…)`, `oneOf(…)`).
 */
function variablesRead(text: string): string[] {
  const names = new Set<string>();
  const patterns = [
    /\benv\??\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\??\.?\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g,
    /\b(?:oneOf|integer|flag)(?:<[^>]*>)?\(\s*['"`]([A-Z][A-Z0-9_]*)['"`]/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]!);
  return [...names].sort();
}

/** Every NAME in `.env.example`, set (`NAME=…`) or shown commented out (`# NAME=…`). */
function listedVariables(): Set<string> {
  const text = readFileSync(join(root, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

describe('.env.example', () => {
  it('lists every variable server/src reads', () => {
    const listed = listedVariables();
    const missing: string[] = [];
    for (const file of sourceFiles(join(root, 'server', 'src'))) {
      for (const name of variablesRead(readFileSync(file, 'utf8'))) {
        if (!listed.has(name)) missing.push(`${name} (read in ${relative(root, file)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds the reads config.ts makes (so the check above can fail)', () => {
    const config = variablesRead(readFileSync(join(root, 'server/src/config.ts'), 'utf8'));
    for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'SECRET_KEY', 'TRUST_PROXY', 'PORT', 'NODE_ENV', 'GRAPHIQL_ENABLED', 'S3_BUCKET']) expect(config).toContain(name);
    expect(variablesRead("const a = process.env.NEW_THING; const b = env['OTHER_ONE']; integer('THIRD', 1, 0, 2);")).toEqual(['NEW_THING', 'OTHER_ONE', 'THIRD']);
  });

  it('says which variables production requires', () => {
    const text = readFileSync(join(root, '.env.example'), 'utf8');
    expect(text).toMatch(/PRODUCTION \(NODE_ENV=production\) REQUIRES exactly: DATABASE_URL, PUBLIC_URL, SECRET_KEY/);
  });
});
