import { onEventChanged, onEventCloned } from '../events/index.js';
import type { ConveneRouter } from '../web/routes.js';
import { announceChange } from './announce.service.js';
import { boardRouter } from './board.router.js';
import { invitationsApiRouter } from './invitations-api.router.js';
import { invitationsRouter } from './invitations.router.js';
import { copyInvitees } from './invitations.service.js';
import { loadEvent } from './neighbours.js';
import { noticeRouter } from './notice.router.js';
import { outboxRouter } from './outbox.router.js';
import { REMINDER_FACTS, registerReminderJobs, scheduleReminders } from './reminders.service.js';
import { rsvpRouter } from './rsvp.router.js';
import { sendRouter } from './send.router.js';

export { RSVP_STATUSES, INVITATION_KINDS, DELEGATE_ROLES, type InvitationDoc, type RsvpStatus, type InvitationKind, type DelegateRole } from './invitation.model.js';
export {
  countInvitationsOfInstitution, findInvitation, findInvitationIdByInviteeKey, findInvitationOfAddress, findInvitationsByIds, insertInvitation,
  listAnswerStatuses, type NewInvitation,
} from './invitation.store.js';
export { invitationsMessages } from './invitations.messages.js';
export { issueRsvpToken, rsvpUrl, rsvpUrlFor, hashRsvpToken } from './tokens.service.js';
export { copyInvitees } from './invitations.service.js';
export { recordAudit, type Actor as AuditActor } from './audit.service.js';
export { sendInvitations, sendTestCopy, remindPending, remindAttending } from './send.service.js';
export { sendUpdates, sendCancellations } from './announce.service.js';
export { batchProgress, type QueuedBatch, type BatchProgress } from './batch.service.js';
/** Every invitation of an event, under the name other components know it by. */
export { listInvitationsOfEvent as eventInvitations } from './invitation.store.js';
export { loadRsvp, type RsvpContext } from './rsvp.service.js';
export { RSVP_MOUNT, defineRsvpRouter, rsvpContextOf, addRsvpPageLinks, type RsvpPageLink, type RsvpPageLinkProvider } from './rsvp-pages.js';
export { listRoster, type RosterRow } from './roster.service.js';
export { provideAgenda, type AgendaProvider, type InviteeAgenda, type InviteeAgendaDocument } from './agenda-provider.js';
export { invitationCalendar } from './compose.service.js';
export { recordCalendarAnswer, type CalendarAnswer, type CalendarAnswerOutcome } from './mail-answers.service.js';
export { addInvitationNote, markNotesRead, recordInvitationBounce, type InvitationNote, type InvitationBounce } from './mail-notes.service.js';
export { reminderJobKeys, scheduleReminders, REMINDER_JOBS } from './reminders.service.js';

/** This component's routers, mounted by app.ts. */
export const invitationsRouters: ConveneRouter[] = [rsvpRouter, invitationsRouter, boardRouter, sendRouter, noticeRouter, outboxRouter, invitationsApiRouter];

// The next edition of a series starts with the same invitee list (pending, without links).
onEventCloned(async (fromId, toId) => {
  await copyInvitees(fromId, toId);
});

// A change of dates, status or reminder settings moves the reminders; with `notify`, invitees hear of it.
onEventChanged(async (eventId, changed, notify) => {
  const moves = changed.some((name) => (REMINDER_FACTS as readonly string[]).includes(name));
  if (!moves && !notify) return;
  const event = await loadEvent(eventId);
  if (moves) await scheduleReminders(event);
  if (notify) await announceChange(event, changed);
});

registerReminderJobs();
