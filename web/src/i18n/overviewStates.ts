/** The overview's states (idle, auto-run on or paused, when the next run comes) and the API docs link. */
export const en = {
  'overview.status.idle': 'Idle',
  'overview.nextRun.autoRunState.on': 'Auto-run: on',
  'overview.nextRun.autoRunState.paused': 'Auto-run: paused',
  'overview.nextRun.today': 'Today at {time}',
  'overview.nextRun.tomorrow': 'Tomorrow at {time}',
  'overview.nextRun.onDate': '{date} at {time}',
  'nav.apiDocs': 'API documentation',
  'nav.apiDocsHint': 'Needs this sign-in (or the API key)',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'overview.status.idle': 'En veille',
  'overview.nextRun.autoRunState.on': 'Exécution automatique : activée',
  'overview.nextRun.autoRunState.paused': 'Exécution automatique : en pause',
  'overview.nextRun.today': "Aujourd'hui à {time}",
  'overview.nextRun.tomorrow': 'Demain à {time}',
  'overview.nextRun.onDate': 'Le {date} à {time}',
  'nav.apiDocs': "Documentation de l'API",
  'nav.apiDocsHint': 'Nécessite cette connexion (ou la clé API)',
};
