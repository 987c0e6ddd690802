import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Store, User } from '../store/interfaces.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'lbb_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Users, dashboard sessions and the API key. */
export class AuthService {
  private readonly apiKeyDigest: Buffer;
  /** Verifying against a real hash when the user is unknown keeps timing uniform. */
  private dummyHash: Promise<string> | null = null;

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

  async createUser(accountId: string, username: string, password: string): Promise<User> {
    const at = this.clock.now().toISOString();
    return this.store.users.create({
      id: randomUUID(),
      account_id: accountId,
      username,
      password_hash: await hashPassword(password),
      created_at: at,
      updated_at: at,
    });
  }

  /** Sets a user's password and ends that user's sessions. False when no such user. */
  async setPassword(username: string, password: string): Promise<boolean> {
    const user = await this.store.users.findByUsername(username);
    if (!user) return false;
    await this.store.users.setPasswordHash(
      username,
      await hashPassword(password),
      this.clock.now().toISOString(),
    );
    await this.store.authSessions.deleteForUser(user.id);
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
  async openSession(user: User): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.store.authSessions.create({
      token_hash: sha256(token).toString('hex'),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    });
    return { token, expiresAt };
  }

  async userForToken(token: string | undefined): Promise<User | null> {
    if (!token) return null;
    const session = await this.store.authSessions.get(
      sha256(token).toString('hex'),
      this.clock.now().toISOString(),
    );
    return session ? this.store.users.get(session.user_id) : null;
  }

  async closeSession(token: string | undefined): Promise<void> {
    if (token) await this.store.authSessions.delete(sha256(token).toString('hex'));
  }
}
