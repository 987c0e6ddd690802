import type { LogCode } from '../../../src/contract/logCodes.ts';

/**
 * Log lines in words, one text per code of the server's catalogue (src/contract/logCodes.ts),
 * `{param}` filled from the line's parameters (components/logText.ts formats some of them:
 * run types and statuses, error codes, reasons, lateness, a dry run's mark). Keyed
 * `log.<code>`; the `satisfies` below makes a code without a text a type error.
 */
type LogTexts = Record<`log.${LogCode}`, string>;

const enCodes = {
  'log.run.queued': 'Run queued by {by}',
  'log.run.started': 'Run started ({type})',
  'log.run.finished': 'Run finished: {status}',
  'log.run.stopped': 'Run stopped by {by}',
  'log.run.ended_with_error': 'Run {status}: {error_code}{error_message}',
  'log.account.paused':
    'Every bot of this account is paused, auto-run included: {reason}. Resume them on the overview once LinkedIn is happy again.',
  'log.run.failure': '{error_code}{error_message}',
  'log.run.listing_failed': 'Could not read {what}: {error_code}{error_message}',
  'log.run.stopped_during_item': 'Stopped',
  'log.item.failed': 'Could not handle {name}: {error_code}{error_message}',
  'log.browser.cache_busy':
    "The account's browser cache is in use by process {holder}: this run uses a throwaway cache",
  'log.browser.close_failed': 'Closing the browser failed: {error_message}',
  'log.browser.multi_process':
    'Chromium did not start in one process ({reason}): starting it multi-process, which takes more memory',
  'log.linkedin.language_learned':
    'LinkedIn shows its pages in "{language}": the account\'s browser speaks it from the next run',
  'log.linkedin.language_failed': "Recording LinkedIn's language failed: {error_message}",
  'log.linkedin.request_refused':
    'Refused a request to linkedin.com while LINKEDIN_BASE_URL is elsewhere: {url}',
  'log.selector.fallback': 'Selector {key}: fallback #{index}/{total} matched ({description})',
  'log.selector.page_changed':
    'LinkedIn changed a page: {key} was found only by fallback #{index}/{total} ({description}) during {step}',
  'log.driver.detail': '{detail}',
  'log.driver.warning': '{detail}',
  'log.session.store_failed': 'Storing the refreshed LinkedIn cookies failed: {error_message}',
  'log.session.local_storage_too_large':
    "LinkedIn's local storage is too large to store ({kib} KiB): only its cookies are stored",
  'log.session.cookie_removed':
    'LinkedIn removed the session cookie (li_at) during the run: the stored one is kept',
  'log.session.replaced':
    'The LinkedIn session was replaced or removed during the run: the cookies LinkedIn refreshed are not stored',
  'log.session.refreshed': 'LinkedIn session refreshed: {cookies} cookie(s) ({cookie_names}){local_storage}',
  'log.network.ip_unchecked': 'Exit IP not checked ({reason}): without a proxy the run goes on',
  'log.network.proxy_failed': 'The proxy {proxy} did not work: {reason}. Nothing was sent to LinkedIn',
  'log.network.ip': 'Exit IP {ip}{proxy}',
  'log.network.ip_changed':
    'The exit IP changed: LinkedIn now sees {ip}{proxy}, the previous run came from {previous_ip}',
  'log.warmup.day': "Warm-up day {day} of {days} (a new account's first week): {lowered}",
  'log.birthday.found_asked': 'Found {listed} birthday(s): {found} of the {asked} contact(s) asked for',
  'log.birthday.found':
    'Found {listed} birthday(s) ({today} today, {late} late): {to_process} to process, {ignored} ignored by the settings',
  'log.birthday.cards_unreadable':
    '{count} birthday card(s) could not be read (no "today", "N days ago" or "belated" in English or French): skipped',
  'log.birthday.would_wish': 'Dry run: would wish {name} ({days_late}): "{text}"',
  'log.birthday.wished': 'Wished {name} ({days_late})',
  'log.birthday.wished_box_closed':
    'Wished {name} ({days_late}): confirmed by the message box closing without an error',
  'log.birthday.skipped': 'Skipped {name}: {reason}',
  'log.birthday.stopped_while': 'Stopped while handling {name}: nothing was sent to them',
  'log.birthday.wish_failed': 'Could not wish {name}: {error_code}{error_message}',
  'log.birthday.limit_reached': 'Reached the {which} ({value}): the remaining contacts are skipped',
  'log.birthday.outside_window':
    'Outside the daily window {start}-{end} ({timezone}): the remaining contacts are skipped',
  'log.birthday.pending_confirmed':
    'Confirmed a pending wish to {name}: found in the conversation, not sent again',
  'log.birthday.pending_resend': 'A pending wish to {name} never reached the conversation: sending again',
  'log.birthday.unconfirmed':
    '{name}: no confirmation after Send; the wish is kept as pending and checked in the conversation before any resend',
  'log.birthday.unconfirmed_in_a_row':
    'LinkedIn confirmed none of the last {count} sends: stopped rather than sending blind (each is checked in its conversation by the next run)',
  'log.birthday.stopped_after_send':
    '{name}: stopped after Send may have been pressed; the next run checks the conversation',
  'log.birthday.intent_missing': '{name}: the message was sent without an intent row; recording it now',
  'log.birthday.done': 'Birthday run done: {sent} sent, {skipped} skipped, {errors} error(s)',
  'log.visitor.start': 'Visiting up to {limit} profile(s) from {searches}{location}',
  'log.visitor.search_page':
    'Search {search} page {page}: {results} result(s), {fresh} new, {recent} visited in the last {days} days',
  'log.visitor.would_visit': 'Dry run: would visit {name}',
  'log.visitor.visited': 'Visited {name}{headline}',
  'log.visitor.search_exhausted': 'Search {search}: {pages} pages in a row without a new profile, moving on',
  'log.visitor.search_failed': 'Search {search}, page {page} failed: {error_code}{error_message}',
  'log.visitor.limit_reached': 'Reached the per-run limit of {limit} visit(s)',
  'log.visitor.done': 'Visitor run done: {visited} visited, {skipped} skipped, {errors} error(s)',
  'log.invitations.found':
    '{total} sent invitation(s): {old} older than {threshold} days, {young} younger (kept), {unknown} of unknown age; withdrawing up to {limit}',
  'log.invitations.age_unknown': 'Skipped {name}: could not read the invitation\'s age ("{label}")',
  'log.invitations.would_withdraw': 'Dry run: would withdraw the invitation to {name} ({age_days})',
  'log.invitations.withdrew': 'Withdrew the invitation to {name} ({age_days})',
  'log.invitations.limit_reached': 'Reached the per-run limit of {limit} withdrawal(s)',
  'log.invitations.done':
    'Invitation cleanup done: {withdrawn} withdrawn, {skipped} skipped, {errors} error(s)',
  'log.test.note': '{text}',
} satisfies LogTexts;

/** Words some parameters are shown with (see components/logText.ts). */
const enWords = {
  'log.param.dryRun': ' [dry run]',
  'log.param.today': 'today',
  'log.param.belated': 'belated',
  'log.param.daysLate': '{count} day(s) late',
  'log.param.inLocation': ' in {location}',
  'log.param.headline': ' ({headline})',
  'log.param.throughProxy': ' through the proxy {proxy}',
  'log.param.andLocalStorage': " and LinkedIn's local storage",
  'log.param.openSearch': 'an open search',
  'log.param.unknown': '?',
  'log.param.quoted': '"{text}"',
  'log.param.sentDaysAgo': 'sent {count} day(s) ago',
  'log.param.errorDetail': ' ({detail})',
  'log.param.errorCode': 'error {code}',
  'log.param.lowered': '{limit} {value} instead of {normal}',
  'log.limit.per_run': 'per-run limit',
  'log.limit.daily': 'daily limit',
  'log.limit.weekly': 'weekly limit',
  'log.limit.visits_per_run': 'limit of profile visits per run',
  'log.limit.withdrawals_per_run': 'limit of withdrawals per run',
  'log.listing.birthdays': 'the birthday page',
  'log.listing.sent_invitations': 'the sent invitations',
  'log.error.invalid_selectors': 'The selector overrides file is not valid: fix or remove it',
  'log.error.unconfirmed_sends': 'LinkedIn confirmed none of the last sends',
  'log.error.unknown_job_type': 'This kind of run does not exist',
  'log.error.run_not_found': 'The run no longer exists',
  'log.error.launch_failed': 'The run process could not start',
  'log.error.task_error': 'Unexpected error in the browser task',
  'log.which.per_run': 'per-run limit',
  'log.which.daily': 'daily limit',
  'log.which.weekly': 'weekly limit',
  'log.reason.blacklisted': 'on the blacklist',
  'log.reason.already_wished': 'already wished',
  'log.reason.limit': 'a limit was reached',
  'log.reason.outside_window': 'outside the daily window',
  'log.reason.dry_run': 'dry run',
  'log.reason.auth_required': 'the LinkedIn session expired',
  'log.reason.rate_limited': 'LinkedIn reported a limit',
  'log.reason.browser_crashed': 'the browser crashed',
  'log.reason.proxy_failed': 'the proxy failed',
  'log.reason.unconfirmed_sends': 'too many unconfirmed sends',
  'log.reason.not_listed': 'no longer on the birthday page',
  'log.failure.auth_required':
    'LinkedIn session expired or not accepted: log in again and store new session cookies',
  'log.failure.rate_limited':
    'LinkedIn reports a limit: the bots of this account pause until you resume them',
  'log.failure.browser_crashed': 'The browser stopped working',
  'log.failure.proxy_failed': 'The proxy stopped working',
  'log.failure.checkpoint':
    'LinkedIn asked for a security check (checkpoint): connect again and answer it; the bots of this account pause until you resume them',
  'log.failure.captcha':
    'LinkedIn showed a captcha: connect again and answer it; the bots of this account pause until you resume them',
  'log.badge.debug': 'DEBUG',
  'log.badge.info': 'INFO',
  'log.badge.warn': 'WARN',
  'log.badge.error': 'ERROR',
  'pages.logs.minLevel': 'Show',
  'pages.logs.minLevel.debug': 'Everything (debug included)',
  'pages.logs.minLevel.info': 'Info and above',
  'pages.logs.minLevel.warn': 'Warnings and errors',
  'pages.logs.minLevel.error': 'Errors only',
  'pages.logs.runIdHint': 'The 8 characters shown, or the whole ID',
};

export const en = { ...enCodes, ...enWords };

export const fr = {
  'log.run.queued': 'Exécution mise en file d’attente par {by}',
  'log.run.started': 'Exécution démarrée ({type})',
  'log.run.finished': 'Exécution terminée : {status}',
  'log.run.stopped': 'Exécution arrêtée par {by}',
  'log.run.ended_with_error': 'Exécution terminée : {status} — {error_code}{error_message}',
  'log.account.paused':
    "Tous les bots de ce compte sont en pause, exécution automatique comprise : {reason}. Reprenez-les depuis la vue d'ensemble quand LinkedIn sera apaisé.",
  'log.run.failure': '{error_code}{error_message}',
  'log.run.listing_failed': 'Lecture impossible de {what} : {error_code}{error_message}',
  'log.run.stopped_during_item': 'Arrêté',
  'log.item.failed': 'Échec pour {name} : {error_code}{error_message}',
  'log.browser.cache_busy':
    'Le cache du navigateur du compte est utilisé par le processus {holder} : cette exécution utilise un cache jetable',
  'log.browser.close_failed': 'La fermeture du navigateur a échoué : {error_message}',
  'log.browser.multi_process':
    "Chromium n'a pas démarré en un seul processus ({reason}) : démarrage multi-processus, plus gourmand en mémoire",
  'log.linkedin.language_learned':
    'LinkedIn affiche ses pages en « {language} » : le navigateur du compte parlera cette langue dès la prochaine exécution',
  'log.linkedin.language_failed': "L'enregistrement de la langue de LinkedIn a échoué : {error_message}",
  'log.linkedin.request_refused':
    'Requête vers linkedin.com refusée (LINKEDIN_BASE_URL pointe ailleurs) : {url}',
  'log.selector.fallback': 'Sélecteur {key} : solution de repli n° {index}/{total} trouvée ({description})',
  'log.selector.page_changed':
    "LinkedIn a modifié une page : {key} n'a été trouvé que par la solution de repli n° {index}/{total} ({description}) pendant {step}",
  'log.driver.detail': '{detail}',
  'log.driver.warning': '{detail}',
  'log.session.store_failed': "L'enregistrement des cookies LinkedIn renouvelés a échoué : {error_message}",
  'log.session.local_storage_too_large':
    'Le stockage local de LinkedIn est trop volumineux ({kib} Kio) : seuls ses cookies sont enregistrés',
  'log.session.cookie_removed':
    'LinkedIn a supprimé le cookie de session (li_at) pendant l’exécution : celui enregistré est conservé',
  'log.session.replaced':
    'La session LinkedIn a été remplacée ou supprimée pendant l’exécution : les cookies renouvelés ne sont pas enregistrés',
  'log.session.refreshed':
    'Session LinkedIn renouvelée : {cookies} cookie(s) ({cookie_names}){local_storage}',
  'log.network.ip_unchecked': 'IP de sortie non vérifiée ({reason}) : sans proxy, l’exécution continue',
  'log.network.proxy_failed':
    "Le proxy {proxy} n'a pas fonctionné : {reason}. Rien n'a été envoyé à LinkedIn",
  'log.network.ip': 'IP de sortie {ip}{proxy}',
  'log.network.ip_changed':
    "L'IP de sortie a changé : LinkedIn voit maintenant {ip}{proxy}, l’exécution précédente venait de {previous_ip}",
  'log.warmup.day':
    "Jour {day} sur {days} de l'échauffement (première semaine d'un nouveau compte) : {lowered}",
  'log.birthday.found_asked':
    '{listed} anniversaire(s) trouvé(s) : {found} des {asked} contact(s) demandé(s)',
  'log.birthday.found':
    '{listed} anniversaire(s) trouvé(s) ({today} aujourd’hui, {late} en retard) : {to_process} à traiter, {ignored} ignoré(s) par les réglages',
  'log.birthday.cards_unreadable':
    '{count} carte(s) d’anniversaire illisible(s) (ni « today », ni « N days ago », ni « belated », en anglais ou en français) : ignorée(s)',
  'log.birthday.would_wish': 'Simulation : souhaiterait l’anniversaire de {name} ({days_late}) : « {text} »',
  'log.birthday.wished': 'Anniversaire souhaité à {name} ({days_late})',
  'log.birthday.wished_box_closed':
    'Anniversaire souhaité à {name} ({days_late}) : confirmé par la fermeture sans erreur de la fenêtre de message',
  'log.birthday.skipped': '{name} ignoré(e) : {reason}',
  'log.birthday.stopped_while': 'Arrêté pendant le traitement de {name} : rien ne lui a été envoyé',
  'log.birthday.wish_failed':
    'Impossible de souhaiter l’anniversaire de {name} : {error_code}{error_message}',
  'log.birthday.limit_reached': '{which} atteinte ({value}) : les contacts restants sont ignorés',
  'log.birthday.outside_window':
    'Hors de la plage horaire {start}-{end} ({timezone}) : les contacts restants sont ignorés',
  'log.birthday.pending_confirmed':
    'Vœu en attente pour {name} confirmé : trouvé dans la conversation, pas renvoyé',
  'log.birthday.pending_resend':
    "Un vœu en attente pour {name} n'est jamais arrivé dans la conversation : nouvel envoi",
  'log.birthday.unconfirmed':
    '{name} : aucune confirmation après l’envoi ; le vœu reste en attente et sera vérifié dans la conversation avant tout renvoi',
  'log.birthday.unconfirmed_in_a_row':
    "LinkedIn n'a confirmé aucun des {count} derniers envois : arrêt plutôt qu'envoyer à l'aveugle (la prochaine exécution vérifie chaque conversation)",
  'log.birthday.stopped_after_send':
    '{name} : arrêté alors que l’envoi a peut-être été fait ; la prochaine exécution vérifie la conversation',
  'log.birthday.intent_missing': '{name} : message envoyé sans trace préalable ; enregistrement maintenant',
  'log.birthday.done':
    'Exécution des anniversaires terminée : {sent} envoyé(s), {skipped} ignoré(s), {errors} erreur(s)',
  'log.visitor.start': "Visite d'au plus {limit} profil(s) depuis {searches}{location}",
  'log.visitor.search_page':
    'Recherche {search}, page {page} : {results} résultat(s), {fresh} nouveau(x), {recent} visité(s) ces {days} derniers jours',
  'log.visitor.would_visit': 'Simulation : visiterait {name}',
  'log.visitor.visited': 'Profil visité : {name}{headline}',
  'log.visitor.search_exhausted':
    'Recherche {search} : {pages} pages de suite sans nouveau profil, passage à la suivante',
  'log.visitor.search_failed': 'Échec de la recherche {search}, page {page} : {error_code}{error_message}',
  'log.visitor.limit_reached': 'Limite par exécution atteinte : {limit} visite(s)',
  'log.visitor.done':
    'Exécution des visites terminée : {visited} visité(s), {skipped} ignoré(s), {errors} erreur(s)',
  'log.invitations.found':
    '{total} invitation(s) envoyée(s) : {old} de plus de {threshold} jours, {young} plus récente(s) (gardées), {unknown} d’âge inconnu ; retrait d’au plus {limit}',
  'log.invitations.age_unknown': "{name} ignoré(e) : âge de l'invitation illisible (« {label} »)",
  'log.invitations.would_withdraw': "Simulation : retirerait l'invitation à {name} ({age_days})",
  'log.invitations.withdrew': 'Invitation à {name} retirée ({age_days})',
  'log.invitations.limit_reached': 'Limite par exécution atteinte : {limit} retrait(s)',
  'log.invitations.done':
    'Nettoyage des invitations terminé : {withdrawn} retirée(s), {skipped} ignorée(s), {errors} erreur(s)',
  'log.test.note': '{text}',

  'log.param.dryRun': ' [simulation]',
  'log.param.today': 'aujourd’hui',
  'log.param.belated': 'en retard',
  'log.param.daysLate': '{count} jour(s) de retard',
  'log.param.inLocation': ' à {location}',
  'log.param.headline': ' ({headline})',
  'log.param.throughProxy': ' via le proxy {proxy}',
  'log.param.andLocalStorage': ' et le stockage local de LinkedIn',
  'log.param.openSearch': 'une recherche ouverte',
  'log.param.unknown': '?',
  'log.param.quoted': '« {text} »',
  'log.param.sentDaysAgo': 'envoyée il y a {count} jour(s)',
  'log.param.errorDetail': ' ({detail})',
  'log.param.errorCode': 'erreur {code}',
  'log.param.lowered': '{limit} à {value} au lieu de {normal}',
  'log.limit.per_run': 'limite par exécution',
  'log.limit.daily': 'limite quotidienne',
  'log.limit.weekly': 'limite hebdomadaire',
  'log.limit.visits_per_run': 'limite de visites de profils par exécution',
  'log.limit.withdrawals_per_run': 'limite de retraits par exécution',
  'log.listing.birthdays': 'la page des anniversaires',
  'log.listing.sent_invitations': 'la liste des invitations envoyées',
  'log.error.invalid_selectors':
    "Le fichier de sélecteurs personnalisés n'est pas valide : corrigez-le ou supprimez-le",
  'log.error.unconfirmed_sends': "LinkedIn n'a confirmé aucun des derniers envois",
  'log.error.unknown_job_type': "Ce type d'exécution n'existe pas",
  'log.error.run_not_found': "L'exécution n'existe plus",
  'log.error.launch_failed': "Le processus de l'exécution n'a pas pu démarrer",
  'log.error.task_error': 'Erreur inattendue dans la tâche du navigateur',
  'log.which.per_run': 'Limite par exécution',
  'log.which.daily': 'Limite quotidienne',
  'log.which.weekly': 'Limite hebdomadaire',
  'log.reason.blacklisted': 'dans la liste noire',
  'log.reason.already_wished': 'déjà souhaité',
  'log.reason.limit': 'limite atteinte',
  'log.reason.outside_window': 'hors de la plage horaire',
  'log.reason.dry_run': 'simulation',
  'log.reason.auth_required': 'la session LinkedIn a expiré',
  'log.reason.rate_limited': 'LinkedIn a signalé une limite',
  'log.reason.browser_crashed': 'le navigateur a planté',
  'log.reason.proxy_failed': 'le proxy a échoué',
  'log.reason.unconfirmed_sends': 'trop d’envois non confirmés',
  'log.reason.not_listed': 'n’est plus sur la page des anniversaires',
  'log.failure.auth_required':
    'Session LinkedIn expirée ou refusée : reconnectez-vous et enregistrez de nouveaux cookies de session',
  'log.failure.rate_limited':
    "LinkedIn signale une limite : les bots de ce compte sont en pause jusqu'à ce que vous les repreniez",
  'log.failure.browser_crashed': 'Le navigateur a cessé de fonctionner',
  'log.failure.proxy_failed': 'Le proxy a cessé de fonctionner',
  'log.failure.checkpoint':
    "LinkedIn demande une vérification de sécurité : reconnectez-vous et répondez-y ; les bots de ce compte sont en pause jusqu'à ce que vous les repreniez",
  'log.failure.captcha':
    "LinkedIn a affiché un captcha : reconnectez-vous et répondez-y ; les bots de ce compte sont en pause jusqu'à ce que vous les repreniez",
  'log.badge.debug': 'DÉBOG',
  'log.badge.info': 'INFO',
  'log.badge.warn': 'ALERTE',
  'log.badge.error': 'ERREUR',
  'pages.logs.minLevel': 'Afficher',
  'pages.logs.minLevel.debug': 'Tout (débogage compris)',
  'pages.logs.minLevel.info': 'Info et plus',
  'pages.logs.minLevel.warn': 'Avertissements et erreurs',
  'pages.logs.minLevel.error': 'Erreurs seulement',
  'pages.logs.runIdHint': 'Les 8 caractères affichés, ou l’ID complet',
} satisfies Record<keyof typeof en, string>;
