import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Request, Response } from 'express';
import { logger } from '../logger.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { accountSchema, loginSchema } from './auth.schemas.js';
import { authenticate, updateAccount } from './auth.service.js';
import { ValidationError } from '../web/errors.js';

/** Sign-in, sign-out and the signed-in user's own account page. */
export const authRouter = defineRouter('/');

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per address and account, and per address across all accounts, in 15 minutes. */
export const LOGIN_LIMITS = { perAccount: 10, perAddress: 30 } as const;

function loginLimiter(limit: number, keyOf: (req: Request) => string) {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: keyOf,
    handler: (req, res) => res.status(429).render('auth/views/login', { title: req.t('auth.signIn'), errors: { _: 'auth.tooManyAttempts' }, values: req.body ?? {} }),
  });
}
// Per address and account, so one office behind a shared address isn't locked out by one person; and per
// address alone, with a higher limit, so one address cannot try a few passwords on every account.
const accountLimiter = loginLimiter(LOGIN_LIMITS.perAccount, (req) => `${ipKeyGenerator(req.ip ?? '')}:${String(req.body?.email ?? '').trim().toLowerCase()}`);
const addressLimiter = loginLimiter(LOGIN_LIMITS.perAddress, (req) => ipKeyGenerator(req.ip ?? ''));

/** Only same-site paths may be redirected to after sign-in. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

authRouter.get('/login', 'public', (req, res) => {
  if (req.user) return res.redirect(303, safeNext(req.query.next));
  res.render('auth/views/login', { title: req.t('auth.signIn'), errors: {}, values: { next: safeNext(req.query.next) } });
});

authRouter.post('/login', 'public', addressLimiter, accountLimiter, async (req: Request, res: Response) => {
  const form = validateForm(loginSchema, req.body);
  const user = form.ok ? await authenticate(form.data.email, form.data.password) : undefined;
  if (!user) {
    const errors = form.ok ? { _: 'auth.invalidCredentials' } : form.errors;
    return res.status(422).render('auth/views/login', { title: req.t('auth.signIn'), errors, values: { email: req.body?.email, next: req.body?.next } });
  }
  await regenerateSession(req);
  req.session.userId = user.id;
  logger.info({ userId: user.id }, 'Signed in: %s', user.email);
  res.redirect(303, safeNext(form.ok ? form.data.next : undefined));
});

authRouter.post('/logout', 'public', (req, res, next) => {
  req.session.destroy((err) => {
    if (err) return next(err);
    res.redirect(303, '/login');
  });
});

authRouter.get('/account', 'staff', (req, res) => {
  res.render('auth/views/account', { title: req.t('nav.account'), errors: {}, values: { locale: req.user!.locale ?? req.locale } });
});

authRouter.post('/account', 'staff', async (req, res) => {
  const form = validateForm(accountSchema, req.body);
  const render = (errors: Record<string, string>) =>
    res.status(422).render('auth/views/account', { title: req.t('nav.account'), errors, values: { locale: req.body?.locale } });
  if (!form.ok) return render(form.errors);
  try {
    await updateAccount(req.user!.id, form.data, req.sessionID);
  } catch (error) {
    if (error instanceof ValidationError) return render(error.fields);
    throw error;
  }
  req.flash('success', 'auth.accountSaved');
  res.redirect(303, '/account?lang=' + form.data.locale);
});
