/** The overview's states (idle, auto-run on or paused, when the next run comes) and the API docs link. */
export const en = {
  'overview.status.idle': 'Idle',
  'overview.nextRun.autoRunState.on': 'Auto-run: on',
  'overview.nextRun.autoRunState.paused': 'Auto-run: paused',
  'overview.nextRun.today': 'today at {time}',
  'overview.nextRun.tomorrow': 'tomorrow at {time}',
  'overview.nextRun.onDate': '{date} at {time}',
  'nav.apiDocs': 'API documentation',
  'nav.apiDocsHint': 'Needs this sign-in (or the API key)',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'overview.status.idle': 'En veille',
  'overview.nextRun.autoRunState.on': 'Exécution automatique : activée',
  'overview.nextRun.autoRunState.paused': 'Exécution automatique : en pause',
  'overview.nextRun.today': "aujourd'hui à {time}",
  'overview.nextRun.tomorrow': 'demain à {time}',
  'overview.nextRun.onDate': 'le {date} à {time}',
  'nav.apiDocs': "Documentation de l'API",
  'nav.apiDocsHint': 'Nécessite cette connexion (ou la clé API)',
};
