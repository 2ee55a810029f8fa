import { DateTime } from 'luxon';
import { z } from 'zod';
import { submissionField } from '../web/submission.js';
import { SUGGESTION_STATUSES } from './suggestion.model.js';

const blankToUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);
const text = (max: number) => z.string('validation.invalid').trim().max(max, 'suggestions.tooLong');
const requiredText = (max: number) => text(max).min(1, 'validation.required');
const objectId = z.string('validation.invalid').regex(/^[0-9a-f]{24}$/i, 'validation.invalid');
/** A form's optional id: an empty choice is none. */
const optionalId = z.preprocess(blankToUndefined, objectId.optional());
/** A day as `YYYY-MM-DD` (what a date input sends). */
export const isoDay = z
  .string('validation.invalid')
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, 'suggestions.dateInvalid');
const status = z.enum(SUGGESTION_STATUSES, 'suggestions.statusInvalid');
const categoryKey = z.string('validation.invalid').trim().min(1, 'suggestions.categoryRequired').max(60, 'suggestions.categoryUnknown');

/** Suggestions are short texts; a page of prose is still fine. */
export const MAX_TEXT = 4000;

/** Either an institution or a person must be named. */
function requireWho(value: { institutionId?: string | null; personName?: string }, ctx: z.RefinementCtx) {
  if (!value.institutionId && !value.personName) ctx.addIssue({ code: 'custom', path: ['institutionId'], message: 'suggestions.whoRequired' });
}

/** The quick-capture form of the day. */
export const captureSchema = z
  .object({
    institutionId: optionalId,
    personName: text(100).default(''),
    agendaItemId: optionalId,
    categoryKey,
    text: requiredText(MAX_TEXT),
    submission: submissionField,
  })
  .superRefine(requireWho);

/** What an institution writes on its token page. */
export const tokenSuggestionSchema = z.object({
  categoryKey,
  text: requiredText(MAX_TEXT),
  personName: text(100).default(''),
  submission: submissionField,
});

/** The organiser's assignment form: a department, optionally an owner of it and a due day. */
export const assignFormSchema = z.object({
  departmentId: z.preprocess(blankToUndefined, objectId.optional()).refine((v) => v !== undefined, 'suggestions.departmentRequired'),
  ownerId: optionalId,
  dueDate: z.preprocess(blankToUndefined, isoDay.optional()),
});

/** A status change from the suggestion page or the queue; `expectedStatus` is what the page showed. */
export const statusFormSchema = z.object({
  status,
  answer: text(MAX_TEXT).default(''),
  declineReason: text(2000).default(''),
  expectedStatus: status.optional(),
});

/** `POST /api/v1/events/:id/suggestions`. */
export const apiCreateSchema = z
  .object({
    text: requiredText(MAX_TEXT),
    category: categoryKey,
    institutionId: objectId.nullable().optional(),
    personName: text(100).optional(),
    agendaItemId: objectId.nullable().optional(),
  })
  .superRefine(requireWho);

/** `PATCH /api/v1/suggestions/:id`: assignment, status (with answer or reason), or both. */
export const apiPatchSchema = z.object({
  departmentId: objectId.nullable().optional(),
  ownerId: objectId.nullable().optional(),
  dueDate: isoDay.nullable().optional(),
  status: status.optional(),
  answer: text(MAX_TEXT).optional(),
  declineReason: text(2000).optional(),
  expectedStatus: status.optional(),
});

/** Filters of the register; anything malformed is simply no filter. */
export const registerFilterSchema = z.object({
  year: z.coerce.number().int().min(1900).max(9999).optional().catch(undefined),
  institutionId: optionalId.catch(undefined),
  category: z.preprocess(blankToUndefined, z.string().max(60).optional()).catch(undefined),
  departmentId: optionalId.catch(undefined),
  status: z.preprocess(blankToUndefined, status.optional()).catch(undefined),
  overdue: z.preprocess((v) => v === '1' || v === 'on' || v === 'true', z.boolean()).catch(false),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

/** An admin's category form; the key is optional (made from the English name) and fixed once created. */
export const categorySchema = z.object({
  key: z.preprocess(blankToUndefined, z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'suggestions.category.keyInvalid').optional()),
  nameZh: requiredText(100),
  nameEn: requiredText(100),
  nameKo: text(100).default(''),
  nameJa: text(100).default(''),
});

/** Input of the capture form. */
export type CaptureInput = z.output<typeof captureSchema>;
/** Input of the token page's form. */
export type TokenSuggestionInput = z.output<typeof tokenSuggestionSchema>;
/** A category as an admin types it. */
export type CategoryInput = z.output<typeof categorySchema>;
/** The register's filters. */
export type RegisterFilter = z.output<typeof registerFilterSchema>;
