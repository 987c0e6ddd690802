/** What the LinkedIn sandbox's admin endpoints answer, as the e2e stack and the bench read them. */

/** One message the sandbox received (`GET /__sandbox/messages`). */
export interface SandboxMessage {
  to: string;
  text: string;
  at: string;
}

/** One of the sandbox's contacts (`GET /__sandbox/state`). */
export interface SandboxContact {
  slug: string;
  name: string;
  first_name: string;
  /** 0 = today, 1–7 = days late, null = no birthday this week. */
  birthday_days_late: number | null;
}
