import { ArrowLeft } from 'lucide-react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass, Card, PageHeader } from '../ui/index.ts';

/** An address the dashboard does not know: said plainly, with the way back to the overview. */
export function NotFoundPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <div className="space-y-4">
      <PageHeader title={t('layout.notFound.title')} />
      <Card>
        <p className="mb-4 text-sm [overflow-wrap:anywhere]">
          {t('layout.notFound.description', { path: pathname })}
        </p>
        <Link to="/" className={buttonClass.primary}>
          <ArrowLeft className="h-4 w-4" aria-hidden />
          {t('layout.notFound.back')}
        </Link>
      </Card>
    </div>
  );
}
