import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '../contract/settings.ts';

/** Per-account settings: one validated document (src/contract/settings.ts), patched by deep merge. */

export { DEFAULT_SETTINGS, type Settings, settingsSchema };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars replace. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return out;
}

/** Stored settings may predate a new field: fill the gaps from the defaults. */
export function withDefaults(stored: unknown): Settings {
  const merged = deepMerge(DEFAULT_SETTINGS, stored ?? {});
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}
