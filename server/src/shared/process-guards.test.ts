import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { installProcessGuards } from './process-guards.js';

function guarded() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = createLogger('info', {}, new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  }));
  const target = new EventEmitter();
  const exits: number[] = [];
  const uninstall = installProcessGuards(logger, { target: target as unknown as NodeJS.Process, exit: (code) => exits.push(code) });
  return { target, lines, exits, uninstall };
}

describe('process guards', () => {
  it('log an unhandled rejection and keep the process running', () => {
    const { target, lines, exits } = guarded();
    target.emit('unhandledRejection', Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' }), Promise.resolve());
    expect(exits).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ msg: 'unhandled promise rejection; still serving', connection: true })]);
  });

  it('keep serving after an uncaught lost database connection, and exit(1) after any other uncaught exception', () => {
    const { target, lines, exits, uninstall } = guarded();
    target.emit('uncaughtException', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new TypeError('cannot read properties of undefined'));
    expect(exits).toEqual([1]);
    expect(lines.map((l) => l.msg)).toEqual([
      'uncaught database connection error; still serving, the pools reconnect',
      'uncaught exception; exiting so the process is restarted clean',
    ]);
    uninstall();
    expect(target.listenerCount('uncaughtException') + target.listenerCount('unhandledRejection')).toBe(0);
  });
});
