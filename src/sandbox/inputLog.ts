/**
 * What the browser's user did on the sandbox's pages, as their script saw it (the page
 * script INPUT_LOG_JS posts it): each keystroke in a message composer (when, what kind of
 * key — never which one), each pointer move, each click (what was clicked, and whether the
 * browser says a real input device did it). `GET /__sandbox/events` answers it with the
 * gaps between keystrokes and the pointer moves before each click worked out, so tests
 * and the bench can tell a person's rhythm from a script's. A reset clears it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export const KEY_KINDS = [
  'character',
  'space',
  'punctuation',
  'enter',
  'delete',
  'shortcut',
  /** Text that came with no key pressed (an accented letter or an emoji from a picker). */
  'inserted',
  'other',
] as const;

/** Times are milliseconds since the epoch with a fraction (the page's `performance` clock). */
const time = z.number().min(0).max(1e14);
const short = z.string().max(200);

export const inputBatch = z.strictObject({
  page: short,
  keys: z.array(z.strictObject({ at: time, kind: z.enum(KEY_KINDS), trusted: z.boolean() })).max(5000),
  moves: z.array(time).max(20_000),
  clicks: z.array(z.strictObject({ at: time, role: short, label: short, trusted: z.boolean() })).max(1000),
});

export type InputBatch = z.infer<typeof inputBatch>;

interface Keystroke {
  at: number;
  kind: (typeof KEY_KINDS)[number];
  trusted: boolean;
  page: string;
}

interface Click {
  at: number;
  role: string;
  label: string;
  trusted: boolean;
  page: string;
}

export interface InputEvents {
  keys: (Keystroke & {
    /** Since the keystroke before, when no click came between (else null). */
    gap_ms: number | null;
  })[];
  clicks: (Click & {
    /** Pointer moves since the click before (in any of the pages and frames). */
    moves_before: number;
  })[];
  moves: number;
}

/** Most events kept (the oldest go first): a long run stays within memory. */
const MAX_EVENTS = 50_000;

export class InputLog {
  private keys: Keystroke[] = [];
  private clicks: Click[] = [];
  private moves: number[] = [];

  record(batch: InputBatch): void {
    const { page } = batch;
    this.keys.push(...batch.keys.map((k) => ({ ...k, page })));
    this.clicks.push(...batch.clicks.map((c) => ({ ...c, page })));
    this.moves.push(...batch.moves);
    for (const list of [this.keys, this.clicks, this.moves] as unknown[][]) {
      if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
    }
  }

  clear(): void {
    this.keys = [];
    this.clicks = [];
    this.moves = [];
  }

  /**
   * In time order. Pages post in batches, a frame and its parent separately: the gaps and
   * the moves before each click are worked out here, across all of them.
   */
  view(): InputEvents {
    const byTime = <T extends { at: number }>(list: T[]) => [...list].sort((a, b) => a.at - b.at);
    const clicks = byTime(this.clicks);
    const moves = [...this.moves].sort((a, b) => a - b);
    let m = 0;
    let previousClick = Number.NEGATIVE_INFINITY;
    const clicksOut = clicks.map((click) => {
      let count = 0;
      while (m < moves.length && moves[m]! <= click.at) {
        if (moves[m]! > previousClick) count++;
        m++;
      }
      previousClick = click.at;
      return { ...click, moves_before: count };
    });
    let c = 0;
    let previousKey: number | null = null;
    const keysOut = byTime(this.keys).map((key) => {
      let clicked = false;
      while (c < clicks.length && clicks[c]!.at <= key.at) {
        clicked = true;
        c++;
      }
      const gap = previousKey === null || clicked ? null : key.at - previousKey;
      previousKey = key.at;
      return { ...key, gap_ms: gap };
    });
    return { keys: keysOut, clicks: clicksOut, moves: moves.length };
  }
}

/** `POST /__sandbox/events` (the page script) and `GET /__sandbox/events` (tests, the bench). */
export async function inputLogRoutes(app: FastifyInstance, opts: { input: InputLog }): Promise<void> {
  const { input } = opts;
  app.post('/__sandbox/events', async (request, reply) => {
    const parsed = inputBatch.safeParse(request.body ?? {});
    if (!parsed.success) {
      return reply.code(400).send({
        error: { code: 'invalid_input', message: parsed.error.issues[0]?.message ?? 'Invalid input' },
      });
    }
    input.record(parsed.data);
    return reply.code(204).send();
  });
  app.get('/__sandbox/events', async () => input.view());
}
