import { formatDateTime, formatRange } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import { inviteeAgendaOf } from './agenda-provider.js';
import { storedDelegates } from './answer.js';
import { checkInQrDataUrl } from './check-in-qr.js';
import { institutionNameOf, titleOf } from './neighbours.js';
import { rsvpPageLinks } from './rsvp-pages.js';
import { closedReason, headNameOf, type RsvpContext } from './rsvp.service.js';

/** What the RSVP form shows in its fields: the stored answer, or what the visitor just typed. */
export interface RsvpFormValues {
  status: string;
  delegates: { name: string; title: string; substitute: boolean }[];
  needs: { dietary: string; accessibility: string };
  comment: string;
}

/** The stored answer as form values. */
export function storedFormValues(context: RsvpContext): RsvpFormValues {
  const { invitation } = context;
  return {
    status: invitation.status === 'pending' ? '' : invitation.status,
    delegates: storedDelegates(invitation).map((d) => ({ name: d.name, title: d.title, substitute: Boolean(d.substituteFor) })),
    needs: { dietary: invitation.needs?.dietary ?? '', accessibility: invitation.needs?.accessibility ?? '' },
    comment: invitation.comment ?? '',
  };
}

/** Typed-in form values (possibly malformed) made safe to show again. */
export function typedFormValues(body: unknown): RsvpFormValues {
  const input = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const rows = input.delegates && typeof input.delegates === 'object' ? Object.values(input.delegates as object) : [];
  const needs = (input.needs ?? {}) as Record<string, unknown>;
  return {
    status: str(input.status),
    delegates: rows.map((row) => ({ name: str(row?.name), title: str(row?.title), substitute: Boolean(row?.substitute) })),
    needs: { dietary: str(needs.dietary), accessibility: str(needs.accessibility) },
    comment: str(input.comment),
  };
}

const isHttpUrl = (value: string) => /^https?:\/\/[^\s]+$/i.test(value);

/** The QR codes of an accepted answer's delegates (check-in codes as PNG data: URLs). */
async function checkInCodes(context: RsvpContext) {
  if (context.invitation.status !== 'accepted') return [];
  return Promise.all(storedDelegates(context.invitation).map(async (d) => ({ name: d.name, code: d.checkInCode, image: await checkInQrDataUrl(d.checkInCode) })));
}

/** Everything the RSVP page template shows, in the page's language. */
export async function rsvpPageModel(context: RsvpContext, locale: Locale, values: RsvpFormValues, now = new Date()) {
  const { event, invitation, institution } = context;
  const venue = event.venue ?? { name: '', address: '', room: '', mapUrl: '' };
  const rows = Math.max(event.maxDelegates, values.delegates.length);
  const agenda = await inviteeAgendaOf(event, locale);
  return {
    title: titleOf(event, locale),
    when: formatRange(event.startsAt, event.endsAt, event.timezone, locale),
    deadline: event.rsvpDeadline ? formatDateTime(event.rsvpDeadline, event.timezone, locale) : '',
    venue: { name: venue.name ?? '', room: venue.room ?? '', address: venue.address ?? '', mapUrl: isHttpUrl(venue.mapUrl ?? '') ? venue.mapUrl : '' },
    inviteeName: institution ? institutionNameOf(institution, locale) : invitation.recipient?.organisation || invitation.recipient?.name || '',
    recipientName: invitation.recipient?.name ?? '',
    headName: headNameOf(invitation),
    status: invitation.status,
    respondedAt: invitation.respondedAt ? formatDateTime(invitation.respondedAt, event.timezone, locale) : '',
    closed: closedReason(event, now),
    contact: event.organiserContact ?? { name: '', email: '', phone: '' },
    maxDelegates: event.maxDelegates,
    rows: Array.from({ length: rows }, (_, i) => values.delegates[i] ?? { name: '', title: '', substitute: false }),
    values,
    agenda: agenda?.items ?? [],
    agendaDocuments: agenda?.documents ?? [],
    checkIns: await checkInCodes(context),
    links: await rsvpPageLinks(context),
  };
}
