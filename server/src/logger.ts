import type { Writable } from 'node:stream';
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Structured JSON logs. Secrets never reach them: the redaction list names every place one could appear. */
export function createLogger(level: string, bindings: Record<string, unknown> = {}, destination?: Writable): Logger {
  const options = {
    level,
    base: { service: 'returnhub', ...bindings },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'secret', '*.secret', 'req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
