/**
 * Bridges EventBuses of several processes over Redis pub/sub: a worker's RunLifecycle
 * emits `run` / `log` events on its local bus, the bridge publishes them, and the server's
 * bridge re-emits them on the server's bus, where the SSE route, the status feed and the
 * metrics listen as in embedded mode. Each message carries its origin: a process never
 * re-emits what it published itself, and what it re-emits is not published again.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BusEvents, EventBus } from '../../events.ts';
import { type Subscription, subscribeWhenReady } from './redis.ts';

const EVENTS = ['run', 'log', 'status'] as const satisfies readonly (keyof BusEvents)[];
type BridgedEvent = (typeof EVENTS)[number];

interface Envelope {
  origin: string;
  event: BridgedEvent;
  args: unknown[];
}

export interface RedisBusOptions {
  bus: EventBus;
  channel: string;
  /** Publishes this process's events (workers). */
  publisher?: Redis;
  /** A connection in subscriber mode: re-emits other processes' events here (server). */
  subscriber?: Redis;
  onError?: (err: unknown) => void;
  /** After a reconnection of `subscriber`: the events published meanwhile were missed. */
  onResubscribed?: () => void;
}

export class RedisBus {
  readonly origin = randomUUID();
  private readonly offs: (() => void)[] = [];
  private subscription?: Subscription;
  /** Set while re-emitting a remote event, so it is not published back. */
  private relaying = false;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel !== this.opts.channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (err) {
      this.opts.onError?.(err);
      return;
    }
    if (envelope.origin === this.origin || !EVENTS.includes(envelope.event)) return;
    this.relaying = true;
    try {
      (this.opts.bus.emit as (event: BridgedEvent, ...args: unknown[]) => void)(
        envelope.event,
        ...envelope.args,
      );
    } finally {
      this.relaying = false;
    }
  };

  constructor(private readonly opts: RedisBusOptions) {}

  async start(): Promise<void> {
    const { bus, publisher, subscriber } = this.opts;
    if (publisher) {
      for (const event of EVENTS) {
        this.offs.push(
          (bus.on as (event: BridgedEvent, listener: (...args: unknown[]) => void) => () => void)(
            event,
            (...args) => this.publish(event, args),
          ),
        );
      }
    }
    if (subscriber) {
      subscriber.on('message', this.onMessage);
      this.subscription = subscribeWhenReady(
        subscriber,
        this.opts.channel,
        this.opts.onError,
        this.opts.onResubscribed,
      );
    }
  }

  /** Resolves once the subscription is in place (relaying starts then). */
  async subscribed(): Promise<void> {
    await this.subscription?.ready;
  }

  private publish(event: BridgedEvent, args: unknown[]): void {
    if (this.relaying || !this.opts.publisher) return;
    const envelope: Envelope = { origin: this.origin, event, args };
    this.opts.publisher.publish(this.opts.channel, JSON.stringify(envelope)).catch((err: unknown) => {
      this.opts.onError?.(err);
    });
  }

  async close(): Promise<void> {
    for (const off of this.offs.splice(0)) off();
    const { subscriber } = this.opts;
    if (subscriber) {
      this.subscription?.off();
      subscriber.off('message', this.onMessage);
      if (subscriber.status === 'ready') await subscriber.unsubscribe(this.opts.channel).catch(() => {});
    }
  }
}
