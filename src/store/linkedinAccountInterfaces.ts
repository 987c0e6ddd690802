/**
 * The store port's share of an account's LinkedIn side: its session (cookies, browser
 * state, browser identity), the exit IP its browser was last seen from, and the safety
 * pause after LinkedIn pushed back. Re-exported by `interfaces.ts`, the port as a whole.
 */
import type { AccountPause, LinkedInSessionStatus } from '../domain.ts';

export interface StoredLinkedInSession {
  account_id: string;
  /** AES-256-GCM ciphertext (see src/crypto.ts); never leaves the server. */
  encrypted: string;
  status: Exclude<LinkedInSessionStatus, 'missing'>;
  checked_at: string | null;
  updated_at: string;
  /**
   * `navigator.userAgent` of the browser the cookies come from (sent by `connect`); null
   * when unknown. Not a secret.
   */
  user_agent: string | null;
}

export interface LinkedInSessionsRepository {
  get(accountId: string): Promise<StoredLinkedInSession | null>;
  /** Stores or replaces the session; an omitted `user_agent` is stored as unknown (null). */
  put(session: Omit<StoredLinkedInSession, 'user_agent'> & { user_agent?: string | null }): Promise<void>;
  setStatus(accountId: string, status: StoredLinkedInSession['status'], checkedAt: string): Promise<void>;
  /**
   * Stores `encrypted` (the cookies and local storage a run's browser ended with) if the
   * stored one is still `expected`, the one the run started from. Every store of a session
   * encrypts anew (a fresh IV), so a session replaced during the run never matches: the
   * user's stays. Status, dates and user agent are kept. False when the session was
   * replaced or deleted.
   */
  refresh(accountId: string, encrypted: string, expected: string): Promise<boolean>;
  /** False when there was none. The browser identity goes with it. */
  delete(accountId: string): Promise<boolean>;
  /**
   * The account's browser identity (JSON text, src/linkedin/fingerprint/browserIdentity.ts);
   * null when none was made yet or no session is stored. Replacing the session keeps it.
   */
  getBrowserIdentity(accountId: string): Promise<string | null>;
  /**
   * Stores `identity` if the stored one is still `expected` (null: none yet), so that two
   * browsers starting at once end up with one identity. False when it was changed in between,
   * or no session is stored.
   */
  replaceBrowserIdentity(accountId: string, identity: string, expected: string | null): Promise<boolean>;
}

/** An account's exit IP: the address LinkedIn saw its browser come from, read before a run. */
export interface ExitIp {
  account_id: string;
  ip: string;
  checked_at: string;
  /** The run that read it; null when something else did. */
  run_id: string | null;
  /** The address read the time before (null: none yet). */
  previous_ip: string | null;
  previous_checked_at: string | null;
}

export type NewExitIp = Pick<ExitIp, 'account_id' | 'ip' | 'checked_at' | 'run_id'>;

export interface ExitIpsRepository {
  get(accountId: string): Promise<ExitIp | null>;
  /** Stores the address just read; the one stored until now becomes the previous one. */
  record(check: NewExitIp): Promise<ExitIp>;
}

export interface AccountPausesRepository {
  get(accountId: string): Promise<AccountPause | null>;
  /**
   * Pauses the account unless it is paused already. Race-free (the account is the key): of
   * concurrent calls exactly one records its pause. Returns the pause in force and whether
   * this call recorded it.
   */
  pauseUnlessPaused(pause: AccountPause): Promise<{ pause: AccountPause; created: boolean }>;
  /**
   * Ends the account's pause, only if it is still the one that began at `since` (a resume
   * confirmed for one pause never ends a newer one). The pause ended, else null.
   */
  resume(accountId: string, since: string): Promise<AccountPause | null>;
}
