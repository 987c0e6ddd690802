import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptSecret, encryptSecret } from './crypto.ts';

const KEY = 'a-long-random-secret-key-for-tests-0123456789';

/** Flips one bit of the base64url segment at `index` of a payload. */
function flipBit(payload: string, index: number): string {
  const parts = payload.split('.');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('crypto', () => {
  it('round-trips text, including unicode and JSON', () => {
    for (const text of ['', 'li_at=AQEDAT…', '{"cookies":[{"name":"li_at","value":"x"}]}', 'héllo 👋']) {
      const payload = encryptSecret(text, KEY);
      expect(payload).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
      expect(payload).not.toContain(text || 'never-matches');
      expect(decryptSecret(payload, KEY)).toBe(text);
    }
  });

  it('uses a different IV (and ciphertext) for the same plaintext', () => {
    const a = encryptSecret('same secret', KEY);
    const b = encryptSecret('same secret', KEY);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[1] ?? '', 'base64url')).toHaveLength(12);
  });

  it('detects tampering of the ciphertext, tag or IV', () => {
    const payload = encryptSecret('secret cookie value', KEY);
    for (const index of [1, 2, 3]) {
      expect(() => decryptSecret(flipBit(payload, index), KEY)).toThrow(DecryptionError);
    }
    expect(() => decryptSecret(flipBit(payload, 3), KEY)).toThrow(/tampered/);
  });

  it('refuses a wrong key', () => {
    const payload = encryptSecret('secret cookie value', KEY);
    expect(() => decryptSecret(payload, `${KEY}x`)).toThrow(/wrong SECRET_KEY/);
  });

  it('refuses malformed payloads and unknown versions', () => {
    const payload = encryptSecret('x', KEY);
    expect(() => decryptSecret('not a payload', KEY)).toThrow(DecryptionError);
    expect(() => decryptSecret(payload.replace(/^v1/, 'v2'), KEY)).toThrow(/format/);
    expect(() => decryptSecret(payload.split('.').slice(0, 3).join('.'), KEY)).toThrow(DecryptionError);
  });

  it('refuses an empty key', () => {
    expect(() => encryptSecret('x', '')).toThrow(/secretKey/);
  });
});
