/**
 * DATA_DIR holds the database (LinkedIn session cookies, contacts), the generated secrets,
 * screenshots of LinkedIn pages and the browsers' folders: private to the user the bot runs
 * as, whoever created the folder and whatever their umask.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * Files and folders this process (and what it starts: run processes, Chromium) creates from
 * now on are the owner's only (umask 077): the database and its -wal/-shm, screenshots,
 * browser profiles, temporary folders.
 */
export function privateFiles(): void {
  // Node refuses to change the umask in a worker thread (tests): the main thread's applies.
  if (isMainThread) process.umask(0o077);
}

/**
 * Makes DATA_DIR private (created 0700, or set to 0700 when it existed with other modes)
 * and this process's files private (`privateFiles`). Returns a warning when the folder's
 * mode cannot be changed (another user owns it), null otherwise.
 */
export function prepareDataDir(dataDir: string): string | null {
  privateFiles();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    if ((fs.statSync(dataDir).mode & 0o077) !== 0) fs.chmodSync(dataDir, 0o700);
    return null;
  } catch (err) {
    return `DATA_DIR ${dataDir} could not be made private (chmod 700): ${(err as Error).message}`;
  }
}

/** Directory of a run's screenshots (here, not beside the run engine: the server reads it without loading a browser). */
export function runScreenshotDir(dataDir: string, runId: string): string {
  return path.join(dataDir, 'runs', runId);
}
