import { afterEach, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

interface SandboxInvitations {
  invitations: { id: string; slug: string; sent_days_ago: number }[];
  withdrawn: { id: string; slug: string }[];
}

describe.each(['default', 'sdui'] as const)(
  'visitor and invitation bots end to end (%s design)',
  {
    timeout: 240_000,
  },
  (variant) => {
    let stack: Stack | undefined;
    afterEach(async () => {
      await stack?.close();
      stack = undefined;
    });

    it('visits profiles from a people search, records them, and skips them the next time', async () => {
      stack = await startStack({
        reset: { seed: 31, contacts: 40, today: 2, late: 1, invitations: 3 },
        settings: {
          limits: { per_run: 100, daily: 100, weekly: 500, visits_per_run: 12, withdrawals_per_run: 20 },
        },
      });
      await stack.faults({ dom_variant: variant });
      const run = await stack.finished(await stack.start('visitor'));
      expect(run.status).toBe('succeeded');
      expect(run.profiles_visited).toBe(12);
      const visits = (await stack.sandboxGet<{ visits: { slug: string }[] }>('/__sandbox/visits')).visits;
      expect(new Set(visits.map((v) => v.slug)).size).toBe(12);
      expect(run.outcomes.filter((o) => o.status === 'visited')).toHaveLength(12);

      const second = await stack.finished(await stack.start('visitor'));
      const after = (await stack.sandboxGet<{ visits: { slug: string }[] }>('/__sandbox/visits')).visits;
      const firstSlugs = new Set(visits.map((v) => v.slug));
      // The second run visits new people only (12 more, or what is left of the 40).
      expect(after.slice(visits.length).every((v) => !firstSlugs.has(v.slug))).toBe(true);
      expect(second.profiles_visited).toBe(after.length - visits.length);
    });

    it('withdraws the invitations older than the setting, oldest first, up to the limit', async () => {
      stack = await startStack({ reset: { seed: 32, contacts: 20, today: 1, late: 0, invitations: 30 } });
      await stack.faults({ dom_variant: variant });
      await stack.api('PATCH', '/api/settings', {
        invitations: { withdraw_after_days: 21 },
        limits: { withdrawals_per_run: 6 },
      });
      const before = await stack.sandboxGet<SandboxInvitations>('/__sandbox/invitations');
      const old = before.invitations.filter((i) => i.sent_days_ago >= 21);
      expect(old.length).toBeGreaterThan(6);
      const run = await stack.finished(await stack.start('invitations'));
      expect(run.status).toBe('succeeded');
      expect(run.invitations_withdrawn).toBe(6);
      const after = await stack.sandboxGet<SandboxInvitations>('/__sandbox/invitations');
      expect(after.withdrawn).toHaveLength(6);
      const oldIds = new Set(old.map((i) => i.id));
      expect(after.withdrawn.every((w) => oldIds.has(w.id))).toBe(true);
      // The youngest are untouched.
      const young = before.invitations.filter((i) => i.sent_days_ago < 21);
      expect(after.invitations.filter((i) => young.some((y) => y.id === i.id))).toHaveLength(young.length);
    });
  },
);
