import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleImports } from '../../test/support/moduleImports.ts';

/**
 * The server process must never load the browser driver (Playwright is ~70 MB that would
 * stay loaded for good): browsers run in run and session-check processes only. Walks the
 * static import graph (what loads at start; `import type` is erased, dynamic `import()` is
 * not followed) from every server module.
 */

const SRC = path.resolve(import.meta.dirname, '..');

interface Graph {
  files: Set<string>;
  packages: Set<string>;
  /** Targets of `import()` in the files reached (resolved paths, or package names). */
  lazy: Set<string>;
}

function imports(file: string): { eager: string[]; lazy: string[] } {
  const { eager, lazy } = moduleImports(file);
  return { eager, lazy };
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function walk(entries: string[]): Graph {
  const graph: Graph = { files: new Set(), packages: new Set(), lazy: new Set() };
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    const { eager, lazy } = imports(file);
    for (const specifier of lazy) {
      graph.lazy.add(specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : specifier);
    }
    for (const specifier of eager) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!fs.existsSync(target)) throw new Error(`${file}: cannot resolve ${specifier}`);
        queue.push(target);
      } else if (!specifier.startsWith('node:')) {
        graph.packages.add(packageName(specifier));
      }
    }
  }
  return graph;
}

function serverModules(): string[] {
  const dir = path.join(SRC, 'server');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

const DRIVER = [
  'linkedin/playwrightClient.ts',
  'linkedin/browser.ts',
  'linkedin/checkSession.ts',
  'bots/runClient.ts',
].map((f) => path.join(SRC, f));

describe('the server process', () => {
  it('never loads Playwright or the LinkedIn driver', () => {
    const graph = walk([...serverModules(), path.join(SRC, 'cli.ts')]);
    expect(graph.files).toContain(path.join(SRC, 'runner/sessionCheck.ts'));
    expect(graph.files).toContain(path.join(SRC, 'runner/doctor.ts'));
    expect([...graph.packages]).not.toContain('playwright-core');
    for (const file of DRIVER) expect([...graph.files]).not.toContain(file);
  });

  it('loads BullMQ and ioredis only for QUEUE=bullmq (the adapter is imported when selected)', () => {
    const graph = walk([path.join(SRC, 'processes/server.ts'), path.join(SRC, 'cli.ts')]);
    expect([...graph.packages]).not.toContain('bullmq');
    expect([...graph.packages]).not.toContain('ioredis');
    expect(graph.lazy).toContain(path.join(SRC, 'jobs/bullmq/bullmqQueue.ts'));
  });

  it('does not load the driver later either (session check and doctor run in a process of their own)', () => {
    const graph = walk(serverModules());
    expect([...graph.lazy]).not.toContain('playwright-core');
    for (const file of DRIVER) expect([...graph.lazy]).not.toContain(file);
  });

  it('leaves the browser to the browser-task process (the walk does see Playwright there)', () => {
    const graph = walk([path.join(SRC, 'runner/browserTaskProcess.ts')]);
    expect(graph.files).toContain(path.join(SRC, 'linkedin/playwrightClient.ts'));
    expect(graph.packages).toContain('playwright-core');
    expect(graph.files).toContain(path.join(SRC, 'linkedin/doctor/doctor.ts'));
  });
});
