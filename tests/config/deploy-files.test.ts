// docker-compose.yml, the Dockerfile and deploy/nginx.conf cannot be run here (no Docker): read them and hold them
// to what production needs (issue #18).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../server/src/config.js';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  restart?: string;
  healthcheck?: { test: string[] };
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const { api, worker, web, db } = compose.services;

/** What compose would hand the container: `${X:?…}` needs a value (given here), `${X:-d}` falls back to d. */
function interpolate(environment: Record<string, string>, given: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    out[name] = String(value).replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_m, variable: string, kind: string | undefined, rest: string) => {
      if (given[variable] !== undefined) return given[variable]!;
      if (kind === '?') throw new Error(`${variable} is required`);
      return kind === '-' ? rest : '';
    });
  }
  return out;
}
const OPERATOR = { POSTGRES_PASSWORD: 'pg-password', SECRET_KEY: 'k'.repeat(64), PUBLIC_URL: 'https://returns.example.com' };

describe('docker-compose.yml', () => {
  it('gives the API and the worker everything production requires, so each loads a production configuration', () => {
    for (const service of [api, worker]) {
      const env = interpolate(service!.environment!, OPERATOR);
      expect(env).toMatchObject({ NODE_ENV: 'production', SECRET_KEY: OPERATOR.SECRET_KEY, PUBLIC_URL: OPERATOR.PUBLIC_URL });
      expect(env.DATABASE_URL).toBe('postgres://returnhub:pg-password@db:5432/returnhub');
      const config = loadConfig(env);
      expect(config.isProduction).toBe(true);
      expect(config.trustProxy).toBe(1);
    }
    // Both see the same SECRET_KEY, so they derive the same webhook secret.
    expect(loadConfig(interpolate(api!.environment!, OPERATOR)).payments).toEqual(loadConfig(interpolate(worker!.environment!, OPERATOR)).payments);
  });

  it('refuses to start without each secret and the public address (`${NAME:?…}`)', () => {
    for (const name of Object.keys(OPERATOR)) {
      const { [name as keyof typeof OPERATOR]: _missing, ...rest } = OPERATOR;
      expect(() => interpolate(api!.environment!, rest)).toThrow(`${name} is required`);
    }
    expect(String(db!.environment!.POSTGRES_PASSWORD)).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('runs the API replicas with --api-only and the worker with --worker-only', () => {
    expect(api!.command).toEqual(['node', 'dist/server/src/main.js', '--api-only']);
    expect(worker!.command).toEqual(['node', 'dist/server/src/main.js', '--worker-only']);
  });

  it('restarts every service and checks its health with something real', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.healthcheck?.test.length, name).toBeGreaterThan(1);
    }
    expect(api!.healthcheck!.test.join(' ')).toContain('/readyz');
    expect(worker!.healthcheck!.test).toEqual(['CMD', 'node', 'dist/server/src/worker-healthcheck.js']);
    expect(existsSync(join(root, 'server/src/worker-healthcheck.ts'))).toBe(true);
    expect(web!.healthcheck!.test.join(' ')).toContain('/nginx-health');
    expect(read('deploy/nginx.conf')).toMatch(/location = \/nginx-health \{[^}]*return 200/);
  });
});

describe('deploy/nginx.conf', () => {
  const nginx = read('deploy/nginx.conf');

  it('forwards the client address and scheme (what TRUST_PROXY=1 believes) and WebSocket upgrades', () => {
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/location ~ \^\/\(graphql\|/);
  });

  it('sends the SPA security headers: a CSP without inline scripts that forbids framing, nosniff, a referrer policy', () => {
    const csp = /add_header Content-Security-Policy "([^"]+)" always;/.exec(nginx)?.[1] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(nginx).toMatch(/add_header X-Content-Type-Options "nosniff" always;/);
    expect(nginx).toMatch(/add_header Referrer-Policy "[a-z-]+" always;/);
    // nginx drops server-level add_header in a location with its own add_header: the SPA's locations use none.
    for (const block of nginx.split(/\n\s*location /).slice(1)) expect(block.split('\n  }')[0]).not.toMatch(/^\s*add_header/m);
  });
});
