import { describe, expect, it } from 'vitest';
import { demoVariant } from './demo.ts';
import { ConfigError } from './errors.ts';

describe('demoVariant (SANDBOX_VARIANT)', () => {
  it('defaults to the sdui design and takes default, alt and sdui', () => {
    expect(demoVariant({})).toBe('sdui');
    expect(demoVariant({ SANDBOX_VARIANT: '' })).toBe('sdui');
    for (const v of ['default', 'alt', 'sdui'] as const) expect(demoVariant({ SANDBOX_VARIANT: v })).toBe(v);
  });

  it('refuses anything else with one clear line', () => {
    let error: unknown;
    try {
      demoVariant({ SANDBOX_VARIANT: 'new' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'SANDBOX_VARIANT: must be one of default, alt, sdui (got "new")',
    ]);
  });
});
