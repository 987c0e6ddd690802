/**
 * Memory of a process tree (Linux /proc): the summed VmRSS of a process and all its
 * descendants, sampled at a fixed interval. Summed RSS counts shared pages (libraries,
 * Chromium's shared memory) once per process: an upper bound. PSS (from smaps_rollup)
 * shares them out and is read alongside, when readable.
 */
import fs from 'node:fs';
import { commandLine, descendants } from '../../src/runner/processGroup.ts';

export type ProcKind = 'server' | 'run' | 'chromium';

export interface ProcMemory {
  pid: number;
  kind: ProcKind;
  /** Chromium: its `--type` (`browser` for the main process), `utility:<sub-type>`. */
  label: string;
  rssKb: number;
  pssKb: number | null;
}

export interface TreeMemory {
  /** performance.now() and Date.now() of the reading. */
  at: number;
  wall: number;
  rssKb: number;
  /** null when some smaps_rollup could not be read. */
  pssKb: number | null;
  processes: number;
  /** Summed VmRSS by kind: the root, Chromium processes, the other (node) descendants. */
  rssKbByKind: Record<ProcKind, number>;
  /** Every process of the reading. */
  detail: ProcMemory[];
}

function statusKb(pid: number, field: string): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    // Kernel threads and zombies have no VmRSS: they hold no user memory.
    return match ? Number(match[1]) : 0;
  } catch {
    return null; // gone
  }
}

function pssKb(pid: number): number | null {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Kind and label of a descendant, from its command line. */
function describe(pid: number): { kind: ProcKind; label: string } {
  const args = (commandLine(pid) ?? '').split(' ');
  if (!/chrom/i.test(args[0] ?? '')) return { kind: 'run', label: 'run process' };
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const type = flag('type') ?? 'browser';
  const sub = flag('utility-sub-type');
  return { kind: 'chromium', label: sub ? `${type}:${sub}` : type };
}

/** One reading of `root` and every live descendant. */
export function treeMemory(root: number): TreeMemory {
  const at = performance.now();
  const wall = Date.now();
  const byKind: Record<ProcKind, number> = { server: 0, run: 0, chromium: 0 };
  let rss = 0;
  let pss: number | null = 0;
  const detail: ProcMemory[] = [];
  for (const pid of [root, ...descendants(root).map((p) => p.pid)]) {
    const kb = statusKb(pid, 'VmRSS');
    if (kb === null) continue;
    const { kind, label } = pid === root ? { kind: 'server' as const, label: 'server' } : describe(pid);
    rss += kb;
    byKind[kind] += kb;
    const p = pssKb(pid);
    pss = p === null || pss === null ? null : pss + p;
    detail.push({ pid, kind, label, rssKb: kb, pssKb: p });
  }
  return { at, wall, rssKb: rss, pssKb: pss, processes: detail.length, rssKbByKind: byKind, detail };
}

/** Samples `treeMemory(root)` every `intervalMs` until stopped; keeps the peak. */
export class TreeSampler {
  private readonly timer: NodeJS.Timeout;
  readonly samples: TreeMemory[] = [];
  peak: TreeMemory | null = null;
  peakPssKb = 0;
  maxProcesses = 0;

  constructor(
    private readonly root: number,
    readonly intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    const reading = treeMemory(this.root);
    this.samples.push(reading);
    if (!this.peak || reading.rssKb > this.peak.rssKb) this.peak = reading;
    if (reading.pssKb !== null) this.peakPssKb = Math.max(this.peakPssKb, reading.pssKb);
    this.maxProcesses = Math.max(this.maxProcesses, reading.processes);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}
