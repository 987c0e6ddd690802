import { z } from 'zod';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { conflict, notFound } from '../../errors.ts';
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

/** Empty strings and null mean "not given": what an HTML form sends for a blank field. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const postBody = z
  .object({
    name: optionalText(200),
    profile_url: optionalText(500).transform((value, check) => {
      if (value === null) return null;
      const url = normalizeProfileUrl(value);
      if (!url) {
        check.addIssue({
          code: 'custom',
          message: 'must be a LinkedIn profile URL like https://www.linkedin.com/in/<slug>',
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
  });

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
        body: postBody,
        response: { 201: blacklistEntrySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { name, profile_url, reason } = request.body;
      if (profile_url) {
        const existing = (await ctx.store.blacklist.list(accountId)).find(
          (e) => e.profile_url?.toLowerCase() === profile_url.toLowerCase(),
        );
        if (existing) {
          throw conflict('already_blacklisted', 'This profile is already on the blacklist', {
            id: existing.id,
          });
        }
      }
      const entry = await ctx.store.blacklist.add({
        account_id: accountId,
        name,
        profile_url,
        reason,
        created_at: ctx.clock.now().toISOString(),
      });
      await ctx.audit.record(accountId, actor, 'blacklist.add', String(entry.id), {
        name,
        profile_url,
        reason,
      });
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
      if (!entry || !(await ctx.store.blacklist.remove(accountId, id))) {
        throw notFound(`No blacklist entry ${id}`);
      }
      await ctx.audit.record(accountId, actor, 'blacklist.remove', String(id), {
        name: entry.name,
        profile_url: entry.profile_url,
      });
      return reply.code(204).send();
    },
  );
}
