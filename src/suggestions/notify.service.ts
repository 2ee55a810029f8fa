import { getConfig } from '../config.js';
import { logger } from '../logger.js';
import { isLocale, translate, type Locale } from '../web/i18n.js';
import { categoryName } from './categories.service.js';
import { enqueueMessages, findInstitutions, findInvitation, institutionName, loadEvent, renderEmail, titleOf, tokenUrlOf } from './neighbours.js';
import type { SuggestionRecord } from './summaries.service.js';
import { pickName } from './view.js';

/** The email template of an answer. */
const TEMPLATE = 'suggestions/emails/answered';


/**
 * Tell the institution that made a suggestion that it has been answered: in its invitation's language, to
 * the invitation's addressee (and its copies), with the answer and the link to its token page. A
 * suggestion from a person without an invitation is answered on the staff pages only; returns whether
 * a message was queued.
 */
export async function notifyAnswered(record: SuggestionRecord): Promise<boolean> {
  const invitation = await findInvitation(record.invitationId);
  if (!invitation?.recipient?.email) {
    logger.info({ suggestionId: record.id }, 'Suggestion %s answered; no invitation to email', record.id);
    return false;
  }
  const locale: Locale = isLocale(invitation.locale) ? invitation.locale : 'zh';
  const [event, institutions, link] = await Promise.all([
    loadEvent(record.eventId),
    findInstitutions(record.institutionId ? [record.institutionId] : []),
    tokenUrlOf(invitation),
  ]);
  const institution = record.institutionId ? institutions.get(record.institutionId) : undefined;
  const title = titleOf(event, locale);
  const subject = translate(locale, 'suggestions.email.subject', { title });
  const rendered = await renderEmail(TEMPLATE, locale, subject, {
    recipientName: invitation.recipient.name,
    inviteeName: institution ? institutionName(institution, locale) : invitation.recipient.organisation || invitation.recipient.name,
    eventTitle: title,
    suggestion: record,
    category: categoryName({ name: record.categoryNames }, locale),
    department: pickName(record.departmentName, locale),
    link: `${link}/suggestions`,
  });
  await enqueueMessages(
    [{
      kind: 'suggestion-answered',
      template: TEMPLATE,
      locale,
      to: [{ name: invitation.recipient.name, email: invitation.recipient.email }],
      cc: (invitation.cc ?? []).map((email) => ({ email })),
      ...rendered,
      eventId: record.eventId,
      invitationId: String(invitation._id),
      batchId: `suggestion-answered:${record.id}`,
    }],
    getConfig().mail.from,
  );
  return true;
}
