import { expect } from 'vitest';
import { LinkedInError } from '../../src/linkedin/interfaces.ts';

/** The LinkedInError `promise` rejects with; the test fails when it resolves or rejects with anything else. */
export async function linkedInRejection(promise: Promise<unknown>): Promise<LinkedInError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LinkedInError);
  return err as LinkedInError;
}
