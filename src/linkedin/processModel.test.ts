import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine, descendants } from '../jobs/embedded/processGroup.ts';
import { findChromium } from './browser.ts';
import { type PlaywrightClientOptions, PlaywrightLinkedInClient } from './playwrightClient.ts';
import { SMALL_SANDBOX, startTestSandbox, type TestSandbox } from './testing.ts';

/** How Chromium is split into processes: one by default, Chromium's own layout as the fallback. */

let sandbox: TestSandbox;
let scratch: string;
const signal = new AbortController().signal;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.reset(SMALL_SANDBOX);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-process-model-'));
});

afterAll(async () => {
  await sandbox?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** The browser and every process it started, by their `--type` (`browser` for the main one). */
function chromiumProcesses(pid: number): string[] {
  return [pid, ...descendants(pid).map((p) => p.pid)]
    .map((p) => commandLine(p) ?? '')
    .filter((cmd) => cmd !== '')
    .map((cmd) => /--type=(\S+)/.exec(cmd)?.[1] ?? 'browser');
}

async function launch(extra: Partial<PlaywrightClientOptions> = {}) {
  const debug: string[] = [];
  const client = await PlaywrightLinkedInClient.launch({
    baseUrl: sandbox.url,
    cookies: await sandbox.cookies(),
    screenshotDir: null,
    timeoutMs: 10_000,
    onDebug: (line) => debug.push(line),
    ...extra,
  });
  return { client, debug };
}

/** A wish sent through the client reaches the sandbox. */
async function sendsAWish(client: PlaywrightLinkedInClient): Promise<void> {
  const [contact] = await client.listBirthdays({ signal });
  expect(contact).toBeDefined();
  const text = `Joyeux anniversaire ${Date.now()}`;
  await client.sendMessage(contact!, text, { signal, beforeSend: async () => {} });
  expect((await sandbox.messages()).some((m) => m.to === contact!.slug && m.text === text)).toBe(true);
}

describe('Chromium process model', () => {
  it('runs the browser as one process by default, and a run works in it', async () => {
    const { client, debug } = await launch();
    try {
      const pid = client.browserPid!;
      expect(commandLine(pid)).toContain('--single-process');
      expect(chromiumProcesses(pid)).toEqual(['browser']);
      expect(debug.some((l) => /^browser started: .*single process/.test(l))).toBe(true);
      await sendsAWish(client);
      // Still one process once pages are open.
      expect(chromiumProcesses(pid)).toEqual(['browser']);
    } finally {
      await client.close();
    }
  });

  it("uses Chromium's own layout when asked (CHROMIUM_PROCESS_MODEL=multi)", async () => {
    const { client } = await launch({ processModel: 'multi' });
    try {
      const pid = client.browserPid!;
      expect(commandLine(pid)).not.toContain('--single-process');
      await sendsAWish(client);
      expect(chromiumProcesses(pid)).toContain('renderer');
    } finally {
      await client.close();
    }
  });

  it('falls back to multi-process when a Chromium refuses to start single-process', async () => {
    const wrapper = path.join(scratch, 'chromium-without-single-process');
    fs.writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        'for arg in "$@"; do',
        '  if [ "$arg" = "--single-process" ]; then echo "single-process mode is not supported" >&2; exit 1; fi',
        'done',
        `exec '${findChromium()}' "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const { client, debug } = await launch({ chromiumPath: wrapper });
    try {
      expect(debug.some((l) => /single-process Chromium failed .*: starting it multi-process/.test(l))).toBe(
        true,
      );
      expect(debug.some((l) => /^browser started: .*multi process/.test(l))).toBe(true);
      await sendsAWish(client);
    } finally {
      await client.close();
    }
  });
});
