import { describe, expect, it } from 'vitest';
import { englishWordsIn } from '../../test/support/englishWords.ts';
import {
  type DeliveryEvent,
  NOTIFICATION_EVENTS,
  NOTIFICATION_LANGUAGES,
} from '../contract/notifications.ts';
import type { RunCounters } from '../domain.ts';
import type { EventDataMap, RunEventData } from './eventData.ts';
import { renderMessage, TEXT_MAX_LENGTH } from './render.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';
const AT = '2026-06-15T15:05:00.000Z';
const counters = (over: Partial<RunCounters> = {}): RunCounters => ({
  messages_sent: 0,
  skipped: 0,
  errors: 0,
  profiles_visited: 0,
  invitations_withdrawn: 0,
  ...over,
});

const failedRun: RunEventData = {
  run_id: 'run-42',
  type: 'birthday',
  trigger: 'schedule',
  dry_run: false,
  status: 'failed',
  error_code: 'nothing_delivered',
  error_message: 'Nothing was delivered: 3 of 3 attempts failed (most often send_failed)',
  counters: counters({ errors: 3 }),
  started_at: '2026-06-15T15:00:00.000Z',
  finished_at: '2026-06-15T15:05:00.000Z',
  timezone: 'Europe/Paris',
};

/** Each event with the data its producer gives. */
const SAMPLES: { [E in DeliveryEvent]: EventDataMap[E] } = {
  session_expired: { checked_at: AT, timezone: 'Europe/Paris', run_id: 'run-42', reason: null },
  rate_limited: { run_id: 'run-42', reason: 'rate_limited', since: AT, timezone: 'Europe/Paris' },
  run_failed: failedRun,
  run_succeeded: {
    ...failedRun,
    status: 'succeeded',
    error_code: null,
    error_message: null,
    counters: counters({ messages_sent: 5, skipped: 2 }),
  },
  selectors_fallback: {
    run_id: 'run-42',
    type: 'birthday',
    selectors: [
      {
        element: 'messageButton',
        fallback: 2,
        of: 3,
        selector: "a[href*='/messaging/compose']",
        step: 'send-message',
      },
    ],
  },
  worker_offline: { worker_id: 'worker-a', last_seen_at: AT, host: 'nas', timezone: 'Europe/Paris' },
  daily_digest: {
    date: '2026-06-15',
    timezone: 'Europe/Paris',
    runs: [
      {
        type: 'birthday',
        runs: 2,
        succeeded: 1,
        failed: 1,
        stopped: 0,
        interrupted: 0,
        in_progress: 0,
        dry_runs: 1,
        counters: counters({ messages_sent: 2, skipped: 1, errors: 1 }),
      },
      {
        type: 'visitor',
        runs: 1,
        succeeded: 1,
        failed: 0,
        stopped: 0,
        interrupted: 0,
        in_progress: 0,
        dry_runs: 0,
        counters: counters({ profiles_visited: 7 }),
      },
    ],
    sent: 2,
    skipped: 2,
    failed: 1,
    interrupted: 0,
    skipped_by_reason: { limit: 1, dry_run: 1 },
    sent_to: ['Alice Martin', HOSTILE],
    failures: [{ name: 'Carol Diaz', error_code: 'send_failed' }],
    birthdays_read_on: '2026-06-15',
    not_wished: [
      {
        name: HOSTILE,
        profile_url: 'https://www.linkedin.com/in/x/',
        reason: 'blacklisted',
        error_code: null,
      },
      {
        name: 'Frank Roe',
        profile_url: 'https://www.linkedin.com/in/frank/',
        reason: 'limit',
        error_code: null,
      },
      {
        name: 'Carol Diaz',
        profile_url: 'https://www.linkedin.com/in/carol/',
        reason: 'failed',
        error_code: 'send_failed',
      },
    ],
  },
  test: {},
};

const EVENTS: DeliveryEvent[] = [...NOTIFICATION_EVENTS, 'test'];

function render(
  event: DeliveryEvent,
  data: object,
  language: 'fr' | 'en',
  dashboardUrl: string | null = 'https://bot.example.com/',
) {
  return renderMessage({
    deliveryId: 'delivery-1',
    event,
    at: AT,
    accountId: 'default',
    data: data as Record<string, unknown>,
    language,
    dashboardUrl,
  });
}

describe('renderMessage', () => {
  for (const language of NOTIFICATION_LANGUAGES) {
    for (const event of EVENTS) {
      it(`words ${event} in ${language}: one line, a body, HTML, nothing left unfilled`, () => {
        const message = render(event, SAMPLES[event], language);
        expect(message).toMatchObject({
          deliveryId: 'delivery-1',
          event,
          at: AT,
          accountId: 'default',
          language,
        });
        expect(message.data).toEqual(SAMPLES[event]);
        expect(message.text.length).toBeGreaterThan(10);
        expect(message.text.length).toBeLessThanOrEqual(TEXT_MAX_LENGTH);
        expect(message.text).not.toMatch(/[\r\n]/);
        expect(message.body.length).toBeGreaterThan(message.text.length / 2);
        expect(message.html).toMatch(/^<div style="[^"]+">.*<\/div>$/s);
        for (const part of [message.text, message.body, message.html]) {
          expect(part).not.toMatch(/undefined|null|\[object|NaN|\{\w+\}/);
        }
        if (language === 'fr') {
          expect(englishWordsIn(message.text), message.text).toEqual([]);
          // The dashboard's addresses (`/runs/<id>`) are not words.
          const words = message.body.replace(/https?:\/\/\S+/g, ' ');
          expect(englishWordsIn(words), message.body).toEqual([]);
        }
      });

      it(`words ${event} in ${language} from data missing every field`, () => {
        const message = render(event, {}, language);
        expect(message.text.length).toBeGreaterThan(10);
        for (const part of [message.text, message.body, message.html]) {
          expect(part).not.toMatch(/undefined|null|\[object|NaN/);
        }
      });
    }
  }

  it('says in each language that a run delivered nothing, and what to look at', () => {
    const en = render('run_failed', failedRun, 'en');
    expect(en.text).toBe('Birthdays run failed: nothing was delivered');
    expect(en.body).toContain('The run tried 3 times and LinkedIn completed none');
    const fr = render('run_failed', failedRun, 'fr');
    expect(fr.text).toBe("Échec de l'exécution Anniversaires : rien n'a été envoyé");
    expect(fr.body).toContain("L'exécution a fait 3 tentatives et aucune n'a abouti");

    // Another failure is worded by its own code, without the "nothing delivered" advice.
    const crashed = render('run_failed', { ...failedRun, error_code: 'browser_crashed' }, 'en');
    expect(crashed.text).toBe('Birthdays run failed: the browser stopped working');
    expect(crashed.body).not.toContain('completed none');
    // A code without words keeps the run's own message, as a detail.
    const other = render(
      'run_failed',
      { ...failedRun, error_code: 'launch_failed', error_message: 'boom' },
      'en',
    );
    expect(other.text).toBe('Birthdays run failed: error launch_failed');
    expect(other.body).toContain('Detail: boom');
  });

  it('says what a run did by its type, and marks a dry run', () => {
    const visits = render(
      'run_succeeded',
      {
        ...SAMPLES.run_succeeded,
        type: 'visitor',
        dry_run: true,
        counters: counters({ profiles_visited: 1 }),
      },
      'fr',
    );
    expect(visits.text).toBe('Exécution Visites de profils réussie : 1 profil visité (simulation)');
    const withdrawals = render(
      'run_succeeded',
      {
        ...SAMPLES.run_succeeded,
        type: 'invitations',
        counters: counters({ invitations_withdrawn: 4, errors: 1 }),
      },
      'en',
    );
    expect(withdrawals.text).toBe('Invitation cleanup run succeeded: 4 invitations withdrawn, 1 error');
  });

  it('tells what to do: reconnect for an expired session, resume on the overview after a pause', () => {
    const session = render('session_expired', SAMPLES.session_expired, 'en');
    expect(session.body).toContain('LinkedIn session page');
    expect(session.body).toContain('npx linkedin-birthday-bot connect --server https://bot.example.com');
    expect(session.body).toContain('https://bot.example.com/session');
    const unknownAddress = render('session_expired', SAMPLES.session_expired, 'fr', null);
    expect(unknownAddress.body).toContain(
      "npx linkedin-birthday-bot connect --server <adresse de l'application>",
    );

    const paused = render('rate_limited', SAMPLES.rate_limited, 'fr');
    expect(paused.text).toBe(
      'Bots en pause : LinkedIn a affiché son avertissement de limite. Rien ne tourne tant que vous ne les reprenez pas',
    );
    expect(paused.body).toContain("Reprenez les bots depuis la vue d'ensemble");
    expect(paused.body).toContain('https://bot.example.com/overview');
  });

  it("links the run's page when the dashboard's address is known, and nothing otherwise", () => {
    const linked = render(
      'run_failed',
      { ...failedRun, run_id: 'run 42/x' },
      'en',
      'https://bot.example.com/app/',
    );
    expect(linked.body).toContain('See the run: https://bot.example.com/app/runs/run%2042%2Fx');
    expect(linked.html).toContain('<a href="https://bot.example.com/app/runs/run%2042%2Fx"');
    for (const event of EVENTS) {
      const bare = render(event, SAMPLES[event], 'en', null);
      expect(bare.body).not.toContain('http');
      expect(bare.html).not.toContain('<a ');
    }
    // Only an http(s) address makes links.
    expect(render('run_failed', failedRun, 'en', 'javascript:alert(1)').html).not.toContain('<a ');
  });

  it('shows times in the account timezone, 24-hour in French, UTC without a timezone', () => {
    const fr = render('run_failed', failedRun, 'fr');
    expect(fr.body).toContain('Démarrée le 15 juin 2026, 17:00, terminée le 15 juin 2026, 17:05.');
    const en = render('run_failed', failedRun, 'en');
    expect(en.body).toContain('Started Jun 15, 2026, 5:00 PM, ended Jun 15, 2026, 5:05 PM.');
    const utc = render('worker_offline', { worker_id: 'w', last_seen_at: AT }, 'fr');
    expect(utc.text).toBe(
      "Moteur d'exécution w hors ligne : aucun signe de vie depuis le 15 juin 2026, 15:05 UTC",
    );
  });

  it('escapes names from LinkedIn in the HTML and keeps them on their line', () => {
    const message = render('daily_digest', SAMPLES.daily_digest, 'en');
    expect(message.html).not.toContain('<img');
    expect(message.html).toContain('&lt;img src=x onerror=alert(1)&gt;: On your blacklist');
    expect(message.body).toContain(`- ${HOSTILE}: On your blacklist`);

    const broken = render(
      'daily_digest',
      {
        ...SAMPLES.daily_digest,
        not_wished: [
          { name: 'Eve\nInjected: line\u202e', profile_url: 'x', reason: 'limit', error_code: null },
        ],
      },
      'en',
    );
    expect(broken.body).toContain('- Eve Injected: line: Limit reached (per run, day or week)');
    expect(broken.body.split('\n').some((line) => line.startsWith('Injected'))).toBe(false);

    const worker = render('worker_offline', { worker_id: 'w1\r\nSubject: spoof', last_seen_at: AT }, 'en');
    expect(worker.text).toMatch(/^Worker w1 Subject: spoof offline/);
  });

  it('clips a long text to one line of at most 300 characters', () => {
    const message = render('worker_offline', { worker_id: 'w'.repeat(1000), last_seen_at: AT }, 'en');
    expect(message.text).toHaveLength(TEXT_MAX_LENGTH);
    expect(message.text.endsWith('…')).toBe(true);
  });

  it('words the digest: runs per type, wishes, and the birthdays not wished with why', () => {
    const message = render('daily_digest', SAMPLES.daily_digest, 'fr');
    expect(message.text).toBe(
      'Résumé du lundi 15 juin 2026 : 2 vœux envoyés, 2 ignorés, 1 en échec ; 3 anniversaires du jour non souhaités',
    );
    expect(message.body).toContain(
      '- Anniversaires : 2 exécutions (1 réussie, 1 en échec, 1 simulation) — 2 messages envoyés, 1 ignoré, 1 erreur',
    );
    expect(message.body).toContain('- Visites de profils : 1 exécution (1 réussie) — 7 profils visités');
    expect(message.body).toContain('- Limite atteinte (par exécution, jour ou semaine) : 1');
    expect(message.body).toContain("- Carol Diaz : LinkedIn n'a pas envoyé le message");
    expect(message.body).toContain('- Frank Roe : Limite atteinte (par exécution, jour ou semaine)');

    const unread = render('daily_digest', { ...SAMPLES.daily_digest, birthdays_read_on: '2026-06-14' }, 'en');
    expect(unread.text).toBe('Daily summary Monday, June 15, 2026: 2 wishes sent, 2 skipped, 1 failed');
    expect(unread.body).toContain('No birthday run read the birthday page today');
    expect(unread.body).not.toContain('Frank Roe');
  });
});
