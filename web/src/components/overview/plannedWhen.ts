/**
 * The planned run's day and time as the card says them: in the settings' time zone (the
 * window is shown in it too), "today" or "tomorrow" when it is, else the date. A zone the
 * browser does not know falls back to the browser's own.
 */
export function plannedWhen(
  iso: string,
  now: Date,
  timezone: string,
  tag: string,
): { day: 'today' | 'tomorrow' | 'other'; date: string; time: string } {
  const at = new Date(iso);
  const zone = knownZone(timezone);
  const ymd = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(d);
  const plannedDay = ymd(at);
  const today = ymd(now);
  // The calendar day after today, counted on the date itself (no zone offset involved).
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    day: plannedDay === today ? 'today' : plannedDay === tomorrow ? 'tomorrow' : 'other',
    date: new Intl.DateTimeFormat(tag, { timeZone: zone, dateStyle: 'medium' }).format(at),
    time: new Intl.DateTimeFormat(tag, { timeZone: zone, timeStyle: 'short' }).format(at),
  };
}

function knownZone(timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    return undefined;
  }
}
