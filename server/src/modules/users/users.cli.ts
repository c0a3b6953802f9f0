// Operators' user administration, against DATABASE_URL (or the embedded database of DATA_DIR, the running server's
// when one holds it), migrating first when needed. The password is read as one line from stdin:
//   npm run users -- create --username <name> --role ADMIN|OPS|MERCHANT|CUSTOMER [--display-name <text>] [--email <addr>] [--merchant-name <text>]
//   npm run users -- set-password --username <name>
// Exit codes: 0 done; 2 refused (a coded reason: BAD_USER_INPUT, CONFLICT, NOT_FOUND; nothing changed); 1 failure.
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { DomainError } from '../../errors/domain-error.js';
import { createLogger } from '../../logger.js';
import { systemClock } from '../../shared/clock.js';
import { startupFailure } from '../../startup.js';
import { UserAccounts, checkNewPassword, parseRole } from './user-accounts.service.js';

const USAGE = `usage:
  npm run users -- create --username <name> --role ADMIN|OPS|MERCHANT|CUSTOMER [--display-name <text>] [--email <addr>] [--merchant-name <text>]
  npm run users -- set-password --username <name>
The password is read as one line from stdin (e.g. printf '%s\\n' "$PASSWORD" | npm run users -- …).`;

class UsageError extends Error {}

function refuse(code: string, message: string): never {
  console.error(`error [${code}]: ${message}`);
  process.exit(2);
}

async function readPasswordLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (one line): ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line.replace(/\r$/, '');
  }
  throw new UsageError('No password on stdin: pipe it in as one line.');
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'create' && command !== 'set-password') throw new UsageError(command ? `Unknown command "${command}".` : 'No command.');
  const { values } = parseArgs({
    args: rest,
    options: { username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' }, email: { type: 'string' }, 'merchant-name': { type: 'string' } },
    strict: true,
  });
  if (!values.username) throw new UsageError('--username is required.');
  if (command === 'create') {
    if (!values.role) throw new UsageError('--role is required.');
    parseRole(values.role); // an unknown role is refused before anything else happens
  } else if (values.role || values['display-name'] || values.email || values['merchant-name']) {
    throw new UsageError('set-password takes only --username.');
  }
  const password = await readPasswordLine();

  const config = loadConfig();
  // The password policy is checked before the database is even opened.
  checkNewPassword(password, config);
  const db = await openDatabase(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel), { attach: true });
  try {
    const service = new UserAccounts(db.orm.em.fork(), systemClock, config);
    if (command === 'create') {
      const { user, merchant } = await service.create({
        username: values.username,
        role: values.role!,
        password,
        displayName: values['display-name'],
        email: values.email,
        merchantName: values['merchant-name'],
      });
      console.log(`Created ${user.role.toUpperCase()} user ${user.username} (${user.displayName}, ${user.email}) with id ${user.id}${merchant ? `; merchant "${merchant.name}" with the default return policy` : ''}.`);
    } else {
      const { user, revokedSessions } = await service.setPassword(values.username, password);
      console.log(`Set a new password for ${user.username}; ${revokedSessions} session(s) signed out.`);
    }
  } finally {
    await db.close();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  if (error instanceof DomainError) refuse(error.code, error.message);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) refuse('BAD_USER_INPUT', `${(error as Error).message}\n${USAGE}`);
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(`error: ${startupFailure(error)}`);
  process.exit(1);
}
