// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVE_COUNTS_MS } from '../../api/events.ts';
import type { History } from '../../api/types.ts';
import { OverviewPage } from '../../pages/Overview.tsx';
import type { FakeApi } from '../../testing/fakeApi.ts';
import { defaultServer, HISTORY, makeRun } from '../../testing/fixtures.ts';
import {
  cleanupAfterEach,
  FakeEventSource,
  installDomPolyfills,
  renderWithApp,
} from '../../testing/render.tsx';

let server: FakeApi;
/** What the server's database says today (the fixtures' last day) holds: the run adds to it. */
let sentToday = 0;

function history(): History {
  const days = HISTORY.days.map((d, i) =>
    i === HISTORY.days.length - 1 ? { ...d, messages_sent: sentToday } : d,
  );
  const total = days.reduce((sum, d) => sum + d.messages_sent, 0);
  return { granularity: 'day', days, totals: { ...HISTORY.totals, messages_sent: total } };
}

beforeEach(() => {
  installDomPolyfills();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  sentToday = 6;
  server = defaultServer().on('GET', '/api/history?days=7', () => ({ body: history() }));
  vi.stubGlobal('fetch', server.fetch);
});
cleanupAfterEach();

const week = () => screen.getByRole('region', { name: '7 derniers jours' });
const sentFigure = () => within(week()).getByText('Messages envoyés', { selector: 'dt' }).nextElementSibling;
const historyCalls = () => server.callsTo('GET', '/api/history?days=7').length;

describe('the 7-day summary during a run', () => {
  it('follows the run’s counters from the database as the run goes, without a reload', async () => {
    renderWithApp(<OverviewPage />);
    await waitFor(() => expect(sentFigure()).toHaveTextContent('21'));
    const es = FakeEventSource.last();
    es.open();
    const before = historyCalls();

    // The run sends a first message: the database now counts it, and the summary shows it.
    sentToday = 7;
    es.emit('run', makeRun({ id: 'r1', status: 'running', ended_at: null, messages_sent: 1 }));
    await waitFor(() => expect(sentFigure()).toHaveTextContent('22'));
    const bar = within(week()).getByRole('img');
    expect(bar.getAttribute('aria-label')).toContain('7');
    expect(historyCalls()).toBe(before + 1);

    // A heartbeat or a step change with the same counters fetches nothing.
    es.emit(
      'run',
      makeRun({ id: 'r1', status: 'running', ended_at: null, messages_sent: 1, progress: { step: 'x' } }),
    );
    // Fast progress: fetched at most once per LIVE_COUNTS_MS, the last counts never lost.
    for (const n of [2, 3, 4]) {
      sentToday = 6 + n;
      es.emit('run', makeRun({ id: 'r1', status: 'running', ended_at: null, messages_sent: n }));
    }
    await new Promise((resolve) => setTimeout(resolve, LIVE_COUNTS_MS / 2));
    expect(historyCalls()).toBe(before + 1);
    await waitFor(() => expect(sentFigure()).toHaveTextContent('25'), { timeout: LIVE_COUNTS_MS * 2 });
    expect(historyCalls()).toBe(before + 2);
  });
});
