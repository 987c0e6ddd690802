import { z } from 'zod';
import {
  loadTemplates,
  MAX_TEMPLATE_LENGTH,
  MAX_TEMPLATES_PER_LIST,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
} from '../../config/defaultTemplates.ts';
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
        params: { code: 'unknown_placeholder', placeholders: unknown, allowed: TEMPLATE_PLACEHOLDERS },
      });
    }
  });

const templateList = z
  .array(template)
  .min(1, 'needs at least one template')
  .max(MAX_TEMPLATES_PER_LIST, `at most ${MAX_TEMPLATES_PER_LIST} templates`);

const putBody = z
  .object({
    today: templateList.describe('Messages for birthdays today'),
    late: templateList.describe('Messages for late birthdays'),
  })
  .strict();

export async function templatesRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Message templates (defaults until saved)',
        response: { 200: templatesSchema },
      },
    },
    async () => loadTemplates(ctx.store, DEFAULT_ACCOUNT_ID),
  );

  app.put(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: `Replaces both template lists; placeholders: ${allowed}`,
        body: putBody,
        response: { 200: templatesSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const saved = await ctx.audit.change(
        (tx) => tx.templates.replace(accountId, request.body, ctx.clock.now().toISOString()),
        (stored) => ({
          accountId,
          actor,
          action: 'templates.update',
          target: 'templates',
          details: { today: stored.today.length, late: stored.late.length },
        }),
      );
      return saved;
    },
  );
}
