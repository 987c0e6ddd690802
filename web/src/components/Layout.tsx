import { useQueryClient } from '@tanstack/react-query';
import {
  Ban,
  Bell,
  CalendarHeart,
  ChartLine,
  FileText,
  History,
  KeyRound,
  LayoutDashboard,
  LogOut,
  Menu,
  MessageSquareText,
  Moon,
  ScrollText,
  Settings,
  Sun,
  WifiOff,
} from 'lucide-react';
import { Suspense, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useLiveEvents } from '../api/events.ts';
import type { MessageKey } from '../i18n/en.ts';
import { type Locale, useI18n } from '../i18n/i18n.tsx';
import { currentTheme, setTheme } from '../theme.ts';
import { Banner, Loading } from '../ui/index.ts';
import { ApiDocsLink } from './ApiDocsLink.tsx';
import { RiskNotice } from './RiskNotice.tsx';

const NAV: { to: string; key: MessageKey; icon: typeof LayoutDashboard }[] = [
  { to: '/', key: 'nav.overview', icon: LayoutDashboard },
  { to: '/birthdays', key: 'nav.birthdays', icon: CalendarHeart },
  { to: '/runs', key: 'nav.runs', icon: History },
  { to: '/logs', key: 'nav.logs', icon: ScrollText },
  { to: '/stats', key: 'nav.stats', icon: ChartLine },
  { to: '/settings', key: 'nav.settings', icon: Settings },
  { to: '/templates', key: 'nav.templates', icon: MessageSquareText },
  { to: '/blacklist', key: 'nav.blacklist', icon: Ban },
  { to: '/notifications', key: 'nav.notifications', icon: Bell },
  { to: '/session', key: 'nav.session', icon: KeyRound },
  { to: '/audit', key: 'nav.audit', icon: FileText },
];

/** The frame of every signed-in page: navigation, language and theme switches, live connection. */
export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const [open, setOpen] = useState(false);
  const [theme, setThemeState] = useState(currentTheme());
  const connection = useLiveEvents(true);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const logout = async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    queryClient.clear();
    queryClient.setQueryData(['me'], null);
    navigate('/login', { replace: true });
  };

  return (
    <div className="min-h-screen md:flex">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden dark:border-slate-800 dark:bg-slate-900">
        <span className="font-semibold">{t('app.title')}</span>
        <button
          type="button"
          aria-label={t('nav.menu')}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          className="rounded p-2 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          <Menu className="h-5 w-5" aria-hidden />
        </button>
      </header>
      <aside
        className={`${open ? 'block' : 'hidden'} border-b border-slate-200 bg-white md:block md:min-h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0 dark:border-slate-800 dark:bg-slate-900`}
      >
        <div className="hidden px-5 py-5 text-lg font-semibold md:block">{t('app.title')}</div>
        <nav aria-label={t('nav.menu')} className="flex flex-col gap-1 px-3 pb-3">
          {NAV.map(({ to, key, icon: Icon }) => (
            <NavLink
              key={to}
              to={to}
              end={to === '/'}
              onClick={() => setOpen(false)}
              className={({ isActive }) =>
                `flex items-center gap-3 rounded-md px-3 py-2 text-sm ${isActive ? 'bg-sky-100 font-medium text-sky-900 dark:bg-sky-900/40 dark:text-sky-100' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`
              }
            >
              <Icon className="h-4 w-4" aria-hidden />
              {t(key)}
            </NavLink>
          ))}
        </nav>
        <ApiDocsLink />
        <div className="flex items-center gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-800">
          <label className="sr-only" htmlFor="language">
            {t('language.label')}
          </label>
          <select
            id="language"
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
            className="rounded border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-700"
          >
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
          <button
            type="button"
            aria-label={t('theme.toggle')}
            onClick={() => {
              const next = theme === 'dark' ? 'light' : 'dark';
              setTheme(next);
              setThemeState(next);
            }}
            className="rounded p-2 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            {theme === 'dark' ? (
              <Sun className="h-4 w-4" aria-hidden />
            ) : (
              <Moon className="h-4 w-4" aria-hidden />
            )}
          </button>
          <button
            type="button"
            aria-label={t('nav.logout')}
            title={t('nav.logout')}
            onClick={logout}
            className="ml-auto rounded p-2 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <LogOut className="h-4 w-4" aria-hidden />
          </button>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-4 md:p-8">
        {connection === 'lost' && (
          <Banner role="status" tone="warning" icon={WifiOff} className="mb-4">
            {t('connection.lost')}
          </Banner>
        )}
        <RiskNotice />
        {/* Pages other than the overview load on first visit (their own chunks). */}
        <Suspense fallback={<Loading />}>
          <Outlet context={{ connection }} />
        </Suspense>
      </main>
    </div>
  );
}
