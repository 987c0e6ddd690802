/**
 * The notifications' part of the store contract (src/store/notificationInterfaces.ts), run
 * on SQLite and PostgreSQL. Channels belong to the installation and deliveries are claimed
 * across accounts, so each test gets a store of its own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  NewNotificationChannel,
  NewNotificationDelivery,
  NewNotificationEvent,
  Store,
} from './interfaces.ts';
import type { MakeStore } from './store.contract.ts';

const at = (minute: number, second = 0) => new Date(Date.UTC(2025, 5, 1, 9, minute, second)).toISOString();

const channel = (id: string, over: Partial<NewNotificationChannel> = {}): NewNotificationChannel => ({
  id,
  type: 'webhook',
  name: `Channel ${id}`,
  enabled: true,
  events: ['session_expired', 'run_failed'],
  account_ids: null,
  language: 'fr',
  config: { url: 'https://hooks.example.test/x' },
  secrets_encrypted: 'v1.iv.tag.cipher',
  created_by: 'user-1',
  created_at: at(0),
  updated_at: at(0),
  ...over,
});

const event = (id: string, over: Partial<NewNotificationEvent> = {}): NewNotificationEvent => ({
  id,
  account_id: 'default',
  event: 'run_failed',
  dedup_key: `run_failed:${id}`,
  data: { run_id: id, error_code: 'nothing_delivered' },
  created_at: at(1),
  ...over,
});

const delivery = (
  id: string,
  channelId: string,
  over: Partial<NewNotificationDelivery> = {},
): NewNotificationDelivery => ({
  id,
  event_id: null,
  channel_id: channelId,
  account_id: 'default',
  event: 'run_failed',
  data: { run_id: 'r1' },
  status: 'pending',
  next_attempt_at: at(2),
  created_at: at(1),
  ...over,
});

export function describeNotificationsContract(name: string, makeStore: MakeStore): void {
  describe(`notifications store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup?.();
    });

    it('stores, changes and deletes channels, with their deliveries', async () => {
      await store.notifications.insertChannel(channel('c1'));
      await store.notifications.insertChannel(
        channel('c2', { type: 'ntfy', account_ids: ['a', 'b'], created_at: at(1) }),
      );
      expect(await store.notifications.getChannel('c1')).toEqual(channel('c1'));
      expect((await store.notifications.listChannels()).map((c) => c.id)).toEqual(['c1', 'c2']);
      expect((await store.notifications.getChannel('c2'))?.account_ids).toEqual(['a', 'b']);

      const changed = await store.notifications.updateChannel('c1', {
        enabled: false,
        events: ['run_succeeded'],
        account_ids: ['default'],
        config: { url: 'https://other.example.test/' },
        updated_at: at(5),
      });
      expect(changed).toEqual({
        ...channel('c1'),
        enabled: false,
        events: ['run_succeeded'],
        account_ids: ['default'],
        config: { url: 'https://other.example.test/' },
        updated_at: at(5),
      });
      // Unnamed fields are kept; null clears the account list and the secrets.
      const cleared = await store.notifications.updateChannel('c1', {
        account_ids: null,
        secrets_encrypted: null,
        updated_at: at(6),
      });
      expect(cleared).toMatchObject({
        name: 'Channel c1',
        enabled: false,
        account_ids: null,
        secrets_encrypted: null,
      });
      expect(await store.notifications.updateChannel('nope', { name: 'x', updated_at: at(7) })).toBeNull();

      await store.notifications.insertDelivery(delivery('d1', 'c1'));
      await store.notifications.insertDelivery(delivery('d2', 'c2'));
      expect(await store.notifications.deleteChannel('c1')).toBe(true);
      expect(await store.notifications.deleteChannel('c1')).toBe(false);
      expect(await store.notifications.getChannel('c1')).toBeNull();
      expect(await store.notifications.getDelivery('d1')).toBeNull();
      expect(await store.notifications.getDelivery('d2')).not.toBeNull();
    });

    it('records an event once per de-duplication key, and not at all when its cause rolls back', async () => {
      expect(await store.notifications.recordEvent(event('e1', { dedup_key: 'worker_offline:w1:1' }))).toBe(
        true,
      );
      expect(await store.notifications.recordEvent(event('e2', { dedup_key: 'worker_offline:w1:1' }))).toBe(
        false,
      );
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.notifications.recordEvent(event('e3'))).toBe(true);
          throw new Error('the cause failed');
        }),
      ).rejects.toThrow('the cause failed');
      // A duplicate inside a transaction leaves it usable (PostgreSQL aborts a transaction on a caught violation).
      await store.transaction(async (tx) => {
        expect(await tx.notifications.recordEvent(event('e4', { dedup_key: 'worker_offline:w1:1' }))).toBe(
          false,
        );
        expect(await tx.notifications.recordEvent(event('e5', { created_at: at(0) }))).toBe(true);
      });
      const pending = await store.notifications.undispatchedEvents(10);
      expect(pending.map((e) => e.id)).toEqual(['e5', 'e1']);
      expect(pending[0]).toEqual({ ...event('e5', { created_at: at(0) }), dispatched_at: null });
    });

    it('fans an event out once, whoever dispatches it and even after a crash halfway', async () => {
      await store.notifications.insertChannel(channel('c1'));
      await store.notifications.insertChannel(channel('c2'));
      await store.notifications.recordEvent(event('e1'));
      const fan = (prefix: string) => [delivery(`${prefix}-1`, 'c1'), delivery(`${prefix}-2`, 'c2')];

      // A sender that died after the deliveries were written but before the event was marked.
      await store.notifications.insertDelivery({ ...delivery('crashed-1', 'c1'), event_id: 'e1' });
      const results = await Promise.all([
        store.notifications.dispatchEvent('e1', fan('a'), at(3)),
        store.notifications.dispatchEvent('e1', fan('b'), at(3)),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.notifications.dispatchEvent('e1', fan('c'), at(4))).toBe(false);
      const deliveries = await store.notifications.listDeliveries({ limit: 10 });
      expect(deliveries.map((d) => d.channel_id).sort()).toEqual(['c1', 'c2']);
      expect(deliveries.find((d) => d.channel_id === 'c1')?.id).toBe('crashed-1');
      expect(deliveries.every((d) => d.event_id === 'e1')).toBe(true);
      expect(await store.notifications.undispatchedEvents(10)).toEqual([]);
    });

    it('claims each due delivery for one sender, retries and takes back an abandoned one', async () => {
      await store.notifications.insertChannel(channel('c1'));
      for (let i = 0; i < 6; i++) {
        await store.notifications.insertDelivery(delivery(`d${i}`, 'c1', { next_attempt_at: at(2 + i) }));
      }
      // Not due yet at 09:01.
      expect(await store.notifications.claimDue(at(1), at(11), 10)).toEqual([]);

      // Five concurrent senders at 09:04 share d0..d2 without overlap.
      const claims = await Promise.all(
        Array.from({ length: 5 }, () => store.notifications.claimDue(at(4), at(14), 10)),
      );
      const ids = claims.flat().map((d) => d.id);
      expect(ids.sort()).toEqual(['d0', 'd1', 'd2']);
      const d0 = claims.flat().find((d) => d.id === 'd0')!;
      expect(d0).toMatchObject({ status: 'sending', attempts: 1, lease_until: at(14) });

      // A failed attempt waits for its retry; an attempt on a delivery no longer sending is refused.
      const retry = {
        status: 'pending' as const,
        at: at(5),
        next_attempt_at: at(20),
        last_error: 'HTTP 500',
        response_status: 500,
        response_body: 'oops',
        text: 'Exécution échouée',
      };
      expect(await store.notifications.recordAttempt('d0', retry, at(14))).toBe(true);
      expect(await store.notifications.recordAttempt('d0', retry, at(14))).toBe(false);
      expect(await store.notifications.getDelivery('d0')).toMatchObject({
        status: 'pending',
        attempts: 1,
        next_attempt_at: at(20),
        lease_until: null,
        last_error: 'HTTP 500',
        response_status: 500,
        response_body: 'oops',
        text: 'Exécution échouée',
        delivered_at: null,
      });
      const delivered = {
        ...retry,
        status: 'delivered' as const,
        next_attempt_at: null,
        last_error: null,
        response_status: 200,
      };
      expect(await store.notifications.recordAttempt('d1', delivered, at(14))).toBe(true);
      expect(await store.notifications.getDelivery('d1')).toMatchObject({
        status: 'delivered',
        delivered_at: at(5),
      });

      // d2's sender died: its lease passes at 09:14 and another sender takes it, second attempt.
      expect(await store.notifications.nextDueAt()).toBe(at(5)); // d3, still pending
      const later = await store.notifications.claimDue(at(14), at(24), 10);
      expect(later.map((d) => d.id).sort()).toEqual(['d2', 'd3', 'd4', 'd5']);
      expect(later.find((d) => d.id === 'd2')).toMatchObject({ attempts: 2, lease_until: at(24) });
      expect(await store.notifications.claimDue(at(14), at(24), 10)).toEqual([]);
      expect(await store.notifications.nextDueAt()).toBe(at(20));

      // d2's first sender was only stalled: its late result is refused, the new claimant's is kept.
      expect(await store.notifications.recordAttempt('d2', { ...delivered, at: at(15) }, at(14))).toBe(false);
      expect(await store.notifications.getDelivery('d2')).toMatchObject({
        status: 'sending',
        lease_until: at(24),
      });
      expect(await store.notifications.recordAttempt('d2', { ...retry, at: at(16) }, at(24))).toBe(true);
      expect(await store.notifications.getDelivery('d2')).toMatchObject({
        status: 'pending',
        attempts: 2,
        last_error: 'HTTP 500',
        delivered_at: null,
      });
    });

    it('sends a finished delivery again on demand, never one in flight', async () => {
      await store.notifications.insertChannel(channel('c1'));
      await store.notifications.insertDelivery(delivery('d1', 'c1'));
      expect(await store.notifications.resend('d1', at(9))).toBeNull();
      await store.notifications.claimDue(at(2), at(12), 1);
      expect(await store.notifications.resend('d1', at(9))).toBeNull();
      await store.notifications.recordAttempt(
        'd1',
        {
          status: 'failed',
          at: at(3),
          next_attempt_at: null,
          last_error: 'HTTP 404',
          response_status: 404,
          response_body: null,
          text: 'x',
        },
        at(12),
      );
      // Afresh: its retries start over; the last error stays shown until the next attempt.
      expect(await store.notifications.resend('d1', at(9))).toMatchObject({
        status: 'pending',
        next_attempt_at: at(9),
        attempts: 0,
        last_error: 'HTTP 404',
      });
      expect(await store.notifications.claimDue(at(9), at(19), 1)).toMatchObject([{ id: 'd1', attempts: 1 }]);
      expect(await store.notifications.resend('nope', at(9))).toBeNull();
    });

    it('lists deliveries newest first, per channel', async () => {
      await store.notifications.insertChannel(channel('c1'));
      await store.notifications.insertChannel(channel('c2'));
      await store.notifications.insertDelivery(delivery('d1', 'c1', { created_at: at(1) }));
      await store.notifications.insertDelivery(
        delivery('d2', 'c2', { created_at: at(2), event: 'test', text: 'Test' }),
      );
      await store.notifications.insertDelivery(delivery('d3', 'c1', { created_at: at(3) }));
      expect((await store.notifications.listDeliveries({ limit: 10 })).map((d) => d.id)).toEqual([
        'd3',
        'd2',
        'd1',
      ]);
      expect(
        (await store.notifications.listDeliveries({ channel_id: 'c1', limit: 1 })).map((d) => d.id),
      ).toEqual(['d3']);
      expect(await store.notifications.getDelivery('d2')).toMatchObject({
        event: 'test',
        text: 'Test',
        attempts: 0,
        data: { run_id: 'r1' },
        response_status: null,
      });
    });

    it('expires finished deliveries and the events none waits for, keeping what is still to send', async () => {
      await store.notifications.insertChannel(channel('c1'));
      const finish = async (id: string, status: 'delivered' | 'failed') => {
        await store.notifications.claimDue(at(59), at(59), 100);
        await store.notifications.recordAttempt(
          id,
          {
            status,
            at: at(3),
            next_attempt_at: null,
            last_error: null,
            response_status: 200,
            response_body: null,
            text: 't',
          },
          at(59),
        );
      };
      // e1: delivered long ago; e2: old but its delivery still pending; e3: recent and delivered.
      for (const [id, minute] of [
        ['e1', 1],
        ['e2', 1],
        ['e3', 30],
      ] as const) {
        await store.notifications.recordEvent(event(id, { created_at: at(minute) }));
        await store.notifications.dispatchEvent(
          id,
          [delivery(`d-${id}`, 'c1', { created_at: at(minute), next_attempt_at: at(2) })],
          at(minute),
        );
      }
      await finish('d-e1', 'delivered');
      await store.notifications.recordAttempt(
        'd-e2',
        {
          status: 'pending',
          at: at(3),
          next_attempt_at: at(50),
          last_error: 'HTTP 500',
          response_status: 500,
          response_body: null,
          text: 't',
        },
        at(59),
      );
      await store.notifications.recordAttempt(
        'd-e3',
        {
          status: 'delivered',
          at: at(31),
          next_attempt_at: null,
          last_error: null,
          response_status: 200,
          response_body: null,
          text: 't',
        },
        at(59),
      );
      const counts = await store.personalData.expire('default', {
        before: at(20),
        keysBefore: at(0),
        screenshotsBefore: at(0),
      });
      expect(counts.notifications).toBe(2);
      expect(await store.notifications.getDelivery('d-e1')).toBeNull();
      expect(await store.notifications.getDelivery('d-e2')).toMatchObject({ status: 'pending' });
      expect(await store.notifications.getDelivery('d-e3')).toMatchObject({ status: 'delivered' });
      expect(await store.notifications.recordEvent(event('e1-again', { dedup_key: 'run_failed:e1' }))).toBe(
        true,
      );
      expect(await store.notifications.recordEvent(event('e2-again', { dedup_key: 'run_failed:e2' }))).toBe(
        false,
      );
    });

    it('gives a lease to one holder at a time until it expires', async () => {
      const results = await Promise.all(
        ['s1', 's2', 's3', 's4'].map((holder) => store.leases.acquire('notify', holder, at(10), at(0))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const holder = ['s1', 's2', 's3', 's4'][results.indexOf(true)]!;
      const other = holder === 's1' ? 's2' : 's1';
      expect(await store.leases.acquire('notify', other, at(20), at(5))).toBe(false);
      // The holder extends it; another name is free.
      expect(await store.leases.acquire('notify', holder, at(20), at(5))).toBe(true);
      expect(await store.leases.acquire('other', other, at(20), at(5))).toBe(true);
      // Expired: anyone may take it.
      expect(await store.leases.acquire('notify', other, at(30), at(20))).toBe(true);
      expect(await store.leases.acquire('notify', holder, at(30), at(21))).toBe(false);
      // Only its holder releases it.
      await store.leases.release('notify', holder);
      expect(await store.leases.acquire('notify', holder, at(30), at(22))).toBe(false);
      await store.leases.release('notify', other);
      expect(await store.leases.acquire('notify', holder, at(30), at(22))).toBe(true);
    });
  });
}
