import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FirstLoad, firstLoad } from '../../test/support/dashboardBundle.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BundleResult extends FirstLoad {
  buildMs: number;
}

/** Builds the dashboard into a temporary folder (dist/web is left alone) and weighs its first load. */
export async function measureBundle(): Promise<BundleResult> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-bench-web-'));
  try {
    const started = Date.now();
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return { ...firstLoad(outDir), buildMs: Date.now() - started };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
