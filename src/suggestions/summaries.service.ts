import { listCategories, type Category } from './categories.service.js';
import { findDepartments, findInstitutions } from './neighbours.js';
import type { SuggestionDoc, SuggestionSource, SuggestionStatus } from './suggestion.model.js';
import { listSuggestions } from './suggestion.store.js';

/** A suggestion as other components see it (the contract in docs/suggestions.md). */
export interface SuggestionSummary {
  id: string;
  eventId: string;
  text: string;
  source: SuggestionSource;
  institutionId: string | null;
  institutionName: { zh: string; en: string } | null;
  personName: string;
  agendaItemId: string | null;
  category: { key: string; name: { zh: string; en: string } };
  departmentId: string | null;
  departmentName: { zh: string; en: string } | null;
  ownerName: string;
  status: SuggestionStatus;
  dueDate: Date | null;
  createdAt: Date;
  answeredAt: Date | null;
  answer: string;
  declineReason: string;
}

/** A suggestion with what this component's own pages also need. */
export interface SuggestionRecord extends SuggestionSummary {
  invitationId: string | null;
  ownerId: string | null;
  revision: number;
  /** The category with its Korean and Japanese names (for the token page). */
  categoryNames: Category['name'];
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const idOrNull = (id: unknown): string | null => (id ? String(id) : null);

/** Stored suggestions with the names of their institution, category and department, in one read of each list. */
export async function toRecords(docs: readonly SuggestionDoc[]): Promise<SuggestionRecord[]> {
  if (docs.length === 0) return [];
  const [categories, departments, institutions] = await Promise.all([
    listCategories({ includeRetired: true }),
    findDepartments(),
    findInstitutions(docs.flatMap((d) => (d.institutionId ? [String(d.institutionId)] : []))),
  ]);
  const categoryOf = new Map(categories.map((c) => [c.key, c]));
  return docs.map((doc) => {
    const category = categoryOf.get(doc.categoryKey);
    const names = category?.name ?? { zh: doc.categoryKey, en: doc.categoryKey, ko: '', ja: '' };
    const institution = doc.institutionId ? institutions.get(String(doc.institutionId)) : undefined;
    const department = doc.departmentId ? departments.get(String(doc.departmentId)) : undefined;
    return {
      id: String(doc._id),
      eventId: String(doc.eventId),
      text: doc.text,
      source: doc.source as SuggestionSource,
      institutionId: idOrNull(doc.institutionId),
      institutionName: institution ? { zh: institution.nameZh, en: institution.nameEn || institution.nameZh } : null,
      personName: doc.personName ?? '',
      agendaItemId: idOrNull(doc.agendaItemId),
      category: { key: doc.categoryKey, name: { zh: names.zh, en: names.en } },
      departmentId: idOrNull(doc.departmentId),
      departmentName: department ? { zh: department.nameZh, en: department.nameEn || department.nameZh } : null,
      ownerName: doc.ownerName ?? '',
      status: doc.status as SuggestionStatus,
      dueDate: doc.dueDate ?? null,
      createdAt: doc.createdAt,
      answeredAt: doc.answeredAt ?? null,
      answer: doc.answer ?? '',
      declineReason: doc.declineReason ?? '',
      invitationId: idOrNull(doc.invitationId),
      ownerId: idOrNull(doc.ownerId),
      revision: doc.revision ?? 1,
      categoryNames: names,
    };
  });
}

/** Suggestions of these events (all when none are given), oldest first: for the follow-up, the news summary and the reports. */
export async function listSuggestionSummaries(filter: { eventIds?: string[] } = {}): Promise<SuggestionSummary[]> {
  const eventIds = filter.eventIds?.filter((id) => OBJECT_ID.test(id));
  if (eventIds?.length === 0) return [];
  const records = await toRecords(await listSuggestions({ eventIds }));
  return records.map(({ invitationId: _i, ownerId: _o, revision: _r, categoryNames: _c, ...summary }) => summary);
}
