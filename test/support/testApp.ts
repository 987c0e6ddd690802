/**
 * The route tests' common setup: a fresh TestApp (src/server/testing.ts) for each test of
 * the enclosing describe, closed after it.
 */
import { afterEach, beforeEach } from 'vitest';
import { startTestApp, type TestApp } from '../../src/server/testing.ts';

/**
 * Registers the beforeEach/afterEach pair and returns the current test's TestApp: a stand-in
 * that forwards to the app of the test being run (usable only inside tests and hooks).
 */
export function useTestApp(options?: Parameters<typeof startTestApp>[0]): TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await startTestApp(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestApp, {
    get(_, key) {
      if (!current) throw new Error('useTestApp(): the app exists only inside a test');
      const value = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
