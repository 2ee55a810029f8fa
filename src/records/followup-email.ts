import { renderEmail, type OutgoingMessage, type RenderedEmail } from '../mail/index.js';
import { translate, type Locale } from '../web/i18n.js';
import type { FollowUpRecipient } from './followup.service.js';
import { eventTitle, pick, type EventRecord, type SuggestionSummary } from './neighbours.js';

/** What every message of one follow-up shares. */
export interface FollowUpContext {
  event: EventRecord;
  minutesVersion: number;
  suggestions: SuggestionSummary[];
}

/** A suggestion as the message lists it, in the reader's language. */
interface SuggestionLine {
  text: string;
  from: string;
  category: string;
  department: string;
  owner: string;
  status: string;
}

function suggestionLines(suggestions: readonly SuggestionSummary[], locale: Locale): SuggestionLine[] {
  return suggestions.map((s) => ({
    text: s.text,
    from: pick(s.institutionName, locale) || s.personName,
    category: pick(s.category.name, locale),
    department: pick(s.departmentName, locale),
    owner: s.ownerName,
    status: translate(locale, `records.followup.status.${s.status}`),
  }));
}

/** Render the follow-up for one reader: thanks, links to the minutes under their token, the suggestions and their owners. */
export function renderFollowUp(context: FollowUpContext, reader: { name: string; attended: boolean; locale: Locale }, rsvpUrl: string): Promise<RenderedEmail> {
  const { event, minutesVersion, suggestions } = context;
  const title = eventTitle(event, reader.locale);
  const subject = translate(reader.locale, 'records.followup.email.subject', { title });
  return renderEmail('records/emails/followup', reader.locale, subject, {
    title,
    recipientName: reader.name,
    attended: reader.attended,
    version: minutesVersion,
    rsvpUrl,
    docxUrl: `${rsvpUrl}/minutes.docx`,
    pdfUrl: `${rsvpUrl}/minutes.pdf`,
    suggestions: suggestionLines(suggestions, reader.locale),
    contact: event.organiserContact ?? { name: '', email: '', phone: '' },
  });
}

/** One follow-up message for the outbox, to the invitation's addressee (and its copies), in its language. */
export async function composeFollowUp(context: FollowUpContext, recipient: FollowUpRecipient, rsvpUrl: string, batchId: string): Promise<OutgoingMessage> {
  const rendered = await renderFollowUp(context, { name: recipient.addressee.name, attended: recipient.attended, locale: recipient.locale }, rsvpUrl);
  return {
    kind: 'followup',
    template: 'records/emails/followup',
    locale: recipient.locale,
    to: [recipient.addressee],
    cc: (recipient.invitation.cc ?? []).map((email) => ({ email })),
    ...rendered,
    eventId: String(context.event._id),
    invitationId: String(recipient.invitation._id),
    batchId,
  };
}
