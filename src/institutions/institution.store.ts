import type { Types } from 'mongoose';
import { Institution, type InstitutionDoc } from './institution.model.js';

// The only file that reads or writes institutions.

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Fields of a new institution, as the schema takes them (it validates and fills defaults). */
export type NewInstitution = { [K in Exclude<keyof InstitutionDoc, '_id'>]?: unknown } & { nameZh: string; type: string };

/** Filters of findInstitutions; `q` matches any of `searchFields` (case-insensitive, as typed). */
export interface InstitutionQuery {
  includeArchived?: boolean;
  type?: string;
  tag?: string;
  q?: string;
  searchFields?: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Institutions matching a query, in no particular order. */
export async function findInstitutions(query: InstitutionQuery = {}): Promise<InstitutionDoc[]> {
  const filter: Record<string, unknown> = {};
  if (!query.includeArchived) filter.archivedAt = null;
  if (query.type) filter.type = query.type;
  if (query.tag) filter.tags = query.tag;
  if (query.q) {
    const pattern = { $regex: escapeRegExp(query.q), $options: 'i' };
    filter.$or = (query.searchFields ?? []).map((field) => ({ [field]: pattern }));
  }
  return Institution.find(filter).lean<InstitutionDoc[]>();
}

/** Every institution, archived ones included, in no particular order. */
export async function listAllInstitutions(): Promise<InstitutionDoc[]> {
  return Institution.find().lean<InstitutionDoc[]>();
}

/** One institution (archived or not), or null for an unknown or malformed id. */
export async function findInstitution(id: string | Types.ObjectId): Promise<InstitutionDoc | null> {
  if (!OBJECT_ID.test(String(id))) return null;
  return Institution.findById(id).lean<InstitutionDoc>();
}

/** The institutions with these ids (malformed and unknown ones are skipped), in no particular order. */
export async function findInstitutionsByIds(ids: ReadonlyArray<string | Types.ObjectId>): Promise<InstitutionDoc[]> {
  const valid = [...new Set(ids.map(String))].filter((id) => OBJECT_ID.test(id));
  if (valid.length === 0) return [];
  return Institution.find({ _id: { $in: valid } }).lean<InstitutionDoc[]>();
}

/** The id of the institution with this Chinese name, or null. */
export async function findInstitutionIdByName(nameZh: string): Promise<{ _id: Types.ObjectId } | null> {
  return Institution.findOne({ nameZh }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
}

/** Insert an institution, under `id` when given; returns it as stored. */
export async function insertInstitution(fields: NewInstitution, id?: string): Promise<InstitutionDoc> {
  return (await Institution.create(id ? { _id: id, ...fields } : fields)).toObject() as InstitutionDoc;
}

/** Apply an update (`$set` / `$unset`) to one institution, validated; returns it as now stored, or null if unknown. */
export async function updateInstitutionFields(id: string, update: Record<string, unknown>): Promise<InstitutionDoc | null> {
  if (!OBJECT_ID.test(id)) return null;
  return Institution.findByIdAndUpdate(id, update, { new: true, runValidators: true }).lean<InstitutionDoc>();
}

/** Delete an institution; false when there was none with this id. */
export async function deleteInstitutionRecord(id: string): Promise<boolean> {
  const result = await Institution.deleteOne({ _id: id });
  return result.deletedCount > 0;
}

/** The tags of every institution (one list per institution). */
export async function listInstitutionTagLists(): Promise<string[][]> {
  const docs = await Institution.find({}, { tags: 1 }).lean<Array<{ tags?: string[] }>>();
  return docs.map((doc) => doc.tags ?? []);
}
