import { type DestinationStream, pino } from 'pino';

/** Process log (pino). Secrets that may ride on requests are redacted, never written. */
export function createLogger(level: string, destination?: DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'req.headers.authorization',
          'password',
          '*.password',
          'cookies',
          '*.cookies',
          'li_at',
          '*.li_at',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger } from 'pino';
