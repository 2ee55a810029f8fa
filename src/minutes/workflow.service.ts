import { listAgendaItems } from '../agenda/index.js';
import { getEvent, type EventRecord } from '../events/index.js';
import type { Role } from '../web/access.js';
import { ConflictError, ForbiddenError } from '../web/errors.js';
import { buildSnapshot, firePublished } from './published.service.js';
import { headRevisions } from './revisions.service.js';
import { readMinutesState, runTransition, type MinutesActor, type MinutesStatus } from './state.service.js';

/** A staff member acting on the workflow: approval depends on their role and email. */
export interface WorkflowUser extends MinutesActor {
  role: Role;
}

const actorOf = (user: MinutesActor): MinutesActor => ({ id: user.id, email: user.email, name: user.name });

/** Whether a user may approve: an organiser (or admin), or a staff user recorded as the event's chair (by email). */
export function canApproveMinutes(event: Pick<EventRecord, 'zoneParticipants'>, user: { role: Role; email: string }): boolean {
  if (user.role === 'admin' || user.role === 'organiser') return true;
  const email = user.email.trim().toLowerCase();
  return (event.zoneParticipants ?? []).some((p) => p.role === 'chair' && Boolean(p.email) && p.email!.trim().toLowerCase() === email);
}

/** The state of an event's minutes (404 for an unknown event). */
export async function getMinutesState(eventId: string): Promise<MinutesStatus> {
  await getEvent(eventId);
  return readMinutesState(eventId);
}

/** Draft → in review: the secretary hands the draft over (institutions may then be invited to comment). */
export async function submitMinutesForReview(eventId: string, actor: MinutesActor): Promise<MinutesStatus> {
  await getEvent(eventId);
  if (!(await listAgendaItems(eventId)).length) throw new ConflictError('minutes.noItems');
  return runTransition(eventId, { from: ['draft'], to: 'in_review', actor: actorOf(actor) });
}

/** Back to draft: from review (secretary), or withdrawing an approval (only those who may approve). */
export async function reopenMinutes(eventId: string, user: WorkflowUser): Promise<MinutesStatus> {
  const event = await getEvent(eventId);
  const current = await readMinutesState(eventId);
  if (current.state === 'approved' && !canApproveMinutes(event, user)) throw new ForbiddenError('minutes.cannotApprove');
  return runTransition(eventId, { from: ['in_review', 'approved'], to: 'draft', actor: actorOf(user), change: () => ({ approved: null }) });
}

/** In review → approved, by an organiser or the chair; records the revision of each item approved (what will be published). */
export async function approveMinutes(eventId: string, user: WorkflowUser): Promise<MinutesStatus> {
  const event = await getEvent(eventId);
  if (!canApproveMinutes(event, user)) throw new ForbiddenError('minutes.cannotApprove');
  const items = await listAgendaItems(eventId);
  const heads = await headRevisions(eventId, items.map((item) => item.id));
  const approved = { by: actorOf(user), at: new Date(), revisions: Object.fromEntries(heads) };
  return runTransition(eventId, { from: ['in_review'], to: 'approved', actor: actorOf(user), change: () => ({ approved }) });
}

/** Approved → published: freezes the approved revisions and the attendance as version N. */
export async function publishMinutes(eventId: string, actor: MinutesActor): Promise<MinutesStatus> {
  await getEvent(eventId);
  const status = await runTransition(eventId, {
    from: ['approved'],
    to: 'published',
    actor: actorOf(actor),
    change: (current) => ({ publishedVersion: current.version }),
    snapshot: (next) => buildSnapshot(eventId, next.version, next.approved!),
  });
  await firePublished(eventId, status.version);
  return status;
}

/** Published → draft of version N + 1, for a correction; version N stays published and readable. */
export async function startMinutesCorrection(eventId: string, actor: MinutesActor): Promise<MinutesStatus> {
  await getEvent(eventId);
  return runTransition(eventId, { from: ['published'], to: 'draft', actor: actorOf(actor), change: (current) => ({ version: current.version + 1, approved: null }) });
}
