import { z } from 'zod';
import { submissionField } from '../web/submission.js';

/**
 * A check-in code as typed or scanned: full-width characters (a Chinese keyboard) folded, upper-cased,
 * spaces and dashes dropped. A scanned URL keeps only its last path segment.
 */
export function normalizeCode(value: string): string {
  const text = value.normalize('NFKC').trim();
  const last = text.includes('/') ? (text.split(/[/?#]/).filter(Boolean).pop() ?? '') : text;
  return last.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const missingToEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
/** Trimmed text of at most `max` characters (empty allowed). */
const text = (max: number) => z.preprocess(missingToEmpty, z.string('validation.invalid').trim().max(max, 'checkin.tooLong'));
/** Trimmed, non-empty text of at most `max` characters. */
const requiredText = (max: number) => z.preprocess(missingToEmpty, z.string('validation.invalid').trim().min(1, 'validation.required').max(max, 'checkin.tooLong'));
/** An ObjectId, or empty (null). */
const optionalId = z.preprocess(
  missingToEmpty,
  z.string('validation.invalid').trim().regex(/^([0-9a-f]{24})?$/i, 'validation.invalid').transform((v) => v || null),
);

/** A check-in code: letters and digits once normalised. */
export const codeValue = z.preprocess(
  // Something typed that normalises to nothing ("!!") is an invalid code, not a missing one.
  (v) => (typeof v === 'string' ? normalizeCode(v) || v.trim() : missingToEmpty(v)),
  z.string('validation.invalid').min(1, 'validation.required').regex(/^[A-Z0-9]{4,32}$/, 'checkin.codeInvalid'),
);

/** The code field of the check-in page (typed, or filled by the QR scanner). */
export const codeFormSchema = z.object({ code: codeValue });

/** A walk-in: a directory institution or a typed one, optionally in place of one of its registered delegates (by code). */
export const walkInSchema = z
  .object({
    name: requiredText(100),
    title: text(100),
    institutionId: optionalId,
    institutionName: text(200),
    substituteFor: z.preprocess((v) => (typeof v === 'string' ? normalizeCode(v) : missingToEmpty(v)), z.string('validation.invalid').max(32, 'checkin.codeInvalid')),
    /** The form's submission id (src/web/submission.ts): the same walk-in sent twice is checked in once. */
    submission: submissionField,
  })
  .superRefine((input, ctx) => {
    if (!input.institutionId && !input.institutionName && !input.substituteFor) {
      ctx.addIssue({ code: 'custom', path: ['institutionName'], message: 'checkin.institutionRequired' });
    }
  });
/** A walk-in as the service takes it. */
export type WalkInInput = z.output<typeof walkInSchema>;

/** One of the event's zone participants, by id. */
export const zoneParticipantSchema = z.object({ participantId: z.string('validation.invalid').regex(/^[0-9a-f]{24}$/i, 'validation.invalid') });

/** Zone staff typed in with their department. */
export const zoneTypedSchema = z.object({
  name: requiredText(100),
  title: text(100),
  departmentId: z.preprocess(missingToEmpty, z.string('validation.invalid').regex(/^[0-9a-f]{24}$/i, 'checkin.departmentRequired')),
  submission: submissionField,
});

/** Zone staff as the service takes them: a participant of the event, or typed. */
export type ZoneInput = z.output<typeof zoneParticipantSchema> | z.output<typeof zoneTypedSchema>;

/** The schema for zone input: by participant id when one is given, else typed (so field errors name the typed fields). */
export function zoneSchemaFor(value: unknown) {
  const hasId = typeof value === 'object' && value !== null && 'participantId' in value && (value as { participantId?: unknown }).participantId !== '';
  return hasId ? zoneParticipantSchema : zoneTypedSchema;
}

/** Which check-in to undo. */
export const undoSchema = z.object({ id: z.string('validation.invalid').min(1, 'validation.required').max(200, 'validation.invalid') });

/** The search box of the check-in page. */
export const searchSchema = z.object({ q: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(100).catch('')) });

/** `POST /api/v1/events/:id/checkins`: exactly one of a code, a walk-in or zone staff. */
export const apiCheckInSchema = z
  .object({ code: codeValue.optional(), walkIn: walkInSchema.optional(), zone: z.unknown().optional() })
  .superRefine((input, ctx) => {
    const given = [input.code, input.walkIn, input.zone].filter((v) => v !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['code'], message: 'checkin.api.oneOf' });
  });
