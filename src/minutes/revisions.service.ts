import { listAgendaItems } from '../agenda/index.js';
import { listDepartments } from '../institutions/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.js';
import { findHeadRevisions, findRevisions, insertRevision, raiseHeadRevision } from './revision.store.js';
import { readMinutesState, type MinutesActor } from './state.service.js';

/** An action item as the secretary writes it. */
export interface MinutesAction {
  text: string;
  departmentId: string | null;
  dueDate: Date | null;
}

/** What the secretary writes for one agenda item. */
export interface ItemContent {
  /** Markdown. */
  notes: string;
  keyPoints: string[];
  decisions: string[];
  actions: MinutesAction[];
}

/** One saved revision of an item (revision 0: nothing written yet). */
export interface ItemRevision extends ItemContent {
  eventId: string;
  itemId: string;
  revision: number;
  version: number;
  savedAt: Date | null;
  savedBy: MinutesActor | null;
  restoredFrom: number | null;
}

/** 409: someone saved the item since the revision this save was based on; carries their version and yours. */
export class EditConflictError extends ConflictError {
  constructor(
    readonly theirs: ItemRevision,
    readonly yours: ItemContent,
  ) {
    super('minutes.conflict');
  }
}

/** How many revisions a page of an item's history lists. */
export const REVISIONS_PER_PAGE = 50;

/** States in which items may be edited: frozen once approved (see docs/minutes.md). */
export const EDITABLE_STATES: readonly string[] = ['draft', 'in_review'];

/** Revision 0: the empty item. */
export function emptyRevision(eventId: string, itemId: string): ItemRevision {
  return { eventId, itemId, revision: 0, version: 0, notes: '', keyPoints: [], decisions: [], actions: [], savedAt: null, savedBy: null, restoredFrom: null };
}

function toRevision(doc: ItemRevision): ItemRevision {
  return {
    eventId: doc.eventId, itemId: doc.itemId, revision: doc.revision, version: doc.version, notes: doc.notes ?? '', keyPoints: doc.keyPoints ?? [], decisions: doc.decisions ?? [],
    actions: (doc.actions ?? []).map((a) => ({ text: a.text, departmentId: a.departmentId ?? null, dueDate: a.dueDate ?? null })),
    savedAt: doc.savedAt, savedBy: doc.savedBy ?? null, restoredFrom: doc.restoredFrom ?? null,
  };
}

/** Revisions by number. */
async function revisionsByNumber(eventId: string, pairs: readonly { itemId: string; n: number }[]): Promise<ItemRevision[]> {
  return (await findRevisions(eventId, pairs)).map(toRevision);
}

/**
 * The newest revision number of each item: the head pointers, then one look further for each until none
 * exists (a head can lag behind a save whose writer died, or lose a race; revisions are contiguous).
 */
export async function headRevisions(eventId: string, itemIds: readonly string[]): Promise<Map<string, number>> {
  const heads = await findHeadRevisions(eventId, itemIds);
  const numbers = new Map(itemIds.map((id) => [id, heads.get(id) ?? 0]));
  let probe = [...itemIds];
  while (probe.length) {
    const found = await revisionsByNumber(eventId, probe.map((itemId) => ({ itemId, n: numbers.get(itemId)! + 1 })));
    for (const rev of found) numbers.set(rev.itemId, Math.max(numbers.get(rev.itemId)!, rev.revision));
    probe = found.map((rev) => rev.itemId);
  }
  return numbers;
}

/** The current revision of each item (the empty revision 0 for items nobody has written yet). */
export async function currentRevisions(eventId: string, itemIds: readonly string[]): Promise<Map<string, ItemRevision>> {
  const heads = await headRevisions(eventId, itemIds);
  const found = await revisionsByNumber(eventId, [...heads].map(([itemId, n]) => ({ itemId, n })));
  const byItem = new Map(found.map((rev) => [rev.itemId, rev]));
  return new Map(itemIds.map((id) => [id, byItem.get(id) ?? emptyRevision(eventId, id)]));
}

/** One item's current revision. */
export async function currentRevision(eventId: string, itemId: string): Promise<ItemRevision> {
  return (await currentRevisions(eventId, [itemId])).get(itemId)!;
}

/** Specific revisions of items (e.g. the approved ones), by item id. */
export async function revisionsAt(eventId: string, numbers: Record<string, number>): Promise<Map<string, ItemRevision>> {
  const found = await revisionsByNumber(eventId, Object.entries(numbers).map(([itemId, n]) => ({ itemId, n })));
  const byItem = new Map(found.map((rev) => [rev.itemId, rev]));
  return new Map(Object.keys(numbers).map((id) => [id, byItem.get(id) ?? emptyRevision(eventId, id)]));
}

const sameContent = (a: ItemContent, b: ItemContent) =>
  JSON.stringify([a.notes, a.keyPoints, a.decisions, a.actions.map((x) => [x.text, x.departmentId, x.dueDate?.getTime() ?? null])]) ===
  JSON.stringify([b.notes, b.keyPoints, b.decisions, b.actions.map((x) => [x.text, x.departmentId, x.dueDate?.getTime() ?? null])]);

/** Refuse action items owned by departments that do not exist. */
async function checkDepartments(content: ItemContent): Promise<void> {
  if (!content.actions.some((action) => action.departmentId)) return;
  const known = new Set((await listDepartments({ includeArchived: true })).map((d) => String(d._id)));
  const errors: FieldErrors = {};
  content.actions.forEach((action, i) => {
    if (action.departmentId && !known.has(action.departmentId)) errors[`actions.${i}.departmentId`] = 'minutes.departmentUnknown';
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** Throw 404 unless the item is on the event's agenda. */
export async function assertAgendaItem(eventId: string, itemId: string): Promise<void> {
  if (!(await listAgendaItems(eventId)).some((item) => item.id === itemId)) throw new NotFoundError();
}

/** What a save carries: the revision it was based on, and the new text. */
export interface SaveItemInput {
  baseRevision: number;
  content: ItemContent;
  restoredFrom?: number;
}

/**
 * Save an item as revision base + 1 by inserting `<eventId>:<itemId>:<base + 1>`. If that exists, or the
 * base is not the newest, someone else saved first: EditConflictError with their revision and this text,
 * and nothing is overwritten. A save that changes nothing returns the current revision.
 */
export async function saveMinutesItem(eventId: string, itemId: string, input: SaveItemInput, actor: MinutesActor): Promise<ItemRevision> {
  const status = await readMinutesState(eventId);
  if (!EDITABLE_STATES.includes(status.state)) throw new ConflictError('minutes.frozen');
  await assertAgendaItem(eventId, itemId);
  await checkDepartments(input.content);
  const latest = await currentRevision(eventId, itemId);
  if (latest.revision !== input.baseRevision) throw new EditConflictError(latest, input.content);
  if (input.restoredFrom === undefined && sameContent(latest, input.content)) return latest;
  const n = input.baseRevision + 1;
  const doc = { ...input.content, eventId, itemId, revision: n, version: status.version, savedAt: new Date(), savedBy: actor, restoredFrom: input.restoredFrom ?? null };
  if (!(await insertRevision(doc))) throw new EditConflictError(await currentRevision(eventId, itemId), input.content);
  // Never moves the pointer back (and readers look further anyway).
  await raiseHeadRevision(eventId, itemId, n);
  logger.info({ by: actor.id, eventId, itemId }, 'Minutes item saved by %s: revision %d', actor.email, n);
  return toRevision(doc as ItemRevision);
}

/** An item's revisions, newest first: the `limit` newest, or those before revision `before` (a page of the history). */
export async function listRevisions(eventId: string, itemId: string, page: { before?: number; limit?: number } = {}): Promise<ItemRevision[]> {
  const head = (await headRevisions(eventId, [itemId])).get(itemId)!;
  const top = Math.min(head, (page.before ?? head + 1) - 1);
  const count = Math.max(0, Math.min(top, page.limit ?? REVISIONS_PER_PAGE));
  const found = await revisionsByNumber(eventId, Array.from({ length: count }, (_, i) => ({ itemId, n: top - i })));
  return found.sort((a, b) => b.revision - a.revision);
}

/** One revision (0 is the empty item), or 404. */
export async function getRevision(eventId: string, itemId: string, n: number): Promise<ItemRevision> {
  if (n === 0) return emptyRevision(eventId, itemId);
  const [found] = await revisionsByNumber(eventId, [{ itemId, n }]);
  if (!found) throw new NotFoundError();
  return found;
}

/** Bring back revision n as a new revision on top of `baseRevision` (a restore never rewrites history). */
export async function restoreRevision(eventId: string, itemId: string, n: number, baseRevision: number, actor: MinutesActor): Promise<ItemRevision> {
  const old = await getRevision(eventId, itemId, n);
  const content: ItemContent = { notes: old.notes, keyPoints: old.keyPoints, decisions: old.decisions, actions: old.actions };
  return saveMinutesItem(eventId, itemId, { baseRevision, content, restoredFrom: n }, actor);
}
