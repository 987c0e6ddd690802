/** The frame's words: tables' scroll hint, the not-found page, the blacklist's remove dialog, the toasts' region. */
export const en = {
  'layout.table.scrollHint': 'Scroll sideways to see every column',
  'layout.toasts': 'Notifications (Alt+T)',
  'layout.notFound.title': 'Page not found',
  'layout.notFound.description': 'There is no page at {path}.',
  'layout.notFound.back': 'Back to the overview',
  'layout.blacklist.removeEffect': 'The bots may message this contact again.',
};

export const fr: Record<keyof typeof en, string> = {
  'layout.table.scrollHint': 'Faites défiler sur le côté pour voir toutes les colonnes',
  'layout.toasts': 'Notifications (Alt+T)',
  'layout.notFound.title': 'Page introuvable',
  'layout.notFound.description': 'Il n’y a pas de page à l’adresse {path}.',
  'layout.notFound.back': 'Retour à la vue d’ensemble',
  'layout.blacklist.removeEffect': 'Les bots pourront de nouveau écrire à ce contact.',
};
