import { z } from 'zod';
import { LOCALES } from '../web/i18n.js';
import { INSTITUTION_TYPES } from './institution.model.js';

const EMAIL = z.email();
const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'validation.invalid');

/** Trimmed text of at most `max` characters; may be empty. */
export const optionalText = (max: number) => z.string().trim().max(max, 'institutions.tooLong');
/** Trimmed, lower-cased email; may be empty. */
export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(200, 'institutions.tooLong')
  .refine((value) => value === '' || EMAIL.safeParse(value).success, 'validation.email');

/** Split "a, b；c" into distinct tags; forms use commas, CSV cells semicolons, and both are accepted everywhere. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[,;，；、]/).map((tag) => tag.trim()).filter(Boolean))];
}

const tagsSchema = z
  .array(z.string().trim().min(1, 'validation.required').max(50, 'institutions.tooLong'))
  .max(30, 'institutions.tooMany')
  .transform((tags) => [...new Set(tags)]);

/** One contact person of an institution. */
export const contactSchema = z.object({
  id: objectId.optional(),
  name: z.string().trim().min(1, 'validation.required').max(100, 'institutions.tooLong'),
  title: optionalText(100).default(''),
  email: optionalEmail.default(''),
  phone: optionalText(50).default(''),
  primary: z.boolean().default(false),
});

const contactsSchema = z
  .array(contactSchema)
  .max(20, 'institutions.tooMany')
  .refine((list) => list.length === 0 || list.filter((c) => c.primary).length === 1, 'institutions.onePrimary');

const fields = {
  nameZh: z.string().trim().min(1, 'validation.required').max(200, 'institutions.tooLong'),
  nameEn: optionalText(200),
  shortName: optionalText(100),
  type: z.enum(INSTITUTION_TYPES, 'institutions.typeInvalid'),
  address: optionalText(300),
  preferredLocale: z.enum(LOCALES, 'institutions.localeInvalid'),
  contacts: contactsSchema,
  tags: tagsSchema,
  notes: optionalText(5000),
};

/** A whole institution (create, edit form, CSV row after merging). */
export const institutionInputSchema = z.object({
  ...fields,
  nameEn: fields.nameEn.default(''),
  shortName: fields.shortName.default(''),
  address: fields.address.default(''),
  preferredLocale: fields.preferredLocale.default('zh'),
  contacts: fields.contacts.default([]),
  tags: fields.tags.default([]),
  notes: fields.notes.default(''),
});

/** A partial change through the API; `archived` archives or restores. */
export const institutionPatchSchema = z.object({
  nameZh: fields.nameZh.optional(),
  nameEn: fields.nameEn.optional(),
  shortName: fields.shortName.optional(),
  type: fields.type.optional(),
  address: fields.address.optional(),
  preferredLocale: fields.preferredLocale.optional(),
  contacts: fields.contacts.optional(),
  tags: fields.tags.optional(),
  notes: fields.notes.optional(),
  archived: z.boolean('validation.invalid').optional(),
});

/** Input of createInstitution and of a full update. */
export type InstitutionInput = z.input<typeof institutionInputSchema>;
/** Validated institution fields. */
export type InstitutionData = z.output<typeof institutionInputSchema>;
/** Input of updateInstitution. */
export type InstitutionPatch = z.output<typeof institutionPatchSchema>;
/** One validated contact. */
export type ContactData = z.output<typeof contactSchema>;

const flag = z.preprocess((v) => v === '1' || v === 'true' || v === 'on' || v === true, z.boolean()).catch(false);

/** The directory list's query string; odd values fall back to "no filter" rather than an error page. */
export const institutionQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  tag: z.string().trim().max(50).optional().catch(undefined),
  includeArchived: flag,
});

/** The API list's query string: a bad type is an error, not silently ignored. */
export const institutionApiQuerySchema = z.object({
  q: z.string().trim().max(200, 'institutions.tooLong').optional(),
  type: z.enum(INSTITUTION_TYPES, 'institutions.typeInvalid').optional(),
  tag: z.string().trim().max(50, 'institutions.tooLong').optional(),
  includeArchived: flag,
});

/** Filters of listInstitutions. */
export type InstitutionFilter = { q?: string; type?: string; tag?: string; includeArchived?: boolean };

type FormRow = { id?: unknown; name?: unknown; title?: unknown; email?: unknown; phone?: unknown; remove?: unknown };

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Turn the edit form's repeated contact rows into contacts: removed and empty rows are dropped, and the
 * radio `primaryContact` (a row index) marks the primary one; a lone contact is primary anyway.
 */
export function contactsFromForm(rows: unknown, primaryIndex: unknown): Array<Record<string, unknown>> {
  const list = (Array.isArray(rows) ? rows : rows && typeof rows === 'object' ? Object.values(rows) : []) as FormRow[];
  const kept = list
    .map((row, index) => ({ row: row ?? {}, index }))
    .filter(({ row }) => !row.remove && [row.name, row.title, row.email, row.phone].some((v) => str(v).trim() !== ''));
  const contacts = kept.map(({ row, index }) => ({
    ...(str(row.id) ? { id: str(row.id) } : {}),
    name: str(row.name),
    title: str(row.title),
    email: str(row.email),
    phone: str(row.phone),
    primary: String(index) === str(primaryIndex),
  }));
  if (contacts.length === 1) contacts[0]!.primary = true;
  return contacts;
}

/** The institution form's body as input for institutionInputSchema. */
export function institutionFromForm(body: Record<string, unknown>): Record<string, unknown> {
  return {
    nameZh: str(body.nameZh),
    nameEn: str(body.nameEn),
    shortName: str(body.shortName),
    type: str(body.type),
    address: str(body.address),
    preferredLocale: str(body.preferredLocale) || undefined,
    contacts: contactsFromForm(body.contacts, body.primaryContact),
    tags: splitTags(str(body.tags)),
    notes: str(body.notes),
  };
}
