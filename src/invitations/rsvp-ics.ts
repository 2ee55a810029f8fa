import type { Locale } from '../web/i18n.js';
import { invitationCalendar } from './compose.service.js';
import type { InvitationDoc } from './invitation.model.js';
import type { EventView } from './neighbours.js';

/**
 * The `.ics` download of the RSVP page: the invitee's own meeting request, as the emails carry it
 * (a cancellation once the event is cancelled). The RSVP link is left out on purpose: calendar files
 * get forwarded, the link is a secret.
 */
export function buildRsvpCalendar(event: EventView, invitation: InvitationDoc, locale: Locale): string {
  return invitationCalendar({
    method: event.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    event,
    invitation,
    addressee: { name: invitation.recipient?.name ?? '', email: invitation.recipient?.email ?? '' },
    locale,
  });
}
