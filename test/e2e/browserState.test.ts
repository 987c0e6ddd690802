import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLinkedInCookies } from '../../src/bots/storedCookies.ts';
import { DEFAULT_ACCOUNT_ID, type Run } from '../../src/domain.ts';
import { waitFor } from '../support/waitFor.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The account's browser state across runs, end to end: real run processes and Chromium
 * against the sandbox, which sets a new JSESSIONID on some page loads.
 */

interface Jsession {
  current: string;
  issued: string[];
  received: { path: string; value: string | null }[];
}

describe('browser state end to end', { timeout: 240_000 }, () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack({ reset: { seed: 7, contacts: 30, today: 3, late: 1, invitations: 2 } });
    // As after a session check: a write-back must leave the status alone.
    await stack.ctx.store.linkedinSessions.setStatus(DEFAULT_ACCOUNT_ID, 'valid', new Date().toISOString());
  });
  afterEach(async () => stack?.close());

  const jsession = () => stack.sandboxGet<Jsession>('/__sandbox/jsessionid');
  const storedJsessionId = async () => {
    const cookies = await loadLinkedInCookies(stack.ctx.store, DEFAULT_ACCOUNT_ID, stack.ctx.secretKey);
    return cookies?.find((c) => c.name === 'JSESSIONID')?.value;
  };
  const runLogs = async (runId: string) =>
    (
      (await stack.api('GET', `/api/logs?run_id=${runId}&limit=500`)).json() as {
        logs: { level: string; message: string }[];
      }
    ).logs;
  const browserDir = () => path.join(stack.dataDir, 'browser', DEFAULT_ACCOUNT_ID);

  /** A real birthday run paused between two wishes (30 s delays): it has sent one, and waits. */
  const runPausedAfterOneWish = async (): Promise<string> => {
    await stack.api('PATCH', '/api/settings', { delays: { min_seconds: 30, max_seconds: 30 } });
    const id = await stack.start('birthday');
    await waitFor(
      async () => ((await stack.api('GET', `/api/runs/${id}`)).json() as Run).messages_sent >= 1,
      { timeoutMs: 60_000, intervalMs: 50, what: `run ${id} to send its first wish` },
    );
    return id;
  };
  const stop = async (id: string) => {
    expect((await stack.api('POST', '/api/bot/action', { action: 'stop', run_id: id })).statusCode).toBe(202);
    return stack.finished(id);
  };

  it('stores the JSESSIONID the sandbox set during a run, and the next run sends it; the cache folder is private', async () => {
    const given = await storedJsessionId();
    const first = await stack.finished(await stack.start('birthday', { dry_run: true }));
    expect(first.status).toBe('succeeded');

    const afterFirst = await jsession();
    expect(afterFirst.issued[0]).toBe(given);
    expect(afterFirst.current).not.toBe(given);
    expect(await storedJsessionId()).toBe(afterFirst.current);
    expect((await stack.ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID))?.status).toBe('valid');
    const logs = await runLogs(first.id);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'refreshed 1 LinkedIn cookie (JSESSIONID)' }),
    );
    const values = afterFirst.issued;
    expect(logs.filter((l) => values.some((v) => l.message.includes(v)))).toEqual([]);

    const second = await stack.finished(await stack.start('birthday', { dry_run: true }));
    expect(second.status).toBe('succeeded');
    const afterSecond = await jsession();
    // The second run's first page load sent what the first run stored back.
    expect(afterSecond.received[afterFirst.received.length]?.value).toBe(afterFirst.current);
    expect(await storedJsessionId()).toBe(afterSecond.current);

    for (const dir of [path.dirname(browserDir()), browserDir(), path.join(browserDir(), 'cache')]) {
      expect(fs.statSync(dir).mode & 0o777, dir).toBe(0o700);
    }
    expect(fs.readdirSync(path.join(browserDir(), 'cache'))).toContain('Cache_Data');
    // The run released its lock.
    expect(fs.existsSync(path.join(browserDir(), 'cache.lock'))).toBe(false);

    // Deleting the session deletes its browser state: the stored one and the cache folder.
    expect((await stack.api('DELETE', '/api/linkedin/session')).statusCode).toBe(204);
    expect(await stack.ctx.store.linkedinSessions.get(DEFAULT_ACCOUNT_ID)).toBeNull();
    expect(fs.existsSync(browserDir())).toBe(false);
  });

  it('a stopped run stores back what its browser had at its last action', async () => {
    const id = await runPausedAfterOneWish();
    const run = await stop(id);
    expect(run.status).toBe('stopped');
    const { current, issued } = await jsession();
    expect(issued.length).toBeGreaterThan(1);
    expect(await storedJsessionId()).toBe(current);
  });

  it('leaves the session the user stored during a run as they stored it', async () => {
    const id = await runPausedAfterOneWish();
    const cookies = await loadLinkedInCookies(stack.ctx.store, DEFAULT_ACCOUNT_ID, stack.ctx.secretKey);
    const liAt = cookies?.find((c) => c.name === 'li_at')?.value;
    const put = await stack.api('PUT', '/api/linkedin/session', { li_at: liAt, JSESSIONID: 'ajax:theirs' });
    expect(put.statusCode).toBe(200);

    const run = await stop(id);
    expect(run.status).toBe('stopped');
    expect((await jsession()).current).not.toBe('ajax:theirs');
    expect(await storedJsessionId()).toBe('ajax:theirs');
    expect(await runLogs(id)).toContainEqual(
      expect.objectContaining({
        message:
          'The LinkedIn session was replaced or removed during the run: the cookies LinkedIn refreshed are not stored',
      }),
    );
    // What the run's browser cached may be someone else's: gone too.
    expect(fs.existsSync(browserDir())).toBe(false);
  });
});
