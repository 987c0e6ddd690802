import { en as audit } from './audit.ts';
import { en as layout } from './layout.ts';
import { en as logMessages } from './logMessages.ts';
import { en as network } from './network.ts';
import { en as notifications } from './notifications.ts';
import { en as overview } from './overview.ts';
import { en as overviewStates } from './overviewStates.ts';
import { en as pages } from './pages.ts';
import { en as preview } from './preview.ts';
import { en as privacy } from './privacy.ts';
import { en as risk } from './risk.ts';
import { en as runs } from './runs.ts';
import { en as settings } from './settings.ts';
import { en as stats } from './stats.ts';
import { en as templates } from './templates.ts';

/** English strings. Keys are shared with fr.ts (the type checker enforces it). */
const common = {
  'app.title': 'LinkedIn Birthday Bot',
  'nav.overview': 'Overview',
  'nav.runs': 'Runs',
  'nav.logs': 'Logs',
  'nav.settings': 'Settings',
  'nav.templates': 'Templates',
  'nav.blacklist': 'Blacklist',
  'nav.session': 'LinkedIn session',
  'nav.audit': 'Audit',
  'nav.logout': 'Log out',
  'nav.menu': 'Menu',
  'theme.toggle': 'Switch between light and dark theme',
  'language.label': 'Language',
  'login.title': 'Sign in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong username or password',
  'login.rateLimited': 'Too many attempts: try again in {seconds} s',
  'common.loading': 'Loading…',
  'common.error': 'Error',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.saved': 'Saved',
  'common.none': 'None',
  'connection.lost': 'Connection lost, reconnecting…',
} as const;

export const en = {
  ...common,
  ...overview,
  ...overviewStates,
  ...pages,
  ...runs,
  ...network,
  ...risk,
  ...privacy,
  ...logMessages,
  ...stats,
  ...settings,
  ...layout,
  ...audit,
  ...templates,
  ...preview,
  ...notifications,
};

export type MessageKey = keyof typeof en;
