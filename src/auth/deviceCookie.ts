/**
 * The "device cookie" (OWASP): a browser that has logged in as a user carries a signed
 * cookie naming that user, so a stranger's burst of wrong passwords, which slows the
 * username for everyone else, never slows its owner's own browser.
 * Value: `v1.<username>.<nonce>.<issued at, s>.<HMAC-SHA256>` (base64url parts); the
 * nonce identifies the device, so its own failures are limited on their own.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveSubkey } from '../crypto.ts';

export const DEVICE_COOKIE = 'lbb_device';
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;
const VERSION = 'v1';

/** The limiter's spelling of a username: `Admin` and `admin` share their counters. */
export const normaliseUsername = (username: string): string => username.toLowerCase();

export class DeviceCookies {
  private readonly key: Buffer;

  constructor(
    secretKey: string,
    private readonly now: () => number,
  ) {
    this.key = deriveSubkey(secretKey, 'device-cookie');
  }

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  /** A new cookie value for a browser that has just logged in as `username`. */
  issue(username: string): string {
    const payload = [
      VERSION,
      Buffer.from(normaliseUsername(username)).toString('base64url'),
      randomBytes(16).toString('base64url'),
      String(Math.floor(this.now() / 1000)),
    ].join('.');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The device's id when `value` is a genuine, unexpired cookie for `username`; else null. */
  deviceFor(value: string | undefined, username: string): string | null {
    const parts = value?.split('.') ?? [];
    if (parts.length !== 5 || parts[0] !== VERSION) return null;
    const [, user = '', nonce = '', issuedAt = '', signature = ''] = parts;
    const expected = this.sign(parts.slice(0, 4).join('.'));
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (Buffer.from(user, 'base64url').toString() !== normaliseUsername(username)) return null;
    const ageS = this.now() / 1000 - Number(issuedAt);
    // A few minutes of clock skew between servers sharing SECRET_KEY.
    return ageS >= -300 && ageS <= DEVICE_COOKIE_MAX_AGE_S ? nonce : null;
  }
}
