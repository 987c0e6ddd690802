/**
 * English words a French user of the dashboard should never meet, shared by the dictionary
 * test (web/src/i18n/dictionaries.test.tsx) and the e2e walk of every page in French.
 * French: run → exécution, logs → journal, worker → moteur d'exécution, dry run → simulation,
 * auto-run → exécution automatique, checkpoint → vérification de sécurité.
 */
export const ENGLISH_WORDS = [
  'run',
  'runs',
  'dry run',
  'auto-run',
  'log',
  'logs',
  'worker',
  'workers',
  'job',
  'jobs',
  'idle',
  'stopped',
  'running',
  'queued',
  'dashboard',
  'screenshot',
  'screenshots',
  'fallback',
  'settings',
  'template',
  'templates',
  'blacklist',
  'user agent',
  'checkpoint',
] as const;

/** Names and literal text that stay as they are in French (the product's name). */
export const ALLOWED_ENGLISH = ['LinkedIn Birthday Bot', 'linkedin-birthday-bot'] as const;

/** The English words of the list found in a French text, as whole words, any case. */
export function englishWordsIn(text: string): string[] {
  // Placeholders ({screenshots}) are replaced by numbers and names, never shown.
  let rest = text.replace(/\{\w+\}/g, ' ');
  for (const name of ALLOWED_ENGLISH) rest = rest.split(name).join(' ');
  return ENGLISH_WORDS.filter((word) =>
    new RegExp(`(?<![\\p{L}\\p{N}_-])${word}(?![\\p{L}\\p{N}_-])`, 'iu').test(rest),
  );
}
