import { z } from 'zod';
import { saveProxyPassword } from '../../config/proxySettings.ts';
import { DEFAULT_SETTINGS, deepMerge, type Settings, settingsSchema } from '../../config/settings.ts';
import { loadSettings, rememberSettings, saveSettings } from '../../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { badRequest } from '../../errors.ts';
import { actorOf } from '../auth.ts';
import type { App, AppContext } from '../context.ts';
import { type FieldError, issuesToDetails } from '../errors.ts';
import {
  PASSWORD_PATH,
  passwordChange,
  passwordSetProblem,
  takeProxyPassword,
  withPasswordSet,
} from '../proxyPasswordPatch.ts';

type Json = unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The body as parsed, untouched (a copy would turn a `__proto__` key into a prototype).
const patchBody = z
  .custom<Record<string, unknown>>(isPlainObject, 'must be a JSON object')
  .describe(
    'Any subset of the settings document; objects merge key by key, arrays and values replace. ' +
      'network.proxy takes a write-only "password" (a string sets it, null clears it, omitted keeps it); ' +
      'the answer says only password_set.',
  );

/**
 * Dotted paths of the patch's keys that the settings document does not have. The shape
 * comes from the defaults, so nesting deeper than the document is never walked.
 */
function unknownKeys(patch: Record<string, unknown>, shape: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const here = prefix ? `${prefix}.${key}` : key;
    if (!Object.hasOwn(shape, key)) {
      out.push(here);
      continue;
    }
    const sub = shape[key];
    if (isPlainObject(sub) && isPlainObject(value)) out.push(...unknownKeys(value, sub, here));
  }
  return out;
}

/** Leaf-level differences (arrays compare whole), as `{"limits.daily": {old, new}}`. */
function diff(before: Json, after: Json, prefix = '', out: Record<string, { old: Json; new: Json }> = {}) {
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      diff(before[key], after[key], prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out[prefix] = { old: before ?? null, new: after ?? null };
  }
  return out;
}

export async function settingsRoutes(app: App, ctx: AppContext): Promise<void> {
  // Read-merge-write must not interleave, or one of two concurrent PATCHes is lost.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn, fn);
    queue = result.catch(() => {});
    return result;
  };

  app.get(
    '/api/settings',
    { schema: { tags: ['settings'], summary: 'The settings document', response: { 200: settingsSchema } } },
    async () => loadSettings(ctx.store, DEFAULT_ACCOUNT_ID),
  );

  app.patch(
    '/api/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Deep-merges a partial settings document, validates the result, saves it',
        body: patchBody,
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const accountId = DEFAULT_ACCOUNT_ID;
      const unknown = unknownKeys(request.body, DEFAULT_SETTINGS);
      if (unknown.length > 0) {
        throw badRequest('Invalid input', {
          fields: Object.fromEntries(unknown.map((key) => [key, 'Unknown setting'])),
          field_errors: Object.fromEntries(unknown.map((key) => [key, { code: 'unknown_field' }])),
        });
      }
      // The proxy password is write-only: it never enters the document, the answer or the audit.
      const { patch, password, passwordSet, problems: passwordFields } = takeProxyPassword(request.body);
      return serialized(async () => {
        const current = await loadSettings(ctx.store, accountId);
        const merged = withPasswordSet(deepMerge(current, patch), current, password);
        const parsed = settingsSchema.safeParse(merged);
        const invalid = parsed.success ? null : issuesToDetails(parsed.error.issues, undefined, merged);
        const readOnly = passwordSetProblem(passwordSet, merged);
        const fields = { ...invalid?.fields, ...passwordFields.fields, ...readOnly };
        const field_errors: Record<string, FieldError> = {
          ...invalid?.field_errors,
          ...passwordFields.field_errors,
          ...(readOnly
            ? Object.fromEntries(Object.keys(readOnly).map((k) => [k, { code: 'read_only' }]))
            : {}),
        };
        if (!parsed.success || Object.keys(fields).length > 0) {
          throw badRequest('Invalid input', { fields, field_errors });
        }
        const next: Settings = parsed.data;
        const changes = diff(current, next);
        const paths = Object.keys(changes);
        const secret = passwordChange(current, next, password);
        if (secret) paths.push(PASSWORD_PATH);
        if (paths.length === 0) return next;

        const at = ctx.clock.now().toISOString();
        await ctx.audit.change(
          async (tx) => {
            if (secret) await saveProxyPassword(tx, accountId, secret.store, ctx.secretKey, at);
            await saveSettings(ctx.store, accountId, next, at, tx);
          },
          () => ({
            accountId,
            actor,
            action: 'settings.update',
            target: 'settings',
            details: { changed: paths, changes },
          }),
        );
        rememberSettings(ctx.store, accountId, next);
        if (paths.some((p) => p.startsWith('schedule.'))) {
          try {
            await ctx.scheduler.replan(accountId);
          } catch (err) {
            // The settings are saved; the scheduler retries on its next wake-up.
            request.log.error({ err }, 'replanning after a settings change failed');
          }
        }
        ctx.bus.emit('status', accountId);
        return next;
      });
    },
  );
}
