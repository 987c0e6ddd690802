/**
 * 4. Idle RSS of the real server, spawned as its own process: from source through tsx
 * (`npm run dev`) and, when built, from dist (`npm start`, what users run).
 */
import fs from 'node:fs';
import {
  DIST_ARGS,
  DIST_CLI,
  distIsStale,
  readStatusKb,
  SOURCE_ARGS,
  type SpawnedServer,
  spawnServer,
} from '../../test/support/serverProcess.ts';
import { sleep } from '../../test/support/waitFor.ts';
import { benchEnv, makeTempDir } from '../lib/server.ts';
import { progress } from '../lib/wait.ts';

export const IDLE_WAIT_MS = 5000;

export interface RssSample {
  name: string;
  command: string;
  /** null when the variant could not be measured (see `skipped`). */
  rssMb: number | null;
  /** Peak RSS (VmHWM) over the process's life. */
  peakMb: number | null;
  /** From spawn to the `listening on` line. */
  startupMs: number | null;
  skipped?: string;
  error?: string;
  /** dist/ only: some file under src/ is newer than dist/cli.js (not rebuilt since). */
  stale?: boolean;
  /** Shown for reference, not held to the target (development only: tsx compiles in memory). */
  reference?: boolean;
}

export interface RssResult {
  idleWaitMs: number;
  samples: RssSample[];
}

async function measureOne(name: string, args: string[]): Promise<RssSample> {
  const dataDir = makeTempDir('lbb-bench-rss-');
  const command = `node ${args.join(' ')}`;
  progress(`rss: ${command}`);
  let server: SpawnedServer | undefined;
  try {
    server = await spawnServer(benchEnv(dataDir), args);
    const health = await fetch(`${server.url}/health`);
    await health.arrayBuffer();
    if (health.status !== 200) throw new Error(`GET /health answered ${health.status}`);
    await sleep(IDLE_WAIT_MS);
    return {
      name,
      command,
      rssMb: readStatusKb(server.pid, 'VmRSS') / 1024,
      peakMb: readStatusKb(server.pid, 'VmHWM') / 1024,
      startupMs: server.startupMs,
    };
  } catch (err) {
    return {
      name,
      command,
      rssMb: null,
      peakMb: null,
      startupMs: null,
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureRss(): Promise<RssResult> {
  const samples: RssSample[] = [{ ...(await measureOne('source (tsx)', SOURCE_ARGS)), reference: true }];
  if (fs.existsSync(DIST_CLI)) {
    const stale = distIsStale(DIST_CLI);
    samples.push({ ...(await measureOne('built (dist)', DIST_ARGS)), stale });
  } else {
    samples.push({
      name: 'built (dist)',
      command: `node ${DIST_ARGS.join(' ')}`,
      rssMb: null,
      peakMb: null,
      startupMs: null,
      skipped: 'dist/cli.js not built (npm run build)',
    });
  }
  return { idleWaitMs: IDLE_WAIT_MS, samples };
}
