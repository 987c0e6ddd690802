import { z } from 'zod';
import {
  accountWishLanguage,
  loadTemplateSets,
  MAX_TEMPLATE_LENGTH,
  MAX_TEMPLATES_PER_LIST,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
} from '../../config/defaultTemplates.ts';
import { MESSAGE_LANGUAGES } from '../../contract/messageLanguages.ts';
import { multiLineText } from '../../contract/text.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { templatesSchema } from '../dto.ts';

const allowed = TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

const template = multiLineText()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TEMPLATE_LENGTH, `must be at most ${MAX_TEMPLATE_LENGTH} characters`)
  .superRefine((text, check) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0) {
      check.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.join(', ')}; allowed: ${allowed}`,
      });
    }
  });

const templateList = z
  .array(template)
  .min(1, 'needs at least one template')
  .max(MAX_TEMPLATES_PER_LIST, `at most ${MAX_TEMPLATES_PER_LIST} templates`);

const putBody = z
  .object({
    language: z
      .enum(MESSAGE_LANGUAGES)
      .optional()
      .describe("The set to replace; without it, the account's wish language's"),
    today: templateList.describe('Messages for birthdays today'),
    late: templateList.describe('Messages for late birthdays'),
  })
  .strict();

/** Every language's set, and the wish language's at the top (the shape older clients read). */
async function templatesAnswer(ctx: AppContext, accountId: string) {
  const [language, sets] = await Promise.all([
    accountWishLanguage(ctx.store, accountId),
    loadTemplateSets(ctx.store, accountId),
  ]);
  const { today, late } = sets[language];
  return { language, today, late, sets };
}

export async function templatesRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: "Message templates of each language (defaults until saved) and the account's wish language",
        response: { 200: templatesSchema },
      },
    },
    async () => templatesAnswer(ctx, DEFAULT_ACCOUNT_ID),
  );

  app.put(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: `Replaces both template lists of one language; placeholders: ${allowed}`,
        body: putBody,
        response: { 200: templatesSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const { language: asked, today, late } = request.body;
      const language = asked ?? (await accountWishLanguage(ctx.store, accountId));
      await ctx.audit.change(
        (tx) => tx.templates.replace(accountId, language, { today, late }, ctx.clock.now().toISOString()),
        (stored) => ({
          accountId,
          actor,
          action: 'templates.update',
          target: 'templates',
          details: { language, today: stored.today.length, late: stored.late.length },
        }),
      );
      return templatesAnswer(ctx, accountId);
    },
  );
}
