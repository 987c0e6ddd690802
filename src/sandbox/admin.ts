import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { sessionCookies } from './session.ts';
import type { SandboxState } from './state.ts';
import { DEFAULT_RESET } from './world.ts';

/** The sandbox's admin API (`/__sandbox/…`, no auth): what tests and the demo drive it with. */

const count = (max: number) => z.number().int().min(0).max(max);

export const resetBody = z
  .strictObject({
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    contacts: count(5000),
    today: count(500),
    late: count(500),
    invitations: count(1000),
    locale: z.enum(['en', 'fr']),
  })
  .partial()
  .superRefine((value, ctx) => {
    const contacts = value.contacts ?? DEFAULT_RESET.contacts;
    const today = value.today ?? DEFAULT_RESET.today;
    const late = value.late ?? DEFAULT_RESET.late;
    if (today + late > contacts) {
      ctx.addIssue({
        code: 'custom',
        path: ['contacts'],
        message: `must be at least today + late (${today + late})`,
      });
    }
  });

export const faultsBody = z
  .strictObject({
    session_expired: z.boolean(),
    rate_limited: z.boolean(),
    latency_ms: z.number().int().min(0).max(60_000),
    dom_variant: z.enum(['default', 'alt', 'sdui']),
    send_fails: z.number().int().min(0).max(1000),
    overlay: z.enum(['main', 'shadow', 'iframe', 'dialog', 'page']),
    wrong_recipient: z.number().int().min(0).max(1000),
    send_stall_ms: z.number().int().min(0).max(120_000),
    redirect_loop: z.boolean(),
    account_picker: z.boolean(),
    break_primary: z.boolean(),
    blocked: z.boolean(),
    checkpoint: z.boolean(),
    captcha: z.boolean(),
  })
  .partial();

function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'body';
    fields[key] ??= issue.message;
  }
  return reply
    .code(400)
    .send({ error: { code: 'invalid_input', message: 'Invalid input', details: { fields } } });
}

/** `::ffff:127.0.0.2` (IPv4 on a dual-stack socket) → `127.0.0.2`. */
function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export async function adminRoutes(app: FastifyInstance, opts: { state: SandboxState }): Promise<void> {
  const { state } = opts;

  app.post('/__sandbox/reset', async (request, reply) => {
    const parsed = resetBody.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    state.reset(parsed.data);
    const birthdays = state.birthdays();
    return {
      options: state.world.options,
      counts: {
        contacts: state.world.contacts.length,
        today: birthdays.filter((c) => c.birthdayDaysLate === 0).length,
        late: birthdays.filter((c) => c.birthdayDaysLate !== 0).length,
        invitations: state.world.invitations.length,
      },
      cookies: sessionCookies(state, request.hostname),
    };
  });

  app.get('/__sandbox/session', async (request) => ({
    cookies: sessionCookies(state, request.hostname),
    origins: [],
  }));

  /** The JSESSIONID set last, every one set since the reset, and what each logged-in page load sent. */
  app.get('/__sandbox/jsessionid', async () => ({
    current: state.jsession.current,
    issued: state.jsession.issued,
    received: state.jsession.received,
  }));

  app.get('/__sandbox/messages', async () => ({ messages: state.sent }));

  app.get('/__sandbox/visits', async () => ({ visits: state.visits }));

  app.get('/__sandbox/invitations', async () => ({
    invitations: state.pendingInvitations().map((i) => ({
      id: i.id,
      slug: i.person.slug,
      name: i.person.name,
      sent_days_ago: state.sentDaysAgo(i),
    })),
    withdrawn: state.withdrawn,
  }));

  // The IP echo tests point `network.ip_check_url` at: the address of the connection as this
  // server sees it (a proxy's, when the browser goes through one), never a header's.
  app.get('/__sandbox/ip', async (request) => ({ ip: plainAddress(request.socket.remoteAddress) }));

  app.get('/__sandbox/faults', async () => state.faults);

  app.post('/__sandbox/faults', async (request, reply) => {
    const parsed = faultsBody.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    return state.setFaults(parsed.data);
  });

  app.get('/__sandbox/state', async () => ({
    options: state.world.options,
    faults: state.faults,
    contacts: state.world.contacts.map((c) => ({
      slug: c.slug,
      name: c.name,
      first_name: c.firstName,
      birthday_days_late: c.birthdayDaysLate,
      headline: c.headline,
      location: c.location,
      geo_urn: c.geoUrn,
      profile_url: `/in/${c.slug}/`,
    })),
    // The sdui birthday page's other cards: never birthdays.
    catch_up: state.world.catchUp.map((item) => ({
      slug: item.contact.slug,
      kind: item.kind,
    })),
  }));
}
