import type { Store, TemplateSet } from '../store/interfaces.ts';

/**
 * Birthday message templates: the defaults an account starts with, the placeholders a
 * template may use, and the limits the API enforces.
 */

export const TEMPLATE_PLACEHOLDERS = ['first_name', 'name', 'days_late'] as const;

export const MAX_TEMPLATES_PER_LIST = 20;
export const MAX_TEMPLATE_LENGTH = 1000;

/** Used until the account stores its own: short and warm, no tu/vous to get wrong. */
export const DEFAULT_TEMPLATES: Readonly<TemplateSet> = Object.freeze({
  today: [
    'Joyeux anniversaire {first_name} ! 🎂',
    'Bon anniversaire {first_name} ! Excellente journée et belle année à venir.',
    'Joyeux anniversaire {first_name} ! Plein de bonnes choses pour cette nouvelle année, perso comme pro.',
    'Happy birthday {first_name}! 🎉',
  ],
  late: [
    'Avec un peu de retard, joyeux anniversaire {first_name} !',
    'Bon anniversaire {first_name}, avec quelques jours de retard ! Belle année à venir.',
    'Un peu en retard mais sincère : joyeux anniversaire {first_name} ! 🎂',
    'Belated happy birthday, {first_name}! 🎉',
  ],
});

/** The `{…}` placeholders of a template that are not supported, e.g. `["{prenom}"]`. */
export function unknownPlaceholders(template: string): string[] {
  const allowed = new Set<string>(TEMPLATE_PLACEHOLDERS);
  const unknown: string[] = [];
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!allowed.has(match[1]!)) unknown.push(match[0]);
  }
  return [...new Set(unknown)];
}

/** The account's templates, or the defaults when it never stored any. */
export async function loadTemplates(store: Store, accountId: string): Promise<TemplateSet> {
  const stored = await store.templates.get(accountId);
  return stored ?? { today: [...DEFAULT_TEMPLATES.today], late: [...DEFAULT_TEMPLATES.late] };
}
