/** The preview lives with the rules it applies, below the bots, so the digest can read it too. */
export * from '../rules/birthdayPreview.ts';
