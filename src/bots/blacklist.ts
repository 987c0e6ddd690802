/** Blacklist matching lives with the rules the preview and the digest share. */
export * from '../rules/blacklist.ts';
