import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Clock } from '../clock.ts';
import type { Store, User } from '../store/interfaces.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'lbb_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** A live dashboard session, as the event streams hold it (never the token itself). */
export interface SessionRef {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
}

/** Sessions this process ended: one (a logout) or all of a user's (a password change). */
export type SessionsEnded = { tokenHash: string } | { userId: string };

/** Users, dashboard sessions and the API key. */
export class AuthService {
  private readonly apiKeyDigest: Buffer;
  /** Verifying against a real hash when the user is unknown keeps timing uniform. */
  private dummyHash: Promise<string> | null = null;
  private readonly ended = new EventEmitter();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    apiKey: string,
  ) {
    this.apiKeyDigest = sha256(apiKey);
  }

  checkApiKey(candidate: string | undefined): boolean {
    if (!candidate) return false;
    return timingSafeEqual(sha256(candidate), this.apiKeyDigest);
  }

  async createUser(
    accountId: string,
    username: string,
    password: string,
    store: Store = this.store,
  ): Promise<User> {
    const at = this.clock.now().toISOString();
    return store.users.create({
      id: randomUUID(),
      account_id: accountId,
      username,
      password_hash: await hashPassword(password),
      created_at: at,
      updated_at: at,
    });
  }

  /**
   * Sets a user's password and ends that user's sessions. False when no such user. `store`:
   * a transaction of the store, for the change to be saved with its audit entry.
   */
  async setPassword(username: string, password: string, store: Store = this.store): Promise<boolean> {
    const hash = await hashPassword(password);
    const user = await store.users.findByUsername(username);
    if (!user) return false;
    await store.users.setPasswordHash(username, hash, this.clock.now().toISOString());
    await store.authSessions.deleteForUser(user.id);
    // In a caller's transaction (the CLI, which runs no stream), nothing is told before commit.
    if (store === this.store) this.announceEnded({ userId: user.id });
    return true;
  }

  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const user = await this.store.users.findByUsername(username);
    if (!user) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await this.dummyHash, password);
      return null;
    }
    return (await verifyPassword(user.password_hash, password)) ? user : null;
  }

  /** New session; returns the cookie token (only its hash is stored). */
  /** `store`: a transaction of the store, for the session to be saved with its audit entry. */
  async openSession(user: User, store: Store = this.store): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await store.authSessions.create({
      token_hash: sha256(token).toString('hex'),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    });
    return { token, expiresAt };
  }

  async userForToken(token: string | undefined): Promise<User | null> {
    const session = await this.sessionForToken(token);
    return session ? this.store.users.get(session.userId) : null;
  }

  /** The session a cookie token opens, if it exists and has not expired. */
  async sessionForToken(token: string | undefined): Promise<SessionRef | null> {
    return token ? this.sessionByHash(sha256(token).toString('hex')) : null;
  }

  /** Re-reads a session (ended by another process, e.g. `user set-password`, or expired). */
  async sessionByHash(tokenHash: string): Promise<SessionRef | null> {
    const session = await this.store.authSessions.get(tokenHash, this.clock.now().toISOString());
    if (!session) return null;
    return { tokenHash, userId: session.user_id, expiresAt: new Date(session.expires_at) };
  }

  /**
   * Deletes the session and returns what ended. `store`: a transaction of the store, for the
   * logout to be saved with its audit entry; then the caller announces it once committed
   * (a rolled-back logout must not close the session's streams).
   */
  async closeSession(token: string | undefined, store: Store = this.store): Promise<SessionsEnded | null> {
    if (!token) return null;
    const ended = { tokenHash: sha256(token).toString('hex') };
    await store.authSessions.delete(ended.tokenHash);
    if (store === this.store) this.announceEnded(ended);
    return ended;
  }

  /** Tells the event streams of sessions that a committed change ended. */
  announceEnded(ended: SessionsEnded): void {
    this.ended.emit('ended', ended);
  }

  /** Tells `listener` of every session this process ends (the event streams close theirs). */
  onSessionsEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.ended.on('ended', listener);
    return () => this.ended.off('ended', listener);
  }
}
