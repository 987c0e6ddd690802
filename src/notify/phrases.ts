/**
 * The notifications' words in each language, in the dashboard's vocabulary (web/src/i18n:
 * "exécution" for a run, "journal" for the logs, the outcome reasons' texts). Values are
 * cleaned by the caller; these functions only place them.
 */
import { DateTime } from 'luxon';
import type { NotificationLanguage } from '../contract/notifications.ts';
import type { AccountPauseReason, RunCounter } from '../domain.ts';

export interface Phrases {
  /** "label: value", with the language's spacing. */
  pair(label: string, value: string): string;
  /** An instant, in `timezone` (UTC without one). */
  time(iso: string, timezone: string | undefined): string;
  /** A local date (YYYY-MM-DD), written out. */
  date(localDate: string): string;
  runType(type: string): string;
  /** A counter with its value ("5 messages sent"). */
  counted(name: RunCounter, n: number): string;
  /** A run's error, short ("nothing was delivered"); null for a code without words. */
  runError(code: string): string | null;
  /** A skip or interruption reason of an outcome, or why a birthday was not wished. */
  notWished(reason: string): string;
  /** An outcome's error code. */
  outcomeError(code: string | null): string;
  pauseReason(reason: AccountPauseReason): string;
  pauseTodo(reason: AccountPauseReason): string;
  selectorStep(step: string): string;
  s: Sentences;
}

/** The sentences, by event. */
export interface Sentences {
  seeRun: string;
  openDashboard: string;
  openSession: string;
  openOverview: string;
  technicalDetail(detail: string): string;
  dryRunTag: string;
  // Session.
  sessionText: string;
  sessionIntro(when: string): string;
  /** `server`: the dashboard's address, or null when unknown. */
  sessionTodo(server: string | null): string;
  // Pause.
  pausedText(reason: string): string;
  pausedIntro(when: string): string;
  pausedResume: string;
  // Runs.
  runFailedText(type: string, why: string | null, code: string): string;
  runInterruptedText(type: string): string;
  runStoppedText(type: string): string;
  runSucceededText(type: string, summary: string): string;
  runTimes(started: string | null, ended: string | null): string | null;
  nothingDelivered(failed: number): string;
  sessionTodoShort(server: string | null): string;
  interruptedBody: string;
  stoppedBody: string;
  done(type: string, counters: RunCounters): string;
  // Selectors.
  selectorsText(steps: string): string;
  selectorItem(element: string, step: string, fallback: number, of: number, selector: string): string;
  selectorsTodo: string;
  // Worker.
  workerText(id: string, when: string): string;
  workerIntro(id: string, host: string | null, when: string): string;
  workerTodo: string;
  // Digest.
  digestText(date: string, sent: number, skipped: number, failed: number, notWished: number | null): string;
  digestTitle(date: string, timezone: string): string;
  digestRunsTitle: string;
  digestNoRun: string;
  digestRunLine(type: string, runs: number, statuses: string, counters: string): string;
  digestStatus(status: 'succeeded' | 'failed' | 'stopped' | 'interrupted' | 'in_progress', n: number): string;
  digestDryRuns(n: number): string;
  digestWishes(sent: number, skipped: number, failed: number, interrupted: number): string;
  digestSkippedBy: string;
  digestSentTo: string;
  digestFailures: string;
  digestNotWishedTitle: string;
  digestAllWished: string;
  digestNoBirthday: string;
  digestNotRead: string;
  digestMore(n: number): string;
  // Test.
  testText: string;
  testBody(when: string): string;
}

type RunCounters = Record<RunCounter, number>;

const TIME_FORMAT = { year: 'numeric', month: 'short', day: 'numeric', minute: '2-digit' } as const;

function timeIn(locale: NotificationLanguage) {
  return (iso: string, timezone: string | undefined): string => {
    const utc = DateTime.fromISO(iso, { zone: 'utc' });
    if (!utc.isValid) return iso;
    const zoned = timezone ? utc.setZone(timezone) : utc;
    const shown = zoned.isValid ? zoned : utc;
    // French readers expect 24-hour times; English ones get their usual 12-hour clock.
    const text = shown
      .setLocale(locale === 'fr' ? 'fr-FR' : 'en-US')
      .toLocaleString(
        locale === 'fr'
          ? { ...TIME_FORMAT, hour: '2-digit', hourCycle: 'h23' }
          : { ...TIME_FORMAT, hour: 'numeric', hourCycle: 'h12' },
      );
    return shown === utc ? `${text} UTC` : text;
  };
}

function dateIn(locale: NotificationLanguage) {
  return (localDate: string): string => {
    const day = DateTime.fromISO(localDate, { zone: 'utc' });
    if (!day.isValid) return localDate;
    return day.setLocale(locale === 'fr' ? 'fr-FR' : 'en-US').toLocaleString(DateTime.DATE_HUGE);
  };
}

const EN_ERRORS: Record<string, string> = {
  nothing_delivered: 'nothing was delivered',
  run_process_died: 'the run process died',
  auth_required: 'the LinkedIn session expired',
  rate_limited: 'LinkedIn reported a limit',
  browser_crashed: 'the browser stopped working',
  proxy_failed: 'the proxy stopped working',
  timeout: 'LinkedIn took too long to answer',
};

const FR_ERRORS: Record<string, string> = {
  nothing_delivered: "rien n'a été envoyé",
  run_process_died: "le processus de l'exécution s'est arrêté net",
  auth_required: 'la session LinkedIn a expiré',
  rate_limited: 'LinkedIn a signalé une limite',
  browser_crashed: 'le navigateur a cessé de fonctionner',
  proxy_failed: 'le proxy a cessé de fonctionner',
  timeout: 'LinkedIn a mis trop de temps à répondre',
};

const EN_REASONS: Record<string, string> = {
  blacklisted: 'On your blacklist',
  already_wished: 'Already wished for this birthday',
  limit: 'Limit reached (per run, day or week)',
  outside_window: 'Outside the daily time window',
  dry_run: 'Dry run: nothing was done',
  unknown_age: "The invitation's age could not be read",
  not_listed: 'No longer on the birthday page',
  auth_required: 'Not handled: the LinkedIn session expired',
  rate_limited: 'Not handled: LinkedIn reported a limit',
  browser_crashed: 'Not handled: the browser stopped working',
  proxy_failed: 'Not handled: the proxy stopped working',
  unconfirmed_sends: 'Not handled: LinkedIn confirmed none of the last sends',
  stopped_before_send: 'Run stopped while handling this contact: nothing was sent',
  stopped_after_send: 'Run stopped just after Send: the message may have gone out',
  stopped: 'Run stopped while handling this one: it may or may not be done',
  failed: 'The wish failed',
  not_processed: "Today's birthdays are off in the settings",
  pending: 'Being checked: the next run looks in the conversation before any resend',
  not_reached: 'No run got to this contact today',
};

const FR_REASONS: Record<string, string> = {
  blacklisted: 'Dans votre liste noire',
  already_wished: 'Déjà souhaité pour cet anniversaire',
  limit: 'Limite atteinte (par exécution, jour ou semaine)',
  outside_window: 'En dehors de la plage horaire du jour',
  dry_run: "Simulation : rien n'a été fait",
  unknown_age: "L'ancienneté de l'invitation n'a pas pu être lue",
  not_listed: "N'est plus sur la page des anniversaires",
  auth_required: 'Non traité : la session LinkedIn a expiré',
  rate_limited: 'Non traité : LinkedIn a signalé une limite',
  browser_crashed: 'Non traité : le navigateur a cessé de fonctionner',
  proxy_failed: 'Non traité : le proxy a cessé de fonctionner',
  unconfirmed_sends: "Non traité : LinkedIn n'a confirmé aucun des derniers envois",
  stopped_before_send: "Arrêt pendant le traitement de ce contact : rien n'a été envoyé",
  stopped_after_send: 'Arrêt juste après « Envoyer » : le message est peut-être parti',
  stopped: "Arrêt pendant le traitement : l'action a pu être faite ou non",
  failed: 'Le message a échoué',
  not_processed: 'Les anniversaires du jour sont désactivés dans les paramètres',
  pending: "En vérification : l'exécution suivante regarde la conversation avant tout renvoi",
  not_reached: "Aucune exécution n'est arrivée jusqu'à ce contact aujourd'hui",
};

const EN_OUTCOME_ERRORS: Record<string, string> = {
  auth_required: 'The LinkedIn session is no longer accepted',
  rate_limited: 'LinkedIn reported a limit',
  send_failed: 'LinkedIn did not send the message',
  element_not_found: 'An element of the LinkedIn page was not found',
  timeout: 'LinkedIn took too long to answer',
  browser_crashed: 'The browser stopped working',
  proxy_failed: 'The proxy stopped working',
  recipient_mismatch: 'The message box was addressed to someone else: nothing was sent',
  job_error: 'Unexpected error',
};

const FR_OUTCOME_ERRORS: Record<string, string> = {
  auth_required: "La session LinkedIn n'est plus acceptée",
  rate_limited: 'LinkedIn a signalé une limite',
  send_failed: "LinkedIn n'a pas envoyé le message",
  element_not_found: 'Un élément de la page LinkedIn est introuvable',
  timeout: 'LinkedIn a mis trop de temps à répondre',
  browser_crashed: 'Le navigateur a cessé de fonctionner',
  proxy_failed: 'Le proxy a cessé de fonctionner',
  recipient_mismatch: "La fenêtre du message était adressée à quelqu'un d'autre : rien n'a été envoyé",
  job_error: 'Erreur inattendue',
};

const EN_STEPS: Record<string, string> = {
  'list-birthdays': 'reading birthdays',
  'send-message': 'sending a message',
  'read-conversation': 'reading a conversation',
  'search-people': 'searching people',
  'visit-profile': 'visiting a profile',
  'list-invitations': 'reading sent invitations',
  'withdraw-invitation': 'withdrawing an invitation',
  'check-session': 'checking the session',
};

const FR_STEPS: Record<string, string> = {
  'list-birthdays': 'lecture des anniversaires',
  'send-message': "envoi d'un message",
  'read-conversation': "lecture d'une conversation",
  'search-people': 'recherche de personnes',
  'visit-profile': "visite d'un profil",
  'list-invitations': 'lecture des invitations envoyées',
  'withdraw-invitation': "retrait d'une invitation",
  'check-session': 'vérification de la session',
};

/** The counters that say what a run of each type did (its main one first). */
export const COUNTERS_OF: Record<string, readonly RunCounter[]> = {
  birthday: ['messages_sent', 'skipped', 'errors'],
  visitor: ['profiles_visited', 'skipped', 'errors'],
  invitations: ['invitations_withdrawn', 'skipped', 'errors'],
};
const ALL_COUNTERS: readonly RunCounter[] = [
  'messages_sent',
  'profiles_visited',
  'invitations_withdrawn',
  'skipped',
  'errors',
];
export const countersOf = (type: string): readonly RunCounter[] => COUNTERS_OF[type] ?? ALL_COUNTERS;

const CONNECT = 'npx linkedin-birthday-bot connect --server';

const en: Phrases = {
  pair: (label, value) => `${label}: ${value}`,
  time: timeIn('en'),
  date: dateIn('en'),
  runType: (type) =>
    ({ birthday: 'Birthdays', visitor: 'Profile visits', invitations: 'Invitation cleanup' })[type] ?? type,
  counted: (name, n) => {
    const one = n === 1;
    return {
      messages_sent: `${n} message${one ? '' : 's'} sent`,
      skipped: `${n} skipped`,
      errors: `${n} error${one ? '' : 's'}`,
      profiles_visited: `${n} profile${one ? '' : 's'} visited`,
      invitations_withdrawn: `${n} invitation${one ? '' : 's'} withdrawn`,
    }[name];
  },
  runError: (code) => EN_ERRORS[code] ?? null,
  notWished: (reason) => EN_REASONS[reason] ?? reason,
  outcomeError: (code) => (code && EN_OUTCOME_ERRORS[code]) || (code ?? 'Unexpected error'),
  pauseReason: (reason) =>
    ({
      rate_limited: 'LinkedIn showed its limit warning',
      checkpoint: 'LinkedIn asked for a security check (checkpoint)',
      captcha: 'LinkedIn showed a captcha',
    })[reason] ?? reason,
  pauseTodo: (reason) =>
    ({
      rate_limited:
        'What to do: give LinkedIn a few days, and lower the daily and weekly limits in the settings before you resume. Going on right after this warning is how accounts get restricted.',
      checkpoint:
        'What to do: open LinkedIn in your own browser and answer its check, then connect the session again (LinkedIn session page) before you resume.',
      captcha:
        'What to do: open LinkedIn in your own browser and solve the captcha, then connect the session again (LinkedIn session page) before you resume.',
    })[reason] ?? '',
  selectorStep: (step) => EN_STEPS[step] ?? step,
  s: {
    seeRun: 'See the run:',
    openDashboard: 'Open the dashboard:',
    openSession: 'LinkedIn session page:',
    openOverview: 'Overview:',
    technicalDetail: (detail) => `Detail: ${detail}`,
    dryRunTag: ' (dry run)',
    sessionText: 'LinkedIn session expired: the bots cannot run until you connect LinkedIn again',
    sessionIntro: (when) =>
      `LinkedIn no longer accepts the stored session (found ${when}). Runs will fail until you renew it.`,
    sessionTodo: (server) =>
      `What to do: connect LinkedIn again from the LinkedIn session page of the dashboard, or run "${CONNECT} ${server ?? '<dashboard address>'}" on your computer.`,
    pausedText: (reason) => `Bots paused: ${reason}. Nothing runs until you resume them`,
    pausedIntro: (when) =>
      `Every bot of this account is paused, auto-run included, since ${when}. Nothing runs until you resume.`,
    pausedResume: 'Resume the bots on the overview page of the dashboard once LinkedIn is happy again.',
    runFailedText: (type, why, code) => `${type} run failed: ${why ?? `error ${code}`}`,
    runInterruptedText: (type) => `${type} run interrupted: the process running it died`,
    runStoppedText: (type) => `${type} run stopped before its end`,
    runSucceededText: (type, summary) => `${type} run succeeded: ${summary}`,
    runTimes: (started, ended) =>
      started && ended
        ? `Started ${started}, ended ${ended}.`
        : ended
          ? `Ended ${ended}.`
          : started
            ? `Started ${started}.`
            : null,
    nothingDelivered: (failed) =>
      `The run tried ${failed} time${failed === 1 ? '' : 's'} and LinkedIn completed none: nothing was sent, visited or withdrawn. Look at the run's errors and its log; an expired session or a changed LinkedIn page is the usual cause.`,
    sessionTodoShort: (server) =>
      `Connect LinkedIn again from the LinkedIn session page, or run "${CONNECT} ${server ?? '<dashboard address>'}" on your computer.`,
    interruptedBody:
      'The process running it stopped without finishing it (a crash, a restart). What was done stays done; the next run picks up the rest.',
    stoppedBody: 'It was stopped before its end. What was done stays done.',
    done: (type, counters) => doneIn(en, type, counters),
    selectorsText: (steps) => `LinkedIn changed a page: the bots used a fallback selector (${steps})`,
    selectorItem: (element, step, fallback, of, selector) =>
      `${element} (${step}): fallback #${fallback}/${of} (${selector})`,
    selectorsTodo:
      'Everything worked, but check the LinkedIn pages (LinkedIn session page, doctor) and plan to update the app.',
    workerText: (id, when) => `Worker ${id} offline: no heartbeat since ${when}`,
    workerIntro: (id, host, when) =>
      `The worker ${id}${host ? ` on ${host}` : ''} has not reported since ${when}. Runs queued for the account wait until a worker is back.`,
    workerTodo: 'What to do: check that the worker process runs and reaches Redis and the database.',
    digestText: (date, sent, skipped, failed, notWished) =>
      `Daily summary ${date}: ${sent} wish${sent === 1 ? '' : 'es'} sent, ${skipped} skipped, ${failed} failed` +
      (notWished === null
        ? ''
        : `; ${notWished} birthday${notWished === 1 ? '' : 's'} of the day not wished`),
    digestTitle: (date, timezone) => `Summary of ${date} (${timezone})`,
    digestRunsTitle: 'Runs:',
    digestNoRun: 'No run today.',
    digestRunLine: (type, runs, statuses, counters) =>
      `${type}: ${runs} run${runs === 1 ? '' : 's'}${statuses ? ` (${statuses})` : ''}${counters ? ` — ${counters}` : ''}`,
    digestStatus: (status, n) =>
      `${n} ${{ succeeded: 'succeeded', failed: 'failed', stopped: 'stopped', interrupted: 'interrupted', in_progress: 'in progress' }[status]}`,
    digestDryRuns: (n) => `${n} dry run${n === 1 ? '' : 's'}`,
    digestWishes: (sent, skipped, failed, interrupted) =>
      `Wishes: ${sent} sent, ${skipped} skipped, ${failed} failed${interrupted ? `, ${interrupted} interrupted` : ''}.`,
    digestSkippedBy: 'Skipped, by reason:',
    digestSentTo: 'Wished:',
    digestFailures: 'Failed:',
    digestNotWishedTitle: 'Birthdays of the day not wished:',
    digestAllWished: 'Every birthday of the day was wished.',
    digestNoBirthday: 'No birthday on the page today.',
    digestNotRead: 'No birthday run read the birthday page today: the day’s birthdays are unknown.',
    digestMore: (n) => `and ${n} more`,
    testText: 'Test notification from LinkedIn Birthday Bot: this channel works',
    testBody: (when) => `If you read this, the channel is set up correctly. Sent ${when}.`,
  },
};

const fr: Phrases = {
  pair: (label, value) => `${label} : ${value}`,
  time: timeIn('fr'),
  date: dateIn('fr'),
  runType: (type) =>
    ({ birthday: 'Anniversaires', visitor: 'Visites de profils', invitations: 'Nettoyage des invitations' })[
      type
    ] ?? type,
  counted: (name, n) => {
    const s = n <= 1 ? '' : 's';
    return {
      messages_sent: `${n} message${s} envoyé${s}`,
      skipped: `${n} ignoré${s}`,
      errors: `${n} erreur${s}`,
      profiles_visited: `${n} profil${s} visité${s}`,
      invitations_withdrawn: `${n} invitation${s} retirée${s}`,
    }[name];
  },
  runError: (code) => FR_ERRORS[code] ?? null,
  notWished: (reason) => FR_REASONS[reason] ?? reason,
  outcomeError: (code) => (code && FR_OUTCOME_ERRORS[code]) || (code ?? 'Erreur inattendue'),
  pauseReason: (reason) =>
    ({
      rate_limited: 'LinkedIn a affiché son avertissement de limite',
      checkpoint: 'LinkedIn a demandé une vérification de sécurité',
      captcha: 'LinkedIn a affiché un captcha',
    })[reason] ?? reason,
  pauseTodo: (reason) =>
    ({
      rate_limited:
        "Que faire : laissez quelques jours à LinkedIn et baissez les limites quotidienne et hebdomadaire dans les paramètres avant de reprendre. Continuer juste après cet avertissement, c'est ainsi que des comptes se font restreindre.",
      checkpoint:
        'Que faire : ouvrez LinkedIn dans votre propre navigateur et répondez à sa vérification, puis reconnectez la session (page Session LinkedIn) avant de reprendre.',
      captcha:
        'Que faire : ouvrez LinkedIn dans votre propre navigateur et résolvez le captcha, puis reconnectez la session (page Session LinkedIn) avant de reprendre.',
    })[reason] ?? '',
  selectorStep: (step) => FR_STEPS[step] ?? step,
  s: {
    seeRun: "Voir l'exécution :",
    openDashboard: "Ouvrir l'application :",
    openSession: 'Page Session LinkedIn :',
    openOverview: "Vue d'ensemble :",
    technicalDetail: (detail) => `Détail technique : ${detail}`,
    dryRunTag: ' (simulation)',
    sessionText:
      'Session LinkedIn expirée : les bots ne peuvent plus tourner tant que vous ne reconnectez pas LinkedIn',
    sessionIntro: (when) =>
      `LinkedIn n'accepte plus la session enregistrée (constaté le ${when}). Les exécutions échoueront tant qu'elle n'est pas renouvelée.`,
    sessionTodo: (server) =>
      `Que faire : reconnectez LinkedIn depuis la page Session LinkedIn de l'application, ou lancez « ${CONNECT} ${server ?? "<adresse de l'application>"} » sur votre ordinateur.`,
    pausedText: (reason) => `Bots en pause : ${reason}. Rien ne tourne tant que vous ne les reprenez pas`,
    pausedIntro: (when) =>
      `Tous les bots de ce compte sont en pause, exécution automatique comprise, depuis le ${when}. Rien ne tourne tant que vous ne reprenez pas.`,
    pausedResume: "Reprenez les bots depuis la vue d'ensemble quand LinkedIn sera apaisé.",
    runFailedText: (type, why, code) => `Échec de l'exécution ${type} : ${why ?? `erreur ${code}`}`,
    runInterruptedText: (type) => `Exécution ${type} interrompue : son processus s'est arrêté net`,
    runStoppedText: (type) => `Exécution ${type} arrêtée avant la fin`,
    runSucceededText: (type, summary) => `Exécution ${type} réussie : ${summary}`,
    runTimes: (started, ended) =>
      started && ended
        ? `Démarrée le ${started}, terminée le ${ended}.`
        : ended
          ? `Terminée le ${ended}.`
          : started
            ? `Démarrée le ${started}.`
            : null,
    nothingDelivered: (failed) =>
      `L'exécution a fait ${failed} tentative${failed <= 1 ? '' : 's'} et aucune n'a abouti : rien n'a été envoyé, visité ni retiré. Consultez les erreurs de l'exécution et son journal ; une session expirée ou une page LinkedIn modifiée en est la cause habituelle.`,
    sessionTodoShort: (server) =>
      `Reconnectez LinkedIn depuis la page Session LinkedIn, ou lancez « ${CONNECT} ${server ?? "<adresse de l'application>"} » sur votre ordinateur.`,
    interruptedBody:
      "Le processus qui la menait s'est arrêté sans la terminer (plantage, redémarrage). Ce qui est fait le reste ; l'exécution suivante reprend la suite.",
    stoppedBody: 'Elle a été arrêtée avant la fin. Ce qui est fait le reste.',
    done: (type, counters) => doneIn(fr, type, counters),
    selectorsText: (steps) =>
      `LinkedIn a changé une page : le bot a utilisé un sélecteur de secours (${steps})`,
    selectorItem: (element, step, fallback, of, selector) =>
      `${element} (${step}) : solution de repli n° ${fallback}/${of} (${selector})`,
    selectorsTodo:
      "Tout a fonctionné, mais vérifiez les pages LinkedIn (page Session LinkedIn, diagnostic) et pensez à mettre à jour l'application.",
    workerText: (id, when) => `Moteur d'exécution ${id} hors ligne : aucun signe de vie depuis le ${when}`,
    workerIntro: (id, host, when) =>
      `Le moteur d'exécution ${id}${host ? ` (machine ${host})` : ''} ne donne plus signe de vie depuis le ${when}. Les exécutions en file d'attente du compte attendent qu'un moteur revienne.`,
    workerTodo:
      'Que faire : vérifiez que le processus du moteur tourne et joint Redis et la base de données.',
    digestText: (date, sent, skipped, failed, notWished) =>
      `Résumé du ${date} : ${sent} vœu${sent <= 1 ? '' : 'x'} envoyé${sent <= 1 ? '' : 's'}, ${skipped} ignoré${skipped <= 1 ? '' : 's'}, ${failed} en échec` +
      (notWished === null
        ? ''
        : ` ; ${notWished} anniversaire${notWished <= 1 ? '' : 's'} du jour non souhaité${notWished <= 1 ? '' : 's'}`),
    digestTitle: (date, timezone) => `Résumé du ${date} (${timezone})`,
    digestRunsTitle: 'Exécutions :',
    digestNoRun: "Aucune exécution aujourd'hui.",
    digestRunLine: (type, runs, statuses, counters) =>
      `${type} : ${runs} exécution${runs <= 1 ? '' : 's'}${statuses ? ` (${statuses})` : ''}${counters ? ` — ${counters}` : ''}`,
    digestStatus: (status, n) => {
      const plural = n <= 1 ? '' : 's';
      return {
        succeeded: `${n} réussie${plural}`,
        failed: `${n} en échec`,
        stopped: `${n} arrêtée${plural}`,
        interrupted: `${n} interrompue${plural}`,
        in_progress: `${n} en cours`,
      }[status];
    },
    digestDryRuns: (n) => `${n} simulation${n <= 1 ? '' : 's'}`,
    digestWishes: (sent, skipped, failed, interrupted) =>
      `Vœux : ${sent} envoyé${sent <= 1 ? '' : 's'}, ${skipped} ignoré${skipped <= 1 ? '' : 's'}, ${failed} en échec${interrupted ? `, ${interrupted} interrompu${interrupted <= 1 ? '' : 's'}` : ''}.`,
    digestSkippedBy: 'Ignorés, par raison :',
    digestSentTo: 'Souhaités :',
    digestFailures: 'En échec :',
    digestNotWishedTitle: 'Anniversaires du jour non souhaités :',
    digestAllWished: 'Tous les anniversaires du jour ont été souhaités.',
    digestNoBirthday: "Aucun anniversaire sur la page aujourd'hui.",
    digestNotRead:
      "Aucune exécution Anniversaires n'a lu la page des anniversaires aujourd'hui : les anniversaires du jour sont inconnus.",
    digestMore: (n) => `et ${n} de plus`,
    testText: 'Notification de test de LinkedIn Birthday Bot : ce canal fonctionne',
    testBody: (when) => `Si vous lisez ceci, le canal est bien configuré. Envoyée le ${when}.`,
  },
};

/** "5 messages sent, 1 error": what a run did, by its type's counters (zeros left out, but the main one). */
function doneIn(p: Phrases, type: string, counters: RunCounters): string {
  const [main, ...rest] = countersOf(type);
  return [main!, ...rest.filter((c) => counters[c] > 0)].map((c) => p.counted(c, counters[c])).join(', ');
}

export function phrasesIn(language: NotificationLanguage): Phrases {
  return language === 'fr' ? fr : en;
}
