import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, claimProcessLock, isLiveProcess, lockHolder } from './process-files.js';

describe('the data folder lock', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'returnhub-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is taken, refused to a second claim while its node process lives, and released', async () => {
    const dir = folder();
    const path = join(dir, 'returnhub.pid');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      writeFileSync(path, `${other.pid}\n`);
      expect(lockHolder(path)).toBe(other.pid);
      expect(() => claimProcessLock(path, dir)).toThrow(DataDirInUseError);
      expect(() => claimProcessLock(path, dir)).toThrow(`Another ReturnHub process (pid ${other.pid}) is running on ${dir}`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Its process gone (a kill -9): the lock is stale and taken over.
    const lock = claimProcessLock(path, dir);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock naming a live pid that is not a node process (a reused pid)', async () => {
    const dir = folder();
    const path = join(dir, 'returnhub.pid');
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => sleeper.once('spawn', resolve));
      writeFileSync(path, `${sleeper.pid}\n`);
      expect(isLiveProcess(sleeper.pid!)).toBe(true);
      expect(isLiveProcess(sleeper.pid!, /node/)).toBe(false);
      claimProcessLock(path, dir).release();
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
