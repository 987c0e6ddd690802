/** The templates page's languages: the wish language of the account, one set per language. */
export const en = {
  'messageLanguage.fr': 'French',
  'messageLanguage.en': 'English',
  /** A contact without a language of their own (preview list, run outcomes). */
  'messageLanguage.account': "Account's language ({language})",
  'templates.language.title': 'Language of the wishes',
  'templates.language.legend': 'Wishes are written in',
  'templates.language.help':
    "LinkedIn shows every birthday in your account's language, so the bot cannot tell which language a contact speaks. Wishes use the set of the language chosen here; a contact can be given another language from today's list or a run's results.",
  'templates.sets': 'Template sets',
  'templates.set.used': 'in use',
  'templates.set.defaults': 'These are the default messages: saving makes them yours.',
  'templates.set.notUsed':
    "Only contacts given this language get these messages: wishes are written in the account's language ({language}).",
} as const;

export const fr: Record<keyof typeof en, string> = {
  'messageLanguage.fr': 'Français',
  'messageLanguage.en': 'Anglais',
  'messageLanguage.account': 'Langue du compte ({language})',
  'templates.language.title': 'Langue des vœux',
  'templates.language.legend': 'Les vœux sont écrits en',
  'templates.language.help':
    "LinkedIn affiche chaque anniversaire dans la langue de votre compte : le bot ne peut pas savoir quelle langue parle un contact. Les vœux utilisent les modèles de la langue choisie ici ; un contact peut recevoir une autre langue depuis la liste du jour ou les résultats d'une exécution.",
  'templates.sets': 'Jeux de modèles',
  'templates.set.used': 'utilisé',
  'templates.set.defaults': 'Ce sont les messages par défaut : les enregistrer les rend vôtres.',
  'templates.set.notUsed':
    'Seuls les contacts à qui cette langue est donnée reçoivent ces messages : les vœux sont écrits dans la langue du compte ({language}).',
};
