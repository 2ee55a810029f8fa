import { z } from 'zod';
import { ROLES } from '../web/access.js';
import { STAFF_LOCALES } from '../web/i18n.js';
import { weakPasswordReason } from './password-policy.js';

const email = z.string().trim().toLowerCase().pipe(z.email('validation.email'));
const password = z
  .string()
  .min(10, 'auth.passwordTooShort')
  .max(200, 'validation.invalid')
  .superRefine((value, ctx) => {
    // A password of the wrong length gets that one, actionable message, not a second one about guessability.
    if (value.length < 10 || value.length > 200) return;
    const reason = weakPasswordReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
const optionalId = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .pipe(z.string().regex(/^[0-9a-f]{24}$/i, 'validation.invalid').optional());

/** Sign-in form. */
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'validation.required'),
  password: z.string().min(1, 'validation.required'),
  next: z.string().optional(),
});

/** A new staff user (admin page, CLI and API). */
export const userCreateSchema = z.object({
  email,
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.invalid'),
  role: z.enum(ROLES, 'auth.roleInvalid'),
  password,
  departmentId: optionalId.optional(),
});

/** Changes an admin makes to a user; an empty password leaves it unchanged. */
export const userUpdateSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.invalid'),
  role: z.enum(ROLES, 'auth.roleInvalid'),
  active: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  password: z.union([z.literal(''), password]).optional(),
  departmentId: optionalId.optional(),
});

/** The account page: language and password. */
export const accountSchema = z.object({
  locale: z.enum(STAFF_LOCALES, 'validation.invalid'),
  currentPassword: z.string().optional(),
  newPassword: z.union([z.literal(''), password]).optional(),
});

/** A new API token's label. */
export const tokenCreateSchema = z.object({
  label: z.string().trim().max(100, 'validation.invalid').default(''),
});

/** Input of createUser. */
export type UserCreateInput = z.output<typeof userCreateSchema>;
/** Input of updateUser. */
export type UserUpdateInput = z.output<typeof userUpdateSchema>;
