/**
 * A run's random sources: from its `seed` option when it has one (a run that can be
 * replayed: tests, a bug report), else `Math.random`. The bot's choices (the order of the
 * contacts, the templates, the pauses) and the browser's rhythm draw from separate
 * streams, so that a change in one does not reshuffle the other.
 */
import { type RandomSource, seededRandom } from '../random.ts';
import { numberOption } from './common.ts';
import type { RunContext } from './runContext.ts';

const STREAMS = { bot: 0, rhythm: 0x9e3779b9 } as const;

export function runRandom(ctx: RunContext, stream: keyof typeof STREAMS): RandomSource {
  const seed = numberOption(ctx, 'seed');
  return seed === undefined ? Math.random : seededRandom((seed ^ STREAMS[stream]) >>> 0);
}
