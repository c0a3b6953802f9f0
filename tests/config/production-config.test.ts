// The production start contract (issue #18): NODE_ENV=production needs DATABASE_URL, PUBLIC_URL and SECRET_KEY
// (TRUST_PROXY behind a proxy); every other secret derives from SECRET_KEY; everything else has a safe default.
import { describe, expect, it } from 'vitest';
import { type ConfigError, DEV_SECRET_KEY, deriveSecret, loadConfig, parseTrustProxy } from '../../server/src/config.js';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { startTestServer } from '../helpers/test-server.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('production start contract', () => {
  it('starts with exactly DATABASE_URL, PUBLIC_URL and SECRET_KEY', () => {
    const config = loadConfig(PRODUCTION_ENV);
    expect(config).toMatchObject({ isProduction: true, databaseUrl: PRODUCTION_ENV.DATABASE_URL, publicUrl: PRODUCTION_ENV.PUBLIC_URL, trustProxy: 'loopback' });
  });

  it('refuses production without each of them, naming it', () => {
    const { DATABASE_URL: _d, ...noDatabase } = PRODUCTION_ENV;
    const { PUBLIC_URL: _p, ...noPublicUrl } = PRODUCTION_ENV;
    const { SECRET_KEY: _s, ...noSecret } = PRODUCTION_ENV;
    expect(problems(noDatabase)).toEqual([expect.stringMatching(/^DATABASE_URL is required in production/)]);
    expect(problems(noPublicUrl)).toEqual([expect.stringMatching(/^PUBLIC_URL is required in production/)]);
    expect(problems(noSecret)).toEqual([expect.stringMatching(/^SECRET_KEY is required in production/)]);
    expect(problems({ ...PRODUCTION_ENV, SECRET_KEY: DEV_SECRET_KEY })).toEqual([expect.stringMatching(/^SECRET_KEY is required in production/)]);
    expect(problems({ ...PRODUCTION_ENV, SECRET_KEY: 'too-short' })).toEqual([expect.stringMatching(/^SECRET_KEY is required in production/)]);
    expect(problems({ NODE_ENV: 'production' })).toHaveLength(3);
  });

  it('uses the fixed development key outside production; a short SECRET_KEY is refused anywhere', () => {
    expect(loadConfig({}).fileSigningSecret).toBe(deriveSecret(DEV_SECRET_KEY, 'file-signing'));
    expect(problems({ SECRET_KEY: 'short' })).toEqual(['SECRET_KEY must be at least 32 characters']);
  });

  it('derives one secret per purpose from SECRET_KEY; an explicitly set variable wins', () => {
    const key = PRODUCTION_ENV.SECRET_KEY;
    const config = loadConfig(PRODUCTION_ENV);
    expect(config.fileSigningSecret).toBe(deriveSecret(key, 'file-signing'));
    expect(config.payments.simulatedWebhookSecret).toBe(`whsec_${deriveSecret(key, 'simulated-payments-webhook', 24)}`);
    expect(config.fileSigningSecret).not.toContain(key);
    expect(config.fileSigningSecret).not.toBe(config.payments.simulatedWebhookSecret.slice(6));
    // Two processes with the same key agree (API replicas and the worker); another key gives other secrets.
    expect(loadConfig(PRODUCTION_ENV).payments.simulatedWebhookSecret).toBe(config.payments.simulatedWebhookSecret);
    expect(loadConfig({ ...PRODUCTION_ENV, SECRET_KEY: 'x'.repeat(40) }).fileSigningSecret).not.toBe(config.fileSigningSecret);
    const explicit = loadConfig({ ...PRODUCTION_ENV, FILE_SIGNING_SECRET: 'f'.repeat(40), SIMULATED_PAYMENTS_WEBHOOK_SECRET: 'whsec_explicit' });
    expect(explicit.fileSigningSecret).toBe('f'.repeat(40));
    expect(explicit.payments.simulatedWebhookSecret).toBe('whsec_explicit');
  });
});

describe('carrier tracking settings (issue 22 §5)', () => {
  it('derives the carrier webhook secret from SECRET_KEY unless CARRIER_WEBHOOK_SECRET is set', () => {
    const config = loadConfig(PRODUCTION_ENV);
    expect(config.carrier.webhookSecret).toBe(`whsec_${deriveSecret(PRODUCTION_ENV.SECRET_KEY, 'carrier-webhook', 24)}`);
    expect(config.carrier.webhookSecret).not.toBe(config.payments.simulatedWebhookSecret);
    expect(loadConfig({ ...PRODUCTION_ENV, CARRIER_WEBHOOK_SECRET: 'whsec_carrier' }).carrier.webhookSecret).toBe('whsec_carrier');
  });

  it('runs the built-in carrier schedule in development only, unless BUILTIN_CARRIER_EVENTS says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).carrier.builtinSchedule).toEqual({ scanAfterSeconds: 120, inTransitAfterSeconds: 360, deliverAfterSeconds: 600 });
    expect(loadConfig({ NODE_ENV: 'test' }).carrier.builtinSchedule).toBeNull();
    expect(loadConfig(PRODUCTION_ENV).carrier.builtinSchedule).toBeNull();
    expect(loadConfig({ NODE_ENV: 'development', BUILTIN_CARRIER_EVENTS: 'false' }).carrier.builtinSchedule).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test', BUILTIN_CARRIER_EVENTS: 'true', BUILTIN_CARRIER_SCAN_AFTER_SECONDS: '10', BUILTIN_CARRIER_DELIVER_AFTER_SECONDS: '30' }).carrier.builtinSchedule)
      .toEqual({ scanAfterSeconds: 10, inTransitAfterSeconds: 20, deliverAfterSeconds: 30 });
  });

  it('refuses a delivery before the scan and a webhook URL that is not http(s)', () => {
    expect(problems({ BUILTIN_CARRIER_SCAN_AFTER_SECONDS: '600', BUILTIN_CARRIER_DELIVER_AFTER_SECONDS: '600' })).toEqual([expect.stringMatching(/^BUILTIN_CARRIER_DELIVER_AFTER_SECONDS must be later/)]);
    expect(problems({ CARRIER_WEBHOOK_URL: 'ftp://carrier' })).toEqual(['CARRIER_WEBHOOK_URL must be an http:// or https:// URL']);
    expect(problems({ BUILTIN_CARRIER_EVENTS: 'sometimes' })).toEqual(['BUILTIN_CARRIER_EVENTS must be true or false (got "sometimes")']);
  });
});

describe('TRUST_PROXY', () => {
  it("parses express's trust proxy syntax", () => {
    expect(parseTrustProxy(undefined)).toBe('loopback');
    expect(parseTrustProxy('')).toBe('loopback');
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('0')).toBe(0);
    expect(parseTrustProxy('loopback')).toBe('loopback');
    expect(parseTrustProxy('loopback, 172.16.0.0/12,10.0.0.1')).toBe('loopback, 172.16.0.0/12, 10.0.0.1');
    expect(parseTrustProxy('uniquelocal,fd00::/8')).toBe('uniquelocal, fd00::/8');
  });

  it('refuses anything else, "true" included', () => {
    for (const bad of ['true', 'proxy.example.com', '10.0.0.0/33', '999', '1.2.3', 'loopback,']) {
      expect(problems({ TRUST_PROXY: bad })).toEqual([expect.stringMatching(/^TRUST_PROXY/)]);
    }
  });

  it('reaches config.trustProxy', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({}).trustProxy).toBe('loopback');
  });
});

describe('TRUST_PROXY in the HTTP app', () => {
  const LOGIN = 'mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { username } }';

  /** The address a failed sign-in is recorded under, for a request claiming X-Forwarded-For: 203.0.113.7. */
  async function recordedAddress(trustProxy: string): Promise<string> {
    const server = await startTestServer({ env: { TRUST_PROXY: trustProxy } });
    try {
      await server.anonymous().request({ query: LOGIN, variables: { u: 'ops.demo', p: 'wrong-password-here' } }, { 'x-forwarded-for': '203.0.113.7' });
      // The sign-in throttle counts attempts per address (modules/auth/login-throttle.ts).
      const rows = await server.orm.em.getConnection().execute<Array<{ address: string }>>(`select substr(key, length('login:address:') + 1) as address from rate_limit_counters where key like 'login:address:%'`);
      expect(rows).toHaveLength(1);
      return rows[0]!.address;
    } finally {
      await server.close();
    }
  }

  it('believes X-Forwarded-For only from the proxies it names', async () => {
    expect(await recordedAddress('1')).toBe('203.0.113.7');
    expect(await recordedAddress('0')).toMatch(/127\.0\.0\.1$/);
  }, 60_000);
});
