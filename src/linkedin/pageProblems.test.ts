import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LinkedInError } from './interfaces.ts';
import { assertNotOnLoginPage } from './pageProblems.ts';

const pageAt = (url: string) => ({ url: () => url }) as unknown as Page;

function errorAt(url: string): LinkedInError {
  try {
    assertNotOnLoginPage(pageAt(url));
  } catch (err) {
    if (err instanceof LinkedInError) return err;
    throw err;
  }
  throw new Error(`no error at ${url}`);
}

describe('assertNotOnLoginPage', () => {
  it('a security check under /checkpoint/ is LinkedIn pushing back', () => {
    const err = errorAt('https://www.linkedin.com/checkpoint/challenge/AgFabc?ut=x');
    expect(err.code).toBe('auth_required');
    expect(err.pushback).toBe('checkpoint');
  });

  it('LinkedIn’s sign-in pages under /checkpoint/ (the “Welcome back” picker) are an expired session, not a pushback', () => {
    for (const url of [
      'https://www.linkedin.com/checkpoint/rm/sign-in-another-account?fromSignIn=true',
      'https://www.linkedin.com/checkpoint/lg/sign-in-another-account',
      'https://www.linkedin.com/checkpoint/lg/login?session_redirect=%2Ffeed%2F',
    ]) {
      const err = errorAt(url);
      expect(err.code, url).toBe('auth_required');
      expect(err.pushback, url).toBeNull();
    }
  });

  it('a login page is an expired session', () => {
    expect(errorAt('https://www.linkedin.com/login?session_redirect=%2Ffeed%2F').pushback).toBeNull();
  });
});
