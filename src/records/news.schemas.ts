import { z } from 'zod';

const missingToEmpty = (v: unknown) => (v === undefined || v === null ? '' : v);
const text = (max: number) => z.preprocess(missingToEmpty, z.string('validation.invalid').trim().max(max, 'records.tooLong'));
const required = (max: number) => z.preprocess(missingToEmpty, z.string('validation.invalid').trim().min(1, 'validation.required').max(max, 'records.tooLong'));

/** The figures textarea: one figure per line, blank lines dropped. */
export const figuresField = text(4000).transform((value) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean),
);

/** The news summary form: Chinese required, English optional but whole (title and body together). */
export const newsFormSchema = z
  .object({
    titleZh: required(200),
    bodyZh: required(20_000),
    titleEn: text(200),
    bodyEn: text(20_000),
    figures: figuresField,
    /** The revision the form was loaded from (hidden field). */
    revision: z.coerce.number('validation.invalid').int('validation.invalid').min(0, 'validation.invalid'),
  })
  .superRefine((input, ctx) => {
    if (input.titleEn && !input.bodyEn) ctx.addIssue({ code: 'custom', path: ['bodyEn'], message: 'records.news.englishWhole' });
    if (input.bodyEn && !input.titleEn) ctx.addIssue({ code: 'custom', path: ['titleEn'], message: 'records.news.englishWhole' });
  });

/** Only the figures, for drafting again from the facts. */
export const figuresFormSchema = z.object({ figures: figuresField });
