import type { OutboxBodyDoc } from './outbox.model.js';

// The one bearer secret emails carry is the RSVP token (256 bits, 43 base64url characters) in
// `/rsvp/<token>` and the pages under it; see docs/security.md. Calendar feed links and API tokens are
// never emailed.
const RSVP_TOKEN = /(\/rsvp\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** What stands in a sent body where the RSVP token was. */
export const REDACTED_TOKEN = '[link-removed-after-sending]';

/** Text with every RSVP token replaced by REDACTED_TOKEN. */
export function redactLinkSecrets(text: string): string {
  return text.replace(RSVP_TOKEN, `$1${REDACTED_TOKEN}`);
}

/** Undo iCalendar line folding, so a token split over two lines is found too. */
function unfold(ics: string): string {
  return ics.replace(/\r?\n[ \t]/g, '');
}

/**
 * The fields of a sent message's body with its link secrets removed: what is kept of an email once it has
 * been handed to the SMTP server (the invitation itself can always derive and send its live link again).
 */
export function redactedBody(body: Pick<OutboxBodyDoc, 'text' | 'html' | 'calendar'>) {
  const fields: Record<string, string | Date> = { text: redactLinkSecrets(body.text), html: redactLinkSecrets(body.html), redactedAt: new Date() };
  if (body.calendar?.content) fields['calendar.content'] = redactLinkSecrets(unfold(body.calendar.content));
  return fields;
}
