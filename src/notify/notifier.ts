/**
 * The notifications as the server process holds them: what one attempt needs (shared by the
 * sender and the channels' test button) and the outbox sender. Built by the composition root
 * with the real adapters and renderer; tests may pass others.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/interfaces.ts';
import { type ChannelAdapters, channelAdapters } from './channels/index.ts';
import type { DeliveryDeps } from './deliver.ts';
import { renderMessage } from './render.ts';
import { NotificationSender, type NotificationSenderOptions } from './sender.ts';

export interface Notifier {
  /** For `attemptDelivery` and `sendTestNotification`. */
  deliveryDeps: DeliveryDeps;
  /** Started with the server's background work; `wake()` it after recording an event or a resend. */
  sender: NotificationSender;
}

/** What tests may change: the adapters, the renderer, the sender's timings. */
export type NotifierOverrides = Partial<
  Pick<DeliveryDeps, 'adapters' | 'render' | 'timeoutMs'> &
    Pick<NotificationSenderOptions, 'pollIntervalMs' | 'leaseMs' | 'retryDelayMs' | 'maxAttempts'>
>;

export interface NotifierParts {
  store: Store;
  secretKey: string;
  clock: Clock;
  logger: Logger;
  dashboardUrl?: string;
  adapters?: ChannelAdapters;
  render?: DeliveryDeps['render'];
}

export function createNotifier(parts: NotifierParts, overrides: NotifierOverrides = {}): Notifier {
  const deliveryDeps: DeliveryDeps = {
    store: parts.store,
    secretKey: parts.secretKey,
    adapters: overrides.adapters ?? parts.adapters ?? channelAdapters,
    render: overrides.render ?? parts.render ?? renderMessage,
    now: () => parts.clock.now(),
    dashboardUrl: parts.dashboardUrl,
    timeoutMs: overrides.timeoutMs,
  };
  const sender = new NotificationSender({
    ...deliveryDeps,
    logger: parts.logger,
    pollIntervalMs: overrides.pollIntervalMs,
    leaseMs: overrides.leaseMs,
    retryDelayMs: overrides.retryDelayMs,
    maxAttempts: overrides.maxAttempts,
  });
  return { deliveryDeps, sender };
}

/** Where messages link to: PUBLIC_URL, else the address the server listens on. */
export function dashboardUrlOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl;
  // A wildcard address is no place to visit: the machine itself is.
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}
