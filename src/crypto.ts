/**
 * Encryption of secrets at rest (the stored LinkedIn cookies): AES-256-GCM with a fresh
 * 12-byte IV per message and a key derived from SECRET_KEY with HKDF-SHA256, so the raw
 * secret is never used directly as a cipher key. Payload: `v1.<iv>.<tag>.<ciphertext>`
 * (base64url); the version prefix leaves room for a future scheme.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = 'linkedin-session';

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/**
 * A 32-byte key for one purpose (its HKDF `info`), derived from SECRET_KEY: each use (cipher,
 * cookie signatures) gets its own key, and none is the raw secret.
 */
export function deriveSubkey(secretKey: string, purpose: string): Buffer {
  if (secretKey.length === 0) throw new Error('secretKey must not be empty');
  // SECRET_KEY is generated with high entropy, so an empty salt is fine (RFC 5869 §3.1).
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), purpose, 32));
}

const deriveKey = (secretKey: string): Buffer => deriveSubkey(secretKey, HKDF_INFO);

export function encryptSecret(plaintext: string, secretKey: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, deriveKey(secretKey), iv, { authTagLength: TAG_BYTES });
  // The version is authenticated too: a payload cannot be relabelled as another scheme.
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

export function decryptSecret(payload: string, secretKey: string): string {
  const parts = payload.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new DecryptionError('Cannot decrypt secret: unknown or malformed payload format');
  }
  const [, ivText = '', tagText = '', ciphertextText = ''] = parts;
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError('Cannot decrypt secret: malformed payload');
  }
  const decipher = createDecipheriv(ALGORITHM, deriveKey(secretKey), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertextText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new DecryptionError('Cannot decrypt secret: wrong SECRET_KEY or tampered data');
  }
}
