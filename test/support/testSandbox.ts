/** The LinkedIn sandbox of a test file. */
import { afterAll, beforeAll } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../src/linkedin/testing.ts';

/**
 * One sandbox for the tests of a file (or of the describe block it is called in): started
 * before them, closed after them. Use it in tests and hooks, not at the top level (it is
 * not started yet there).
 */
export function testSandboxForFile(): TestSandbox {
  let started: TestSandbox | undefined;
  beforeAll(async () => {
    started = await startTestSandbox();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): TestSandbox => {
    if (!started) throw new Error('The test sandbox is not started: use it in a test or a hook');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    reset: (opts) => current().reset(opts),
    faults: (faults) => current().faults(faults),
    get: <T>(path: string) => current().get<T>(path),
    cookies: () => current().cookies(),
    contacts: () => current().contacts(),
    messages: () => current().messages(),
    close: () => current().close(),
  };
}
