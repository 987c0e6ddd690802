import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookBody } from '../../src/contract/notifications.ts';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook.ts';
import type { NotificationEventRecord } from '../../src/store/interfaces.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/httpReceiver.ts';
import { addWebhookChannel, type WebhookChannelOptions } from '../support/notificationChannels.ts';
import { sleep, waitFor } from '../support/waitFor.ts';
import { type Stack, startStack } from './stack.ts';

/**
 * The sandbox's faults end real runs (run processes driving Chromium against the sandbox),
 * and each run's end leaves exactly the one outbox event it causes (the sender that delivers
 * it to the channels is tested on its own). A session LinkedIn refuses is told as soon as the
 * run meets it, and its end says it again under the same key: still once.
 */
const RESET = { seed: 5, contacts: 20, today: 2, late: 0, invitations: 1 };
/**
 * The sender, finding no channel, would mark the events dispatched: its first round (at its
 * start) sees an empty outbox, the next comes after the test.
 */
const QUIET_SENDER = { pollIntervalMs: 3_600_000 };

describe('notification events of real runs', { timeout: 300_000 }, () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  const outbox = async (): Promise<NotificationEventRecord[]> =>
    stack ? stack.ctx.store.notifications.undispatchedEvents(100) : [];

  it('session_expired: one notification for the dead session, however many runs meet it', async () => {
    stack = await startStack({ reset: RESET, notifier: QUIET_SENDER });
    await stack.faults({ session_expired: true });
    const first = await stack.finished(await stack.start('birthday'));
    const second = await stack.finished(await stack.start('birthday'));
    expect([first.error?.code, second.error?.code]).toEqual(['auth_required', 'auth_required']);
    const session = await stack.ctx.store.linkedinSessions.get('default');
    expect(await outbox()).toMatchObject([
      {
        event: 'session_expired',
        account_id: 'default',
        dedup_key: `session_expired:default:${session?.updated_at}`,
        data: { run_id: first.id },
      },
    ]);
  });

  it('rate_limited: one notification with the pause the run caused', async () => {
    stack = await startStack({ reset: RESET, notifier: QUIET_SENDER });
    await stack.faults({ rate_limited: true });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.error).toMatchObject({ code: 'rate_limited', pushback: 'rate_limited' });
    const pause = await stack.ctx.store.accountPauses.get('default');
    expect(await outbox()).toMatchObject([
      {
        event: 'rate_limited',
        dedup_key: `rate_limited:default:${pause?.since}`,
        data: { run_id: run.id, reason: 'rate_limited', since: pause?.since },
      },
    ]);
  });

  it('a run carried by fallback selectors: run_succeeded and one selectors_fallback', async () => {
    stack = await startStack({ reset: RESET, notifier: QUIET_SENDER });
    await stack.faults({ dom_variant: 'alt' });
    const run = await stack.finished(await stack.start('birthday'));
    expect(run.status).toBe('succeeded');
    const events = await outbox();
    expect(events.map((e) => e.event).sort()).toEqual(['run_succeeded', 'selectors_fallback']);
    const fallback = events.find((e) => e.event === 'selectors_fallback');
    expect(fallback?.data).toMatchObject({ run_id: run.id, type: 'birthday' });
    const selectors = fallback?.data.selectors as { element: string }[];
    expect(selectors.length).toBeGreaterThan(0);
    expect(fallback?.dedup_key).toMatch(/^selectors_fallback:default:\d{4}-W\d{2}$/);
    // The next run meeting the changed pages (the same birthdays to wish): its end only.
    await stack.reset(RESET);
    await stack.faults({ dom_variant: 'alt' });
    const next = await stack.finished(await stack.start('birthday'));
    expect(next.status).toBe('succeeded');
    expect((await outbox()).filter((e) => e.data.run_id === next.id).map((e) => e.event)).toEqual([
      'run_succeeded',
    ]);
  });

  it('each fault reaches every enabled channel subscribed to it, once per run', async () => {
    stack = await startStack({ reset: RESET, notifier: { pollIntervalMs: 200 } });
    const receivers: HttpReceiver[] = [];
    const secret = 'e2e-webhook-secret-0123456789';
    const hook = async (over: Partial<WebhookChannelOptions>) => {
      const receiver = await startHttpReceiver();
      receivers.push(receiver);
      await addWebhookChannel(stack!.ctx.store, {
        url: `${receiver.origin}/hook`,
        secret,
        secretKey: stack!.ctx.secretKey,
        events: ['session_expired', 'rate_limited', 'run_failed'],
        ...over,
      });
      return receiver;
    };
    try {
      const team = await hook({ name: 'Team', language: 'fr' });
      const phone = await hook({ name: 'Phone', language: 'en' });
      const off = await hook({ name: 'Off', enabled: false });
      const other = await hook({ name: 'Other events', events: ['run_succeeded'] });
      const received = (r: HttpReceiver) =>
        r.requests.map((q) => {
          expect(verifyWebhookSignature(q.body, q.headers['x-lbb-signature'] as string, secret)).toBe(true);
          return JSON.parse(q.body.toString('utf8')) as WebhookBody;
        });

      for (const fault of ['session_expired', 'rate_limited'] as const) {
        await stack.reset(RESET);
        await stack.faults({ [fault]: true });
        const run = await stack.finished(await stack.start('birthday'));
        expect(run.status).toBe('failed');
        await waitFor(
          () =>
            received(team).length === received(phone).length &&
            received(phone).some((b) => b.event === fault),
          {
            timeoutMs: 30_000,
            what: `${fault} delivered`,
          },
        );
        // Given time to repeat itself, it does not.
        await sleep(1_500);
        for (const r of [team, phone]) {
          const ofRun = received(r).filter((b) => b.event === fault);
          expect(ofRun, fault).toHaveLength(1);
          expect(ofRun[0]?.data).toMatchObject({ run_id: run.id });
        }
        // Nothing else about this run (no run_failed beside it).
        expect(received(team).filter((b) => b.data.run_id === run.id)).toHaveLength(1);
        if (fault === 'rate_limited') {
          const resumed = await stack.api('POST', '/api/bot/resume', { confirm: true });
          expect(resumed.statusCode).toBe(200);
        }
      }
      expect(received(team).map((b) => b.event)).toEqual(['session_expired', 'rate_limited']);
      expect(received(phone).map((b) => b.event)).toEqual(['session_expired', 'rate_limited']);
      // Each channel in its own language, under its own delivery id.
      expect(received(team)[0]?.text).not.toEqual(received(phone)[0]?.text);
      expect(received(team)[0]?.id).not.toEqual(received(phone)[0]?.id);
      expect(off.requests).toHaveLength(0);
      expect(other.requests).toHaveLength(0);
    } finally {
      await Promise.all(receivers.map((r) => r.close()));
    }
  });
});
