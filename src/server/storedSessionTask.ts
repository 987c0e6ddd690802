/**
 * What the session check and the page check routes share: a browser task on the account's
 * stored LinkedIn session, its failures as the client may see them, and the rule that what
 * it says about the session is recorded only while its cookies are still the stored ones.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, notFound, unavailable } from '../errors.ts';
import { recordSessionExpired } from '../notify/sessionEvents.ts';
import type { Store, StoredLinkedInSession } from '../store/interfaces.ts';
import type { AppContext } from './context.ts';

export interface StoredSessionTask<T> {
  /** What the client and the log call it: "LinkedIn session check". */
  name: string;
  /** The 503 code of a failure. */
  code: string;
  run(): Promise<T>;
  /** A failure the task explains (its own error class), as the client may see it; null for any other. */
  explain(err: unknown): AppError | null;
}

export interface StoredSessionTaskDone<T> {
  result: T;
  /**
   * Records the session's status, unless its cookies were replaced or removed during the
   * task (the result is about the old ones); whether it did. `store`: a transaction of the
   * context's store, for the status, its audit entry and, when the session is expired, its
   * `session_expired` notification (once per stored session) to be saved together.
   */
  setStatus(status: StoredLinkedInSession['status'], checkedAt: string, store?: Store): Promise<boolean>;
}

/**
 * Runs `task` on the account's stored session: 404 when none is stored; an AppError as it
 * is, a failure the task explains as it says, any other logged and 503 `task.code`.
 */
export async function onStoredSession<T>(
  ctx: AppContext,
  request: FastifyRequest,
  accountId: string,
  task: StoredSessionTask<T>,
): Promise<StoredSessionTaskDone<T>> {
  const before = await ctx.store.linkedinSessions.get(accountId);
  if (!before) throw notFound('No LinkedIn session is stored');

  let result: T;
  try {
    result = await task.run();
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Logged by the task (its reason), never with the cookies.
    const explained = task.explain(err);
    if (explained) throw explained;
    request.log.error({ err }, `${task.name} failed`);
    throw unavailable(`The ${task.name} could not complete: try again later`, task.code);
  }

  return {
    result,
    async setStatus(status, checkedAt, store = ctx.store) {
      const after = await store.linkedinSessions.get(accountId);
      if (after?.updated_at !== before.updated_at) return false;
      await store.linkedinSessions.setStatus(accountId, status, checkedAt);
      // Even when it was expired already: a run that marked it may have died before telling.
      // The key (once per stored session) keeps it from being said twice.
      if (status === 'expired') await recordSessionExpired(store, after, checkedAt);
      return true;
    },
  };
}
