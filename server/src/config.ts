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
  embeddedPgPort: number;
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
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const config: Config = {
    nodeEnv,
    isProduction: nodeEnv === 'production',
    port: integer('PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(projectRoot, env.DATA_DIR || '.data'),
    databaseUrl,
    embeddedPgPort: integer('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    releaseVersion: env.RELEASE_VERSION || 'dev',
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], nodeEnv === 'test' ? 'silent' : 'info'),
    sessionTtlDays: integer('SESSION_TTL_DAYS', 14, 1, 365),
    allowDemoPassword: flag('ALLOW_DEMO_PASSWORD', nodeEnv !== 'production'),
    graphiqlEnabled: flag('GRAPHIQL_ENABLED', nodeEnv !== 'production'),
    clientDistDir: resolve(projectRoot, 'client/dist'),
    mlDir: resolve(projectRoot, 'ml'),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 4000}`).replace(/\/+$/, ''),
    mailDriver: oneOf('MAIL_DRIVER', ['dev', 'smtp'], 'dev'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'ReturnHub <no-reply@returnhub.local>',
    workerConcurrency: integer('WORKER_CONCURRENCY', 5, 1, 100),
  };
  if (!/^https?:\/\/[^\s/]+/.test(config.publicUrl)) problems.push('PUBLIC_URL must be an http:// or https:// URL (the address users open)');
  if (config.mailDriver === 'smtp' && !config.smtpUrl) problems.push('SMTP_URL is required when MAIL_DRIVER=smtp (e.g. smtps://user:password@smtp.example.com:465)');
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');
  if (!/^[^<>]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(config.mailFrom)) problems.push('MAIL_FROM must be an address, e.g. "ReturnHub <returns@example.com>"');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export { projectRoot };
