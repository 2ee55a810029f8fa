import type { Request, Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS, isAllowed } from '../web/access.js';
import { ConflictError, type FieldErrors } from '../web/errors.js';
import { LOCALES } from '../web/i18n.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf, submissionOf } from '../web/submission.js';
import { validateForm } from '../web/validate.js';
import { toFormFieldErrors } from './form-errors.js';
import { INSTITUTION_TYPES, type InstitutionDoc } from './institution.model.js';
import { contactsFromForm, institutionFromForm, institutionInputSchema, institutionQuerySchema } from './institution.schemas.js';
import {
  countInvitations,
  createInstitution,
  deleteInstitution,
  getInstitution,
  listInstitutions,
  listTags,
  primaryContact,
  setInstitutionArchived,
  updateInstitution,
} from './institution.service.js';

/** The institution directory's pages: list, detail, create, edit, archive. */
export const institutionsRouter = defineRouter('/institutions');

institutionsRouter.param('institutionId', async (_req, res, id) => {
  res.locals.institution = await getInstitution(id);
});

const loaded = (res: Response) => res.locals.institution as InstitutionDoc;
const canEdit = (req: Request) => isAllowed(req.user, ACCESS.organiser);

type FormValues = Record<string, unknown> & { contacts: Array<Record<string, unknown>> };

function renderForm(res: Response, values: FormValues, options: { errors?: FieldErrors; status?: number; blankRows?: number } = {}) {
  const editing = Boolean(values._id);
  res.status(options.status ?? 200).render('institutions/views/form', {
    title: res.locals.t(editing ? 'institutions.edit' : 'institutions.new'),
    values,
    errors: toFormFieldErrors(options.errors ?? {}),
    types: INSTITUTION_TYPES,
    languages: LOCALES,
    blankRows: options.blankRows ?? 1,
    // The new-institution form sends its submission id (kept when the form comes back).
    submission: editing ? '' : submissionIdOf(values),
  });
}

/** What the user typed, to show again: contact rows as kept (so error indexes line up) and tags as typed. */
function submitted(req: Request, id?: unknown): FormValues {
  const body = req.body as Record<string, unknown>;
  return { ...body, _id: id, contacts: contactsFromForm(body.contacts, body.primaryContact) };
}

function stored(institution: InstitutionDoc): FormValues {
  return {
    ...institution,
    tags: institution.tags.join(', '),
    contacts: institution.contacts.map((c) => ({ id: String(c._id), name: c.name, title: c.title, email: c.email, phone: c.phone, primary: c.primary })),
  };
}

/** The "add another contact" button re-renders the form with one more empty row, saving nothing (works without JS). */
function moreRows(req: Request): number | undefined {
  const body = req.body as { addContact?: string; blankRows?: string };
  if (!body.addContact) return undefined;
  return Math.min(10, Math.max(1, Number(body.blankRows) || 1) + 1);
}

institutionsRouter.get('/', 'staff', async (req, res) => {
  const filter = institutionQuerySchema.parse(req.query);
  const [institutions, tags] = await Promise.all([listInstitutions(filter), listTags()]);
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v).map(([k, v]): [string, string] => [k, String(v === true ? 1 : v)]));
  res.render('institutions/views/list', {
    title: req.t('institutions.title'), institutions, tags, filter, types: INSTITUTION_TYPES, primaryContact, canEdit: canEdit(req),
    exportHref: `/institutions/export.csv${query.size ? `?${query}` : ''}`, filtered: query.size > 0,
  });
});

institutionsRouter.get('/new', ACCESS.organiser, (_req, res) => renderForm(res, { preferredLocale: 'zh', contacts: [] }));

institutionsRouter.post('/', ACCESS.organiser, async (req, res) => {
  const blankRows = moreRows(req);
  if (blankRows) return renderForm(res, submitted(req), { blankRows });
  const form = validateForm(institutionInputSchema, institutionFromForm(req.body));
  if (!form.ok) return renderForm(res, submitted(req), { errors: form.errors, status: 422 });
  const institution = await createInstitution(form.data, submissionOf(req.body));
  logger.info({ by: req.user!.id }, 'Institution created by %s: %s', req.user!.email, institution.nameZh);
  req.flash('success', 'institutions.created');
  res.redirect(303, `/institutions/${institution._id}`);
});

institutionsRouter.get('/:institutionId', 'staff', async (req, res) => {
  const institution = loaded(res);
  res.render('institutions/views/show', {
    title: institution.nameZh, institution, primary: primaryContact(institution), canEdit: canEdit(req),
    invitationCount: await countInvitations(String(institution._id)),
  });
});

institutionsRouter.get('/:institutionId/edit', ACCESS.organiser, (_req, res) => renderForm(res, stored(loaded(res))));

institutionsRouter.post('/:institutionId', ACCESS.organiser, async (req, res) => {
  const id = String(loaded(res)._id);
  const blankRows = moreRows(req);
  if (blankRows) return renderForm(res, submitted(req, id), { blankRows });
  const form = validateForm(institutionInputSchema, institutionFromForm(req.body));
  if (!form.ok) return renderForm(res, submitted(req, id), { errors: form.errors, status: 422 });
  const institution = await updateInstitution(id, form.data);
  logger.info({ by: req.user!.id }, 'Institution updated by %s: %s', req.user!.email, institution.nameZh);
  req.flash('success', 'institutions.saved');
  res.redirect(303, `/institutions/${id}`);
});

for (const [action, archived] of [['archive', true], ['unarchive', false]] as const) {
  institutionsRouter.post(`/:institutionId/${action}`, ACCESS.organiser, async (req, res) => {
    const institution = await setInstitutionArchived(String(loaded(res)._id), archived);
    logger.info({ by: req.user!.id }, `Institution ${archived ? 'archived' : 'restored'} by %s: %s`, req.user!.email, institution.nameZh);
    req.flash('success', archived ? 'institutions.archivedFlash' : 'institutions.unarchivedFlash');
    res.redirect(303, `/institutions/${institution._id}`);
  });
}

institutionsRouter.post('/:institutionId/delete', ACCESS.organiser, async (req, res) => {
  const institution = loaded(res);
  try {
    await deleteInstitution(String(institution._id));
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    req.flash('error', error.message);
    return res.redirect(303, `/institutions/${institution._id}`);
  }
  logger.info({ by: req.user!.id }, 'Institution deleted by %s: %s', req.user!.email, institution.nameZh);
  req.flash('success', 'institutions.deleted');
  res.redirect(303, '/institutions');
});
