import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { get } from '../../api/client.ts';
import { isBusy } from '../overview/botStatus.ts';
import { useBotStatus, useConnection } from '../overview/hooks.ts';
import { type BirthdayPreview, PREVIEW_QUERY_KEY } from './actions.tsx';

/** The preview, refetched while a run goes on and once it ends (a dry run refreshes it). */
export function useBirthdayPreview() {
  const queryClient = useQueryClient();
  const status = useBotStatus(useConnection());
  const busy = isBusy(status.data);
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy) void queryClient.invalidateQueries({ queryKey: PREVIEW_QUERY_KEY });
    wasBusy.current = busy;
  }, [busy, queryClient]);
  const preview = useQuery({
    queryKey: PREVIEW_QUERY_KEY,
    queryFn: () => get<BirthdayPreview>('/api/birthdays/preview'),
    refetchInterval: busy ? 3_000 : false,
  });
  return { preview, busy };
}
