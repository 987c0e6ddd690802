/** The risk notice shown once per user after login (risk.*), English and French. */
export const en = {
  'risk.title': 'Before you start: the risk to your LinkedIn account',
  'risk.forbidden':
    "LinkedIn's User Agreement forbids automated access to LinkedIn, and LinkedIn can restrict or close accounts that use it. This bot is automation: using it puts your account at that risk.",
  'risk.measures': 'What the bot does to limit the risk:',
  'risk.measure.limits':
    'daily and weekly limits on every bot, low by default (keep them so), and a warm-up for a new account;',
  'risk.measure.rhythm':
    'a human rhythm: random pauses between actions, typing like a person, runs inside your daily window;',
  'risk.measure.identity':
    'one stable browser identity per account, logged in with your own session (never your password);',
  'risk.measure.proxy': 'an optional proxy, so LinkedIn sees the address you usually use;',
  'risk.measure.pause':
    'every bot pauses as soon as LinkedIn shows its limit warning, a checkpoint or a captcha, until you resume them.',
  'risk.residual': 'This lowers the risk; it cannot remove it. Whether to use the bot is your decision.',
  'risk.acknowledge': 'I understand',
  'risk.acknowledgeFailed': 'Could not record it: {message}',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'risk.title': 'Avant de commencer : le risque pour votre compte LinkedIn',
  'risk.forbidden':
    "Les conditions d'utilisation de LinkedIn (User Agreement) interdisent l'accès automatisé à LinkedIn, et LinkedIn peut restreindre ou fermer les comptes qui y ont recours. Ce bot est une automatisation : l'utiliser expose votre compte à ce risque.",
  'risk.measures': 'Ce que fait le bot pour limiter le risque :',
  'risk.measure.limits':
    'des limites quotidiennes et hebdomadaires sur chaque bot, basses par défaut (gardez-les ainsi), et une montée en charge progressive pour un nouveau compte ;',
  'risk.measure.rhythm':
    "un rythme humain : des pauses aléatoires entre les actions, une saisie comme celle d'une personne, des exécutions dans votre plage horaire ;",
  'risk.measure.identity':
    'une identité de navigateur stable par compte, connectée avec votre propre session (jamais votre mot de passe) ;',
  'risk.measure.proxy':
    "un proxy facultatif, pour que LinkedIn voie l'adresse que vous utilisez d'habitude ;",
  'risk.measure.pause':
    "tous les bots se mettent en pause dès que LinkedIn affiche son avertissement de limite, une vérification de sécurité ou un captcha, jusqu'à ce que vous les repreniez.",
  'risk.residual': 'Cela réduit le risque sans le supprimer. Utiliser le bot reste votre décision.',
  'risk.acknowledge': "J'ai compris",
  'risk.acknowledgeFailed': "Impossible de l'enregistrer : {message}",
};
