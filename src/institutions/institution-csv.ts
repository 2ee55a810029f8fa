import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { LOCALES, type Locale, type MessageParams } from '../web/i18n.js';
import { INSTITUTION_TYPES, type InstitutionType } from './institution.model.js';
import { optionalEmail, optionalText, splitTags } from './institution.schemas.js';
import { institutionsMessages } from './institutions.messages.js';

/** The columns of the import and export files, in order. */
export const CSV_COLUMNS = [
  'name_zh', 'name_en', 'short_name', 'type', 'address', 'preferred_language',
  'contact_name', 'contact_title', 'contact_email', 'contact_phone', 'tags', 'notes',
] as const;
/** A column of the CSV file. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];
/** One row's cells by column (missing cells are empty strings). */
export type CsvValues = Record<CsvColumn, string>;

/** A problem with the file or a cell: a message key, its parameters and the column it concerns. */
export interface ImportMessage {
  column?: string;
  key: string;
  params?: MessageParams;
}

/** A data row with its spreadsheet row number (the header is row 1). */
export interface CsvRow {
  row: number;
  values: CsvValues;
  errors: ImportMessage[];
}

/** Largest CSV text we import at once: it travels back in a form field for the confirmation step. */
export const MAX_CSV_BYTES = 700_000;

/** The bytes of an uploaded file as text: UTF-8 (a BOM is dropped), or GB18030 as Excel saves CSV on Chinese Windows. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

// Export prefixes "'" to cells a spreadsheet would run as formulas; import takes it off again.
const FORMULA_START = /^[=+\-@\t\r]/;
const HARMLESS_NUMBER = /^[+-]?[\d\s().\-/]*$/;

function escapeFormula(value: string): string {
  return FORMULA_START.test(value) && !HARMLESS_NUMBER.test(value) ? `'${value}` : value;
}

function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function readRecords(text: string): { records?: string[][]; error?: ImportMessage } {
  if (Buffer.byteLength(text) > MAX_CSV_BYTES) return { error: { key: 'institutions.import.tooLarge' } };
  try {
    // One line ending throughout: csv-parse guesses it from the first line and mixed files confuse it.
    const records = parse(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { relax_column_count: true });
    return { records };
  } catch (error) {
    return { error: { key: 'institutions.import.parseError', params: { line: String((error as { lines?: number }).lines ?? '?') } } };
  }
}

function checkHeader(header: string[]): ImportMessage[] {
  const errors: ImportMessage[] = [];
  header.forEach((name, index) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) errors.push({ key: 'institutions.import.unknownColumn', params: { column: name } });
    else if (header.indexOf(name) !== index) errors.push({ key: 'institutions.import.duplicateColumn', params: { column: name } });
  });
  if (!header.includes('name_zh')) errors.push({ key: 'institutions.import.missingColumn', params: { column: 'name_zh' } });
  return errors;
}

/** Split CSV text into rows by column; file-level problems (bad CSV, bad header, no rows) come back as `errors`. */
export function parseCsv(text: string): { rows: CsvRow[]; errors: ImportMessage[] } {
  if (!text.trim()) return { rows: [], errors: [{ key: 'institutions.import.missingInput' }] };
  const { records, error } = readRecords(text);
  if (!records) return { rows: [], errors: [error!] };
  const header = (records[0] ?? []).map(normaliseHeader);
  const headerErrors = checkHeader(header);
  if (headerErrors.length) return { rows: [], errors: headerErrors };
  const rows: CsvRow[] = [];
  records.slice(1).forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    const values = Object.fromEntries(CSV_COLUMNS.map((column) => [column, ''])) as CsvValues;
    header.forEach((column, i) => (values[column as CsvColumn] = unescapeFormula(record[i] ?? '')));
    const extra = record.slice(header.length).some((cell) => cell.trim() !== '');
    rows.push({ row: index + 2, values, errors: extra ? [{ key: 'institutions.import.tooManyValues' }] : [] });
  });
  return { rows, errors: rows.length ? [] : [{ key: 'institutions.import.noRows' }] };
}

const typeNames = new Map<string, InstitutionType>();
for (const type of INSTITUTION_TYPES) {
  typeNames.set(type, type);
  for (const catalogue of [institutionsMessages.en, institutionsMessages.zh]) typeNames.set(catalogue[`institutions.type.${type}`].toLowerCase(), type);
}
const localeNames = new Map<string, Locale>([['中文', 'zh'], ['english', 'en'], ['한국어', 'ko'], ['日本語', 'ja']]);

/** A type cell: the key (`small_loan`, `Small loan`) or its English or Chinese label (`小额贷款公司`). */
function toType(cell: string): InstitutionType | undefined {
  const text = cell.trim().toLowerCase();
  return typeNames.get(text) ?? typeNames.get(text.replace(/[\s-]+/g, '_'));
}

/** A language cell: `zh`, `zh-CN`, `English`, `日本語`… */
function toLocale(cell: string): Locale | undefined {
  const text = cell.trim().toLowerCase();
  const code = text.split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(code ?? '') ? (code as Locale) : localeNames.get(text);
}

const choice = <T>(read: (cell: string) => T | undefined, message: string) =>
  z
    .string()
    .trim()
    .refine((cell) => cell === '' || read(cell) !== undefined, message)
    .transform((cell) => (cell === '' ? undefined : read(cell)));

const rowSchema = z
  .object({
    name_zh: z.string().trim().min(1, 'validation.required').max(200, 'institutions.tooLong'),
    name_en: optionalText(200),
    short_name: optionalText(100),
    type: choice(toType, 'institutions.typeInvalid'),
    address: optionalText(300),
    preferred_language: choice(toLocale, 'institutions.localeInvalid'),
    contact_name: optionalText(100),
    contact_title: optionalText(100),
    contact_email: optionalEmail,
    contact_phone: optionalText(50),
    tags: z.string().transform(splitTags).pipe(z.array(z.string().max(50, 'institutions.tooLong')).max(30, 'institutions.tooMany')),
    notes: optionalText(5000),
  })
  .superRefine((row, ctx) => {
    if (!row.contact_name && (row.contact_title || row.contact_email || row.contact_phone)) {
      ctx.addIssue({ code: 'custom', path: ['contact_name'], message: 'institutions.import.contactNameRequired' });
    }
  });

/** One row's cells, validated: empty optional cells are `''` (type and language: undefined). */
export type CsvRowData = z.output<typeof rowSchema>;

/** Validate one row's cells; each error names its column. */
export function readRow(values: CsvValues): { data?: CsvRowData; errors: ImportMessage[] } {
  const result = rowSchema.safeParse(values);
  if (result.success) return { data: result.data, errors: [] };
  const seen = new Set<string>();
  const errors = result.error.issues
    .map((issue) => ({ column: String(issue.path[0] ?? ''), key: issue.message }))
    .filter((error) => !seen.has(error.column) && seen.add(error.column));
  return { errors };
}

/** The export file: UTF-8 with a BOM (so Excel reads Chinese correctly), CRLF line ends, formula-like cells defused. */
export function stringifyCsv(rows: CsvValues[]): string {
  const records = rows.map((row) => CSV_COLUMNS.map((column) => escapeFormula(row[column])));
  return '\uFEFF' + stringify([[...CSV_COLUMNS], ...records], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
