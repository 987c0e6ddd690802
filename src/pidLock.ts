/**
 * A lock file holding its owner's pid. It is created with O_EXCL, so two processes never
 * both hold it; a lock whose process is gone (a run killed hard leaves its lock behind) is
 * stale, and the next one takes it over. One machine's processes only: a pid means nothing
 * on another host.
 */
import fs from 'node:fs';

/** An empty lock file is being written by its creator, unless it has been empty this long. */
const EMPTY_LOCK_STALE_MS = 10_000;

export interface PidLock {
  readonly file: string;
  /** Removes the lock file if it still names this process. Safe to call twice. */
  release(): void;
}

export type LockAttempt = { ok: true; lock: PidLock } | { ok: false; holder: number | null };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in the lock file; null when it is empty or unreadable. */
function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * The lock files this process holds. One that names this process's pid but is not among
 * them was left by an earlier process that had the same pid: in a container, the server
 * is pid 1 (or the same low pid) at every start.
 */
const held = new Set<string>();

function isStale(file: string, holder: number | null, now: number): boolean {
  if (holder === process.pid) return !held.has(file);
  if (holder !== null) return !isAlive(holder);
  try {
    return now - fs.statSync(file).mtimeMs > EMPTY_LOCK_STALE_MS;
  } catch {
    return true; // gone meanwhile
  }
}

function createExclusive(file: string, pid: number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${pid}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock at `file` for this process, taking over a stale one; when a live process
 * holds it, says which (null: one that is still writing its pid).
 */
export function tryLock(file: string): LockAttempt {
  const pid = process.pid;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusive(file, pid)) {
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        if (holderOf(file) === pid) fs.rmSync(file, { force: true });
      };
      return { ok: true, lock: { file, release } };
    }
    const holder = holderOf(file);
    if (!isStale(file, holder, Date.now())) return { ok: false, holder };
    // Two processes taking over one stale lock at the same instant could both end up
    // holding it; its users start one at a time anyway (one run per account).
    fs.rmSync(file, { force: true });
  }
  return { ok: false, holder: holderOf(file) };
}
