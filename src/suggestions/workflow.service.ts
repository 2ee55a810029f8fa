import { DateTime } from 'luxon';
import { logger } from '../logger.js';
import type { StaffUser } from '../web/access.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../web/errors.js';
import { assignableDepartments, listDepartmentStaff, loadEvent } from './neighbours.js';
import { notifyAnswered } from './notify.service.js';
import type { SuggestionDoc, SuggestionStatus } from './suggestion.model.js';
import { findHistoryRecord, insertHistoryRecord, setSuggestionFieldsAt } from './suggestion.store.js';
import { canSee, findSuggestionDoc } from './suggestions.service.js';
import { toRecords, type SuggestionRecord } from './summaries.service.js';

/** Where each status may go: forward along open → accepted → in progress → answered (steps may be skipped), or declined; a declined one may be reopened. */
export const TRANSITIONS: Readonly<Record<SuggestionStatus, readonly SuggestionStatus[]>> = {
  open: ['accepted', 'in_progress', 'answered', 'declined'],
  accepted: ['in_progress', 'answered', 'declined'],
  in_progress: ['answered', 'declined'],
  answered: [],
  declined: ['open'],
};

/** Statuses after which a suggestion is no longer worked on (nor overdue). */
export const CLOSED_STATUSES: readonly SuggestionStatus[] = ['answered', 'declined'];

/** Who changes a suggestion: the signed-in staff member. */
export type WorkflowActor = Pick<StaffUser, 'id' | 'email' | 'name' | 'role' | 'departmentId'>;

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

interface Plan {
  action: 'assigned' | 'status';
  set: Record<string, unknown>;
  changes: Change[];
}

const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '') || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());

/** The changes of `set` against the document, for fields people read (others are set but not listed). */
function diff(doc: SuggestionDoc, set: Record<string, unknown>, shown: readonly string[]): Change[] {
  const current = doc as unknown as Record<string, unknown>;
  return shown.filter((field) => field in set && !same(current[field], set[field])).map((field) => ({ field, from: current[field] ?? null, to: set[field] ?? null }));
}

/** Complete a change whose writer inserted its history record but died before updating the suggestion. */
async function completePending(doc: SuggestionDoc): Promise<void> {
  const pending = await findHistoryRecord(String(doc._id), doc.revision + 1);
  if (pending) await setSuggestionFieldsAt(doc._id, doc.revision, { ...(pending.set as object), revision: pending.revision });
}

/**
 * Apply a change: claim the next revision by inserting its history record (a unique `_id`), then update
 * the suggestion from that revision. Losing the claim is a ConflictError.
 */
async function applyChange(doc: SuggestionDoc, plan: Plan, by: WorkflowActor): Promise<SuggestionDoc> {
  if (plan.changes.length === 0) return doc;
  const revision = doc.revision + 1;
  const actor = { kind: 'user', id: by.id, name: by.name, email: by.email };
  if (!(await insertHistoryRecord({ suggestionId: doc._id, revision, action: plan.action, at: new Date(), by: actor, changes: plan.changes, set: plan.set }))) {
    await completePending(doc);
    throw new ConflictError('suggestions.changedMeanwhile');
  }
  await setSuggestionFieldsAt(doc._id, doc.revision, { ...plan.set, revision });
  return findSuggestionDoc(String(doc._id));
}

/** The suggestion as this actor may change it: re-read now; another department's is a 404. */
async function loadForChange(id: string, by: WorkflowActor): Promise<SuggestionDoc> {
  const doc = await findSuggestionDoc(id);
  if (!canSee(by, doc)) throw new NotFoundError();
  return doc;
}

/** An assignment: a department (or none), an owner who answers for it, and the due day (`YYYY-MM-DD` in the event's zone). */
export interface AssignmentInput {
  departmentId: string | null;
  ownerId?: string | null;
  dueDate?: string | null;
}

async function planAssignment(doc: SuggestionDoc, input: AssignmentInput): Promise<Plan> {
  const departmentId = input.departmentId ?? null;
  if (departmentId && !(await assignableDepartments()).some((d) => String(d._id) === departmentId)) throw new ValidationError({ departmentId: 'suggestions.departmentUnknown' });
  const owner = input.ownerId && departmentId ? (await listDepartmentStaff(departmentId)).find((s) => s.id === input.ownerId && s.active) : undefined;
  if (input.ownerId && !owner) throw new ValidationError({ ownerId: 'suggestions.ownerNotInDepartment' });
  const zone = (await loadEvent(String(doc.eventId))).timezone;
  const dueDate = input.dueDate ? DateTime.fromISO(input.dueDate, { zone }).startOf('day').toJSDate() : null;
  const set = { departmentId, ownerId: owner?.id ?? null, ownerName: owner?.name ?? '', dueDate };
  return { action: 'assigned', set, changes: diff(doc, set, ['departmentId', 'ownerName', 'dueDate']) };
}

/** Assign a suggestion to a department with an owner and a due day (organisers; a closed suggestion stays as it is). */
export async function assignSuggestion(id: string, input: AssignmentInput, by: WorkflowActor): Promise<SuggestionRecord> {
  if (by.role === 'department') throw new ForbiddenError('suggestions.assignForbidden');
  const doc = await loadForChange(id, by);
  if (CLOSED_STATUSES.includes(doc.status as SuggestionStatus)) throw new ConflictError('suggestions.closedNoAssign');
  const updated = await applyChange(doc, await planAssignment(doc, input), by);
  logger.info({ by: by.id, suggestionId: id }, 'Suggestion assigned by %s: %s to department %s', by.email, id, input.departmentId ?? '-');
  return (await toRecords([updated]))[0]!;
}

/** A move to another status, with the answer (answered) or the reason (declined). */
export interface StatusInput {
  status: SuggestionStatus;
  answer?: string;
  declineReason?: string;
  /** The status the person saw; a different current one is a ConflictError. */
  expectedStatus?: SuggestionStatus;
}

/** Refuse a move the workflow does not allow (ConflictError), and an answer without text or a refusal without a reason (ValidationError). */
export function checkStatusChange(from: SuggestionStatus, input: StatusInput): void {
  if (input.expectedStatus && input.expectedStatus !== from) throw new ConflictError('suggestions.changedMeanwhile');
  if (!TRANSITIONS[from].includes(input.status)) throw new ConflictError('suggestions.transitionInvalid');
  if (input.status === 'answered' && !input.answer?.trim()) throw new ValidationError({ answer: 'suggestions.answerRequired' });
  if (input.status === 'declined' && !input.declineReason?.trim()) throw new ValidationError({ declineReason: 'suggestions.declineReasonRequired' });
}

function planStatus(doc: SuggestionDoc, input: StatusInput): Plan {
  checkStatusChange(doc.status as SuggestionStatus, input);
  const answer = input.answer?.trim() ?? '';
  const reason = input.declineReason?.trim() ?? '';
  const set: Record<string, unknown> = { status: input.status };
  if (input.status === 'answered') Object.assign(set, { answer, answeredAt: new Date() });
  if (input.status === 'declined') set.declineReason = reason;
  if (input.status === 'open') set.declineReason = '';
  return { action: 'status', set, changes: diff(doc, set, ['status', 'answer', 'declineReason']) };
}

/** Move a suggestion along its workflow (organisers, and department users for their own department's); answering emails the institution. */
export async function changeSuggestionStatus(id: string, input: StatusInput, by: WorkflowActor): Promise<SuggestionRecord> {
  if (!['admin', 'organiser', 'department'].includes(by.role)) throw new ForbiddenError();
  const doc = await loadForChange(id, by);
  const updated = await applyChange(doc, planStatus(doc, input), by);
  const record = (await toRecords([updated]))[0]!;
  logger.info({ by: by.id, suggestionId: id }, 'Suggestion status changed by %s: %s %s → %s', by.email, id, doc.status, record.status);
  if (record.status === 'answered') {
    await notifyAnswered(record).catch((error: unknown) => logger.error({ err: error, suggestionId: id }, 'The answer email could not be queued'));
  }
  return record;
}
