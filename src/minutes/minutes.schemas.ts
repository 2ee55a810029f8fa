import { z } from 'zod';
import type { ItemContent } from './revisions.service.js';

/** Form arrays arrive as a list, or (past qs's array limit) an object keyed by index. */
function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return Object.values(value);
  return [value];
}

/** Lists (key points, decisions) come as one line per entry from a textarea, or as an array from JSON. */
const lines = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/\r?\n/) : asList(value)),
  z.array(z.string().max(2000, 'minutes.tooLong')).max(200, 'minutes.tooMany'),
).transform((entries) => entries.map((entry) => entry.trim()).filter(Boolean));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

const actionRow = z.object({
  text: z.string().trim().max(2000, 'minutes.tooLong').default(''),
  departmentId: z.string().trim().default('').refine((id) => id === '' || /^[0-9a-f]{24}$/i.test(id), 'minutes.departmentUnknown'),
  dueDate: z.string().trim().default('').refine((value) => value === '' || isDate(value), 'minutes.badDate'),
});

/** Action rows as the form shows them: empty ones are the form's spare rows and are dropped after checking. */
const actions = z
  .preprocess(asList, z.array(actionRow).max(100, 'minutes.tooMany'))
  .superRefine((rows, ctx) => {
    rows.forEach((row, i) => {
      if (!row.text && (row.departmentId || row.dueDate)) ctx.addIssue({ code: 'custom', path: [i, 'text'], message: 'minutes.actionTextRequired' });
    });
  })
  .transform((rows) =>
    rows.filter((row) => row.text).map((row) => ({ text: row.text, departmentId: row.departmentId || null, dueDate: row.dueDate ? new Date(`${row.dueDate}T00:00:00Z`) : null })),
  );

/** One item's form (or the autosave's JSON): the base revision and the content. */
export const itemFormSchema = z
  .object({
    baseRevision: z.coerce.number().int().min(0),
    notes: z.string().max(50_000, 'minutes.tooLong').default(''),
    keyPoints: lines.default([]),
    decisions: lines.default([]),
    actions: actions.default([]),
  })
  .transform(({ baseRevision, ...content }): { baseRevision: number; content: ItemContent } => ({ baseRevision, content: { ...content, notes: content.notes.replace(/\r\n/g, '\n') } }));

/** Restoring a revision: on top of the revision the page showed as current. */
export const restoreSchema = z.object({ baseRevision: z.coerce.number().int().min(0) });

/** Which two revisions to compare. */
export const compareQuerySchema = z.object({ a: z.coerce.number().int().min(0), b: z.coerce.number().int().min(0) });

/** A revision or version number in a URL. */
export const numberParamSchema = z.coerce.number().int().min(0).max(1_000_000);

/** An institution's comment on an item. */
export const commentSchema = z.object({
  authorName: z.string().trim().max(100, 'minutes.tooLong').default(''),
  text: z.string().trim().min(1, 'validation.required').max(5000, 'minutes.tooLong'),
});
