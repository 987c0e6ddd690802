import * as Switch from '@radix-ui/react-switch';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ListChecks, Pencil, Plus, Send, Trash2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../api/client.ts';
import {
  type Channel,
  type ChannelType,
  channelsKey,
  createChannel,
  deleteChannel,
  deliveriesKey,
  listChannels,
  type TestAnswer,
  testChannel,
  updateChannel,
} from '../api/notifications.ts';
import { ChannelForm } from '../components/notifications/ChannelForm.tsx';
import {
  type ChannelDraft,
  createBody,
  draftOf,
  newDraft,
  targetOf,
  updateBody,
} from '../components/notifications/channelDraft.ts';
import { DeliveryLog, LastDelivery } from '../components/notifications/DeliveryLog.tsx';
import { NotificationSettings } from '../components/notifications/NotificationSettings.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  buttonClass,
  Card,
  type Column,
  ConfirmButton,
  DataTable,
  Detail,
  FOCUS,
  messageOf,
  mutedText,
  PageHeader,
  QueryFallback,
  StatusBadge,
} from '../ui/index.ts';

/** What the form shows: a new channel, or a stored one being edited. */
type Editing = { channel?: Channel; draft: ChannelDraft } | null;
/** The last test's answer, or why it could not be sent. */
type TestResult = { channel: Channel; answer?: TestAnswer; error?: string } | null;

const FIRST_TYPE: ChannelType = 'webhook';

/**
 * The installation's notification channels: list (enabled switch, events, last delivery), add
 * and edit (secrets write-only), test, delete; the delivery log of one channel with "Resend";
 * and the account's notification language and digest time.
 */
export function NotificationsPage() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: channelsKey, queryFn: listChannels });
  const [editing, setEditing] = useState<Editing>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [result, setResult] = useState<TestResult>(null);
  const [logChannel, setLogChannel] = useState<string | null>(null);

  const refreshChannels = () => queryClient.invalidateQueries({ queryKey: channelsKey });
  const replace = (saved: Channel) =>
    queryClient.setQueryData<Channel[]>(channelsKey, (old) =>
      old?.some((c) => c.id === saved.id)
        ? old.map((c) => (c.id === saved.id ? saved : c))
        : [...(old ?? []), saved],
    );

  const save = async () => {
    if (!editing) return;
    const saved = editing.channel
      ? await updateChannel(editing.channel.id, updateBody(editing.draft))
      : await createChannel(createBody(editing.draft));
    replace(saved);
    void refreshChannels();
    setEditing(null);
    toast.success(t(editing.channel ? 'notifications.form.saved' : 'notifications.form.created'));
  };

  const setEnabled = async (channel: Channel, enabled: boolean) => {
    try {
      replace(await updateChannel(channel.id, { enabled }));
      toast.success(
        t(enabled ? 'notifications.channels.enabledToast' : 'notifications.channels.disabledToast', {
          name: channel.name,
        }),
      );
    } catch (error) {
      toast.error(messageOf(error));
    }
    void refreshChannels();
  };

  const sendTest = async (channel: Channel) => {
    setTesting(channel.id);
    setResult(null);
    try {
      setResult({ channel, answer: await testChannel(channel.id) });
    } catch (error) {
      setResult({ channel, error: messageOf(error) });
    } finally {
      setTesting(null);
      setLogChannel(channel.id);
      void queryClient.invalidateQueries({ queryKey: deliveriesKey(channel.id) });
    }
  };

  const remove = async (channel: Channel) => {
    try {
      await deleteChannel(channel.id);
      toast.success(t('notifications.channels.deleted'));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        toast.error(messageOf(error));
        return;
      }
    }
    queryClient.setQueryData<Channel[]>(channelsKey, (old) => old?.filter((c) => c.id !== channel.id));
    if (editing?.channel?.id === channel.id) setEditing(null);
    if (result?.channel.id === channel.id) setResult(null);
    void refreshChannels();
  };

  const showLog = (channel: Channel) => {
    setLogChannel(channel.id);
    document.getElementById('delivery-log')?.scrollIntoView({ block: 'start' });
  };

  const columns: Column<Channel>[] = [
    {
      header: t('notifications.channels.name'),
      primary: true,
      cell: (c) => (
        <span className="min-w-0">
          <span className="block font-medium">{c.name}</span>
          <span className="block text-xs break-all text-slate-600 dark:text-slate-400">{targetOf(c)}</span>
        </span>
      ),
    },
    { header: t('notifications.channels.type'), cell: (c) => t(`notifications.type.${c.type}`) },
    {
      header: t('notifications.channels.enabled'),
      cell: (c) => (
        <Switch.Root
          checked={c.enabled}
          onCheckedChange={(enabled) => void setEnabled(c, enabled)}
          aria-label={t('notifications.channels.enable', { name: c.name })}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-slate-400 transition-colors data-[state=checked]:bg-sky-700 dark:bg-slate-600 dark:data-[state=checked]:bg-sky-500 ${FOCUS}`}
        >
          <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.375rem]" />
        </Switch.Root>
      ),
    },
    {
      header: t('notifications.channels.events'),
      cardStacked: true,
      cell: (c) =>
        c.events.length === 0 ? (
          <span className={mutedText}>{t('notifications.channels.noEvents')}</span>
        ) : (
          <ul className="flex flex-wrap gap-1">
            {c.events.map((e) => (
              <li key={e}>
                <StatusBadge status="neutral" label={t(`notifications.event.${e}`)} />
              </li>
            ))}
          </ul>
        ),
    },
    {
      header: t('notifications.channels.lastDelivery'),
      cell: (c) => <LastDelivery channelId={c.id} />,
    },
    {
      header: <span className="sr-only">{t('notifications.channels.actions')}</span>,
      cardLabel: t('notifications.channels.actions'),
      cardStacked: true,
      cell: (c) => (
        <div className="flex flex-wrap items-center gap-1">
          <button
            type="button"
            className={`${buttonClass.primary} mr-1 whitespace-nowrap`}
            disabled={testing !== null}
            aria-label={`${t('notifications.channels.test')} — ${c.name}`}
            onClick={() => void sendTest(c)}
          >
            <Send className="h-4 w-4" aria-hidden />
            {testing === c.id ? t('notifications.channels.testing') : t('notifications.channels.test')}
          </button>
          <button
            type="button"
            className={buttonClass.icon}
            aria-label={t('notifications.channels.logOf', { name: c.name })}
            title={t('notifications.channels.log')}
            onClick={() => showLog(c)}
          >
            <ListChecks className="h-4 w-4" aria-hidden />
          </button>
          <button
            type="button"
            className={buttonClass.icon}
            aria-label={t('notifications.channels.editNamed', { name: c.name })}
            title={t('notifications.channels.edit')}
            onClick={() => setEditing({ channel: c, draft: draftOf(c) })}
          >
            <Pencil className="h-4 w-4" aria-hidden />
          </button>
          <ConfirmButton
            label={t('notifications.channels.delete', { name: c.name })}
            title={t('notifications.channels.deleteConfirm', { name: c.name })}
            description={t('notifications.channels.deleteEffect')}
            confirmLabel={t('notifications.channels.deleteAction')}
            onConfirm={() => remove(c)}
            className={buttonClass.icon}
          >
            <Trash2 className="h-4 w-4" aria-hidden />
          </ConfirmButton>
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.description')}
        actions={
          <button
            type="button"
            className={buttonClass.primary}
            onClick={() => setEditing({ draft: newDraft(FIRST_TYPE, locale) })}
          >
            <Plus className="h-4 w-4" aria-hidden />
            {t('notifications.channels.add')}
          </button>
        }
      />
      {editing && (
        <ChannelForm
          key={editing.channel?.id ?? 'new'}
          channel={editing.channel}
          draft={editing.draft}
          onChange={(draft) => setEditing({ ...editing, draft })}
          save={save}
          onCancel={() => setEditing(null)}
        />
      )}
      <Card title={t('notifications.channels.title')}>
        {!channels.isSuccess ? (
          <QueryFallback query={channels} />
        ) : channels.data.length === 0 ? (
          <p className={mutedText}>{t('notifications.channels.empty')}</p>
        ) : (
          <DataTable
            label={t('notifications.channels.table')}
            caption
            rows={channels.data}
            columns={columns}
            rowKey={(c) => c.id}
            minWidth="min-w-[840px]"
          />
        )}
      </Card>
      <div aria-live="polite">
        {result && <TestResultPanel result={result} onClose={() => setResult(null)} />}
      </div>
      {channels.isSuccess && (
        <DeliveryLog channels={channels.data} channelId={logChannel} onChannel={setLogChannel} />
      )}
      <NotificationSettings />
    </div>
  );
}

/** What the receiver answered the test: received or not, its status, error and the start of its answer. */
function TestResultPanel({ result, onClose }: { result: NonNullable<TestResult>; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  // Below the list, maybe off screen on a phone: brought into view (each test mounts it anew).
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const { answer } = result;
  const ok = !!answer?.ok;
  return (
    <Card
      title={t('notifications.test.title', { name: result.channel.name })}
      actions={
        <button
          type="button"
          className={buttonClass.icon}
          aria-label={t('notifications.test.close')}
          title={t('notifications.test.close')}
          onClick={onClose}
        >
          <X className="h-4 w-4" aria-hidden />
        </button>
      }
    >
      <div ref={ref} data-testid="test-result" className="space-y-3">
        {answer && (
          <StatusBadge
            status={ok ? 'delivered' : 'failed'}
            label={t(ok ? 'notifications.test.ok' : 'notifications.test.failed')}
            testId="test-outcome"
          />
        )}
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {answer && (
            <Detail label={t('notifications.test.status')} data-testid="test-status">
              {answer.status ?? '—'}
            </Detail>
          )}
          {(answer?.error || result.error) && (
            <Detail
              label={t('notifications.test.error')}
              className="mt-1 break-words text-red-700 dark:text-red-400"
            >
              {answer?.error ?? result.error}
            </Detail>
          )}
          {answer && (
            <Detail label={t('notifications.test.delivery')} className="mt-1 font-mono text-xs break-all">
              {answer.delivery.id}
            </Detail>
          )}
        </dl>
        {answer && (
          <div className="space-y-1">
            <p className="text-xs text-slate-600 dark:text-slate-400">{t('notifications.test.response')}</p>
            {answer.response ? (
              <pre
                data-testid="test-response"
                className="rounded bg-slate-50 p-3 text-xs break-all whitespace-pre-wrap dark:bg-slate-800/60"
              >
                {answer.response.slice(0, 1024)}
              </pre>
            ) : (
              <p className={mutedText}>{t('notifications.test.noResponse')}</p>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
