import type { RsvpPageLink, RsvpPageLinkProvider } from '../invitations/index.js';
import { findPublishedMinutesVersion, notePublishedMinutesVersion } from './minutes-notice.store.js';
import { attendedEvent } from './neighbours.js';
import { isPdfAvailable } from './pdf-printer.js';

// The latest published version of each event's minutes is noted here, under the event's id, when the
// minutes component announces a publication, so the RSVP page's links need one read.

/** Remember that version `version` of an event's minutes is published (an older announcement never wins over a newer one). */
export async function rememberPublishedMinutes(eventId: string, version: number): Promise<void> {
  await notePublishedMinutesVersion(eventId, version);
}

/** Links to the published minutes on the invitee's RSVP page. */
export const minutesLinks: RsvpPageLinkProvider = async (context) => {
  const version = await findPublishedMinutesVersion(context.event._id);
  if (version === null) return [];
  const links: RsvpPageLink[] = [{ path: 'minutes.docx', label: 'records.rsvp.minutesLink', note: 'records.rsvp.minutesNote', noteParams: { version } }];
  // Only once minutes are published (after the meeting), so the check-ins are read only then.
  if (isPdfAvailable() && (await attendedEvent(context))) links.push({ path: 'minutes.pdf', label: 'records.rsvp.minutesPdfLink' });
  return links;
};
