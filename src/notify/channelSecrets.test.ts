import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../crypto.ts';
import { openSecrets, sealSecrets, secretsPresence } from './channelSecrets.ts';

const KEY = 'k'.repeat(64);

describe('channel secrets at rest', () => {
  it('round-trips, keeps no plaintext and needs the same key', () => {
    const sealed = sealSecrets({ secret: 'whsec-0123456789abcdef' }, KEY);
    expect(sealed).not.toBeNull();
    expect(sealed).not.toContain('whsec');
    expect(openSecrets(sealed, KEY)).toEqual({ secret: 'whsec-0123456789abcdef' });
    expect(() => openSecrets(sealed, 'other'.repeat(10))).toThrow(DecryptionError);
  });

  it('stores nothing for no secret, and says which fields are set', () => {
    expect(sealSecrets({}, KEY)).toBeNull();
    expect(sealSecrets({ token: '' }, KEY)).toBeNull();
    expect(openSecrets(null, KEY)).toEqual({});
    expect(secretsPresence(['password'], openSecrets(sealSecrets({ password: 'p' }, KEY), KEY))).toEqual({
      password: true,
    });
    expect(secretsPresence(['token'], {})).toEqual({ token: false });
  });
});
