/**
 * The real server as its own process (`node dist/cli.js serve`, or from source through
 * tsx), as the e2e tests and the bench (RSS, browser measures) spawn it: start-up on a free
 * port until GET /health answers, /proc readings and a clean shutdown; and a CLI command
 * run to completion.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendants, killRefs } from '../../src/runner/processGroup.ts';
import { waitFor } from './waitFor.ts';

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

/** A server that did not come up (see waitForHealth); `output` is all it said. */
export class ServerStartError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** A TCP port of 127.0.0.1 free at the time of asking (for the server about to start). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * When a started server counts as up: `healthy`, once GET /health answers 200 (its store
 * and its queue are up); `answering`, once it answers at all (also 503 `degraded`, as in
 * distributed mode before any worker is there).
 */
export type ServerReadiness = 'healthy' | 'answering';

/**
 * Polls GET `url`/health until the server is up as `ready` says. Rejects when the process
 * exits first (with the telling line of its stderr), or after `timeoutMs` (with the last
 * answer seen).
 */
export async function waitForHealth(
  child: ChildProcess,
  url: string,
  stderr: () => string,
  { timeoutMs, ready = 'healthy' }: { timeoutMs: number; ready?: ServerReadiness },
): Promise<void> {
  let last = 'no answer yet';
  await waitFor(
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        const how =
          child.exitCode !== null ? `exited with ${child.exitCode}` : `was killed (${child.signalCode})`;
        throw new Error(`${how} before answering /health: ${errorLine(stderr())}`);
      }
      try {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        last = `status ${res.status}`;
        return res.status === 200 || (ready === 'answering' && res.status === 503);
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
        return false;
      }
    },
    {
      timeoutMs,
      intervalMs: 20,
      what: () => `GET /health to answer ${ready === 'healthy' ? '200' : 'at all'} (last: ${last})`,
    },
  );
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
  /** From spawn to GET /health answering (see ServerReadiness). */
  startupMs: number;
  /** dist/ only: some file under src/ is newer than dist/cli.js. */
  stale: boolean;
  /** Everything it wrote on stdout + stderr so far. */
  output(): string;
  /** The last 4 kB of stdout + stderr (what a failing server said). */
  outputTail(): string;
  /** null while it runs; else how it ended (`code 1`, `signal SIGKILL`). */
  exit(): string | null;
  /** SIGTERM (unless it has exited already); resolves to its exit code once it has exited. */
  stop(): Promise<number | null>;
  /** SIGTERM (SIGKILL after 5 s), then kills whatever it had started and left behind. */
  close(): Promise<void>;
}

/**
 * The environment of a spawned process: `inherit`, this process's environment without
 * DATABASE_URL, QUEUE and NODE_OPTIONS (unless `env` gives them); `minimal`, PATH and HOME
 * only and warnings-only logs; `env` over it. A server listens on 127.0.0.1 and a free port.
 */
export type BaseEnv = 'inherit' | 'minimal';

function processEnv(env: Record<string, string>, base: BaseEnv): NodeJS.ProcessEnv {
  if (base === 'minimal') {
    return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env };
  }
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const key of ['DATABASE_URL', 'QUEUE', 'NODE_OPTIONS']) if (!(key in env)) delete full[key];
  return full;
}

export interface SpawnServerOptions {
  /** Default `inherit`. */
  baseEnv?: BaseEnv;
  /** Default `healthy`. */
  ready?: ServerReadiness;
}

/**
 * Spawns `node <args>` (default: dist/cli.js serve when built, else src/cli.ts through tsx)
 * in ROOT with `env` over the `baseEnv` environment, on 127.0.0.1 and a free port, and
 * waits until it is up as `ready` says (a ServerStartError, with all it said, when it does
 * not come up within 30 s).
 */
export async function spawnServer(
  env: Record<string, string>,
  args = fs.existsSync(DIST_CLI) ? DIST_ARGS : SOURCE_ARGS,
  { baseEnv = 'inherit', ready = 'healthy' }: SpawnServerOptions = {},
): Promise<SpawnedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const full = { ...processEnv(env, baseEnv), HOST: '127.0.0.1', PORT: String(port) };
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const left = child.pid ? descendants(child.pid) : [];
    await terminate(child);
    killRefs(left);
  };
  try {
    await waitForHealth(child, url, () => stderr, { timeoutMs: 30_000, ready });
    return {
      child,
      pid: child.pid!,
      url,
      command: `node ${args.join(' ')}`,
      startupMs: performance.now() - t0,
      stale: args[0] === DIST_ARGS[0] ? distIsStale() : false,
      output: () => output,
      outputTail: () => output.slice(-4000),
      exit: () =>
        child.exitCode !== null
          ? `code ${child.exitCode}`
          : child.signalCode !== null
            ? `signal ${child.signalCode}`
            : null,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      },
      close,
    };
  } catch (err) {
    await close();
    throw new ServerStartError((err as Error).message, output);
  }
}

/**
 * The e2e tests' server: `serve` (or `command`) from source through tsx, in a `minimal`
 * environment, up as `ready` says (default: /health answers 200); a failed start throws
 * with all the server said.
 */
export async function startServer(
  env: Record<string, string>,
  command = 'serve',
  { ready }: { ready?: ServerReadiness } = {},
): Promise<SpawnedServer> {
  try {
    return await spawnServer(env, [...SOURCE_ARGS.slice(0, -1), command], { baseEnv: 'minimal', ready });
  } catch (err) {
    const output = err instanceof ServerStartError ? err.output : '';
    throw new Error(`server did not start (${(err as Error).message}):\n${output}`);
  }
}

/** Runs a CLI command from source to completion in a `minimal` environment, feeding `input` on stdin. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input = '',
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...SOURCE_ARGS.slice(0, -1), ...args], {
    cwd: ROOT,
    env: processEnv(env, 'minimal'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d.toString()));
  child.stderr?.on('data', (d) => (output += d.toString()));
  child.stdin?.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
