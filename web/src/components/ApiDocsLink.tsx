import { BookOpen } from 'lucide-react';
import { useI18n } from '../i18n/i18n.tsx';

/** The API explorer at /docs: it takes this dashboard's sign-in (or the API key), so it opens from here. */
export function ApiDocsLink() {
  const { t } = useI18n();
  return (
    <div className="px-6 pb-3 text-sm">
      <a
        href="/docs"
        target="_blank"
        rel="noopener"
        aria-describedby="api-docs-hint"
        className="inline-flex items-center gap-2 text-sky-800 underline hover:text-sky-950 dark:text-sky-300 dark:hover:text-sky-100"
      >
        <BookOpen className="h-4 w-4" aria-hidden />
        {t('nav.apiDocs')}
      </a>
      <p id="api-docs-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {t('nav.apiDocsHint')}
      </p>
    </div>
  );
}
