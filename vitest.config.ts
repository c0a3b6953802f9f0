import { defineConfig } from 'vitest/config';

// One test command for the whole product. Each project is one kind of test:
//  - ml:     the escalation-risk model (pure TypeScript, no database);
//  - server: API, services and cross-cutting suites against a real PostgreSQL (one database per test file);
//  - client: React components in jsdom;
//  - e2e:    the built web app in Debian's Chromium against the real API.
// graphql 16 has no "exports" map: Node loads its CommonJS entry, Vite would pick its ESM one, and two copies of
// graphql cannot share a schema. Point Vite at the same file Node (and so type-graphql and Apollo) uses.
const sameGraphqlAsNode = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'ml',
          include: ['ml/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: sameGraphqlAsNode,
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'tests/**/*.test.ts', 'seeds/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          setupFiles: ['reflect-metadata'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: './client/vite.config.ts',
        test: {
          name: 'client',
          root: './client',
          include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
      {
        resolve: sameGraphqlAsNode,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          setupFiles: ['reflect-metadata'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
