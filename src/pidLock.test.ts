import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryLock } from './pidLock.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-lock-'));
  file = path.join(dir, 'cache.lock');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return child.pid!;
}

describe('tryLock', () => {
  it('holds the lock with this pid until released; meanwhile another attempt names the holder', () => {
    const first = tryLock(file);
    expect(first.ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    expect(tryLock(file)).toEqual({ ok: false, holder: process.pid });

    if (first.ok) first.lock.release();
    expect(fs.existsSync(file)).toBe(false);
    const again = tryLock(file);
    expect(again.ok).toBe(true);
    if (again.ok) again.lock.release();
  });

  it('takes over the lock of a process that died', () => {
    fs.writeFileSync(file, `${deadPid()}\n`);
    const attempt = tryLock(file);
    expect(attempt.ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a lock naming its own pid that it never took (a container restarted: same pid)', () => {
    fs.writeFileSync(file, `${process.pid}\n`);
    const attempt = tryLock(file);
    expect(attempt.ok).toBe(true);
    // Now it holds it: a second attempt is refused.
    expect(tryLock(file)).toEqual({ ok: false, holder: process.pid });
    if (attempt.ok) attempt.lock.release();
  });

  it('leaves an empty lock to its creator, unless it stayed empty too long', () => {
    fs.writeFileSync(file, '');
    expect(tryLock(file)).toEqual({ ok: false, holder: null });
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(file, past, past);
    expect(tryLock(file).ok).toBe(true);
  });

  it('releases only its own lock', () => {
    const attempt = tryLock(file);
    if (!attempt.ok) throw new Error('not locked');
    // Taken over meanwhile (this process was thought dead): the new holder keeps it.
    fs.writeFileSync(file, `${process.ppid}\n`);
    attempt.lock.release();
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(String(process.ppid));
  });
});
