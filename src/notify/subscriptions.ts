/**
 * Which channels hear of an event: the one rule of the sender's fan-out and of the digest's
 * schedule (which records a digest only when some channel would receive it).
 */
import type { NotificationChannel, NotificationEventRecord } from '../store/interfaces.ts';

/** Workers belong to the installation, not to an account: a channel limited to accounts still hears of them. */
const INSTALLATION_EVENTS: ReadonlySet<string> = new Set(['worker_offline']);

/** An enabled channel subscribed to the event, and open to its account. */
export function wantsEvent(
  channel: NotificationChannel,
  event: Pick<NotificationEventRecord, 'event' | 'account_id'>,
): boolean {
  return (
    channel.enabled &&
    channel.events.includes(event.event) &&
    (channel.account_ids === null ||
      INSTALLATION_EVENTS.has(event.event) ||
      channel.account_ids.includes(event.account_id))
  );
}
