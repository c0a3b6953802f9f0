import { describe, expect, it } from 'vitest';
import { startMode, startupFailure, within } from './startup.js';

describe('start-up', () => {
  it('reads the mode from the arguments', () => {
    expect(startMode(['node', 'main.js'])).toBe('all');
    expect(startMode(['node', 'main.js', '--api-only'])).toBe('api');
    expect(startMode(['node', 'main.js', '--worker-only'])).toBe('worker');
    expect(startMode(['node', 'main.js', '--seed-only'])).toBe('seed');
    expect(() => startMode(['node', 'main.js', '--api-only', '--worker-only'])).toThrow(/Choose one of --api-only, --worker-only/);
  });

  it('says why a start failed, whatever was thrown', () => {
    expect(startupFailure(undefined)).toMatch(/^an unknown failure/);
    expect(startupFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), 4000)).toBe('Port 4000 is in use (set PORT)');
    expect(startupFailure(new Error('outer', { cause: new Error('inner') }))).toBe('outer (inner)');
    expect(startupFailure({ reason: 'x' })).toBe('{"reason":"x"}');
    expect(startupFailure('text')).toBe('text');
  });

  it('gives a step a deadline', async () => {
    expect(await within(new Promise(() => {}), 20)).toBe('timeout');
    expect(await within(Promise.resolve(), 1_000)).toBe('done');
  });
});
