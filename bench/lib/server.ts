/**
 * The in-process server the HTTP, stop and SSE measures share: the real context and app
 * over a seeded SQLite store in a throw-away DATA_DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/logger.ts';
import { createContext } from '../../src/processes/server.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { type SeedOptions, type SeedResult, seedDatabase } from './seed.ts';
import { progress } from './wait.ts';

export const BENCH_API_KEY = 'bench-api-key-0123456789';

/** The environment every bench server (in-process or spawned) runs with. */
export function benchEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    API_KEY: BENCH_API_KEY,
    ADMIN_PASSWORD: 'bench-password',
    SECRET_KEY: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    LBB_TEST_JOBS: '1',
  };
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface BenchServer {
  ctx: AppContext;
  app: App;
  /** `http://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  seed: SeedResult;
  startupMs: number;
  close(): Promise<void>;
}

export async function startBenchServer(seedOptions: SeedOptions): Promise<BenchServer> {
  const dataDir = makeTempDir('lbb-bench-');
  // The seeded logs span 90 days: a retention shorter than that would delete most of them
  // at start (and the deletion would run during the measures).
  const config = loadConfig({ ...benchEnv(dataDir), LOG_RETENTION_DAYS: '365' });
  let ctx: AppContext | undefined;
  let app: App | undefined;
  const close = async () => {
    await app?.close().catch(() => {});
    await ctx?.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    progress(`seeding ${seedOptions.runs} runs and ${seedOptions.logs} log lines…`);
    const seed = await seedDatabase(config.databaseUrl, seedOptions);
    progress(`seeded in ${(seed.ms / 1000).toFixed(1)} s (${(seed.fileBytes / 1e6).toFixed(1)} MB)`);
    const t0 = performance.now();
    ctx = await createContext(config, { logger: createLogger('silent') });
    app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const startupMs = performance.now() - t0;
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('app is not listening on a TCP port');
    return { ctx, app, url: `http://127.0.0.1:${address.port}`, dataDir, seed, startupMs, close };
  } catch (err) {
    await close();
    throw err;
  }
}
