import { fr as audit } from './audit.ts';
import type { MessageKey } from './en.ts';
import { fr as layout } from './layout.ts';
import { fr as logMessages } from './logMessages.ts';
import { fr as network } from './network.ts';
import { fr as notifications } from './notifications.ts';
import { fr as overview } from './overview.ts';
import { fr as overviewStates } from './overviewStates.ts';
import { fr as pages } from './pages.ts';
import { fr as preview } from './preview.ts';
import { fr as privacy } from './privacy.ts';
import { fr as risk } from './risk.ts';
import { fr as runs } from './runs.ts';
import { fr as settings } from './settings.ts';
import { fr as stats } from './stats.ts';
import { fr as templates } from './templates.ts';

/** Chaînes françaises. */
export const fr: Record<MessageKey, string> = {
  ...overview,
  ...overviewStates,
  ...pages,
  ...runs,
  ...network,
  ...risk,
  ...layout,
  ...audit,
  ...privacy,
  ...logMessages,
  ...stats,
  ...settings,
  ...templates,
  ...preview,
  ...notifications,
  'app.title': 'LinkedIn Birthday Bot',
  'nav.overview': "Vue d'ensemble",
  'nav.runs': 'Exécutions',
  'nav.logs': 'Journal',
  'nav.settings': 'Paramètres',
  'nav.templates': 'Modèles',
  'nav.blacklist': 'Liste noire',
  'nav.session': 'Session LinkedIn',
  'nav.audit': 'Audit',
  'nav.logout': 'Se déconnecter',
  'nav.menu': 'Menu',
  'theme.toggle': 'Basculer entre thème clair et sombre',
  'language.label': 'Langue',
  'login.title': 'Connexion',
  'login.username': "Nom d'utilisateur",
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.failed': "Nom d'utilisateur ou mot de passe incorrect",
  'login.rateLimited': 'Trop de tentatives : réessayez dans {seconds} s',
  'common.loading': 'Chargement…',
  'common.error': 'Erreur',
  'common.save': 'Enregistrer',
  'common.cancel': 'Annuler',
  'common.saved': 'Enregistré',
  'common.none': 'Aucun',
  'connection.lost': 'Connexion perdue, reconnexion…',
};
