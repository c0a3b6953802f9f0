import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/commands.js';
import { tempDir } from './helpers.js';

let stdout = '';
let stderr = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ml CLI', () => {
  it('prints usage for help', () => {
    expect(main(['help'])).toBe(0);
    expect(stdout).toContain('usage: npm run ml -- <command>');
  });

  it('exits 2 on bad usage', () => {
    expect(main([])).toBe(2);
    expect(main(['fly'])).toBe(2);
    expect(stderr).toContain('unknown command "fly"');
    expect(main(['generate', '--rows', 'many'])).toBe(2);
    expect(stderr).toContain('--rows must be an integer');
    expect(main(['generate', '--colour', 'red'])).toBe(2);
    expect(stderr).toContain('unknown option --colour');
    expect(main(['activate'])).toBe(2);
    expect(main(['train', '--version', '../escape'])).toBe(2);
  });

  it('exits 1 with a clear message when the work fails', () => {
    expect(main(['train', '--data', '/nonexistent/cases.csv'])).toBe(1);
    expect(stderr).toContain('not found');
    expect(main(['activate', 'escalation-lr-0.0.0'])).toBe(1);
    expect(stderr).toContain('unknown model version');
  });

  it('generates a dataset with progress, a profile and a chart', () => {
    const out = join(tempDir(), 'cases.csv');
    expect(main(['generate', '--rows', '500', '--seed', '3', `--out=${out}`])).toBe(0);
    expect(stderr).toContain('[generate] generated 500/500 rows');
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(502);
    expect(existsSync(join(out, '..', 'cases.profile.md'))).toBe(true);
    expect(readFileSync(join(out, '..', 'cases.profile.svg'), 'utf8')).toMatch(/^<svg /);
  });
});
