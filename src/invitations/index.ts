import { onEventCloned } from '../events/index.js';
import type { ConveneRouter } from '../web/routes.js';
import { boardRouter } from './board.router.js';
import { invitationsApiRouter } from './invitations-api.router.js';
import { invitationsRouter } from './invitations.router.js';
import { copyInvitees } from './invitations.service.js';
import { rsvpRouter } from './rsvp.router.js';

export { Invitation, RSVP_STATUSES, INVITATION_KINDS, DELEGATE_ROLES, type InvitationDoc, type RsvpStatus, type InvitationKind, type DelegateRole } from './invitation.model.js';
export { RsvpToken } from './rsvp-token.model.js';
export { AuditEntry } from './audit-entry.model.js';
export { invitationsMessages } from './invitations.messages.js';
export { issueRsvpToken, rsvpUrl, hashRsvpToken } from './tokens.service.js';
export { copyInvitees } from './invitations.service.js';
export { recordAudit, type Actor as AuditActor } from './audit.service.js';

/** This component's routers, mounted by app.ts. */
export const invitationsRouters: ConveneRouter[] = [rsvpRouter, invitationsRouter, boardRouter, invitationsApiRouter];

// The next edition of a series starts with the same invitee list (pending, without links).
onEventCloned(async (fromId, toId) => {
  await copyInvitees(fromId, toId);
});
