/**
 * The login limits. Every attempt is counted before its password is checked (a success
 * gives it back), so a burst of parallel guesses cannot outrun its own failures:
 * - per username + address (or + device, for a browser with a valid device cookie): 5
 *   attempts a minute, then 429;
 * - per username, all addresses together: past 10 failures, a growing delay (1 s doubling
 *   to 30 s) between attempts, which a browser with a valid device cookie skips;
 * - per device cookie: 5 failures in 15 minutes and it no longer skips the delay, so a
 *   stolen cookie cannot guess freely;
 * - at most 2 password checks at once per username + address (the others wait their turn).
 * Memory-only, per server process: a restart forgets; several servers behind one proxy
 * each count their own share. Keys are bounded (see boundedMap.ts).
 */
import { AttemptWindow } from './attemptWindow.ts';
import { normaliseUsername } from './deviceCookie.ts';
import { KeyedGate } from './keyedGate.ts';
import { type SlowdownLimits, UsernameSlowdown } from './usernameSlowdown.ts';

export type LockoutScope = 'address' | 'username' | 'device';

export interface LoginLimits {
  perAddress: { attempts: number; windowMs: number };
  perDevice: { failures: number; windowMs: number };
  perUsername: SlowdownLimits;
  checksInFlight: number;
  maxKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: { attempts: 5, windowMs: 60_000 },
  perDevice: { failures: 5, windowMs: 15 * 60_000 },
  perUsername: { freeFailures: 10, baseDelayMs: 1000, maxDelayMs: 30_000, windowMs: 15 * 60_000 },
  checksInFlight: 2,
  maxKeys: 50_000,
};

export interface LoginRequest {
  username: string;
  /** The client address (request.ip: the forwarded one only under TRUST_PROXY). */
  address: string;
  /** The device id of a valid device cookie for this username, else null. */
  device: string | null;
}

export type Admission =
  | { admitted: true; attempt: LoginAttempt }
  | { admitted: false; scope: LockoutScope; retryAfterSeconds: number };

export class LoginLimiter {
  private readonly perAddress: AttemptWindow;
  private readonly perDevice: AttemptWindow;
  private readonly perUsername: UsernameSlowdown;
  private readonly gate: KeyedGate;

  constructor(now: () => number, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    const { perAddress, perDevice, maxKeys } = limits;
    this.perAddress = new AttemptWindow(perAddress.attempts, perAddress.windowMs, now, maxKeys);
    this.perDevice = new AttemptWindow(perDevice.failures, perDevice.windowMs, now, maxKeys);
    this.perUsername = new UsernameSlowdown(limits.perUsername, now, maxKeys);
    this.gate = new KeyedGate(limits.checksInFlight);
  }

  /** Counts the attempt and lets it through, or says which limit holds it and for how long. */
  admit(request: LoginRequest): Admission {
    const username = normaliseUsername(request.username);
    // A browser with a valid device cookie counts in a window of its own: strangers at its
    // address (another user of this machine, everyone behind a proxy not trusted) cannot use
    // it up. Its own failures still count there and against the device.
    const addressKey = JSON.stringify(
      request.device ? [username, 'device', request.device] : [username, request.address],
    );
    const byAddress = this.perAddress.take(addressKey);
    if (!('at' in byAddress)) return { admitted: false, scope: 'address', ...byAddress };
    // An exhausted device cookie is no refusal: it just loses its exemption.
    const byDevice = request.device ? this.perDevice.take(request.device) : null;
    const deviceAt = byDevice && 'at' in byDevice ? byDevice.at : null;
    const byUsername = this.perUsername.take(username, deviceAt !== null);
    if (!('ok' in byUsername)) {
      this.perAddress.giveBack(addressKey, byAddress.at);
      if (request.device && deviceAt !== null) this.perDevice.giveBack(request.device, deviceAt);
      return { admitted: false, scope: 'username', ...byUsername };
    }
    const settle = (outcome: 'success' | 'failure' | 'void'): LockoutScope[] => {
      if (outcome !== 'failure') {
        this.perAddress.giveBack(addressKey, byAddress.at);
        if (request.device && deviceAt !== null) this.perDevice.giveBack(request.device, deviceAt);
        this.perUsername.giveBack(username);
        return [];
      }
      const begun: LockoutScope[] = [];
      if (this.perAddress.lockoutBegins(addressKey)) begun.push('address');
      if (this.perUsername.slowdownBegins(username)) begun.push('username');
      if (request.device && this.perDevice.lockoutBegins(request.device)) begun.push('device');
      return begun;
    };
    return {
      admitted: true,
      attempt: new LoginAttempt(deviceAt !== null, (fn) => this.gate.run(addressKey, fn), settle),
    };
  }
}

/** One admitted attempt: check the password through it, then say how it went exactly once. */
export class LoginAttempt {
  private settled = false;

  constructor(
    /** A valid device cookie spared it the username's delay. */
    readonly knownDevice: boolean,
    private readonly gated: <T>(fn: () => Promise<T>) => Promise<T>,
    private readonly settle: (outcome: 'success' | 'failure' | 'void') => LockoutScope[],
  ) {}

  /** Runs the password check, at most `checksInFlight` at once per username + address. */
  check<T>(fn: () => Promise<T>): Promise<T> {
    return this.gated(fn);
  }

  /** The attempt is given back. */
  succeeded(): void {
    this.finish('success');
  }

  /** Not a guess after all (the check itself failed): given back too. */
  abandoned(): void {
    this.finish('void');
  }

  /** The failure stays counted; returns the lockouts that begin with it (to report once). */
  failed(): LockoutScope[] {
    return this.finish('failure');
  }

  private finish(outcome: 'success' | 'failure' | 'void'): LockoutScope[] {
    if (this.settled) return [];
    this.settled = true;
    return this.settle(outcome);
  }
}
