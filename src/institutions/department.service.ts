import { listDepartmentUsers } from '../auth/index.js';
import { NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { createOnce } from '../web/submission.js';
import { parseInput } from '../web/validate.js';
import type { DepartmentDoc } from './department.model.js';
import { departmentInputSchema, type DepartmentInput } from './department.schemas.js';
import { findDepartment, findDepartments, insertDepartment, updateDepartmentFields } from './department.store.js';
import { sortByName } from './institution.service.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** A staff user who answers for a department. */
export interface DepartmentStaff {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** The zone departments by name; archived ones only on request. */
export async function listDepartments(options: { includeArchived?: boolean } = {}): Promise<DepartmentDoc[]> {
  return sortByName(await findDepartments(options));
}

/** One department (archived or not); NotFoundError for an unknown or malformed id. */
export async function getDepartment(id: string): Promise<DepartmentDoc> {
  const department = await findDepartment(id);
  if (!department) throw new NotFoundError();
  return department;
}

/** The name to show in a language: Chinese in Chinese, else English (falling back to Chinese). */
export function departmentDisplayName(department: { nameZh: string; nameEn?: string | null }, locale: Locale): string {
  return locale === 'zh' ? department.nameZh : department.nameEn || department.nameZh;
}

/** Create a department; bad input is a ValidationError. With the form's submission id, the same form sent twice creates one. */
export async function createDepartment(input: DepartmentInput, submissionId?: string): Promise<DepartmentDoc> {
  const data = parseInput(departmentInputSchema, input);
  const { record } = await createOnce({
    submissionId,
    sent: { ...data },
    find: (id) => findDepartment(id),
    create: (id) => insertDepartment(data, id),
  });
  return record;
}

/** Replace a department's fields; bad input is a ValidationError. */
export async function updateDepartment(id: string, input: DepartmentInput): Promise<DepartmentDoc> {
  const data = parseInput(departmentInputSchema, input);
  if (!OBJECT_ID.test(id)) throw new NotFoundError();
  const updated = await updateDepartmentFields(id, { $set: data }, { runValidators: true });
  if (!updated) throw new NotFoundError();
  return updated;
}

/** Archive or restore a department; it keeps its history either way. */
export async function setDepartmentArchived(id: string, archived: boolean): Promise<DepartmentDoc> {
  if (!OBJECT_ID.test(id)) throw new NotFoundError();
  const update = archived ? { $set: { archivedAt: new Date() } } : { $unset: { archivedAt: 1 } };
  const updated = await updateDepartmentFields(id, update);
  if (!updated) throw new NotFoundError();
  return updated;
}

/** Users with the role `department` linked to this department, by name. */
export async function listDepartmentStaff(id: string): Promise<DepartmentStaff[]> {
  if (!OBJECT_ID.test(id)) return [];
  const users = await listDepartmentUsers(id);
  return users
    .map((user) => ({ id: String(user._id), name: String(user.name ?? ''), email: String(user.email ?? ''), active: user.active !== false }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
}
