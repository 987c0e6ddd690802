/**
 * The real server as its own process (`node dist/cli.js serve`, or from source through
 * tsx), as the RSS and browser measures spawn it: start-up, `listening on` parsing,
 * /proc readings and a clean shutdown.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendants, killRefs } from '../../src/runner/processGroup.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_CLI = path.join(ROOT, 'dist/cli.js');
export const SOURCE_ARGS = ['--import', 'tsx', 'src/cli.ts', 'serve'];
/** As `npm start` runs it (same V8 flags), so the figure is the product's. */
export const DIST_ARGS = ['--max-semi-space-size=1', 'dist/cli.js', 'serve'];

export function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

export function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => done(new Error(`no "listening on" line after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onOut = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) done(null, match[1]);
    };
    const onErr = (chunk: Buffer) => {
      err += chunk.toString();
    };
    const onExit = (code: number | null) =>
      done(new Error(`exited with ${code} before listening: ${errorLine(err)}`));
    function done(error: Error | null, url?: string) {
      clearTimeout(timer);
      child.stdout?.off('data', onOut);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
      if (error || !url) reject(error ?? new Error('no url'));
      else resolve(url);
    }
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', onErr);
    child.once('exit', onExit);
  });
}

/** The telling line of a crashed process's stderr (the error, not the stack or the source excerpt). */
export function errorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /^(\w*Error\b|config error|fatal)/.test(l)) ?? lines.at(-1) ?? '(no output)';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Whether dist/ is behind src/: a source file changed after dist/cli.js was built, or a
 * source module has no built counterpart (a dist/ from an older checkout: its files can
 * all be newer than src/ and still miss whole modules).
 */
export function distIsStale(distCli = DIST_CLI): boolean {
  const built = fs.statSync(distCli).mtimeMs;
  const src = path.join(ROOT, 'src');
  const dist = path.dirname(distCli);
  return fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).some((file) => {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return false;
    if (fs.statSync(path.join(src, file)).mtimeMs > built) return true;
    // As tsconfig.build.json: tests and contracts are not built.
    if (/\.(test|contract)\.ts$/.test(file)) return false;
    return !fs.existsSync(path.join(dist, file.replace(/\.ts$/, '.js')));
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  url: string;
  /** `node <args>` as spawned. */
  command: string;
  /** From spawn to the `listening on` line. */
  startupMs: number;
  /** dist/ only: some file under src/ is newer than dist/cli.js. */
  stale: boolean;
  /** The last 4 kB of stdout + stderr (what a failing server said). */
  outputTail(): string;
  /** null while it runs; else how it ended (`code 1`, `signal SIGKILL`). */
  exit(): string | null;
  /** SIGTERM (SIGKILL after 5 s), then kills whatever it had started and left behind. */
  close(): Promise<void>;
}

/**
 * Spawns `node <args>` (default: dist/cli.js serve when built, else src/cli.ts through tsx)
 * in ROOT with `env` over this process's environment, and waits for its `listening on` line.
 */
export async function spawnServer(
  env: Record<string, string>,
  args = fs.existsSync(DIST_CLI) ? DIST_ARGS : SOURCE_ARGS,
): Promise<SpawnedServer> {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' };
  for (const key of ['DATABASE_URL', 'QUEUE', 'NODE_OPTIONS']) if (!(key in env)) delete full[key];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const left = child.pid ? descendants(child.pid) : [];
    await terminate(child);
    killRefs(left);
  };
  try {
    const url = await waitForListening(child, 30_000);
    return {
      child,
      pid: child.pid!,
      url,
      command: `node ${args.join(' ')}`,
      startupMs: performance.now() - t0,
      stale: args[0] === DIST_ARGS[0] ? distIsStale() : false,
      outputTail: () => output,
      exit: () =>
        child.exitCode !== null
          ? `code ${child.exitCode}`
          : child.signalCode !== null
            ? `signal ${child.signalCode}`
            : null,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
