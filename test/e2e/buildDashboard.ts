import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Vitest global setup: the dashboard tests drive the built dashboard (dist/web, as the server
 * serves it), so build it when it is missing or older than its sources.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const INDEX = path.join(ROOT, 'dist/web/index.html');
const SOURCES = [
  path.join(ROOT, 'web/src'),
  path.join(ROOT, 'web/index.html'),
  path.join(ROOT, 'web/vite.config.ts'),
  // How it is built counts too.
  import.meta.filename,
];

/** The newest modification time under `target` (a file or a directory), 0 when it does not exist. */
function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function dashboardIsStale(): boolean {
  if (!fs.existsSync(INDEX)) return true;
  const built = fs.statSync(INDEX).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

export default function setup(): void {
  if (!dashboardIsStale()) return;
  const started = Date.now();
  process.stdout.write('Building the dashboard (dist/web is missing or older than web/src)…\n');
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    // Vitest sets NODE_ENV=test, which Vite would keep: React's development build, 60% bigger.
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  process.stdout.write(`Dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
