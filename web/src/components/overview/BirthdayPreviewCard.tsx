import { CalendarHeart } from 'lucide-react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { buttonClass, Card, mutedText } from '../../ui/index.ts';
import { useBirthdayPreview } from '../birthdays/usePreview.ts';

/** The overview's glance at today's birthdays: how many a run would wish, a link to the list. */
export function BirthdayPreviewCard() {
  const { t } = useI18n();
  const { preview } = useBirthdayPreview();
  const data = preview.data;
  const wish = data?.contacts.filter((c) => c.status === 'will_wish').length ?? 0;
  return (
    <Card title={t('preview.card.title')}>
      <p className={mutedText} data-testid="preview-card-summary">
        {!data
          ? t('common.loading')
          : data.as_of === null
            ? t('preview.never')
            : t('preview.card.summary', { wish, total: data.contacts.length })}
      </p>
      <Link to="/birthdays" className={`${buttonClass.link} mt-3`}>
        <CalendarHeart className="h-4 w-4" aria-hidden />
        {t('preview.card.open')}
      </Link>
    </Card>
  );
}
