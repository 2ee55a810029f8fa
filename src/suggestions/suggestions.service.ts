import { logger } from '../logger.js';
import type { StaffUser } from '../web/access.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.js';
import { createOnce, holdsSent } from '../web/submission.js';
import { listCategories } from './categories.service.js';
import { eventInvitations, findInstitutions, listAgendaItems, loadEvent } from './neighbours.js';
import type { SuggestionDoc, SuggestionSource } from './suggestion.model.js';
import { findSuggestion, insertHistoryRecord, insertSuggestion, listSuggestions } from './suggestion.store.js';
import { toRecords, type SuggestionRecord } from './summaries.service.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Who makes or changes a suggestion: a staff member, or an institution through its link (`id` is then a token reference). */
export interface SuggestionActor {
  kind: 'user' | 'token';
  id: string;
  name: string;
  email: string;
}

/** A new suggestion: an institution (invited or not) or a person, a category and the text; optionally the agenda item. */
export interface SuggestionInput {
  eventId: string;
  text: string;
  categoryKey: string;
  institutionId?: string | null;
  personName?: string;
  agendaItemId?: string | null;
  /** Default `on_the_day`; `institution` when sent through the token page. */
  source?: SuggestionSource;
  /** The invitation it came through; found from the institution when not given. */
  invitationId?: string | null;
}

/** Who may see which suggestions: department users only their department's, everyone else all. */
export type Viewer = Pick<StaffUser, 'role' | 'departmentId'>;

/** Whether this viewer may see (and so learn of) this suggestion. */
export function canSee(viewer: Viewer, doc: Pick<SuggestionDoc, 'departmentId'>): boolean {
  if (viewer.role !== 'department') return true;
  return Boolean(viewer.departmentId) && String(doc.departmentId ?? '') === viewer.departmentId;
}

/** The stored suggestion, or 404 for unknown or malformed ids. */
export async function findSuggestionDoc(id: string): Promise<SuggestionDoc> {
  if (!OBJECT_ID.test(id)) throw new NotFoundError();
  const doc = await findSuggestion(id);
  if (!doc) throw new NotFoundError();
  return doc;
}

/** One suggestion as this viewer may see it; another department's is a 404, exactly as a missing one. */
export async function getSuggestionFor(id: string, viewer: Viewer): Promise<SuggestionRecord> {
  const doc = await findSuggestionDoc(id);
  if (!canSee(viewer, doc)) throw new NotFoundError();
  return (await toRecords([doc]))[0]!;
}

/** The event's suggestions this viewer may see, oldest first. */
export async function listEventSuggestions(eventId: string, viewer: Viewer): Promise<SuggestionRecord[]> {
  const docs = await listSuggestions({ eventId });
  return toRecords(docs.filter((doc) => canSee(viewer, doc)));
}

/** A department's queue: every suggestion assigned to it, oldest first. */
export async function listDepartmentQueue(departmentId: string | undefined): Promise<SuggestionRecord[]> {
  if (!departmentId || !OBJECT_ID.test(departmentId)) return [];
  return toRecords(await listSuggestions({ departmentId }));
}

/** Check what needs the database: the category is offered, the agenda item and institution exist. */
async function checkReferences(input: SuggestionInput): Promise<void> {
  const errors: FieldErrors = {};
  const [categories, items, institutions] = await Promise.all([
    listCategories(),
    input.agendaItemId ? listAgendaItems(input.eventId) : [],
    input.institutionId ? findInstitutions([input.institutionId]) : new Map(),
  ]);
  if (!categories.some((c) => c.key === input.categoryKey)) errors.categoryKey = 'suggestions.categoryUnknown';
  if (input.agendaItemId && !items.some((item) => item.id === input.agendaItemId)) errors.agendaItemId = 'suggestions.agendaItemUnknown';
  if (input.institutionId && !institutions.has(input.institutionId)) errors.institutionId = 'suggestions.institutionUnknown';
  if (!input.institutionId && !input.personName?.trim()) errors.institutionId = 'suggestions.whoRequired';
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** The institution's invitation to the event, where its answer will be emailed. */
async function invitationOf(eventId: string, institutionId: string | null | undefined): Promise<string | null> {
  if (!institutionId) return null;
  const invitation = (await eventInvitations(eventId)).find((inv) => String(inv.institutionId ?? '') === institutionId);
  return invitation ? String(invitation._id) : null;
}

/** What a form says of a suggestion, stored or sent. */
interface SuggestionContent {
  institutionId?: unknown;
  personName?: string | null;
  agendaItemId?: unknown;
  categoryKey: string;
  text: string;
}

/** What a suggestion's form decides, as it is stored (a form sent again is compared on this). */
function contentOf(input: SuggestionContent) {
  return { institutionId: input.institutionId || null, personName: input.personName?.trim() ?? '', agendaItemId: input.agendaItemId || null, categoryKey: input.categoryKey, text: input.text.trim() };
}

/** Whether a stored suggestion is this form sent again (same submission id and the same content), not a new one. */
export function isResent(doc: SuggestionContent & { _id: unknown }, input: SuggestionContent, submissionId: string | undefined): boolean {
  return submissionId !== undefined && String(doc._id) === submissionId && holdsSent(doc, contentOf(input));
}

/** The first history record; writing it again (a resent form finishing what a failed send began) changes nothing. */
async function recordCreated(doc: SuggestionDoc, by: SuggestionActor): Promise<void> {
  await insertHistoryRecord({ suggestionId: doc._id, revision: 1, action: 'created', at: doc.createdAt, by, changes: [], set: {} });
}

/**
 * Record a new suggestion (status open) and its first history record. Bad references are a
 * ValidationError (fields `categoryKey`, `agendaItemId`, `institutionId`); a cancelled event a ConflictError.
 * With the form's submission id (src/web/submission.ts) the suggestion takes it as its `_id`, so the same
 * form sent again returns the suggestion it made; a form changed before it is sent again is a new one.
 */
export async function createSuggestion(input: SuggestionInput, by: SuggestionActor, submissionId?: string): Promise<SuggestionRecord> {
  const event = await loadEvent(input.eventId);
  const content = { eventId: event._id, ...contentOf(input) };
  const { record: doc, created } = await createOnce({
    submissionId,
    sent: content,
    find: findSuggestion,
    create: async (id) => {
      if (event.status === 'cancelled') throw new ConflictError('suggestions.eventCancelled');
      await checkReferences(input);
      const invitationId = input.invitationId ?? (await invitationOf(input.eventId, input.institutionId));
      const fields = { ...content, source: input.source ?? 'on_the_day', invitationId, revision: 1, createdBy: { kind: by.kind, id: by.id, name: by.name } };
      return insertSuggestion(fields, id);
    },
  });
  await recordCreated(doc, by);
  if (created) logger.info({ by: by.id, eventId: input.eventId, suggestionId: String(doc._id) }, 'Suggestion recorded by %s (%s) for %s', by.email || by.name, by.kind, event.titleZh);
  return (await toRecords([doc]))[0]!;
}
