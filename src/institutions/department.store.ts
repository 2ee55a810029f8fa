import type { Types } from 'mongoose';
import { Department, type DepartmentDoc } from './department.model.js';

// The only file that reads or writes departments.

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Fields of a new department, as the schema takes them (it validates and fills defaults). */
export type NewDepartment = { [K in Exclude<keyof DepartmentDoc, '_id'>]?: unknown } & { nameZh: string };

/** The departments, archived ones only on request, in no particular order. */
export async function findDepartments(options: { includeArchived?: boolean } = {}): Promise<DepartmentDoc[]> {
  return Department.find(options.includeArchived ? {} : { archivedAt: null }).lean<DepartmentDoc[]>();
}

/** Every department, archived ones included, by Chinese name (code-point order). */
export async function listAllDepartments(): Promise<DepartmentDoc[]> {
  return Department.find().sort({ nameZh: 1 }).lean<DepartmentDoc[]>();
}

/** One department (archived or not), or null for an unknown or malformed id. */
export async function findDepartment(id: string | Types.ObjectId): Promise<DepartmentDoc | null> {
  if (!OBJECT_ID.test(String(id))) return null;
  return Department.findById(id).lean<DepartmentDoc>();
}

/** Whether a department with this id exists (false for a malformed id). */
export async function departmentExists(id: string): Promise<boolean> {
  return OBJECT_ID.test(id) && (await Department.exists({ _id: id })) !== null;
}

/** The id of the department with this Chinese name, or null. */
export async function findDepartmentIdByName(nameZh: string): Promise<{ _id: Types.ObjectId } | null> {
  return Department.findOne({ nameZh }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
}

/** Insert a department, under `id` when given; returns it as stored. */
export async function insertDepartment(fields: NewDepartment, id?: string): Promise<DepartmentDoc> {
  return (await Department.create(id ? { _id: id, ...fields } : fields)).toObject() as DepartmentDoc;
}

/** Apply an update (`$set` / `$unset`) to one department; returns it as now stored, or null if unknown. */
export async function updateDepartmentFields(id: string, update: Record<string, unknown>, options: { runValidators?: boolean } = {}): Promise<DepartmentDoc | null> {
  if (!OBJECT_ID.test(id)) return null;
  return Department.findByIdAndUpdate(id, update, { new: true, runValidators: options.runValidators ?? false }).lean<DepartmentDoc>();
}
