/**
 * The least a production process needs (server/src/config.ts, "the production start contract"), for tests that load a
 * production configuration. The database named here is never connected to by the in-process test server.
 */
export const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://returnhub:returnhub@127.0.0.1:5432/returnhub',
  PUBLIC_URL: 'https://returns.example.com',
  SECRET_KEY: 'a-production-secret-key-of-enough-length-0123456789',
} as const;
