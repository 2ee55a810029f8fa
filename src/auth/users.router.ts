import type { Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS, ROLES } from '../web/access.js';
import { ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { tokenCreateSchema, userCreateSchema, userUpdateSchema } from './auth.schemas.js';
import { createApiToken, createUser, getUser, listApiTokens, listUsers, revokeApiToken, updateUser } from './auth.service.js';

/** Admin pages for staff users and their API tokens. */
export const usersRouter = defineRouter('/admin/users');

usersRouter.param('userId', async (_req, res, id) => {
  res.locals.user = await getUser(id);
});

function renderForm(res: Response, view: 'new' | 'edit', errors: FieldErrors, values: object, status = 200) {
  res.status(status).render(`auth/views/user-${view}`, { title: res.locals.t(view === 'new' ? 'auth.newUser' : 'auth.editUser'), roles: ROLES, errors, values });
}

usersRouter.get('/', ACCESS.admin, async (req, res) => {
  res.render('auth/views/users', { title: req.t('nav.users'), users: await listUsers() });
});

usersRouter.get('/new', ACCESS.admin, (_req, res) => renderForm(res, 'new', {}, { role: 'organiser' }));

usersRouter.post('/', ACCESS.admin, async (req, res) => {
  const form = validateForm(userCreateSchema, req.body);
  if (!form.ok) return renderForm(res, 'new', form.errors, req.body, 422);
  try {
    const user = await createUser(form.data);
    logger.info({ by: req.user!.id }, 'User created by %s: %s (%s)', req.user!.email, user.email, user.role);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(res, 'new', error.fields, req.body, 422);
    throw error;
  }
  req.flash('success', 'auth.userCreated');
  res.redirect(303, '/admin/users');
});

usersRouter.get('/:userId', ACCESS.admin, async (_req, res) => {
  const user = res.locals.user;
  res.render('auth/views/user-edit', {
    title: res.locals.t('auth.editUser'),
    roles: ROLES,
    errors: {},
    values: { ...user, departmentId: user.departmentId ? String(user.departmentId) : '' },
    tokens: await listApiTokens(String(user._id)),
    newToken: undefined,
  });
});

usersRouter.post('/:userId', ACCESS.admin, async (req, res) => {
  const user = res.locals.user;
  const form = validateForm(userUpdateSchema, req.body);
  if (!form.ok) {
    return res.status(422).render('auth/views/user-edit', {
      title: req.t('auth.editUser'), roles: ROLES, errors: form.errors, values: { ...req.body, email: user.email, _id: user._id },
      tokens: await listApiTokens(String(user._id)), newToken: undefined,
    });
  }
  await updateUser(String(user._id), form.data, req.sessionID);
  logger.info({ by: req.user!.id }, 'User updated by %s: %s', req.user!.email, user.email);
  req.flash('success', 'auth.userSaved');
  res.redirect(303, `/admin/users/${user._id}`);
});

usersRouter.post('/:userId/tokens', ACCESS.admin, async (req, res) => {
  const user = res.locals.user;
  const form = validateForm(tokenCreateSchema, req.body);
  const label = form.ok ? form.data.label : '';
  const { token } = await createApiToken(String(user._id), label);
  logger.info({ by: req.user!.id }, 'API token created by %s for %s', req.user!.email, user.email);
  // Shown once, on this response only; never redirected with the token in a URL.
  res.status(201).render('auth/views/user-edit', {
    title: req.t('auth.editUser'), roles: ROLES, errors: {}, values: { ...user, departmentId: user.departmentId ? String(user.departmentId) : '' },
    tokens: await listApiTokens(String(user._id)), newToken: token,
  });
});

usersRouter.post('/:userId/tokens/:tokenId/revoke', ACCESS.admin, async (req, res) => {
  const user = res.locals.user;
  await revokeApiToken(String(req.params.tokenId), String(user._id));
  logger.info({ by: req.user!.id }, 'API token revoked by %s for %s', req.user!.email, user.email);
  req.flash('success', 'auth.tokenRevoked');
  res.redirect(303, `/admin/users/${user._id}`);
});
