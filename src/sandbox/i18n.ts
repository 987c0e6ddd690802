import type { DomVariant } from './faults.ts';
import { html, type SafeHtml } from './html.ts';
import type { Locale } from './world.ts';

/** Every text the sandbox shows, in English and French, as LinkedIn words them. */

/** Texts of the sdui design only (LinkedIn's new pages). */
export interface SduiTexts {
  navSettings: string;
  settingsTitle: string;
  /** "Celebrate Sarah's birthday <strong>today</strong>". */
  birthdayToday: (first: string) => SafeHtml;
  /** Late birthdays, with no day count: "Celebrate Sarah's <strong>belated</strong> birthday". */
  birthdayBelated: (first: string) => SafeHtml;
  /** LinkedIn's suggested wishes: the compose link's `body` and its visible text. */
  wishToday: (first: string) => string;
  wishBelated: (first: string) => string;
  /** The primary link's aria-label: "Message Sarah Bellevegue: <wish>". */
  messageWith: (name: string, wish: string) => string;
  /** A profile's message link. */
  messageAria: (name: string) => string;
  loadMore: string;
  jobChange: (first: string, role: string, company: string) => string;
  workAnniversary: (first: string, years: number, company: string) => SafeHtml;
  workAnniversaryPlain: (first: string) => string;
  congratsJob: (first: string) => string;
  congratsYears: (first: string, years: number) => string;
  congratsAnniversary: (first: string) => string;
  welcomeBack: string;
  signInAnother: string;
  pageOf: (page: number, pages: number) => string;
}

export interface Texts {
  navHome: string;
  navNetwork: string;
  navMessaging: string;
  navMe: string;
  searchPlaceholder: string;
  signIn: string;
  signInTitle: string;
  emailLabel: string;
  passwordLabel: string;
  sandboxSignInHint: string;
  authwallTitle: string;
  checkpointTitle: string;
  checkpointBody: string;
  feedTitle: string;
  startPost: string;
  rateLimited: string;
  birthdaysTitle: string;
  celebrate: (firstName: string) => string;
  wishLabel: string;
  birthdayWhen: (daysLate: number, variant: DomVariant) => string;
  message: string;
  messageAria: (name: string) => string;
  follow: string;
  followAria: (name: string) => string;
  premium: string;
  promoted: string;
  noBirthdays: string;
  loading: string;
  close: string;
  send: string;
  composer: string;
  you: string;
  sendFailed: string;
  messagingTitle: string;
  searchTitle: string;
  resultCount: (n: number) => string;
  noResults: string;
  next: string;
  previous: string;
  pageAria: (n: number) => string;
  connect: string;
  connectAria: (name: string) => string;
  profileNotFound: string;
  contactInfo: string;
  invitationsTitle: string;
  received: string;
  sentTab: string;
  people: (n: number) => string;
  sentAgo: (days: number) => string;
  withdraw: string;
  withdrawAria: (name: string) => string;
  withdrawTitle: string;
  withdrawBody: (name: string) => string;
  cancel: string;
  dismiss: string;
  noInvitations: string;
  withdrawn: string;
  genericError: string;
  sdui: SduiTexts;
}

const en: Texts = {
  navHome: 'Home',
  navNetwork: 'My Network',
  navMessaging: 'Messaging',
  navMe: 'Me',
  searchPlaceholder: 'Search',
  signIn: 'Sign in',
  signInTitle: 'Sign in',
  emailLabel: 'Email or phone',
  passwordLabel: 'Password',
  sandboxSignInHint: 'LinkedIn sandbox: any email and password sign you in.',
  authwallTitle: 'Sign in to see who you already know on LinkedIn',
  checkpointTitle: 'Let’s do a quick security check',
  checkpointBody: 'We want to make sure it’s really you. Enter the code we sent to your email.',
  feedTitle: 'Feed',
  startPost: 'Start a post',
  rateLimited: "You've reached the weekly invitation limit",
  birthdaysTitle: 'Birthdays',
  celebrate: (first) => `Celebrate ${first}’s birthday`,
  wishLabel: 'Happy birthday!',
  birthdayWhen: (d) => (d === 0 ? 'Today' : d === 1 ? 'Yesterday' : `${d} days ago`),
  message: 'Message',
  messageAria: (name) => `Message ${name}`,
  follow: 'Follow',
  followAria: (name) => `Follow ${name}`,
  premium: 'Try Premium for €0',
  promoted: 'Promoted',
  noBirthdays: 'No birthdays to celebrate',
  loading: 'Loading…',
  close: 'Close',
  send: 'Send',
  composer: 'Write a message…',
  you: 'You',
  sendFailed: 'Message failed to send',
  messagingTitle: 'Messaging',
  searchTitle: 'People',
  resultCount: (n) => `About ${n} result${n === 1 ? '' : 's'}`,
  noResults: 'No results found',
  next: 'Next',
  previous: 'Previous',
  pageAria: (n) => `Page ${n}`,
  connect: 'Connect',
  connectAria: (name) => `Invite ${name} to connect`,
  profileNotFound: 'This page doesn’t exist',
  contactInfo: 'Contact info',
  invitationsTitle: 'Manage invitations',
  received: 'Received',
  sentTab: 'Sent',
  people: (n) => `People (${n})`,
  sentAgo: (d) => {
    if (d <= 0) return 'Sent today';
    if (d < 7) return `Sent ${d} day${d === 1 ? '' : 's'} ago`;
    if (d < 30) {
      const w = Math.floor(d / 7);
      return `Sent ${w} week${w === 1 ? '' : 's'} ago`;
    }
    const m = Math.floor(d / 30);
    return `Sent ${m} month${m === 1 ? '' : 's'} ago`;
  },
  withdraw: 'Withdraw',
  withdrawAria: (name) => `Withdraw invitation sent to ${name}`,
  withdrawTitle: 'Withdraw invitation',
  withdrawBody: (name) =>
    `If you withdraw now, you won’t be able to resend an invitation to ${name} for up to 3 weeks.`,
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  noInvitations: 'No pending invitations',
  withdrawn: 'Invitation withdrawn',
  genericError: 'Something went wrong. Please try again.',
  sdui: {
    navSettings: 'Settings',
    settingsTitle: 'Settings',
    // English uses the straight apostrophe (U+0027), French the typographic one (U+2019).
    birthdayToday: (first) => html`Celebrate ${first}'s birthday <strong>today</strong>`,
    birthdayBelated: (first) => html`Celebrate ${first}'s <strong>belated</strong> birthday`,
    wishToday: (first) => `Happy birthday, ${first}! 🎉`,
    wishBelated: (first) => `Happy belated birthday, ${first}!`,
    messageWith: (name, wish) => `Message ${name}: ${wish}`,
    messageAria: (name) => `Message ${name}`,
    loadMore: 'Load more',
    jobChange: (first, role, company) =>
      `Congratulate ${first} on starting a new position as ${role} at ${company}`,
    workAnniversary: (first, years, company) =>
      html`Celebrate ${first}'s <strong>${years} years</strong> at ${company}`,
    workAnniversaryPlain: (first) => `Congratulate ${first} on their work anniversary`,
    congratsJob: (first) => `Congrats on the new role, ${first}!`,
    congratsYears: (first, years) => `Congrats on ${years} years, ${first}!`,
    congratsAnniversary: (first) => `Congrats on your work anniversary, ${first}!`,
    welcomeBack: 'Welcome back',
    signInAnother: 'Sign in using another account',
    pageOf: (page, pages) => `Page ${page} of ${pages}`,
  },
};

const fr: Texts = {
  navHome: 'Accueil',
  navNetwork: 'Réseau',
  navMessaging: 'Messagerie',
  navMe: 'Vous',
  searchPlaceholder: 'Recherche',
  signIn: 'S’identifier',
  signInTitle: 'S’identifier',
  emailLabel: 'E-mail ou téléphone',
  passwordLabel: 'Mot de passe',
  sandboxSignInHint: 'Bac à sable LinkedIn : n’importe quel e-mail et mot de passe vous connectent.',
  authwallTitle: 'Identifiez-vous pour voir qui vous connaissez déjà sur LinkedIn',
  checkpointTitle: 'Procédons à une vérification de sécurité rapide',
  checkpointBody: 'Nous voulons nous assurer qu’il s’agit bien de vous. Saisissez le code envoyé par e-mail.',
  feedTitle: 'Fil d’actualité',
  startPost: 'Commencer un post',
  rateLimited: 'Vous avez atteint la limite hebdomadaire d’invitations',
  birthdaysTitle: 'Anniversaires',
  celebrate: (first) => `Célébrez l’anniversaire de ${first}`,
  wishLabel: 'Joyeux anniversaire !',
  birthdayWhen: (d, variant) =>
    d === 0 ? (variant === 'alt' ? "Aujourd'hui" : 'Aujourd’hui') : d === 1 ? 'Hier' : `il y a ${d} jours`,
  message: 'Envoyer un message',
  messageAria: (name) => `Message à ${name}`,
  follow: 'Suivre',
  followAria: (name) => `Suivre ${name}`,
  premium: 'Essayez Premium pour 0 €',
  promoted: 'Sponsorisé',
  noBirthdays: 'Aucun anniversaire à célébrer',
  loading: 'Chargement…',
  close: 'Fermer',
  send: 'Envoyer',
  composer: 'Écrivez un message…',
  you: 'Vous',
  sendFailed: "Échec de l'envoi du message",
  messagingTitle: 'Messagerie',
  searchTitle: 'Personnes',
  resultCount: (n) => `Environ ${n} résultat${n > 1 ? 's' : ''}`,
  noResults: 'Aucun résultat',
  next: 'Suivant',
  previous: 'Précédent',
  pageAria: (n) => `Page ${n}`,
  connect: 'Se connecter',
  connectAria: (name) => `Invitez ${name} à rejoindre votre réseau`,
  profileNotFound: 'Cette page n’existe pas',
  contactInfo: 'Coordonnées',
  invitationsTitle: 'Gérer les invitations',
  received: 'Reçues',
  sentTab: 'Envoyées',
  people: (n) => `Personnes (${n})`,
  sentAgo: (d) => {
    if (d <= 0) return 'Envoyée aujourd’hui';
    if (d < 7) return `Envoyée il y a ${d} jour${d === 1 ? '' : 's'}`;
    if (d < 30) {
      const w = Math.floor(d / 7);
      return `Envoyée il y a ${w} semaine${w === 1 ? '' : 's'}`;
    }
    return `Envoyée il y a ${Math.floor(d / 30)} mois`;
  },
  withdraw: 'Retirer',
  withdrawAria: (name) => `Retirer l’invitation envoyée à ${name}`,
  withdrawTitle: 'Retirer l’invitation',
  withdrawBody: (name) =>
    `Si vous retirez cette invitation maintenant, vous ne pourrez pas en renvoyer une à ${name} pendant 3 semaines.`,
  cancel: 'Annuler',
  dismiss: 'Fermer',
  noInvitations: 'Aucune invitation en attente',
  withdrawn: 'Invitation retirée',
  genericError: 'Une erreur s’est produite. Veuillez réessayer.',
  sdui: {
    navSettings: 'Préférences',
    settingsTitle: 'Préférences',
    birthdayToday: (first) => html`Célébrez l’anniversaire de ${first} <strong>aujourd’hui</strong>`,
    birthdayBelated: (first) => html`Célébrez l’anniversaire de ${first} <strong>avec du retard</strong>`,
    wishToday: (first) => `Joyeux anniversaire ${first} ! 🎂`,
    wishBelated: (first) => `Joyeux anniversaire en retard, ${first} !`,
    messageWith: (name, wish) => `Envoyer un message à ${name} : ${wish}`,
    messageAria: (name) => `Envoyer un message à ${name}`,
    loadMore: 'Charger plus',
    jobChange: (first, role, company) =>
      `Félicitez ${first} pour son nouveau poste de ${role} chez ${company}`,
    workAnniversary: (first, years, company) =>
      html`Célébrez les <strong>${years} ans</strong> de ${first} chez ${company}`,
    workAnniversaryPlain: (first) => `Félicitez ${first} pour son anniversaire professionnel`,
    congratsJob: (first) => `Félicitations pour ton nouveau poste, ${first} !`,
    congratsYears: (first, years) => `Félicitations pour tes ${years} ans, ${first} !`,
    congratsAnniversary: (first) => `Félicitations pour ton anniversaire professionnel, ${first} !`,
    welcomeBack: 'Bon retour parmi nous',
    signInAnother: 'Se connecter avec un autre compte',
    pageOf: (page, pages) => `Page ${page} sur ${pages}`,
  },
};

export const TEXTS: Record<Locale, Texts> = { en, fr };

export function textsFor(locale: Locale): Texts {
  return TEXTS[locale];
}
