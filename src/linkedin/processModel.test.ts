import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine, descendants } from '../runner/processGroup.ts';
import { findChromium } from './browser.ts';
import { LinkedInError } from './interfaces.ts';
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

  /** A Chromium that refuses `--single-process` (or every start, with `always`). */
  function refusingChromium(name: string, always = false): string {
    const file = path.join(scratch, name);
    const refuse = always ? 'true' : '[ "$arg" = "--single-process" ]';
    fs.writeFileSync(
      file,
      [
        '#!/bin/sh',
        'for arg in "$@"; do',
        `  if ${refuse}; then echo "refused: $arg" >&2; exit 1; fi`,
        'done',
        `exec '${findChromium()}' "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    return file;
  }

  it('starts multi-process, with a warning, a Chromium that refuses to start single-process', async () => {
    const warnings: string[] = [];
    const { client, debug } = await launch({
      chromiumPath: refusingChromium('no-single-process'),
      onWarning: (line) => warnings.push(line),
    });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/did not start in one process .*: starting it multi-process/);
      expect(debug.some((l) => /^browser started: .*multi process/.test(l))).toBe(true);
      await sendsAWish(client);
    } finally {
      await client.close();
    }
  });

  it('names both attempts when Chromium starts neither way, and tries once when multi-process was asked', async () => {
    const broken = refusingChromium('never-starts', true);
    const warnings: string[] = [];
    const twice = await PlaywrightLinkedInClient.launch({
      baseUrl: sandbox.url,
      cookies: await sandbox.cookies(),
      chromiumPath: broken,
      onWarning: (line) => warnings.push(line),
    }).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(LinkedInError);
    expect((twice as LinkedInError).code).toBe('browser_crashed');
    expect((twice as LinkedInError).message).toMatch(/single process.*; multi-process: .*multi process/);
    expect(warnings).toHaveLength(1);

    warnings.length = 0;
    const once = await PlaywrightLinkedInClient.launch({
      baseUrl: sandbox.url,
      cookies: await sandbox.cookies(),
      chromiumPath: broken,
      processModel: 'multi',
      onWarning: (line) => warnings.push(line),
    }).catch((e: unknown) => e);
    expect((once as LinkedInError).code).toBe('browser_crashed');
    expect((once as LinkedInError).message).not.toContain('single process');
    expect(warnings).toEqual([]);
  });
});

describe('page memory', () => {
  it("collects the page's garbage before an action once the heap has grown enough", async () => {
    const eager = await launch({ pageGarbageBytes: 1 });
    try {
      await sendsAWish(eager.client);
      expect(
        eager.debug.filter((l) => /^page heap collected: [\d.]+ → [\d.]+ MB$/.test(l)).length,
      ).toBeGreaterThan(0);
    } finally {
      await eager.client.close();
    }
    const never = await launch({ pageGarbageBytes: 1e12 });
    try {
      await sendsAWish(never.client);
      expect(never.debug.some((l) => /^page heap collected/.test(l))).toBe(false);
    } finally {
      await never.client.close();
    }
  });
});
