/**
 * The visitor bot: visits profiles from a people search (settings keywords × location),
 * like a person browsing, and records each visit.
 */

import { coded, searchesParam } from '../contract/logCodes.ts';
import type { LinkedInClient, PersonResult, SearchPage } from '../linkedin/interfaces.ts';
import {
  actionPacer,
  type BotDeps,
  BotOutcomes,
  resolveDeps,
  runLimit,
  stepName,
  uniform,
} from './common.ts';
import type { RunContext } from './runContext.ts';
import { runLimits } from './warmUp.ts';

/** A profile visited this recently is not visited again. */
export const REVISIT_AFTER_DAYS = 30;
/** Give up a keyword after this many consecutive pages without a profile to visit. */
export const MAX_PAGES_WITHOUT_NEW = 3;
/** Safety net against a search that always claims a next page. */
export const MAX_PAGES_PER_KEYWORD = 100;
/** Reading time on a profile, before scaling. */
export const DWELL_MIN_MS = 2000;
export const DWELL_MAX_MS = 6000;
/** `delays.max_seconds` at or above which the dwell is not scaled down. */
const FULL_DWELL_AT_MAX_SECONDS = 60;

export interface VisitorBotResult {
  /** Profiles found to visit (not visited recently, not seen before in this run). */
  found: number;
  visited: number;
  skipped: number;
  errors: number;
}

/**
 * Dwell on a profile: uniform in [2 s, 6 s], scaled by delays.max_seconds / 60 (capped at
 * 1), so short demo/test delays give short dwells and `max_seconds: 0` gives none.
 */
export function dwellMs(maxDelaySeconds: number, random: () => number): number {
  const scale = Math.min(1, Math.max(0, maxDelaySeconds) / FULL_DWELL_AT_MAX_SECONDS);
  return Math.round(uniform(random, DWELL_MIN_MS, DWELL_MAX_MS) * scale);
}

export async function runVisitorBot(
  ctx: RunContext,
  client: LinkedInClient,
  deps?: BotDeps,
): Promise<VisitorBotResult> {
  const d = resolveDeps(deps);
  const { settings, signal, store } = ctx;
  const account = ctx.run.account_id;
  const dryRun = ctx.run.dry_run;
  const limit = runLimit(ctx, (await runLimits(ctx, d.now(), ['visits_per_run'])).visits_per_run);
  const keywords = settings.visitor.keywords.length > 0 ? settings.visitor.keywords : [''];
  const location = settings.visitor.location;
  const result: VisitorBotResult = { found: 0, visited: 0, skipped: 0, errors: 0 };
  const seen = new Set<string>();
  /** Visits done (or simulated in a dry run): what the limit counts. */
  let used = 0;
  const outcomes = new BotOutcomes(ctx, client, d, result);
  const paced = actionPacer(ctx, d);

  ctx.log(
    'info',
    `Visiting up to ${limit} profile(s) from ${keywords.map((k) => (k ? `"${k}"` : 'an open search')).join(', ')}` +
      (location ? ` in ${location}` : '') +
      (dryRun ? ' [dry run]' : ''),
    coded('visitor.start', {
      limit,
      searches: searchesParam(keywords),
      location: location || null,
      dry_run: dryRun,
    }),
  );

  const since = () => new Date(d.now().getTime() - REVISIT_AFTER_DAYS * 86_400_000).toISOString();

  search: for (const keyword of keywords) {
    let pagesWithoutNew = 0;
    for (let page = 1; page <= MAX_PAGES_PER_KEYWORD; page++) {
      if (signal.aborted) return result;
      if (used >= limit) break search;
      const label = keyword ? `"${keyword}"` : 'open search';
      ctx.progress({ step: `Searching ${label}, page ${page}` });
      let results: SearchPage;
      try {
        results = await client.searchPeople({ keywords: keyword, location, page }, { signal });
      } catch (err) {
        const next = await outcomes.failed(err, {
          name: null,
          profileUrl: null,
          step: stepName('search', `${keyword || 'all'}-p${page}`),
          what: `search ${label} page ${page}`,
          coded: (error) => coded('visitor.search_failed', { search: keyword, page, ...error }),
        });
        if (next === 'stop') return result;
        continue search;
      }

      const fresh: PersonResult[] = [];
      let recent = 0;
      for (const person of results.people) {
        if (seen.has(person.slug)) continue;
        seen.add(person.slug);
        if (await store.profileVisits.visitedSince(account, person.slug, since())) {
          recent++;
          continue;
        }
        fresh.push(person);
      }
      result.found += fresh.length;
      ctx.progress({ found: result.found });
      ctx.log(
        'debug',
        `Search ${label} page ${page}: ${results.people.length} result(s), ${fresh.length} new, ${recent} visited in the last ${REVISIT_AFTER_DAYS} days`,
        coded('visitor.search_page', {
          search: keyword,
          page,
          results: results.people.length,
          fresh: fresh.length,
          recent,
          days: REVISIT_AFTER_DAYS,
        }),
      );

      for (const person of fresh) {
        if (used >= limit) break search;
        if (signal.aborted) return result;
        if (dryRun) {
          used++;
          await outcomes.skipped(person, 'dry_run');
          ctx.log(
            'info',
            `Dry run: would visit ${person.name}`,
            coded('visitor.would_visit', { name: person.name }),
          );
          continue;
        }
        if (!(await paced())) return result;
        ctx.progress({ step: `Visiting ${person.name} (${used + 1}/${limit})` });
        try {
          const info = await client.visitProfile(
            person.profileUrl,
            dwellMs(settings.delays.max_seconds, d.random),
            { signal },
          );
          const name = info.name || person.name;
          await store.profileVisits.record({
            account_id: account,
            run_id: ctx.run.id,
            slug: person.slug,
            profile_url: person.profileUrl,
            name,
            visited_at: d.now().toISOString(),
          });
          used++;
          result.visited++;
          ctx.count('profiles_visited');
          await outcomes.record({ name, profileUrl: person.profileUrl }, { status: 'visited' });
          ctx.log(
            'info',
            `Visited ${name}${info.headline ? ` (${info.headline})` : ''}`,
            coded('visitor.visited', { name, headline: info.headline || null }),
          );
        } catch (err) {
          const next = await outcomes.failed(err, {
            name: person.name,
            profileUrl: person.profileUrl,
            step: stepName('visit', person.slug),
            what: `visit ${person.name}`,
          });
          if (next === 'stop') return result;
        }
      }

      pagesWithoutNew = fresh.length === 0 ? pagesWithoutNew + 1 : 0;
      if (pagesWithoutNew >= MAX_PAGES_WITHOUT_NEW) {
        ctx.log(
          'info',
          `Search ${label}: ${MAX_PAGES_WITHOUT_NEW} pages in a row without a new profile, moving on`,
          coded('visitor.search_exhausted', { search: keyword, pages: MAX_PAGES_WITHOUT_NEW }),
        );
        break;
      }
      if (!results.hasNext) break;
    }
  }

  if (used >= limit) {
    ctx.log(
      'info',
      `Reached the per-run limit of ${limit} visit(s)`,
      coded('visitor.limit_reached', { limit }),
    );
  }
  outcomes.logDone('Visitor run', `${result.visited} visited`, (tally) =>
    coded('visitor.done', { visited: result.visited, ...tally }),
  );
  return result;
}
