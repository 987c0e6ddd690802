import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { SMALL_SANDBOX } from '../linkedin/testing.ts';
import { startTestApp, type TestApp } from '../server/testing.ts';
import { anyAlive } from './processGroup.ts';
import {
  ProcessSessionChecker,
  type ProcessSessionCheckerOptions,
  SessionCheckError,
} from './sessionCheck.ts';
import { recordTasks } from './testing.ts';

/** The real check process, its Chromium and the sandbox, behind the real route. */

const sandbox = testSandboxForFile();
let t: TestApp;

beforeEach(async () => {
  await sandbox.reset(SMALL_SANDBOX);
  t = await startTestApp();
  // The sandbox's session, as a user would paste it.
  const cookies = Object.fromEntries((await sandbox.cookies()).map((c) => [c.name, c.value]));
  const put = await t.request({ method: 'PUT', url: '/api/linkedin/session', payload: { cookies } });
  expect(put.statusCode).toBe(200);
});
afterEach(async () => {
  await sandbox.faults({ latency_ms: 0, session_expired: false });
  await t?.close();
});

/** A checker for the sandbox whose processes are recorded (`recordTasks`). */
function checker(opts: Partial<ProcessSessionCheckerOptions> = {}) {
  const recorded = recordTasks(t, sandbox.url, opts);
  const instance = new ProcessSessionChecker(recorded.options);
  t.ctx.sessionChecker = instance;
  return { instance, spawned: recorded.spawned, tree: recorded.tree };
}

const check = () => t.request({ method: 'POST', url: '/api/linkedin/session/check' });

describe('session check in a process of its own', { timeout: 90_000 }, () => {
  it('answers valid then expired from a child process, and leaves no process behind', async () => {
    const c = checker();
    const res = await check();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'valid', cookie_names: ['li_at', 'JSESSIONID'] });
    expect(c.spawned).toHaveLength(1);
    expect(c.spawned[0]).not.toBe(process.pid);
    // A valid check leaves no screenshot (an expired one leaves the login page's).
    expect(fs.existsSync(path.join(t.dataDir, 'session-checks'))).toBe(false);

    await sandbox.faults({ session_expired: true });
    const expired = await check();
    expect(expired.json().status).toBe('expired');
    expect(c.spawned).toHaveLength(2);
    const { refs, browser } = c.tree();
    expect(browser).toBe(true);
    expect(anyAlive(refs)).toBe(false);
    // Their browsers' throwaway profiles were in DATA_DIR/tmp, and are gone with them.
    expect(fs.readdirSync(path.join(t.dataDir, 'tmp'))).toEqual([]);
    // One that found it refused shows what LinkedIn showed instead (the login page).
    const dirs = fs.readdirSync(path.join(t.dataDir, 'session-checks'));
    expect(dirs).toHaveLength(1);
    expect(fs.readdirSync(path.join(t.dataDir, 'session-checks', dirs[0]!))).toEqual([
      expect.stringMatching(/^session-check-expired-1\.png$/),
    ]);
  });

  it('runs one check at a time per account: three parallel requests, one process, one answer', async () => {
    const c = checker();
    const answers = await Promise.all([check(), check(), check()]);
    expect(c.spawned).toHaveLength(1);
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(answers[0]!.json());
    }
    expect(answers[0]!.json().status).toBe('valid');
    const audits = await t.ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 10,
      action: 'linkedin_session.check',
    });
    expect(audits.map((a) => a.details)).toEqual([
      { result: 'valid' },
      { result: 'valid' },
      { result: 'valid' },
    ]);
    // The next request after it is a new check.
    await check();
    expect(c.spawned).toHaveLength(2);
    const { refs } = c.tree();
    expect(anyAlive(refs)).toBe(false);
  });

  it('kills the check’s process group and its browser after the bound: 503 session_check_failed', async () => {
    await sandbox.faults({ latency_ms: 20_000 });
    // Long enough for Chromium to start on a loaded machine: the kill must take a browser along.
    const c = checker({ timeoutMs: 8000, stepTimeoutMs: 30_000 });
    const started = Date.now();
    const res = await check();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({
      code: 'session_check_failed',
      details: { reason: 'timeout' },
    });
    const { refs, browser } = c.tree();
    expect(browser).toBe(true);
    expect(anyAlive(refs)).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/linkedin/session' })).json().status).toBe(
      'unchecked',
    );
  });

  it('leaves a screenshot of a failed check under DATA_DIR/session-checks/<time>/, named by its path there', async () => {
    await sandbox.faults({ latency_ms: 5000 });
    const c = checker({ stepTimeoutMs: 1500 });
    const err = await c.instance.check(DEFAULT_ACCOUNT_ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionCheckError);
    const failure = err as SessionCheckError;
    expect(failure.reason).toBe('timeout');
    expect(failure.screenshot).toMatch(/^session-checks\/\d{4}-\d\d-\d\dT[\d-]+Z\/check-session-1\.png$/);
    expect(fs.statSync(path.join(t.dataDir, failure.screenshot!)).size).toBeGreaterThan(0);
    expect(anyAlive(c.tree().refs)).toBe(false);
  });
});
