import { describe, expect, it } from 'vitest';
import { BoundedMap } from './boundedMap.ts';
import { DEVICE_COOKIE_MAX_AGE_S, DeviceCookies } from './deviceCookie.ts';
import { KeyedGate } from './keyedGate.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from './loginLimiter.ts';

const SECRET = 's'.repeat(40);

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new LoginLimiter(() => now);
  return {
    limiter,
    advance: (ms: number) => {
      now += ms;
    },
    /** One wrong password from its own address (so only the per-username limit can stop it). */
    fail(i: number, device: string | null = null): number {
      const admission = limiter.admit({ username: 'admin', address: `10.0.${i >> 8}.${i & 255}`, device });
      if (!admission.admitted) return admission.retryAfterSeconds;
      admission.attempt.failed();
      return 0;
    },
  };
}

describe('LoginLimiter, per username across addresses', () => {
  it('lets 10 failures through, then spaces attempts 1 s, 2 s, 4 s… up to 30 s', () => {
    const { fail, advance } = limiterAt();
    for (let i = 0; i < 10; i++) expect(fail(i)).toBe(0);
    const waits: number[] = [];
    for (let i = 10; i < 20; i++) {
      expect(fail(i)).toBe(0);
      const wait = fail(1000 + i);
      waits.push(wait);
      advance(wait * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30, 30, 30, 30]);
  });

  it('forgets a username after 15 quiet minutes', () => {
    const { fail, advance } = limiterAt();
    for (let i = 0; i < 11; i++) fail(i);
    expect(fail(99)).toBeGreaterThan(0);
    advance(15 * 60_000 + 1);
    for (let i = 0; i < 10; i++) expect(fail(200 + i)).toBe(0);
  });

  it('a known device skips the delay until its own 5 failures', () => {
    const { fail } = limiterAt();
    for (let i = 0; i < 11; i++) fail(i);
    expect(fail(50)).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect(fail(60 + i, 'device-1')).toBe(0);
    expect(fail(70, 'device-1')).toBeGreaterThan(0);
    expect(fail(71, 'device-2')).toBe(0);
  });

  it("a stranger's burst from the admin's own address does not hold the admin's browser", () => {
    const { limiter } = limiterAt();
    const from = (device: string | null) =>
      limiter.admit({ username: 'admin', address: '127.0.0.1', device });
    for (let i = 0; i < 5; i++) {
      const admission = from(null);
      if (admission.admitted) admission.attempt.failed();
    }
    expect(from(null)).toMatchObject({ admitted: false, scope: 'address' });
    const admin = from('device-1');
    expect(admin.admitted).toBe(true);
  });

  it('reports each lockout once, when it begins', () => {
    const { limiter } = limiterAt();
    const begun: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const admission = limiter.admit({ username: 'Admin', address: '10.0.0.1', device: null });
      if (admission.admitted) begun.push(admission.attempt.failed());
    }
    expect(begun).toEqual([[], [], [], [], ['address']]);
    // Five more from other addresses: the tenth failure for the username starts its slowdown.
    for (let i = 0; i < 6; i++) {
      const admission = limiter.admit({ username: 'admin', address: `10.0.1.${i}`, device: null });
      if (admission.admitted) begun.push(admission.attempt.failed());
    }
    expect(begun.slice(5)).toEqual([[], [], [], [], ['username'], []]);
  });
});

describe('BoundedMap', () => {
  it('never holds more than its bound, dropping the expired first, then the least recently used', () => {
    const map = new BoundedMap<{ dead: boolean }>(100, (v) => v.dead);
    for (let i = 0; i < 50; i++) map.set(`dead-${i}`, { dead: true });
    for (let i = 0; i < 50; i++) map.set(`live-${i}`, { dead: false });
    map.set('one-more', { dead: false });
    expect(map.size).toBe(51);
    expect(map.get('live-0')).toEqual({ dead: false });
    for (let i = 0; i < 1000; i++) map.set(`flood-${i}`, { dead: false });
    expect(map.size).toBeLessThanOrEqual(100);
    expect(DEFAULT_LOGIN_LIMITS.maxKeys).toBeGreaterThan(0);
  });
});

describe('KeyedGate', () => {
  it('runs at most `limit` at once per key; other keys are not held up', async () => {
    const gate = new KeyedGate(2);
    let inFlight = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run('k', async () => {
        most = Math.max(most, ++inFlight);
        await new Promise<void>((resolve) => releases.push(resolve));
        inFlight -= 1;
      });
    const all = Array.from({ length: 5 }, task);
    expect(await gate.run('other', async () => 'free')).toBe('free');
    while (releases.length || inFlight) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    await Promise.all(all);
    expect(most).toBe(2);
  });
});

describe('DeviceCookies', () => {
  it('accepts its own cookie for its username only, untampered and under a year old', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const cookies = new DeviceCookies(SECRET, () => now);
    const value = cookies.issue('Admin');
    expect(cookies.deviceFor(value, 'admin')).toEqual(expect.any(String));
    expect(cookies.deviceFor(value, 'someone')).toBeNull();
    expect(new DeviceCookies('t'.repeat(40), () => now).deviceFor(value, 'admin')).toBeNull();
    const [v, , nonce, at, sig] = value.split('.');
    const renamed = [v, Buffer.from('someone').toString('base64url'), nonce, at, sig].join('.');
    expect(cookies.deviceFor(renamed, 'someone')).toBeNull();
    expect(cookies.deviceFor('garbage', 'admin')).toBeNull();
    expect(cookies.deviceFor(undefined, 'admin')).toBeNull();
    now += (DEVICE_COOKIE_MAX_AGE_S + 1) * 1000;
    expect(cookies.deviceFor(value, 'admin')).toBeNull();
  });
});
