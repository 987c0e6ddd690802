import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { createLogger } from '../../logger.ts';
import { createContext } from '../../processes/server.ts';
import { groupAlive } from '../../runner/processGroup.ts';
import type { AppContext } from '../../server/context.ts';
import { describeQueueContract, finalRun, runningRun, startRun } from '../queue.contract.ts';
import { EmbeddedQueue } from './embeddedQueue.ts';

async function embeddedContext(): Promise<{ ctx: AppContext; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-queue-'));
  const config = loadConfig({
    DATA_DIR: dir,
    API_KEY: 'test-api-key-0123456789',
    ADMIN_PASSWORD: 'admin-password-1',
    SECRET_KEY: 'k'.repeat(40),
    LBB_TEST_JOBS: '1',
  });
  const ctx = await createContext(config, { logger: createLogger('silent') });
  return { ctx, dir };
}

describeQueueContract('embedded', async () => {
  const { ctx, dir } = await embeddedContext();
  return {
    ctx,
    cleanup: async () => {
      await ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('embedded queue', () => {
  let ctx: AppContext;
  let dir: string;

  beforeEach(async () => {
    ({ ctx, dir } = await embeddedContext());
  });

  afterEach(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is the default adapter', () => {
    expect(ctx.queue).toBeInstanceOf(EmbeddedQueue);
    expect(ctx.queue.mode).toBe('embedded');
  });

  it('stops the runs in progress when the server closes, and reports itself offline', async () => {
    const run = await startRun(ctx, 'test_cooperative');
    const active = await runningRun(ctx, run.id);
    await ctx.queue.close();
    const done = await finalRun(ctx, run.id);
    expect(done).toMatchObject({ status: 'stopped', stopped_by: 'system' });
    expect(groupAlive(active.pid!)).toBe(false);
    expect((ctx.queue as EmbeddedQueue).activePids()).toEqual([]);
    expect(await ctx.queue.workers()).toEqual({ mode: 'embedded', status: 'offline', count: 0 });
  });
});
