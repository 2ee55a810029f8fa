import type { ConveneRouter } from '../web/routes.js';
import { itemsRouter } from './items.router.js';
import { minutesApiRouter } from './minutes-api.router.js';
import { minutesRsvpRouter } from './minutes-rsvp.router.js';
import { minutesMessages } from './minutes.messages.js';
import { minutesRouter } from './minutes.router.js';
import { revisionsRouter } from './revisions.router.js';

export { minutesMessages };
export { MINUTES_STATES, type MinutesStateName } from './minutes.store.js';
export type { Attendance, LocalisedName, PublishedAction, PublishedItem, PublishedMinutes } from './published.types.js';
export { getPublishedMinutes, listPublishedVersions, onMinutesPublished, type MinutesPublishedListener, type PublishedVersionSummary } from './published.service.js';
export {
  saveMinutesItem, currentRevision, listRevisions, getRevision, restoreRevision, EditConflictError,
  type ItemContent, type ItemRevision, type MinutesAction, type SaveItemInput,
} from './revisions.service.js';
export {
  getMinutesState, submitMinutesForReview, approveMinutes, publishMinutes, reopenMinutes, startMinutesCorrection, canApproveMinutes, type WorkflowUser,
} from './workflow.service.js';
export type { MinutesActor, MinutesStatus, Approval } from './state.service.js';
export { inviteInstitutionsToReview, addMinutesComment, attendedEvent, listMinutesComments, type MinutesCommentView } from './review.service.js';
export { attendanceOf } from './attendance.service.js';

/** This component's routers, mounted by app.ts; item routes sit under /minutes/items/, so /minutes/print and /minutes/export.* reach records. */
export const minutesRouters: ConveneRouter[] = [minutesRouter, itemsRouter, revisionsRouter, minutesRsvpRouter, minutesApiRouter];
