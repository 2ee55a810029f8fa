import mongoose from 'mongoose';
import { z } from 'zod';
import { LOCALES } from '../web/i18n.js';
import { DELEGATE_ROLES, RSVP_STATUSES } from './invitation.model.js';

/** Rows of a form beyond this are refused outright, whatever the event allows. */
export const MAX_FORM_ROWS = 50;

/** Form arrays arrive as one string, a list, or (past qs's array limit) an object keyed by index. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return Object.values(value);
  return [value];
}

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true', z.boolean());
const text = (max: number) => z.string().trim().max(max, 'invitations.tooLong').default('');
const objectId = z.string().refine((id) => mongoose.isValidObjectId(id), 'invitations.badId');

/** One delegate row of the RSVP or manual-status form; empty rows are dropped by `keepFilledRows`. */
export const delegateRowSchema = z.object({
  name: text(100),
  title: text(100),
  substitute: checkbox.default(false),
});
/** A delegate as typed in a form. */
export type DelegateRow = z.output<typeof delegateRowSchema>;

/** Delegate rows, as many as the form had (empty ones included, so error paths match the rows shown). */
export const delegateRowsSchema = z.preprocess(asList, z.array(delegateRowSchema).max(MAX_FORM_ROWS, 'invitations.tooManyRows'));

/** Rows with nothing typed in are the unused ones of the form. */
export function keepFilledRows(rows: DelegateRow[]): DelegateRow[] {
  return rows.filter((row) => row.name !== '' || row.title !== '');
}

/** Needs and comment of an answer. */
const needsSchema = z.object({ dietary: text(500), accessibility: text(500) }).default({ dietary: '', accessibility: '' });

/** The RSVP form, checked against the event's maximum number of delegates. */
export function rsvpAnswerSchema(maxDelegates: number) {
  return z
    .object({
      status: z.enum(['accepted', 'tentative', 'declined'], { error: 'rsvp.statusRequired' }),
      delegates: delegateRowsSchema,
      needs: needsSchema,
      comment: text(2000),
    })
    .superRefine((answer, ctx) => {
      answer.delegates.forEach((row, index) => {
        if (row.name === '' && row.title !== '') ctx.addIssue({ code: 'custom', path: ['delegates', index, 'name'], message: 'rsvp.delegateNameRequired' });
      });
      const filled = keepFilledRows(answer.delegates).length;
      if (filled > maxDelegates) ctx.addIssue({ code: 'custom', path: ['delegates'], message: 'rsvp.tooManyDelegates' });
      if (answer.status !== 'declined' && filled === 0) ctx.addIssue({ code: 'custom', path: ['delegates'], message: 'rsvp.delegateRequired' });
    });
}
/** An answer as submitted on the RSVP page. */
export type RsvpAnswerInput = z.output<ReturnType<typeof rsvpAnswerSchema>>;

/** An organiser setting the status by hand (e.g. after a phone call), with optional delegates and a note. */
export const manualStatusSchema = z
  .object({
    status: z.enum(RSVP_STATUSES, { error: 'invitations.statusInvalid' }),
    delegates: delegateRowsSchema,
    note: text(1000),
  })
  .superRefine((input, ctx) => {
    input.delegates.forEach((row, index) => {
      if (row.name === '' && row.title !== '') ctx.addIssue({ code: 'custom', path: ['delegates', index, 'name'], message: 'validation.required' });
    });
  });
/** An organiser's manual answer. */
export type ManualStatusInput = z.output<typeof manualStatusSchema>;

const guestSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(100, 'invitations.tooLong'),
  email: z.string({ error: 'validation.required' }).trim().toLowerCase().pipe(z.email('validation.email')),
  title: text(100),
  organisation: text(200),
  role: z.enum(DELEGATE_ROLES, { error: 'invitations.roleInvalid' }).default('attendee'),
  locale: z.enum(LOCALES, { error: 'validation.invalid' }).default('zh'),
});
/** An individual guest to invite. */
export type GuestInput = z.output<typeof guestSchema>;

/** Who to invite, as the API takes it: ids must be well-formed; whether they exist is checked against the directory. */
export const inviteeListSchema = z.object({
  institutionIds: z.array(objectId).max(1000, 'invitations.tooManyRows').default([]),
  departmentIds: z.array(objectId).max(200, 'invitations.tooManyRows').default([]),
  guests: z.array(guestSchema).max(200, 'invitations.tooManyRows').default([]),
  ccAllContacts: z.boolean({ error: 'validation.invalid' }).default(false),
});
/** Who to invite. */
export type InviteeListInput = z.output<typeof inviteeListSchema>;

const formGuestRowSchema = z.object({ name: text(100), email: text(200), title: text(100), organisation: text(200), role: z.string().default(''), locale: z.string().default('') });

/** Guest rows of the form: untouched rows are dropped, the others must be complete (errors keep the row's index). */
const formGuestRows = z.preprocess(asList, z.array(formGuestRowSchema).max(MAX_FORM_ROWS, 'invitations.tooManyRows')).transform((rows, ctx) => {
  const guests: GuestInput[] = [];
  rows.forEach((row, index) => {
    if (!row.name && !row.email && !row.title && !row.organisation) return;
    const parsed = guestSchema.safeParse({ ...row, role: row.role || undefined, locale: row.locale || undefined });
    if (parsed.success) guests.push(parsed.data);
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [index, ...issue.path], message: issue.message });
  });
  return guests;
});

/** The same list as the web form sends it: checkboxes, guest rows (untouched rows dropped), a cc checkbox. */
export const inviteeFormSchema = z.object({
  institutionIds: z.preprocess(asList, z.array(objectId).max(1000, 'invitations.tooManyRows')),
  departmentIds: z.preprocess(asList, z.array(objectId).max(200, 'invitations.tooManyRows')),
  guests: formGuestRows,
  ccAllContacts: checkbox.default(false),
});

/** Filters of the institution picker. */
export const pickerFilterSchema = z.object({
  type: z.string().trim().max(40).catch('').default(''),
  tag: z.string().trim().max(100).catch('').default(''),
  previous: checkbox.catch(false).default(false),
});

/** A corrected address for an invitation whose mail bounced. */
export const readdressSchema = z.object({
  email: z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').pipe(z.email('validation.email')),
});

/** Filters of the RSVP board. */
export const boardFilterSchema = z.object({
  status: z.enum(['', ...RSVP_STATUSES]).catch('').default(''),
  delivery: z.enum(['', 'bounced']).catch('').default(''),
  type: z.string().trim().max(40).catch('').default(''),
  q: z.string().trim().max(100).catch('').default(''),
});
/** Filters of the RSVP board. */
export type BoardFilter = z.output<typeof boardFilterSchema>;

/** A role change on the roster: a delegate of an invitation, or a zone participant of the event. */
export const roleChangeSchema = z.object({
  source: z.enum(['delegate', 'zone'], { error: 'validation.invalid' }),
  invitationId: z.string().default(''),
  personId: objectId,
  role: z.enum(DELEGATE_ROLES, { error: 'invitations.roleInvalid' }),
});
