import { beforeEach, describe, expect, it } from 'vitest';
import { testSandboxForFile } from '../../test/support/testSandbox.ts';
import { checkLinkedInSession } from './checkSession.ts';
import { LinkedInError } from './interfaces.ts';
import type { SessionCookie } from './sessionCookies.ts';
import { SMALL_SANDBOX } from './testing.ts';

const sandbox = testSandboxForFile();

const check = (cookies: SessionCookie[]) =>
  checkLinkedInSession({ cookies, linkedinBaseUrl: sandbox.url, timeoutMs: 10_000 });

beforeEach(async () => {
  await sandbox.reset(SMALL_SANDBOX);
});

describe('checkLinkedInSession', () => {
  it('needs cookies: auth_required without launching anything', async () => {
    const err = await check([]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LinkedInError);
    expect((err as LinkedInError).code).toBe('auth_required');
    expect((err as LinkedInError).message).toBe('No LinkedIn session stored');
  });

  it('says valid, then expired once the sandbox expires the session', async () => {
    const cookies = await sandbox.cookies();
    expect(await check(cookies)).toBe('valid');
    await sandbox.faults({ session_expired: true });
    expect(await check(cookies)).toBe('expired');
  });
});
