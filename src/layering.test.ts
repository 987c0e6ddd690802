import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleImports } from '../test/support/moduleImports.ts';

/**
 * The layering of the source tree, from the process roots down:
 *
 *   processes (and the CLI, the demo, `connect`) → server, jobs, runner → bots
 *     → the LinkedIn port (src/linkedin) → store, config, domain and the small shared modules
 *
 * Nothing imports upward; beside each other, the server may use the run engine (jobs) and
 * the runner, the queue adapters (jobs) the runner, never the other way round; and no
 * module imports itself back through others (no cycles). Every import counts here:
 * `import type` and `import()` too, since a type shared upward ties the layers as surely.
 * Tests and test helpers (`*.test.ts`, `*.contract.ts`, `testing.ts`, `testing/`) are left
 * out: they compose whole processes to drive them. The sandbox (the fake LinkedIn site) is
 * a tool of its own that only the CLI, the demo and tests start.
 */

const SRC = path.resolve(import.meta.dirname);

/** Rank of each top-level folder or module of src/: an import goes to the same rank or a higher one. */
const RANK: Record<string, number> = {
  cli: 0,
  demo: 0,
  connect: 0,
  processes: 0,
  sandbox: 0,
  server: 1,
  jobs: 1,
  runner: 1,
  bots: 2,
  linkedin: 3,
};
/** Everything else (store, config, domain, clock, errors, events, audit, auth, stats…) is the bottom. */
const BOTTOM = 4;

/** Allowed imports between different parts of the same rank (the rest of a rank is off limits). */
const SIDEWAYS = new Set([
  'server→jobs',
  'server→runner',
  'jobs→runner',
  'cli→processes',
  'cli→demo',
  'cli→connect',
  'cli→sandbox',
  'demo→sandbox',
]);

function part(file: string): string {
  const first = path.relative(SRC, file).split(path.sep)[0]!;
  return first.replace(/\.ts$/, '');
}

const rank = (p: string) => RANK[p] ?? BOTTOM;

function isTestCode(file: string): boolean {
  const rel = path.relative(SRC, file);
  return (
    rel.endsWith('.test.ts') ||
    rel.endsWith('.contract.ts') ||
    path.basename(rel) === 'testing.ts' ||
    rel.split(path.sep).includes('testing')
  );
}

function sourceFiles(): string[] {
  return (fs.readdirSync(SRC, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(SRC, f))
    .filter((f) => !isTestCode(f));
}

/** Relative specifiers a file imports, every kind: static, type-only, re-exports, `import()`. */
function relativeImports(file: string): string[] {
  const { eager, typeOnly, lazy } = moduleImports(file);
  return [...eager, ...typeOnly, ...lazy].filter((s) => s.startsWith('.'));
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    graph.set(
      file,
      relativeImports(file).map((specifier) => {
        const target = path.resolve(path.dirname(file), specifier);
        if (!fs.existsSync(target)) throw new Error(`${file}: cannot resolve ${specifier}`);
        return target;
      }),
    );
  }
  return graph;
}

const rel = (file: string) => path.relative(SRC, file);

function violations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const a = part(from);
    for (const to of targets) {
      const b = part(to);
      if (a === b) continue;
      const ok = rank(b) > rank(a) || SIDEWAYS.has(`${a}→${b}`) || (rank(a) === BOTTOM && rank(b) === BOTTOM);
      if (!ok) out.push(`${rel(from)} → ${rel(to)}`);
    }
  }
  return out.sort();
}

/** Every import cycle, as the files on it (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) connect(v);
  return found;
}

describe('the layering', () => {
  const graph = importGraph();

  it('has every process role under src/processes', () => {
    for (const role of ['server', 'worker', 'run']) {
      expect(graph.has(path.join(SRC, 'processes', `${role}.ts`)), role).toBe(true);
    }
  });

  it('imports nothing upward (processes → server, jobs, runner → bots → linkedin → store, config, domain)', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('keeps the run engine out of the server, and the queue and the bots out of the LinkedIn port', () => {
    const crossing = (from: string, to: string) =>
      [...graph].flatMap(([file, targets]) =>
        part(file) === from
          ? targets.filter((t) => part(t) === to).map((t) => `${rel(file)} → ${rel(t)}`)
          : [],
      );
    expect(crossing('jobs', 'server')).toEqual([]);
    expect(crossing('runner', 'jobs')).toEqual([]);
    expect(crossing('linkedin', 'jobs')).toEqual([]);
    expect(crossing('linkedin', 'bots')).toEqual([]);
    // The browser driver is handed what it needs (cookies, identity, proxy): it reads no store.
    expect(crossing('linkedin', 'store')).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('would see an upward import (the check is not vacuous)', () => {
    const fake = new Map<string, string[]>([
      [path.join(SRC, 'linkedin/x.ts'), [path.join(SRC, 'jobs/y.ts')]],
      [path.join(SRC, 'jobs/y.ts'), [path.join(SRC, 'linkedin/x.ts')]],
    ]);
    expect(violations(fake)).toEqual(['linkedin/x.ts → jobs/y.ts']);
    expect(cycles(fake)).toHaveLength(1);
  });
});
