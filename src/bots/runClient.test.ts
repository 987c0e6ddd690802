import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeLinkedInSession, TEST_SECRET_KEY } from '../../test/support/linkedinSession.ts';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { waitFor } from '../../test/support/waitFor.ts';
import { DEFAULT_SETTINGS } from '../config/settings.ts';
import { DEFAULT_ACCOUNT_ID, type LogLevel, zeroCounters } from '../domain.ts';
import type { LinkedInError } from '../linkedin/interfaces.ts';
import { PlaywrightLinkedInClient } from '../linkedin/playwrightClient.ts';
import { encryptSessionCookies } from '../linkedin/sessionCookies.ts';
import { SMALL_SANDBOX } from '../linkedin/testing.ts';
import type { Store } from '../store/interfaces.ts';
import { localNoon, openLinkedInClient } from './runClient.ts';
import type { RunContext } from './runContext.ts';
import { loadLinkedInCookies } from './storedCookies.ts';
import { createTestStore, type TestStore } from './testing/context.ts';

const sandbox = testSandboxForFile();
let ts: TestStore;
let store: Store;
let dataDir: string;

beforeAll(async () => {
  ts = await createTestStore();
  ({ store, dir: dataDir } = ts);
});

afterAll(async () => {
  await ts?.close();
});

beforeEach(async () => {
  await sandbox.reset(SMALL_SANDBOX);
  await store.linkedinSessions.delete(DEFAULT_ACCOUNT_ID);
});

describe('openLinkedInClient', () => {
  async function jobContext(signal: AbortSignal, logs: [LogLevel, string][]): Promise<RunContext> {
    const run = await store.runs.createIfIdle({
      account_id: DEFAULT_ACCOUNT_ID,
      type: 'birthday',
      trigger: 'manual',
      dry_run: false,
      options: {},
      queued_at: new Date().toISOString(),
    });
    return {
      run: run!,
      signal,
      store,
      config: {
        dataDir,
        databaseUrl: path.join(dataDir, 'test.sqlite'),
        linkedinBaseUrl: sandbox.url,
        chromiumPath: undefined,
        chromiumProcessModel: 'single',
        logLevel: 'debug',
        testRuns: false,
        secretKey: TEST_SECRET_KEY,
      },
      settings: DEFAULT_SETTINGS,
      log: (level, message) => logs.push([level, message]),
      count: () => {},
      progress: () => {},
      counters: zeroCounters(),
    };
  }

  it('opens the run’s browser with the stored session, screenshots under runs/<id>/, dies with the run signal; its end stores back the refreshed cookies', async () => {
    await storeLinkedInSession(store, {
      encrypted: encryptSessionCookies(await sandbox.cookies(), TEST_SECRET_KEY),
      status: 'valid',
    });
    const controller = new AbortController();
    const logs: [LogLevel, string][] = [];
    const ctx = await jobContext(controller.signal, logs);
    const { client, end } = await openLinkedInClient(ctx);
    try {
      expect(client).toBeInstanceOf(PlaywrightLinkedInClient);
      expect(await client.checkSession({ signal: ctx.signal })).toBe('valid');
      const list = await client.listBirthdays({ signal: ctx.signal });
      expect(list).toHaveLength(5);
      const shot = await client.screenshot('after list');
      expect(shot).toBe(path.join(dataDir, 'runs', ctx.run.id, 'after-list-1.png'));
      expect(fs.existsSync(shot!)).toBe(true);
      expect(logs.some(([level, m]) => level === 'debug' && m.startsWith('selector birthdayCard'))).toBe(
        true,
      );

      const pid = (client as PlaywrightLinkedInClient).browserPid!;
      controller.abort();
      await waitFor(
        () => {
          try {
            process.kill(pid, 0);
            return false;
          } catch {
            return true;
          }
        },
        { timeoutMs: 1500, intervalMs: 20, what: `the browser ${pid} to be gone` },
      );
      const err = await client.listBirthdays({ signal: ctx.signal }).catch((e: unknown) => e);
      expect((err as LinkedInError).code).toBe('aborted');

      // A stop killed the browser: the cookies of its last action (the sandbox set a new
      // JSESSIONID on the first page) are stored back, the session still valid.
      await end();
      const { current } = await sandbox.get<{ current: string }>('/__sandbox/jsessionid');
      const stored = await loadLinkedInCookies(store, DEFAULT_ACCOUNT_ID, TEST_SECRET_KEY);
      expect(stored?.find((c) => c.name === 'JSESSIONID')?.value).toBe(current);
      expect((await store.linkedinSessions.get(DEFAULT_ACCOUNT_ID))?.status).toBe('valid');
      expect(logs).toContainEqual(['info', 'refreshed 1 LinkedIn cookie (JSESSIONID)']);
      expect(logs.some(([, m]) => m.includes(current))).toBe(false);
    } finally {
      await end();
      await store.runs.finish(ctx.run.id, { status: 'stopped', at: new Date().toISOString() });
    }
  });

  it('runs on the account’s private cache folder, locked meanwhile: another browser of the account gets a throwaway cache', async () => {
    await storeLinkedInSession(store, {
      encrypted: encryptSessionCookies(await sandbox.cookies(), TEST_SECRET_KEY),
    });
    const logs: [LogLevel, string][] = [];
    const ctx = await jobContext(new AbortController().signal, logs);
    const accountDir = path.join(dataDir, 'browser', DEFAULT_ACCOUNT_ID);
    const cacheDir = path.join(accountDir, 'cache');
    const first = await openLinkedInClient(ctx);
    try {
      for (const dir of [path.dirname(accountDir), accountDir, cacheDir]) {
        expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      }
      const lock = path.join(accountDir, 'cache.lock');
      expect(fs.readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
      expect(await first.client.checkSession({ signal: ctx.signal })).toBe('valid');

      const second = await openLinkedInClient(ctx);
      await second.end();
      expect(logs).toContainEqual([
        'warn',
        `The account's browser cache is in use by process ${process.pid}: this run uses a throwaway cache`,
      ]);
      expect(fs.existsSync(lock)).toBe(true);
      await first.end();
      expect(fs.existsSync(lock)).toBe(false);
      // Chromium kept its cache there, for the next run.
      expect(fs.readdirSync(cacheDir)).toContain('Cache_Data');
    } finally {
      await first.end();
      await store.runs.finish(ctx.run.id, { status: 'succeeded', at: new Date().toISOString() });
    }
  });

  it('fails with auth_required when no session is stored', async () => {
    const ctx = await jobContext(new AbortController().signal, []);
    try {
      const err = await openLinkedInClient(ctx).catch((e: unknown) => e);
      expect((err as LinkedInError).code).toBe('auth_required');
    } finally {
      await store.runs.finish(ctx.run.id, { status: 'failed', at: new Date().toISOString() });
    }
  });
});

describe('localNoon', () => {
  it("is today's date in the account's timezone, read as local calendar fields", () => {
    // 23:30 UTC on Oct 23 is already Oct 24 in Paris, still Oct 23 in Los Angeles.
    const at = new Date('2026-10-23T23:30:00Z');
    const paris = localNoon('Europe/Paris', at);
    expect([paris.getFullYear(), paris.getMonth() + 1, paris.getDate()]).toEqual([2026, 10, 24]);
    const la = localNoon('America/Los_Angeles', at);
    expect([la.getFullYear(), la.getMonth() + 1, la.getDate()]).toEqual([2026, 10, 23]);
  });
});
