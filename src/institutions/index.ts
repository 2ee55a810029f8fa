import type { ConveneRouter } from '../web/routes.js';
import { departmentsRouter } from './departments.router.js';
import { institutionCsvRouter } from './institution-csv.router.js';
import { institutionsApiRouter } from './institutions-api.router.js';
import { institutionsRouter } from './institutions.router.js';

export { INSTITUTION_TYPES, type InstitutionDoc, type InstitutionType } from './institution.model.js';
export type { DepartmentDoc } from './department.model.js';
export { findInstitutionIdByName, insertInstitution, type NewInstitution } from './institution.store.js';
export { departmentExists, findDepartmentIdByName, insertDepartment, listAllDepartments, type NewDepartment } from './department.store.js';
export { institutionsMessages } from './institutions.messages.js';
export {
  listInstitutions,
  getInstitution,
  getInstitutionsByIds,
  primaryContact,
  institutionDisplayName,
  createInstitution,
  updateInstitution,
  replaceContactEmail,
  setInstitutionArchived,
  listTags,
  institutionToJson,
  type Contact,
} from './institution.service.js';
export { listDepartments, getDepartment, createDepartment, departmentDisplayName, listDepartmentStaff } from './department.service.js';
export type { InstitutionFilter, InstitutionInput, InstitutionPatch } from './institution.schemas.js';
export type { DepartmentInput } from './department.schemas.js';

/** This component's routers, mounted by app.ts; the CSV router first, so `/institutions/import` is not read as an id. */
export const institutionsRouters: ConveneRouter[] = [institutionCsvRouter, institutionsRouter, institutionsApiRouter, departmentsRouter];
