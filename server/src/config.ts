import { hkdfSync } from 'node:crypto';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The environment, read once, validated and typed. Every other module takes its settings from here.
 * A bad value stops the process with a message that names the variable and what it should be.
 */
export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  /** Set when PostgreSQL is external; otherwise an embedded server runs in `${dataDir}/pg`. */
  databaseUrl: string | undefined;
  /** `EMBEDDED_PG_PORT`; unset = a free port chosen at first start and remembered in `${dataDir}/pg.port`. */
  embeddedPgPort: number | undefined;
  /** What express's `trust proxy` takes: a hop count, or a comma-separated list of names (`loopback`…) and CIDRs. */
  trustProxy: number | string;
  releaseVersion: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Days a session stays valid without use. */
  sessionTtlDays: number;
  /** Allow the demo password in production (never by default). */
  allowDemoPassword: boolean;
  /** Serve GraphiQL and introspection in production only when explicitly enabled. */
  graphiqlEnabled: boolean;
  /** Where the built web app lives; served on the API's port. */
  clientDistDir: string;
  /** Where the escalation-risk registry and artifacts live. */
  mlDir: string;
  /** The payment provider refunds go through (SPEC §6): the built-in simulation (default) or Stripe. */
  payments: PaymentsConfig;
  /** Where uploaded files go: local disk (default) or an S3-compatible object store. */
  storage: StorageConfig;
  /** HMAC key of the short-lived download links the API hands out; a dev default is refused in production. */
  fileSigningSecret: string;
  /** How long a signed download link stays valid. */
  fileLinkTtlSeconds: number;
  /** Multipart requests declaring a larger body are refused (413) before it is read. */
  uploadMaxRequestBytes: number;
  /** The web app's public address, for links in e-mails (`PUBLIC_URL`). */
  publicUrl: string;
  /** `dev` keeps every message in the database (an admin reads them in the web app); `smtp` sends them. */
  mailDriver: 'dev' | 'smtp';
  /** smtp:// or smtps:// URL with credentials; required when `MAIL_DRIVER=smtp`. */
  smtpUrl: string | undefined;
  /** The From address of every e-mail. */
  mailFrom: string;
  /** Jobs one worker process runs at once. */
  workerConcurrency: number;
  /** Bearer token `/metrics` requires; unset = open in development, 404 in production. */
  metricsToken: string | undefined;
  /** The whole of one outgoing webhook attempt (connect, answer, body), however the receiver trickles it. */
  webhookAttemptDeadlineMs: number;
  /** The most cases `simulateReturnRules` replays in the request; more run as a background job (startRuleSimulation). */
  ruleSimulationSyncMaxCases: number;
  /** Carrier tracking (issue 22 §5): the webhook's secret and the built-in carrier's schedule. */
  carrier: CarrierConfig;
}

export interface CarrierConfig {
  /** Verifies the carrier's tracking webhooks (`POST /webhooks/carrier`); the built-in carrier signs with it. */
  webhookSecret: string;
  /** Where the built-in carrier posts its events; defaults to this server's own endpoint. */
  webhookUrl: string | undefined;
  /** Seconds after a label is issued at which the built-in carrier reports each event; null: it reports none. */
  builtinSchedule: { scanAfterSeconds: number; inTransitAfterSeconds: number; deliverAfterSeconds: number } | null;
}

export interface PaymentsConfig {
  provider: 'simulated' | 'stripe';
  /** Signs the simulated provider's webhooks, so they travel the same verified path as Stripe's. */
  simulatedWebhookSecret: string;
  /** Where the simulated provider delivers its webhooks; defaults to this server's own endpoint. */
  simulatedWebhookUrl: string | undefined;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  /** Another Stripe API base (tests point the SDK at a local server); unset = api.stripe.com. */
  stripeApiBase: { protocol: 'http' | 'https'; host: string; port: number } | undefined;
  /** How long one provider call may take before ReturnHub treats its outcome as unknown (and retries with the same key). */
  callTimeoutMs: number;
}

export type StorageConfig =
  | { driver: 'local'; localDir: string }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      /** For S3-compatible stores (MinIO, R2, Ceph…); AWS when absent. */
      endpoint: string | undefined;
      /** Both set, or neither (then the SDK's default credential chain: env, profile, instance role). */
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      forcePathStyle: boolean;
    };

/** Only for development and tests: production refuses it (see loadConfig). */
export const DEV_SECRET_KEY = 'dev-only-secret-key-not-for-production-0123456789';
/** Refused in production when set explicitly (it was the development default before SECRET_KEY). */
export const DEV_FILE_SIGNING_SECRET = 'dev-only-file-signing-secret-not-for-production';

/**
 * One secret per purpose, derived from `SECRET_KEY` with HKDF-SHA256 (the label is the HKDF info), so an operator
 * sets one random value and every process of a deployment (API replicas, worker) agrees on the rest.
 */
export function deriveSecret(secretKey: string, purpose: string, bytes = 32): string {
  return Buffer.from(hkdfSync('sha256', secretKey, 'returnhub', `returnhub/${purpose}`, bytes)).toString('hex');
}

/** `TRUST_PROXY` in express's syntax: a hop count, or names (`loopback`, `linklocal`, `uniquelocal`) and IPs/CIDRs. */
export function parseTrustProxy(raw: string | undefined): number | string | { problem: string } {
  const value = (raw ?? '').trim();
  if (value === '') return 'loopback';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : { problem: `TRUST_PROXY hop count must be from 0 to 10 (got "${raw}")` };
  }
  const parts = value.split(',').map((part) => part.trim());
  for (const part of parts) {
    const [address, bits, extra] = part.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(part);
    const family = isIP(address ?? '');
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!named && !(family && prefixOk && extra === undefined)) {
      return { problem: `TRUST_PROXY must be a hop count, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDRs (got "${raw}"; "true" is refused: it would let any client forge X-Forwarded-For)` };
    }
  }
  return parts.join(', ');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`);
    this.name = 'ConfigError';
  }
}

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, both from `server/src` (tests, dev) and from `dist/server/src` (built). */
const projectRoot = resolve(here, here.split(/[\\/]/).includes('dist') ? '../../..' : '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const nodeEnv = oneOf<NodeEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const isProduction = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  // The production start contract: DATABASE_URL, PUBLIC_URL and SECRET_KEY (TRUST_PROXY behind a proxy); the rest defaults.
  if (isProduction && !databaseUrl) problems.push('DATABASE_URL is required in production (postgres://user:password@host:5432/returnhub); the embedded PostgreSQL is for development');
  if (isProduction && !env.PUBLIC_URL) problems.push('PUBLIC_URL is required in production: the address users open (e.g. https://returns.example.com), used in e-mail links');
  const secretKey = env.SECRET_KEY || (isProduction ? '' : DEV_SECRET_KEY);
  if (isProduction && (secretKey.length < 32 || secretKey === DEV_SECRET_KEY)) {
    problems.push('SECRET_KEY is required in production: a random value of at least 32 characters (e.g. `openssl rand -hex 32`), not the development default');
  } else if (secretKey.length < 32) {
    problems.push('SECRET_KEY must be at least 32 characters');
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'object') problems.push(trustProxy.problem);

  const paymentProvider = oneOf<'simulated' | 'stripe'>('PAYMENT_PROVIDER', ['simulated', 'stripe'], 'simulated');
  const payments: PaymentsConfig = {
    provider: paymentProvider,
    // Derived from SECRET_KEY unless set, so the API replicas and the worker that settles refunds sign alike.
    simulatedWebhookSecret: env.SIMULATED_PAYMENTS_WEBHOOK_SECRET || `whsec_${deriveSecret(secretKey, 'simulated-payments-webhook', 24)}`,
    simulatedWebhookUrl: env.SIMULATED_PAYMENTS_WEBHOOK_URL || undefined,
    stripeSecretKey: env.STRIPE_SECRET_KEY || undefined,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    stripeApiBase: undefined,
    callTimeoutMs: integer('PAYMENT_TIMEOUT_MS', 15_000, 50, 120_000),
  };
  if (payments.simulatedWebhookUrl && !/^https?:\/\//.test(payments.simulatedWebhookUrl)) {
    problems.push('SIMULATED_PAYMENTS_WEBHOOK_URL must be an http:// or https:// URL');
  }
  if (paymentProvider === 'stripe') {
    if (!payments.stripeSecretKey || !/^(sk|rk)_(test|live)_\S+$/.test(payments.stripeSecretKey)) {
      problems.push('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… or rk_…) when PAYMENT_PROVIDER=stripe');
    }
    if (!payments.stripeWebhookSecret || !/^whsec_\S+$/.test(payments.stripeWebhookSecret)) {
      problems.push('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…) when PAYMENT_PROVIDER=stripe');
    }
  }
  if (env.STRIPE_API_BASE) {
    try {
      const base = new URL(env.STRIPE_API_BASE);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('protocol');
      const protocol = base.protocol === 'http:' ? 'http' : 'https';
      payments.stripeApiBase = { protocol, host: base.hostname, port: base.port ? Number(base.port) : protocol === 'http' ? 80 : 443 };
    } catch {
      problems.push(`STRIPE_API_BASE must be an http:// or https:// URL (got "${env.STRIPE_API_BASE}")`);
    }
  }

  const config: Config = {
    nodeEnv,
    isProduction,
    port: integer('PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(projectRoot, env.DATA_DIR || '.data'),
    databaseUrl,
    embeddedPgPort: env.EMBEDDED_PG_PORT ? integer('EMBEDDED_PG_PORT', 0, 1024, 65535) : undefined,
    trustProxy: typeof trustProxy === 'object' ? 'loopback' : trustProxy,
    releaseVersion: env.RELEASE_VERSION || 'dev',
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], nodeEnv === 'test' ? 'silent' : 'info'),
    sessionTtlDays: integer('SESSION_TTL_DAYS', 14, 1, 365),
    allowDemoPassword: flag('ALLOW_DEMO_PASSWORD', nodeEnv !== 'production'),
    graphiqlEnabled: flag('GRAPHIQL_ENABLED', nodeEnv !== 'production'),
    clientDistDir: resolve(projectRoot, 'client/dist'),
    mlDir: resolve(projectRoot, 'ml'),
    payments,
    storage: storageConfig(env, resolve(projectRoot, env.DATA_DIR || '.data'), oneOf, flag, problems),
    fileSigningSecret: env.FILE_SIGNING_SECRET || deriveSecret(secretKey, 'file-signing'),
    fileLinkTtlSeconds: integer('FILE_LINK_TTL_SECONDS', 300, 10, 86_400),
    uploadMaxRequestBytes: integer('UPLOAD_MAX_REQUEST_MB', 100, 1, 2_048) * 1024 * 1024,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 4000}`).replace(/\/+$/, ''),
    mailDriver: oneOf('MAIL_DRIVER', ['dev', 'smtp'], 'dev'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'ReturnHub <no-reply@returnhub.local>',
    workerConcurrency: integer('WORKER_CONCURRENCY', 5, 1, 100),
    metricsToken: env.METRICS_TOKEN || undefined,
    webhookAttemptDeadlineMs: integer('WEBHOOK_ATTEMPT_DEADLINE_MS', 15_000, 100, 120_000),
    ruleSimulationSyncMaxCases: integer('RULE_SIMULATION_SYNC_MAX_CASES', 10_000, 0, 1_000_000),
    carrier: carrierConfig(env, secretKey, nodeEnv, integer, flag, problems),
  };
  if (config.metricsToken !== undefined && !/^\S{16,200}$/.test(config.metricsToken)) problems.push('METRICS_TOKEN must be 16 to 200 characters without spaces');
  if (config.isProduction && env.FILE_SIGNING_SECRET && (config.fileSigningSecret === DEV_FILE_SIGNING_SECRET || config.fileSigningSecret.length < 32)) {
    problems.push('FILE_SIGNING_SECRET, when set, must be a random value of at least 32 characters in production (leave it unset to derive it from SECRET_KEY)');
  }
  if (!/^https?:\/\/[^\s/]+/.test(config.publicUrl)) problems.push('PUBLIC_URL must be an http:// or https:// URL (the address users open)');
  if (config.mailDriver === 'smtp' && !config.smtpUrl) problems.push('SMTP_URL is required when MAIL_DRIVER=smtp (e.g. smtps://user:password@smtp.example.com:465)');
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  if (!/^[^<>]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(config.mailFrom)) problems.push('MAIL_FROM must be an address, e.g. "ReturnHub <returns@example.com>"');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function storageConfig(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  oneOf: <T extends string>(name: string, allowed: readonly T[], fallback: T) => T,
  flag: (name: string, fallback: boolean) => boolean,
  problems: string[],
): StorageConfig {
  const driver = oneOf('STORAGE_DRIVER', ['local', 's3'], 'local');
  if (driver === 'local') return { driver, localDir: resolve(dataDir, 'files') };
  const bucket = env.S3_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push('S3_BUCKET must name a bucket (3-63 lower-case letters, digits, dots, hyphens) when STORAGE_DRIVER=s3');
  const endpoint = env.S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) problems.push('S3_ENDPOINT must be an http:// or https:// URL');
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, for the default credential chain)');
  return { driver, bucket, region: env.S3_REGION || 'us-east-1', endpoint, accessKeyId, secretAccessKey, forcePathStyle: flag('S3_FORCE_PATH_STYLE', false) };
}

/**
 * The built-in carrier reports its scans by itself in development only (a demo return moves on its own); tests and
 * production turn it on explicitly with BUILTIN_CARRIER_EVENTS=true.
 */
function carrierConfig(
  env: NodeJS.ProcessEnv,
  secretKey: string,
  nodeEnv: NodeEnv,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  flag: (name: string, fallback: boolean) => boolean,
  problems: string[],
): CarrierConfig {
  const webhookUrl = env.CARRIER_WEBHOOK_URL || undefined;
  if (webhookUrl && !/^https?:\/\//.test(webhookUrl)) problems.push('CARRIER_WEBHOOK_URL must be an http:// or https:// URL');
  const scanAfterSeconds = integer('BUILTIN_CARRIER_SCAN_AFTER_SECONDS', 120, 1, 30 * 86_400);
  const deliverAfterSeconds = integer('BUILTIN_CARRIER_DELIVER_AFTER_SECONDS', 600, 2, 30 * 86_400);
  if (deliverAfterSeconds <= scanAfterSeconds) problems.push('BUILTIN_CARRIER_DELIVER_AFTER_SECONDS must be later than BUILTIN_CARRIER_SCAN_AFTER_SECONDS');
  const enabled = flag('BUILTIN_CARRIER_EVENTS', nodeEnv === 'development');
  return {
    // Derived from SECRET_KEY unless set, so the API replicas and the worker that sends the built-in events agree.
    webhookSecret: env.CARRIER_WEBHOOK_SECRET || `whsec_${deriveSecret(secretKey, 'carrier-webhook', 24)}`,
    webhookUrl,
    builtinSchedule: enabled ? { scanAfterSeconds, inTransitAfterSeconds: Math.round((scanAfterSeconds + deliverAfterSeconds) / 2), deliverAfterSeconds } : null,
  };
}

export { projectRoot };
