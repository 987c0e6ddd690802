/**
 * The account's browser folder, DATA_DIR/browser/<account>/: its HTTP cache (`cache/`),
 * kept from run to run like a person's browser keeps LinkedIn's scripts and images, private
 * (0700, as are its parents), and locked by the run using it (`cache.lock`, with the run
 * process's pid). It is only a cache: the LinkedIn session (cookies, local storage) lives
 * in the store, so losing the folder costs a slower first page, nothing else.
 *
 * The session check and the doctor do not use it: they must answer while a run holds it
 * (for up to an hour), a copy of a cache Chromium is writing is not consistent, and they
 * load a page or two. They run on Chromium's throwaway cache.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type PidLock, tryLock } from '../pidLock.ts';

/** A folder name for any account id: no separator, never `.` or `..`. */
function folderName(accountId: string): string {
  return encodeURIComponent(accountId).replaceAll('.', '%2E');
}

export function accountBrowserDir(dataDir: string, accountId: string): string {
  return path.join(dataDir, 'browser', folderName(accountId));
}

/** Creates the folder if missing; owner only either way (mkdir's mode is subject to the umask). */
function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

export interface AccountCache {
  /** Chromium's `--disk-cache-dir`. */
  readonly dir: string;
  release(): void;
}

export type CacheAttempt = { ok: true; cache: AccountCache } | { ok: false; holder: number | null };

/**
 * Who the cache belongs to: a digest of the session's `li_at` (the cookie itself never
 * reaches the disk outside the database). A worker of the distributed mode keeps its own
 * cache that the server's session routes cannot reach: a digest that differs from the
 * current session's says the cache was another LinkedIn member's, and it is emptied.
 */
export function cacheOwnerOf(liAt: string): string {
  return createHash('sha256').update(`linkedin-birthday-bot cache owner\0${liAt}`).digest('hex');
}

/** Empties the cache when it was filled for another session than `owner`, then records `owner`. */
function claimCache(accountDir: string, dir: string, owner: string): void {
  const ownerFile = path.join(accountDir, 'cache.owner');
  let previous: string | null = null;
  try {
    previous = fs.readFileSync(ownerFile, 'utf8').trim();
  } catch {
    // No owner yet: a cache from before owners were recorded is someone's unknown; empty it.
  }
  if (previous === owner) return;
  fs.rmSync(dir, { recursive: true, force: true });
  privateDir(dir);
  fs.writeFileSync(ownerFile, `${owner}\n`, { mode: 0o600 });
}

/**
 * Locks the account's cache folder for this process (created private on first use), for
 * the session whose owner digest is `owner` (`cacheOwnerOf`).
 */
export function lockAccountCache(dataDir: string, accountId: string, owner: string): CacheAttempt {
  const accountDir = accountBrowserDir(dataDir, accountId);
  privateDir(path.dirname(accountDir));
  privateDir(accountDir);
  const attempt = tryLock(path.join(accountDir, 'cache.lock'));
  if (!attempt.ok) return attempt;
  const dir = path.join(accountDir, 'cache');
  try {
    privateDir(dir);
    claimCache(accountDir, dir, owner);
  } catch (err) {
    attempt.lock.release();
    throw err;
  }
  const lock: PidLock = attempt.lock;
  return { ok: true, cache: { dir, release: () => lock.release() } };
}

/**
 * Deletes the account's browser folder (a session deleted, or replaced by another member's:
 * what it cached was for someone else). A run holding it meanwhile deletes it again when it
 * ends, its write-back refused.
 */
export function removeAccountBrowserDir(dataDir: string, accountId: string): void {
  // Retries: a run's Chromium may be writing in it at that moment (ENOTEMPTY).
  fs.rmSync(accountBrowserDir(dataDir, accountId), {
    recursive: true,
    force: true,
    maxRetries: 5,
    retryDelay: 50,
  });
}
