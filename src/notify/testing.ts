/**
 * Test fixtures of the notification channels: a rendered message without the renderer.
 */
import type { NotificationMessage } from './interfaces.ts';

let counter = 0;

/** A `session_expired` message in French with a unique delivery id; `overrides` replace fields. */
export function sampleMessage(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  counter += 1;
  return {
    deliveryId: `dlv-test-${process.pid}-${counter}`,
    event: 'session_expired',
    at: '2026-12-02T08:30:00.000Z',
    accountId: 'default',
    language: 'fr',
    text: 'Session LinkedIn expirée',
    body: 'Session LinkedIn expirée\nReconnectez le compte « default » depuis le tableau de bord.',
    html: '<p>Session LinkedIn expirée</p><p>Reconnectez le compte « default » depuis le tableau de bord.</p>',
    data: { account_id: 'default', reason: 'login_wall' },
    ...overrides,
  };
}
