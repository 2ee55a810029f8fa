import type { Request, Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS } from '../web/access.js';
import { AppError, ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { categoriesInUse, createCategory, deleteCategory, listCategories, renameCategory, setCategoryRetired } from './categories.service.js';
import { categorySchema } from './suggestions.schemas.js';

/** The admin's list of suggestion categories: rename, add, retire (and delete one no suggestion uses). */
export const categoriesRouter = defineRouter('/admin/suggestion-categories');

const PATH = '/admin/suggestion-categories';

/** The page; `failed` names the form (`new` or a key) whose errors and typed values are shown. */
async function renderPage(req: Request, res: Response, failed?: { form: string; errors: FieldErrors; values: Record<string, unknown> }) {
  const [categories, inUse] = await Promise.all([listCategories({ includeRetired: true }), categoriesInUse()]);
  res.status(failed ? 422 : 200).render('suggestions/views/categories', { title: req.t('suggestions.category.title'), categories, inUse, failed });
}

categoriesRouter.get('/', ACCESS.admin, (req, res) => renderPage(req, res));

categoriesRouter.post('/', ACCESS.admin, async (req, res) => {
  const form = validateForm(categorySchema, req.body);
  if (!form.ok) return renderPage(req, res, { form: 'new', errors: form.errors, values: req.body });
  try {
    const created = await createCategory(form.data);
    logger.info({ by: req.user!.id }, 'Suggestion category added by %s: %s (%s)', req.user!.email, created.key, created.name.zh);
  } catch (error) {
    if (error instanceof ValidationError) return renderPage(req, res, { form: 'new', errors: error.fields, values: req.body });
    throw error;
  }
  req.flash('success', 'suggestions.category.added');
  res.redirect(303, PATH);
});

categoriesRouter.post('/:key', ACCESS.admin, async (req, res) => {
  const key = String(req.params.key);
  const form = validateForm(categorySchema.omit({ key: true }), req.body);
  if (!form.ok) return renderPage(req, res, { form: key, errors: form.errors, values: req.body });
  await renameCategory(key, form.data);
  logger.info({ by: req.user!.id }, 'Suggestion category renamed by %s: %s → %s / %s', req.user!.email, key, form.data.nameZh, form.data.nameEn);
  req.flash('success', 'suggestions.category.saved');
  res.redirect(303, PATH);
});

categoriesRouter.post('/:key/retire', ACCESS.admin, async (req, res) => {
  const key = String(req.params.key);
  const retired = req.body?.retired !== '0';
  await setCategoryRetired(key, retired);
  logger.info({ by: req.user!.id }, 'Suggestion category %s by %s: %s', retired ? 'retired' : 'restored', req.user!.email, key);
  req.flash('success', retired ? 'suggestions.category.retired' : 'suggestions.category.restored');
  res.redirect(303, PATH);
});

categoriesRouter.post('/:key/delete', ACCESS.admin, async (req, res) => {
  const key = String(req.params.key);
  try {
    await deleteCategory(key);
  } catch (error) {
    if (!(error instanceof AppError && error.status === 409)) throw error;
    req.flash('error', error.message);
    return res.redirect(303, PATH);
  }
  logger.info({ by: req.user!.id }, 'Suggestion category deleted by %s: %s', req.user!.email, key);
  req.flash('success', 'suggestions.category.deleted');
  res.redirect(303, PATH);
});
