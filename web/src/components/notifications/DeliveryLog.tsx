import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RefreshCw, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import {
  type Channel,
  type Delivery,
  type DeliveryStatus,
  deliveriesKey,
  listDeliveries,
  resendDelivery,
} from '../../api/notifications.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import {
  buttonClass,
  Card,
  type Column,
  DataTable,
  messageOf,
  mutedText,
  QueryFallback,
  SelectField,
  StatusBadge,
} from '../../ui/index.ts';

/** The log refreshes by itself while a delivery waits or is being sent (the sender retries in the background). */
const LIVE_REFRESH_MS = 5_000;
const unsettled = (deliveries: Delivery[] | undefined) =>
  !!deliveries?.some((d) => d.status === 'pending' || d.status === 'sending');

/** A delivery's status as a coloured badge, in words. */
export function DeliveryStatusBadge({ status, testId }: { status: DeliveryStatus; testId?: string }) {
  const { t } = useI18n();
  return <StatusBadge status={status} label={t(`notifications.status.${status}`)} testId={testId} />;
}

/** The last delivery of a channel, for its row in the list. */
export function LastDelivery({ channelId }: { channelId: string }) {
  const { t, dateTime } = useI18n();
  const last = useQuery({
    queryKey: [...deliveriesKey(channelId), 'last'],
    queryFn: () => listDeliveries(channelId, 1),
    refetchInterval: (query) => (unsettled(query.state.data) ? LIVE_REFRESH_MS : false),
  });
  const delivery = last.data?.[0];
  if (!delivery) return <span className={mutedText}>{last.isSuccess ? t('pages.never') : '—'}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <DeliveryStatusBadge status={delivery.status} />
      <span className="text-xs text-slate-600 dark:text-slate-400">{dateTime(delivery.created_at)}</span>
    </span>
  );
}

/**
 * What was sent to one channel, newest first: time, event, status, attempts, last error, and
 * "Resend" once a delivery is over (delivered or failed). Cards on a narrow screen.
 */
export function DeliveryLog({
  channels,
  channelId,
  onChannel,
}: {
  channels: Channel[];
  channelId: string | null;
  onChannel: (id: string) => void;
}) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const channel = channels.find((c) => c.id === channelId) ?? channels[0];
  const deliveries = useQuery({
    queryKey: channel ? deliveriesKey(channel.id) : ['notifications', 'deliveries', 'none'],
    queryFn: () => listDeliveries(channel!.id),
    enabled: !!channel,
    refetchInterval: (query) => (unsettled(query.state.data) ? LIVE_REFRESH_MS : false),
  });
  const [resending, setResending] = useState<string | null>(null);

  const resend = async (delivery: Delivery) => {
    setResending(delivery.id);
    try {
      await resendDelivery(delivery.id);
      toast.success(t('notifications.log.resent'));
    } catch (error) {
      toast.error(messageOf(error));
    } finally {
      setResending(null);
      await queryClient.invalidateQueries({ queryKey: deliveriesKey(delivery.channel_id) });
    }
  };

  const columns: Column<Delivery>[] = [
    {
      header: t('notifications.log.time'),
      cell: (d) => dateTime(d.created_at),
      className: 'whitespace-nowrap',
    },
    { header: t('notifications.log.event'), cell: (d) => t(`notifications.event.${d.event}`), primary: true },
    {
      header: t('notifications.log.status'),
      cell: (d) => (
        <span className="inline-flex flex-col items-end gap-1 md:items-start">
          <DeliveryStatusBadge status={d.status} testId={`delivery-status-${d.id}`} />
          {d.status === 'pending' && d.next_attempt_at && d.attempts > 0 && (
            <span className="text-xs text-slate-600 dark:text-slate-400">
              {t('notifications.log.nextAttempt', { time: dateTime(d.next_attempt_at) })}
            </span>
          )}
        </span>
      ),
    },
    { header: t('notifications.log.attempts'), cell: (d) => d.attempts, numeric: true },
    {
      header: t('notifications.log.lastError'),
      cell: (d) =>
        d.last_error ? (
          <span className="break-words [overflow-wrap:anywhere]">
            {d.response_status !== null && <span className="font-mono">{d.response_status} </span>}
            {d.last_error}
          </span>
        ) : (
          '—'
        ),
      cardStacked: true,
    },
    {
      header: <span className="sr-only">{t('notifications.channels.actions')}</span>,
      cardLabel: t('notifications.channels.actions'),
      cell: (d) =>
        d.status === 'delivered' || d.status === 'failed' ? (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={resending === d.id}
            aria-label={t('notifications.log.resendNamed', { time: dateTime(d.created_at) })}
            onClick={() => void resend(d)}
          >
            <RotateCcw className="h-4 w-4" aria-hidden />
            {t('notifications.log.resend')}
          </button>
        ) : null,
    },
  ];

  return (
    <Card
      id="delivery-log"
      title={t('notifications.log.title')}
      actions={
        channel && (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => void deliveries.refetch()}
            disabled={deliveries.isFetching}
          >
            <RefreshCw className="h-4 w-4" aria-hidden />
            {t('notifications.log.refresh')}
          </button>
        )
      }
    >
      {!channel ? (
        <p className={mutedText}>{t('notifications.log.noChannel')}</p>
      ) : (
        <div className="space-y-4">
          {channels.length > 1 && (
            <div className="max-w-sm">
              <SelectField
                label={t('notifications.log.channel')}
                value={channel.id}
                onChange={onChannel}
                options={channels.map((c) => ({ value: c.id, label: c.name }))}
              />
            </div>
          )}
          {!deliveries.isSuccess ? (
            <QueryFallback query={deliveries} />
          ) : deliveries.data.length === 0 ? (
            <p className={mutedText}>{t('notifications.log.empty')}</p>
          ) : (
            <DataTable
              label={t('notifications.log.table', { name: channel.name })}
              caption
              rows={deliveries.data}
              columns={columns}
              rowKey={(d) => d.id}
            />
          )}
        </div>
      )}
    </Card>
  );
}
