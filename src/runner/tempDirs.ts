/**
 * The temporary folders of the processes we fork (a run, a browser task): DATA_DIR/tmp/<name>,
 * private, given to the process and its Chromium as TMPDIR, so that Playwright's throwaway
 * profile (`playwright_chromiumdev_profile-*`) and Chromium's own temporary files stay in
 * DATA_DIR, never in the system's temp folder where other users could read them. Removed
 * once the process and what it started are gone (also after a kill), and at start: what a
 * server or worker that died left behind. The account's browser folder (DATA_DIR/browser)
 * is not one of them: it is kept.
 *
 * Each folder holds a lock with its supervisor's pid: a folder whose supervisor still runs
 * (another server or worker on the same DATA_DIR) is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tryLock } from '../pidLock.ts';

const OWNER_LOCK = '.owner';

/** How a forked process learns its temporary folder (it becomes its TMPDIR: processTmpDir.ts). */
export const PROCESS_TMPDIR_VAR = 'LBB_PROCESS_TMPDIR';

export function tempRoot(dataDir: string): string {
  return path.join(dataDir, 'tmp');
}

export interface TempDir {
  readonly dir: string;
  /** Removes the folder and all in it (safe to call twice). */
  remove(): void;
}

function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

function removeDir(dir: string): void {
  // Retries: a browser that was just killed may still be closing files in it.
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/** A fresh private folder DATA_DIR/tmp/<name> (emptied if it existed), owned by this process. */
export function createTempDir(dataDir: string, name: string): TempDir {
  privateDir(tempRoot(dataDir));
  const dir = path.join(tempRoot(dataDir), name);
  removeDir(dir);
  privateDir(dir);
  const lock = tryLock(path.join(dir, OWNER_LOCK));
  if (!lock.ok) throw new Error(`${dir} is in use by process ${lock.holder}`);
  let removed = false;
  return {
    dir,
    remove() {
      if (removed) return;
      removed = true;
      removeDir(dir);
      lock.lock.release();
    },
  };
}

/** Removes the temporary folders whose owner is gone (a crash's leftovers); returns how many. */
export function removeStaleTempDirs(dataDir: string): number {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(tempRoot(dataDir), { withFileTypes: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const dir = path.join(tempRoot(dataDir), entry.name);
    // Taking the lock succeeds only when no live process holds it.
    const attempt = entry.isDirectory() ? tryLock(path.join(dir, OWNER_LOCK)) : null;
    if (attempt && !attempt.ok) continue;
    removeDir(dir);
    if (attempt?.ok) attempt.lock.release();
    removed++;
  }
  return removed;
}
