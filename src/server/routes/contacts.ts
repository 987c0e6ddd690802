import { z } from 'zod';
import { accountWishLanguage, wishLanguageOf } from '../../config/defaultTemplates.ts';
import { MESSAGE_LANGUAGES, type MessageLanguage } from '../../contract/messageLanguages.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { notFound } from '../../errors.ts';
import type { Contact } from '../../store/interfaces.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { contactSchema } from '../dto.ts';

const slugParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(200)
    .describe('LinkedIn public id (the /in/<slug>/ part), as the run outcomes link it'),
});

const patchBody = z
  .object({
    language: z
      .enum(MESSAGE_LANGUAGES)
      .nullable()
      .describe("The template set their wishes use; null: the account's wish language"),
  })
  .strict();

function contactDto(contact: Contact, accountLanguage: MessageLanguage) {
  const { slug, name, profile_url, language, updated_at } = contact;
  return {
    slug,
    name,
    profile_url,
    language,
    wish_language: wishLanguageOf(contact, accountLanguage),
    updated_at,
  };
}

/** Contacts the birthday bot met: the language each one's wishes are written in. */
export async function contactsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/contacts/:slug',
    {
      schema: {
        tags: ['contacts'],
        summary: 'A contact a run met, and the language of their wishes',
        params: slugParams,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const accountId = DEFAULT_ACCOUNT_ID;
      const contact = await ctx.store.contacts.get(accountId, request.params.slug);
      if (!contact) throw notFound(`No contact ${request.params.slug}`);
      return contactDto(contact, await accountWishLanguage(ctx.store, accountId));
    },
  );

  app.patch(
    '/api/contacts/:slug',
    {
      schema: {
        tags: ['contacts'],
        summary:
          "Gives a contact a wish language of their own (null: back to the account's); only contacts a run met",
        params: slugParams,
        body: patchBody,
        response: { 200: contactSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { slug } = request.params;
      const { language } = request.body;
      const before = await ctx.store.contacts.get(accountId, slug);
      if (!before) throw notFound(`No contact ${slug}`);
      // Nothing changes: no write, no audit entry.
      if (before.language === language) {
        return contactDto(before, await accountWishLanguage(ctx.store, accountId));
      }
      const saved = await ctx.audit.change(
        (tx) => tx.contacts.setLanguage(accountId, slug, language, ctx.clock.now().toISOString()),
        (contact) =>
          contact
            ? {
                accountId,
                actor,
                action: 'contact.language',
                target: slug,
                // No name: the audit outlives a "forget LinkedIn data"; the slug says who.
                details: { language, previous: before.language },
              }
            : null,
      );
      // Forgotten between the read and the write.
      if (!saved) throw notFound(`No contact ${slug}`);
      return contactDto(saved, await accountWishLanguage(ctx.store, accountId));
    },
  );
}
