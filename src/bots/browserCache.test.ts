import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountBrowserDir, cacheOwnerOf, lockAccountCache } from './browserCache.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-cache-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Locks the cache for the session of `liAt`, writes a file in it, releases it; the cache folder. */
function fill(liAt: string, file: string): string {
  const attempt = lockAccountCache(dataDir, 'default', cacheOwnerOf(liAt));
  if (!attempt.ok) throw new Error('cache locked');
  fs.writeFileSync(path.join(attempt.cache.dir, file), 'cached');
  attempt.cache.release();
  return attempt.cache.dir;
}

describe('the account cache belongs to one LinkedIn session', () => {
  it('keeps what the same session cached, run after run', () => {
    const dir = fill('li-at-of-alice', 'first');
    fill('li-at-of-alice', 'second');
    expect(fs.readdirSync(dir).sort()).toEqual(['first', 'second']);
  });

  it('empties a cache another session filled (a worker whose cache the server could not delete)', () => {
    const dir = fill('li-at-of-alice', 'alice-page');
    fill('li-at-of-bob', 'bob-page');
    expect(fs.readdirSync(dir)).toEqual(['bob-page']);
  });

  it('empties a cache of unknown owner, and records the owner privately without the cookie', () => {
    const dir = path.join(accountBrowserDir(dataDir, 'default'), 'cache');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'older'), 'cached');
    fill('li-at-of-alice', 'new');
    expect(fs.readdirSync(dir)).toEqual(['new']);
    const ownerFile = path.join(accountBrowserDir(dataDir, 'default'), 'cache.owner');
    expect(fs.statSync(ownerFile).mode & 0o777).toBe(0o600);
    const recorded = fs.readFileSync(ownerFile, 'utf8');
    expect(recorded).not.toContain('li-at-of-alice');
    expect(recorded.trim()).toBe(cacheOwnerOf('li-at-of-alice'));
  });
});
