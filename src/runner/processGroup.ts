import fs from 'node:fs';

/**
 * Process bookkeeping for run processes (Linux /proc; elsewhere, plain signals). A run
 * process is started in its own group, but Playwright starts Chromium in a group of its
 * own too (`detached`), so "kill the run" must mean: its group, plus every process it
 * started, wherever their group is.
 */

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  /** Start time in clock ticks since boot: with the pid, identifies a process (pids are reused). */
  start: number;
}

/** A process as recorded while it ran: pid plus start time, so a reused pid is never hit. */
export interface ProcessRef {
  pid: number;
  start: number;
}

function readProc(pid: number | string): ProcInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command: state ppid pgrp session … starttime (22nd field overall).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid: Number(pid),
      state: f[0] ?? '?',
      ppid: Number(f[1]),
      pgid: Number(f[2]),
      start: Number(f[19]),
    };
  } catch {
    return null;
  }
}

function allProcs(): ProcInfo[] {
  if (process.platform !== 'linux') return [];
  const out: ProcInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(entry);
    if (info && info.state !== 'Z') out.push(info);
  }
  return out;
}

/** Every live process started (directly or not) by `pid`. */
export function descendants(pid: number): ProcessRef[] {
  const procs = allProcs();
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: ProcessRef[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push({ pid: child.pid, start: child.start });
      queue.push(child.pid);
    }
  }
  return out;
}

export function processRef(pid: number): ProcessRef | null {
  const info = readProc(pid);
  return info ? { pid, start: info.start } : null;
}

/** Signals a whole process group. */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Kills recorded processes that are still the same processes, with their groups when they lead one. */
export function killRefs(refs: readonly ProcessRef[]): void {
  for (const ref of refs) {
    const info = readProc(ref.pid);
    if (!info || info.start !== ref.start || info.state === 'Z') continue;
    if (info.pgid === info.pid) killGroup(info.pid);
    try {
      process.kill(info.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Kills a run process, its group and everything it started (a browser in its own group included). */
export function killTree(pid: number): void {
  const started = descendants(pid);
  killGroup(pid);
  killRefs(started);
}

/** Whether a process runs (a zombie, dead but not yet reaped by its parent, does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return readProc(pid)?.state !== 'Z';
}

/** Whether any process of the group is still there (Linux: scans /proc). */
export function groupAlive(pgid: number): boolean {
  if (process.platform !== 'linux') return isAlive(pgid);
  return allProcs().some((p) => p.pgid === pgid);
}

/** Whether any of the recorded processes still runs. */
export function anyAlive(refs: readonly ProcessRef[]): boolean {
  return refs.some((ref) => {
    const info = readProc(ref.pid);
    return !!info && info.start === ref.start && info.state !== 'Z';
  });
}

/**
 * Waits until the recorded processes and the group `pgid` are gone, killing them again
 * meanwhile (a SIGKILL takes effect a moment later, longer on a loaded machine), at most
 * `timeoutMs`: what was killed is dead when the caller goes on. True when all are gone.
 */
export async function untilGone(refs: readonly ProcessRef[], pgid: number | undefined, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const alive = () => anyAlive(refs) || (pgid !== undefined && groupAlive(pgid));
  while (alive()) {
    if (Date.now() >= deadline) return false;
    if (pgid !== undefined) killGroup(pgid);
    killRefs(refs);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/**
 * After a process of ours exited: kills what it left behind (its group, and the processes
 * recorded under it, a browser in its own group included) and waits until they are gone,
 * so that nothing it started outlives the moment its end is reported.
 */
export function reapLeftovers(pgid: number | undefined, refs: readonly ProcessRef[]): Promise<boolean> {
  if (pgid !== undefined && groupAlive(pgid)) killGroup(pgid);
  killRefs(refs);
  return untilGone(refs, pgid, LEFTOVERS_GONE_MS);
}

/** How long an ended process's leftovers may take to die before its end is reported anyway. */
const LEFTOVERS_GONE_MS = 3000;

/**
 * Every live process (of ours: others' environments are unreadable) whose environment holds
 * `entry` (`NAME=value`): a run's TMPDIR names the processes it started even once they were
 * reparented, a browser started just before its run process was killed included.
 */
export function processesWithEnv(entry: string): ProcessRef[] {
  const out: ProcessRef[] = [];
  for (const p of allProcs()) {
    try {
      if (fs.readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').includes(entry)) {
        out.push({ pid: p.pid, start: p.start });
      }
    } catch {
      // gone, or another user's
    }
  }
  return out;
}

/** Command line of a process, or null when it is gone (used to avoid killing a reused pid). */
export function commandLine(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}
