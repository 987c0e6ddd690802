import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { loadConfig } from './env.ts';

describe('CHROMIUM_PROCESS_MODEL', () => {
  it('is single by default and takes multi', () => {
    expect(loadConfig({}).chromiumProcessModel).toBe('single');
    expect(loadConfig({ CHROMIUM_PROCESS_MODEL: 'multi' }).chromiumProcessModel).toBe('multi');
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ CHROMIUM_PROCESS_MODEL: 'two' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHROMIUM_PROCESS_MODEL: 'two' })).toThrow(/CHROMIUM_PROCESS_MODEL/);
  });
});
