// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, type Locale } from '../../i18n/i18n.tsx';
import { makeAutoRun } from '../../testing/fixtures.ts';
import { NextRunCard } from './NextRunCard.tsx';
import { plannedWhen } from './plannedWhen.ts';

afterEach(cleanup);

// 2026-12-01 11:00 in Paris.
const NOW = new Date('2026-12-01T10:00:00.000Z');

function card(
  next_run_at: string | null,
  opts: { enabled?: boolean; locale?: Locale; timezone?: string } = {},
) {
  render(
    <I18nProvider locale={opts.locale ?? 'fr'}>
      <NextRunCard
        now={NOW}
        autoRun={makeAutoRun({
          enabled: opts.enabled ?? true,
          next_run_at,
          timezone: opts.timezone ?? 'Europe/Paris',
        })}
      />
    </I18nProvider>,
  );
  return screen.getByRole('region', { name: opts.locale === 'en' ? 'Next run' : 'Prochaine exécution' });
}

describe('NextRunCard', () => {
  it('says a catch-up run planned later today is today, in 24-hour French', () => {
    const region = card('2026-12-01T14:37:00.000Z');
    expect(region.querySelector('time')).toHaveTextContent("aujourd'hui à 15:37");
    expect(region).toHaveTextContent("Prévue aujourd'hui à 15:37");
    expect(screen.getByTestId('auto-run-state')).toHaveTextContent('Exécution automatique : activée');
    expect(region).not.toHaveTextContent(/Auto-run|désactivé/);
  });

  it('says tomorrow for a run planned tomorrow, in English', () => {
    const region = card('2026-12-02T07:05:00.000Z', { locale: 'en' });
    expect(region.querySelector('time')).toHaveTextContent('tomorrow at 8:05 AM');
    expect(region).toHaveTextContent('Planned for tomorrow at 8:05 AM');
    expect(screen.getByTestId('auto-run-state')).toHaveTextContent('Auto-run: on');
  });

  it("counts today and tomorrow in the settings' time zone", () => {
    // 23:30 UTC on the 1st is already the 2nd in Paris, still the 1st in New York.
    expect(plannedWhen('2026-12-01T23:30:00.000Z', NOW, 'Europe/Paris', 'fr-FR')).toMatchObject({
      day: 'tomorrow',
      time: '00:30',
    });
    expect(plannedWhen('2026-12-01T23:30:00.000Z', NOW, 'America/New_York', 'fr-FR')).toMatchObject({
      day: 'today',
      time: '18:30',
    });
    expect(plannedWhen('2026-12-05T09:00:00.000Z', NOW, 'Europe/Paris', 'fr-FR').day).toBe('other');
  });

  it('says one thing when auto-run is paused: paused, manual mode only', () => {
    const region = card(null, { enabled: false });
    expect(screen.getByTestId('auto-run-state')).toHaveTextContent(/^Exécution automatique : en pause$/);
    expect(region).toHaveTextContent('Mode manuel uniquement');
    cleanup();
    card(null, { enabled: false, locale: 'en' });
    expect(screen.getByTestId('auto-run-state')).toHaveTextContent(/^Auto-run: paused$/);
  });
});
