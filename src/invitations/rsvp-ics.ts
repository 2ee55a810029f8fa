import type { Locale } from '../web/i18n.js';
import { invitationCalendar } from './compose.service.js';
import type { InvitationDoc } from './invitation.model.js';
import type { EventView } from './neighbours.js';

/**
 * The `.ics` download of the RSVP page: a published copy of the event (METHOD:PUBLISH, no RSVP asked, so a
 * calendar that imports it sends no reply; STATUS:CANCELLED once cancelled). Answers go through the link or
 * the emailed meeting request. The RSVP link is left out on purpose: calendar files get forwarded, the link is a secret.
 */
export function buildRsvpCalendar(event: EventView, invitation: InvitationDoc, locale: Locale): string {
  return invitationCalendar({
    method: 'PUBLISH',
    event,
    invitation,
    addressee: { name: invitation.recipient?.name ?? '', email: invitation.recipient?.email ?? '' },
    locale,
  });
}
