import { z } from 'zod';
import { parseLocalDateTime } from '../web/dates.js';
import { submissionField } from '../web/submission.js';
import { AGENDA_ITEM_TYPES } from './agenda.store.js';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'validation.invalid');
/** The longest item (12 hours): anything longer is a typing slip. */
const MAX_MINUTES = 720;

const speakerSchema = z.object({
  name: z.string('agenda.speakerNameRequired').trim().min(1, 'agenda.speakerNameRequired').max(100, 'validation.invalid'),
  title: z.string().trim().max(100, 'validation.invalid').default(''),
  organisation: z.string().trim().max(200, 'validation.invalid').default(''),
});

const duration = z.number('agenda.durationInvalid').int('agenda.durationInvalid').min(0, 'agenda.durationInvalid').max(MAX_MINUTES, 'agenda.durationInvalid');

const itemFields = {
  type: z.enum(AGENDA_ITEM_TYPES, 'agenda.typeInvalid'),
  titleZh: z.string('validation.required').trim().min(1, 'validation.required').max(200, 'validation.invalid'),
  titleEn: z.string().trim().max(200, 'validation.invalid').default(''),
  description: z.string().trim().max(5000, 'validation.invalid').default(''),
};

const str = (value: unknown) => (typeof value === 'string' ? value : '');
/** The speaker rows of a form; blank rows become null (dropped after validation, so errors keep the row's index). */
const speakerRows = z.preprocess(
  (value) => {
    const rows = value && typeof value === 'object' ? Object.values(value as object) : [];
    return rows.map((row: Record<string, unknown> | undefined) => {
      const fields = { name: str(row?.name), title: str(row?.title), organisation: str(row?.organisation) };
      return Object.values(fields).some((v) => v.trim()) ? fields : null;
    });
  },
  z.array(speakerSchema.nullable()).max(30, 'validation.invalid').transform((rows) => rows.filter((row) => row !== null)),
);

const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]);

/** The add/edit form of an item; the start time is typed in the event's zone (empty: it follows the item before). */
export function itemFormSchema(timezone: string) {
  return z.object({
    ...itemFields,
    durationMinutes: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined), duration),
    startsAt: z
      .string()
      .trim()
      .default('')
      .transform((value, ctx) => {
        if (!value) return null;
        const date = parseLocalDateTime(value, timezone);
        if (!date) ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
        return date ?? null;
      }),
    speakers: speakerRows,
    /** People picked from the participant roster (their roster ids). */
    rosterPick: z.preprocess(list, z.array(z.string()).max(200, 'validation.invalid')),
    /** The add form's submission id (src/web/submission.ts). */
    submission: submissionField,
  });
}

/** The item form's output. */
export type ItemForm = z.output<ReturnType<typeof itemFormSchema>>;

/** Move an item a place up or down. */
export const moveSchema = z.object({ direction: z.enum(['up', 'down'], 'validation.invalid') });

/** The full order of the items (drag and drop). */
export const orderSchema = z.object({ order: z.preprocess(list, z.array(objectId).min(1, 'agenda.orderStale').max(200, 'agenda.orderStale')) });

/** One item as the API takes it (the fields of a GET item may be sent back as they are). */
const apiItemSchema = z.object({
  id: objectId.optional(),
  ...itemFields,
  durationMinutes: duration,
  startsAtOverride: z.iso
    .datetime({ offset: true, error: 'validation.invalid' })
    .nullable()
    .default(null)
    .transform((value) => (value ? new Date(value) : null)),
  speakers: z.array(speakerSchema, 'validation.invalid').max(30, 'validation.invalid').default([]),
});

/** `PUT /api/v1/events/:id/agenda`: the whole working agenda, optionally published at once. */
export const agendaPutSchema = z.object({
  items: z.array(apiItemSchema, 'validation.required').max(200, 'agenda.tooManyItems'),
  publish: z.boolean('validation.invalid').optional(),
  /** The revision the client read; a different stored one is a 422 on `revision` instead of an overwrite. */
  revision: z.number('validation.invalid').int('validation.invalid').min(0, 'validation.invalid').optional(),
});

/** `?publish=true` on the PUT. */
export const agendaPutQuerySchema = z.object({ publish: z.enum(['true', 'false', '1', '0'], 'validation.invalid').optional() });
