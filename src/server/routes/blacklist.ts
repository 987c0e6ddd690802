import { z } from 'zod';
import { lineText } from '../../contract/text.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { notFound } from '../../errors.ts';
import type { BlacklistEntry } from '../../store/interfaces.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { blacklistEntrySchema, blacklistPageSchema } from '../dto.ts';
import { rowId } from '../querySchemas.ts';

/**
 * A profile URL as stored: `https://host/in/<slug>`, no query, fragment, sub-page or
 * trailing slash. Accepts a missing scheme (`www.linkedin.com/in/x`) and http (the
 * sandbox). Null when it is not a `/in/<slug>` profile URL.
 */
export function normalizeProfileUrl(input: string): string | null {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  const match = /^\/in\/([^/]+)(?:\/.*)?$/.exec(url.pathname);
  if (!match) return null;
  return `${url.protocol}//${url.host}/in/${match[1]}`;
}

/** LinkedIn's hosts (linkedin.com and its subdomains: www., fr.…) and the configured site's. */
export function isProfileHost(url: string, linkedinBaseUrl: string): boolean {
  const host = new URL(url).hostname;
  return (
    host === 'linkedin.com' || host.endsWith('.linkedin.com') || host === new URL(linkedinBaseUrl).hostname
  );
}

/** Empty strings and null mean "not given": what an HTML form sends for a blank field. */
const optionalText = (max: number) =>
  lineText()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const PROFILE_URL_PROBLEM = 'must be a LinkedIn profile URL like https://www.linkedin.com/in/<slug>';

function postBodyFor(linkedinBaseUrl: string) {
  return z
    .object({
      name: optionalText(200),
      profile_url: optionalText(500).transform((value, check) => {
        if (value === null) return null;
        const url = normalizeProfileUrl(value);
        if (!url || !isProfileHost(url, linkedinBaseUrl)) {
          check.addIssue({
            code: 'custom',
            message: PROFILE_URL_PROBLEM,
            params: { code: 'invalid_profile_url' },
          });
          return z.NEVER;
        }
        return url;
      }),
      reason: optionalText(500),
    })
    .strict()
    .refine((b) => b.name !== null || b.profile_url !== null, {
      message: 'name or profile_url is required',
      path: ['name'],
      params: { code: 'name_or_url_required' },
    });
}

const idParams = z.object({ id: rowId });

function entryDto(entry: BlacklistEntry) {
  const { account_id: _account, ...rest } = entry;
  return rest;
}

export async function blacklistRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/blacklist',
    {
      schema: {
        tags: ['blacklist'],
        summary: 'Contacts never to message',
        response: { 200: blacklistPageSchema },
      },
    },
    async () => {
      const entries = await ctx.store.blacklist.list(DEFAULT_ACCOUNT_ID);
      return { entries: entries.map(entryDto) };
    },
  );

  app.post(
    '/api/blacklist',
    {
      schema: {
        tags: ['blacklist'],
        summary: 'Adds a contact (by name and/or profile URL)',
        body: postBodyFor(ctx.config.linkedinBaseUrl),
        response: { 201: blacklistEntrySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { name, profile_url, reason } = request.body;
      // A second entry for the same person is 409 already_blacklisted (the store's unique key).
      const entry = await ctx.audit.change(
        (tx) =>
          tx.blacklist.add({
            account_id: accountId,
            name,
            profile_url,
            reason,
            created_at: ctx.clock.now().toISOString(),
          }),
        (added) => ({
          accountId,
          actor,
          action: 'blacklist.add',
          target: String(added.id),
          details: { name, profile_url, reason },
        }),
      );
      return reply.code(201).send(entryDto(entry));
    },
  );

  app.delete(
    '/api/blacklist/:id',
    { schema: { tags: ['blacklist'], summary: 'Removes an entry', params: idParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { id } = request.params;
      const entry = (await ctx.store.blacklist.list(accountId)).find((e) => e.id === id);
      const removed =
        entry !== undefined &&
        (await ctx.audit.change(
          (tx) => tx.blacklist.remove(accountId, id),
          (done) =>
            done
              ? {
                  accountId,
                  actor,
                  action: 'blacklist.remove',
                  target: String(id),
                  details: { name: entry.name, profile_url: entry.profile_url },
                }
              : null,
        ));
      if (!removed) throw notFound(`No blacklist entry ${id}`);
      return reply.code(204).send();
    },
  );
}
