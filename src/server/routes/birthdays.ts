/**
 * "Who will be wished today": the preview of the birthday page as the latest run read it,
 * and "wish now" (also the retry of a failed outcome): a birthday run for one contact.
 */
import { z } from 'zod';
import { birthdayDateOf } from '../../bots/birthdayKeys.ts';
import { buildBirthdayPreview } from '../../bots/birthdayPreview.ts';
import { createBlacklistMatcher } from '../../bots/blacklist.ts';
import { loadSettings } from '../../config/settingsStore.ts';
import { birthdayPreviewSchema, wishNowAnswerSchema, wishNowBodySchema } from '../../contract/birthdays.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { conflict, notFound } from '../../errors.ts';
import { contactSlug } from '../../jobs/registry.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { assertInDailyWindow } from '../dailyWindow.ts';
import { runDto } from '../dto.ts';

const slugParams = z.object({ slug: contactSlug });

export async function birthdaysRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/birthdays/preview',
    {
      schema: {
        tags: ['birthdays'],
        summary:
          "Today's and late birthdays as the latest birthday run read them, and what a run would do now",
        description:
          'Read-only. Built from the birthday page the latest birthday run (a dry run too) read, checked now ' +
          'against the blacklist, the ledger of sent wishes, the settings and the limits. To refresh it, start ' +
          'a birthday dry run (POST /api/bot/action {"action":"start","job_type":"birthday","dry_run":true}).',
        response: { 200: birthdayPreviewSchema },
      },
    },
    async () => {
      const settings = await loadSettings(ctx.store, DEFAULT_ACCOUNT_ID);
      const now = ctx.clock.now();
      const preview = await buildBirthdayPreview(ctx.store, DEFAULT_ACCOUNT_ID, settings, now);
      const run = preview.run_id ? await ctx.store.runs.get(preview.run_id) : null;
      return { ...preview, run: run ? runDto(run, now) : null };
    },
  );

  app.post(
    '/api/birthdays/:slug/wish',
    {
      schema: {
        tags: ['birthdays'],
        summary: 'Wish one contact now (also the retry of a failed outcome): a birthday run for them alone',
        description:
          'Starts a birthday run with options.only_contacts = [slug]. The run still skips a blacklisted ' +
          'contact and never wishes the same birthday twice; the limits and the window apply. 404 for a ' +
          'contact no run has seen; 409 blacklisted, already_wished (the ledger holds the wish for the ' +
          'birthday the preview shows), outside_window (confirm with force), already_running, account_paused.',
        params: slugParams,
        body: wishNowBodySchema.nullish(),
        response: { 202: wishNowAnswerSchema },
      },
    },
    async (request, reply) => {
      const accountId = DEFAULT_ACCOUNT_ID;
      const slug = request.params.slug.toLowerCase();
      const listing = await ctx.store.birthdayListings.latest(accountId);
      const listed = listing?.contacts.find((c) => c.slug.toLowerCase() === slug);
      // Contacts are stored with the page's case: look the slug up as given, then lowercased.
      const known =
        listed ??
        (await ctx.store.contacts.get(accountId, request.params.slug)) ??
        (await ctx.store.contacts.get(accountId, slug));
      if (!known) throw notFound('No birthday run has seen this contact', 'unknown_contact');

      const blacklist = createBlacklistMatcher(await ctx.store.blacklist.list(accountId));
      if (blacklist.match({ name: known.name, profileUrl: known.profile_url })) {
        throw conflict('blacklisted', `${known.name} is on the blacklist`);
      }
      if (listing && listed) {
        const key = birthdayDateOf(listing.local_date, listed.days_late);
        const wished = await ctx.store.birthdayMessages.find(accountId, listed.slug, key);
        if (wished?.state === 'confirmed') {
          throw conflict('already_wished', `${known.name} was already wished for this birthday`);
        }
      }

      await ctx.runService.assertNotPaused(accountId);
      const settings = await loadSettings(ctx.store, accountId);
      const dryRun = request.body?.dry_run ?? settings.dry_run;
      const force = request.body?.force === true;
      if (!dryRun && !force) assertInDailyWindow(ctx.clock.now(), settings.schedule, 'force');
      const actor = actorOf(request);
      const run = await ctx.runService.start({
        accountId,
        type: 'birthday',
        dryRun,
        options: { only_contacts: [listed?.slug ?? slug], ...(force ? { force: true } : {}) },
        trigger: actor.type === 'api_key' ? 'api' : 'manual',
        actor,
      });
      return reply.code(202).send({ run: runDto(run) });
    },
  );
}
