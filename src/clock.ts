/** Injected time source so the scheduler and stats can be tested on any day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
