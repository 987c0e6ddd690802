import { KeyRound, ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react';
import { Link } from 'react-router';
import type { BotStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BADGE, Banner, FOCUS } from '../../ui/index.ts';

type Linkedin = BotStatus['linkedin'];

const STYLE: Record<Linkedin['session'], { cls: string; icon: typeof ShieldCheck }> = {
  valid: {
    cls: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100',
    icon: ShieldCheck,
  },
  expired: { cls: 'bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100', icon: ShieldAlert },
  missing: { cls: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100', icon: ShieldAlert },
  unchecked: {
    cls: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
    icon: ShieldQuestion,
  },
};

/** The LinkedIn session state, as a small badge linking to the session page. */
export function SessionBadge({ linkedin }: { linkedin: Linkedin }) {
  const { t, dateTime } = useI18n();
  const { cls, icon: Icon } = STYLE[linkedin.session];
  return (
    <Link
      to="/session"
      className={`${BADGE} ${cls} ${FOCUS} text-sm`}
      title={
        linkedin.checked_at
          ? t('overview.session.checkedAt', { when: dateTime(linkedin.checked_at) })
          : undefined
      }
      data-testid="session-badge"
    >
      <Icon className="h-4 w-4" aria-hidden />
      {t(`overview.session.${linkedin.session}`)}
    </Link>
  );
}

/** When the session is expired or missing, every run will fail: say so and lead to /session. */
export function SessionBanner({ linkedin }: { linkedin: Linkedin }) {
  const { t } = useI18n();
  if (linkedin.session !== 'expired' && linkedin.session !== 'missing') return null;
  const expired = linkedin.session === 'expired';
  return (
    <Banner
      role="alert"
      tone={expired ? 'danger' : 'warning'}
      icon={ShieldAlert}
      link={{ to: '/session', label: t('overview.session.fix'), icon: KeyRound }}
    >
      {t(expired ? 'overview.session.expiredBanner' : 'overview.session.missingBanner')}
    </Banner>
  );
}
