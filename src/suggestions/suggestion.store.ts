import { isDuplicateKeyError } from '../db/index.js';
import { SuggestionHistory, type SuggestionHistoryDoc } from './suggestion-history.model.js';
import { Suggestion, type SuggestionDoc } from './suggestion.model.js';

// The only file that reads or writes suggestions and their history records.

/** Which suggestions to list (ids as strings; all of them when empty). */
export interface SuggestionFilter {
  eventId?: string;
  eventIds?: string[];
  departmentId?: string;
  institutionId?: string;
  invitationId?: string;
}

/** One history record as it is written: `<suggestionId>:<revision>` is its `_id`. */
export interface NewHistoryRecord {
  suggestionId: unknown;
  revision: number;
  action: string;
  at: Date;
  by: { kind: string; id: string; name: string; email?: string };
  changes: { field: string; from: unknown; to: unknown }[];
  set: Record<string, unknown>;
}

/** The suggestion with this id, or null. */
export async function findSuggestion(id: string): Promise<SuggestionDoc | null> {
  return Suggestion.findById(id).lean<SuggestionDoc>();
}

/** The suggestions matching the filter, oldest first. */
export async function listSuggestions(filter: SuggestionFilter = {}): Promise<SuggestionDoc[]> {
  const query: Record<string, unknown> = {};
  if (filter.eventId !== undefined) query.eventId = filter.eventId;
  if (filter.eventIds !== undefined) query.eventId = { $in: filter.eventIds };
  if (filter.departmentId !== undefined) query.departmentId = filter.departmentId;
  if (filter.institutionId !== undefined) query.institutionId = filter.institutionId;
  if (filter.invitationId !== undefined) query.invitationId = filter.invitationId;
  return Suggestion.find(query).sort({ createdAt: 1, _id: 1 }).lean<SuggestionDoc[]>();
}

/** Insert a suggestion (under `id` when given: a duplicate throws the duplicate-key error). */
export async function insertSuggestion(fields: Record<string, unknown>, id?: string): Promise<SuggestionDoc> {
  return (await Suggestion.create(id ? { _id: id, ...fields } : fields)).toObject() as SuggestionDoc;
}

/** Set fields of a suggestion if it is still at `revision` (a changed one is left as it is). */
export async function setSuggestionFieldsAt(id: unknown, revision: number, set: Record<string, unknown>): Promise<void> {
  await Suggestion.updateOne({ _id: id, revision }, { $set: set });
}

/** Whether any suggestion is filed under this category. */
export async function isCategoryUsed(key: string): Promise<boolean> {
  return Boolean(await Suggestion.exists({ categoryKey: key }));
}

/** The keys of the categories some suggestion is filed under. */
export async function listUsedCategoryKeys(): Promise<string[]> {
  return (await Suggestion.distinct('categoryKey')).map(String);
}

/** Insert a history record, claiming its revision; false when that revision is already claimed. */
export async function insertHistoryRecord(record: NewHistoryRecord): Promise<boolean> {
  try {
    await SuggestionHistory.create({ _id: `${String(record.suggestionId)}:${record.revision}`, ...record });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** The history record of this revision of a suggestion, or null. */
export async function findHistoryRecord(suggestionId: string, revision: number): Promise<SuggestionHistoryDoc | null> {
  return SuggestionHistory.findById(`${suggestionId}:${revision}`).lean<SuggestionHistoryDoc>();
}

/** A suggestion's history records up to `revision` (`<id>:1` … `<id>:<revision>`, read by `_id`), oldest first. */
export async function listHistoryRecords(suggestionId: string, revision: number): Promise<SuggestionHistoryDoc[]> {
  const ids = Array.from({ length: revision }, (_, i) => `${suggestionId}:${i + 1}`);
  const records = await SuggestionHistory.find({ _id: { $in: ids } }).lean<SuggestionHistoryDoc[]>();
  return records.sort((a, b) => a.revision - b.revision);
}
