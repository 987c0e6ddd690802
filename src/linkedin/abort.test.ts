import { describe, expect, it } from 'vitest';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { LinkedInError } from './interfaces.ts';
import { PlaywrightLinkedInClient } from './playwrightClient.ts';
import { SMALL_SANDBOX } from './testing.ts';

/** Each abort kills its browser: this file launches one per test. */

const sandbox = testSandboxForFile();

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (processGone(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return processGone(pid);
}

async function launch(signal?: AbortSignal): Promise<PlaywrightLinkedInClient> {
  await sandbox.reset(SMALL_SANDBOX);
  return PlaywrightLinkedInClient.launch({
    baseUrl: sandbox.url,
    cookies: await sandbox.cookies(),
    screenshotDir: null,
    signal,
    timeoutMs: 20_000,
  });
}

describe('abort', () => {
  it('rejects a pending navigation at once and kills the browser', async () => {
    const client = await launch();
    const pid = client.browserPid!;
    expect(pid).toBeGreaterThan(0);
    await sandbox.faults({ latency_ms: 5000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const err = await client.listBirthdays({ signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(LinkedInError);
    expect((err as LinkedInError).code).toBe('aborted');
    expect(elapsed).toBeLessThan(1300);
    expect(await waitGone(pid, 1000)).toBe(true);
    // Dead client: further calls fail fast, close is harmless (twice too).
    const again = await client
      .checkSession({ signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect((again as LinkedInError).code).toBe('browser_crashed');
    await client.close();
    await client.close();
  });

  it('aborts a profile dwell, and the run signal alone kills the browser', async () => {
    const run = new AbortController();
    const client = await launch(run.signal);
    const pid = client.browserPid!;
    const contact = (await sandbox.contacts())[0]!;
    const started = Date.now();
    setTimeout(() => run.abort(), 300);
    const err = await client
      .visitProfile(`${sandbox.url}/in/${contact.slug}/`, 30_000, { signal: run.signal })
      .catch((e: unknown) => e);
    expect((err as LinkedInError).code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(1300);
    expect(await waitGone(pid, 1000)).toBe(true);
    await client.close();
  });

  it('an already aborted signal refuses to start', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await PlaywrightLinkedInClient.launch({
      baseUrl: sandbox.url,
      cookies: await sandbox.cookies(),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((err as LinkedInError).code).toBe('aborted');
  });
});
