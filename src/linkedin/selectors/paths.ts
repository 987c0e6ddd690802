/** Page paths and URL patterns the driver navigates to and recognises. */

export const PATHS = {
  feed: '/feed/',
  birthdays: '/mynetwork/catch-up/birthday/',
  sentInvitations: '/mynetwork/invitation-manager/sent/',
  peopleSearch: '/search/results/people/',
  compose: '/messaging/compose/',
} as const;

/** A URL path where LinkedIn wants a login or a challenge: the session is not usable. */
export const AUTH_PATH = /^\/(login|uas\/login|authwall|checkpoint|signup|uas\/authenticate)(\/|$|\?)/i;

/** Hosts whose URLs are rebased onto LINKEDIN_BASE_URL (so the sandbox receives them). */
export const LINKEDIN_HOST = /(^|\.)linkedin\.com$/i;
