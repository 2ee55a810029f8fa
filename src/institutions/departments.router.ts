import type { Request, Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS, isAllowed } from '../web/access.js';
import type { FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf, submissionOf } from '../web/submission.js';
import { validateForm } from '../web/validate.js';
import type { DepartmentDoc } from './department.model.js';
import { departmentInputSchema } from './department.schemas.js';
import {
  createDepartment,
  getDepartment,
  listDepartments,
  listDepartmentStaff,
  setDepartmentArchived,
  updateDepartment,
} from './department.service.js';
import { toFormFieldErrors } from './form-errors.js';

/** The zone departments: list, detail with their staff users, create, edit, archive. */
export const departmentsRouter = defineRouter('/departments');

departmentsRouter.param('departmentId', async (_req, res, id) => {
  res.locals.department = await getDepartment(id);
});

const loaded = (res: Response) => res.locals.department as DepartmentDoc;
const canEdit = (req: Request) => isAllowed(req.user, ACCESS.organiser);

function renderForm(res: Response, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
  res.status(status).render('institutions/views/department-form', {
    title: res.locals.t(values._id ? 'departments.edit' : 'departments.new'),
    values,
    errors: toFormFieldErrors(errors),
    submission: values._id ? '' : submissionIdOf(values),
  });
}

departmentsRouter.get('/', 'staff', async (req, res) => {
  const includeArchived = req.query.includeArchived === '1';
  res.render('institutions/views/department-list', {
    title: req.t('departments.title'), departments: await listDepartments({ includeArchived }), includeArchived, canEdit: canEdit(req),
  });
});

departmentsRouter.get('/new', ACCESS.organiser, (_req, res) => renderForm(res, { head: {} }));

departmentsRouter.post('/', ACCESS.organiser, async (req, res) => {
  const form = validateForm(departmentInputSchema, req.body);
  if (!form.ok) return renderForm(res, { head: {}, ...req.body }, form.errors, 422);
  const department = await createDepartment(form.data, submissionOf(req.body));
  logger.info({ by: req.user!.id }, 'Department created by %s: %s', req.user!.email, department.nameZh);
  req.flash('success', 'departments.created');
  res.redirect(303, `/departments/${department._id}`);
});

departmentsRouter.get('/:departmentId', 'staff', async (req, res) => {
  const department = loaded(res);
  res.render('institutions/views/department-show', {
    title: department.nameZh, department, staff: await listDepartmentStaff(String(department._id)),
    canEdit: canEdit(req), canManageUsers: isAllowed(req.user, ACCESS.admin),
  });
});

departmentsRouter.get('/:departmentId/edit', ACCESS.organiser, (_req, res) => renderForm(res, loaded(res)));

departmentsRouter.post('/:departmentId', ACCESS.organiser, async (req, res) => {
  const id = String(loaded(res)._id);
  const form = validateForm(departmentInputSchema, req.body);
  if (!form.ok) return renderForm(res, { head: {}, ...req.body, _id: id }, form.errors, 422);
  const department = await updateDepartment(id, form.data);
  logger.info({ by: req.user!.id }, 'Department updated by %s: %s', req.user!.email, department.nameZh);
  req.flash('success', 'departments.saved');
  res.redirect(303, `/departments/${id}`);
});

for (const [action, archived] of [['archive', true], ['unarchive', false]] as const) {
  departmentsRouter.post(`/:departmentId/${action}`, ACCESS.organiser, async (req, res) => {
    const department = await setDepartmentArchived(String(loaded(res)._id), archived);
    logger.info({ by: req.user!.id }, `Department ${archived ? 'archived' : 'restored'} by %s: %s`, req.user!.email, department.nameZh);
    req.flash('success', archived ? 'departments.archivedFlash' : 'departments.unarchivedFlash');
    res.redirect(303, `/departments/${department._id}`);
  });
}
