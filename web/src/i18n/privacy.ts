/** The settings page's retention fields and danger zone (README, "Other people's data"). */

export const en = {
  'pages.settings.retention': 'Retention of contacts data',
  'pages.settings.retention.screenshots_days': 'Keep page screenshots for (days)',
  'pages.settings.retention.outcomes_days': 'Keep contacts, run outcomes and sent texts for (days)',
  'pages.settings.retentionHint':
    'Older ones are deleted every day. The counts the limits need (sends today and this week, who was wished for which birthday) are kept.',
  'privacy.dangerZone': 'Danger zone',
  'privacy.forget.intro':
    'Forget the LinkedIn data of this account: contacts, run outcomes, sent texts, run logs, screenshots and page check snapshots. The limits keep counting what was sent, and nobody already wished is wished twice for the same birthday.',
  'privacy.forget.button': 'Forget LinkedIn data',
  'privacy.forget.working': 'Forgetting…',
  'privacy.forget.confirmTitle': 'Forget the LinkedIn data?',
  'privacy.forget.confirmBody':
    'Contacts, run outcomes, sent texts, run logs, screenshots and page check snapshots are deleted for good. This cannot be undone.',
  'privacy.forget.confirm': 'Forget',
  'privacy.forget.done':
    'Forgotten: {contacts} contacts, {outcomes} outcomes, {screenshots} screenshots and checks',
  'privacy.forget.running': 'A run is in progress: stop it or wait for its end, then try again.',
};

export const fr: Record<keyof typeof en, string> = {
  'pages.settings.retention': 'Conservation des données des contacts',
  'pages.settings.retention.screenshots_days': "Garder les captures d'écran des pages (jours)",
  'pages.settings.retention.outcomes_days':
    'Garder les contacts, résultats des exécutions et textes envoyés (jours)',
  'pages.settings.retentionHint':
    'Les plus anciens sont supprimés chaque jour. Les comptes dont les limites ont besoin (envois du jour et de la semaine, qui a été souhaité pour quel anniversaire) sont gardés.',
  'privacy.dangerZone': 'Zone de danger',
  'privacy.forget.intro':
    "Oublier les données LinkedIn de ce compte : contacts, résultats des exécutions, textes envoyés, journaux des exécutions, captures d'écran et instantanés des vérifications de pages. Les limites continuent de compter les envois, et personne n'est souhaité deux fois pour le même anniversaire.",
  'privacy.forget.button': 'Oublier les données LinkedIn',
  'privacy.forget.working': 'Suppression…',
  'privacy.forget.confirmTitle': 'Oublier les données LinkedIn ?',
  'privacy.forget.confirmBody':
    "Les contacts, résultats des exécutions, textes envoyés, journaux des exécutions, captures d'écran et instantanés des vérifications de pages sont supprimés définitivement. Impossible de revenir en arrière.",
  'privacy.forget.confirm': 'Oublier',
  'privacy.forget.done':
    'Oublié : {contacts} contacts, {outcomes} résultats, {screenshots} captures et vérifications',
  'privacy.forget.running': 'Une exécution est en cours : arrêtez-la ou attendez sa fin, puis réessayez.',
};
