import type { InstitutionDoc } from './institution.model.js';
import { CSV_COLUMNS, parseCsv, readRow, stringifyCsv, type CsvColumn, type CsvRowData, type CsvValues, type ImportMessage } from './institution-csv.js';
import { institutionInputSchema, type InstitutionData, type InstitutionFilter } from './institution.schemas.js';
import { createInstitution, listInstitutions, primaryContact, sortByName, updateInstitution, type Contact } from './institution.service.js';
import { listAllInstitutions } from './institution.store.js';

/** What importing one row will do. */
export interface PlannedRow {
  row: number;
  values: CsvValues;
  action: 'create' | 'update' | 'error';
  /** For updates: the institution the row matched. */
  target?: { id: string; name: string; archived: boolean };
  /** For updates: the columns whose value will change. */
  changes: CsvColumn[];
  errors: ImportMessage[];
  input?: InstitutionData;
}

/** The whole file checked against the directory; `ok` only when the file and every row are valid. */
export interface ImportPlan {
  rows: PlannedRow[];
  fileErrors: ImportMessage[];
  counts: { create: number; update: number; error: number };
  ok: boolean;
}

// Full-width and half-width brackets, spaces and case do not make a different institution.
const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const emailKey = (email: string) => email.trim().toLowerCase();

const FIELD_COLUMNS: Record<string, CsvColumn> = {
  nameZh: 'name_zh', nameEn: 'name_en', shortName: 'short_name', type: 'type', address: 'address',
  preferredLocale: 'preferred_language', tags: 'tags', notes: 'notes', contacts: 'contact_name',
};

function mergeContacts(contacts: readonly Contact[], row: CsvRowData) {
  const existing = contacts.map((c) => ({ id: String(c._id), name: c.name, title: c.title, email: c.email, phone: c.phone, primary: c.primary }));
  if (!row.contact_name) return existing;
  let index = row.contact_email ? existing.findIndex((c) => emailKey(c.email) === row.contact_email) : -1;
  if (index < 0) index = existing.findIndex((c) => c.name === row.contact_name);
  const old = existing[index];
  const contact = {
    ...(old?.id ? { id: old.id } : {}),
    name: row.contact_name,
    title: row.contact_title || old?.title || '',
    email: row.contact_email || old?.email || '',
    phone: row.contact_phone || old?.phone || '',
    primary: true,
  };
  const others = existing.filter((_, i) => i !== index).map((c) => ({ ...c, primary: false }));
  return index < 0 ? [...others, contact] : [...existing.slice(0, index).map((c) => ({ ...c, primary: false })), contact, ...others.slice(index)];
}

/** The institution a row describes: its non-empty cells over the existing institution's fields. */
function mergeRow(existing: InstitutionDoc | undefined, row: CsvRowData): unknown {
  return {
    nameZh: row.name_zh,
    nameEn: row.name_en || existing?.nameEn || '',
    shortName: row.short_name || existing?.shortName || '',
    type: row.type ?? existing?.type ?? '',
    address: row.address || existing?.address || '',
    preferredLocale: row.preferred_language ?? existing?.preferredLocale ?? 'zh',
    contacts: mergeContacts(existing?.contacts ?? [], row),
    tags: row.tags.length ? row.tags : (existing?.tags ?? []),
    notes: row.notes || existing?.notes || '',
  };
}

type Text = string | null | undefined;
/** The fields the CSV shows, as both stored documents and validated input have them. */
type InstitutionFields = {
  nameZh: string; nameEn?: Text; shortName?: Text; type: string; address?: Text; preferredLocale?: Text; tags?: readonly string[]; notes?: Text;
  contacts?: readonly { name: string; title?: Text; email?: Text; phone?: Text; primary?: boolean | null }[];
};

function toValues(institution: InstitutionFields): CsvValues {
  const contact = primaryContact(institution);
  return {
    name_zh: institution.nameZh, name_en: institution.nameEn ?? '', short_name: institution.shortName ?? '', type: institution.type,
    address: institution.address ?? '', preferred_language: institution.preferredLocale ?? 'zh',
    contact_name: contact?.name ?? '', contact_title: contact?.title ?? '', contact_email: contact?.email ?? '', contact_phone: contact?.phone ?? '',
    tags: (institution.tags ?? []).join('; '), notes: institution.notes ?? '',
  };
}

function changedColumns(before: InstitutionDoc, after: InstitutionData): CsvColumn[] {
  const [a, b] = [toValues(before), toValues(after)];
  return CSV_COLUMNS.filter((column) => a[column] !== b[column]);
}

function findTarget(data: CsvRowData, byName: Map<string, InstitutionDoc>, byEmail: Map<string, InstitutionDoc>) {
  const named = byName.get(nameKey(data.name_zh));
  const mailed = data.contact_email ? byEmail.get(data.contact_email) : undefined;
  if (named && mailed && !named._id.equals(mailed._id)) {
    return { error: { column: 'contact_email', key: 'institutions.import.ambiguous', params: { byName: named.nameZh, byEmail: mailed.nameZh } } };
  }
  return { target: named ?? mailed };
}

function indexDirectory(directory: InstitutionDoc[]) {
  const byName = new Map<string, InstitutionDoc>();
  const byEmail = new Map<string, InstitutionDoc>();
  for (const institution of directory) {
    if (!byName.has(nameKey(institution.nameZh))) byName.set(nameKey(institution.nameZh), institution);
    const email = primaryContact(institution)?.email;
    if (email && !byEmail.has(emailKey(email))) byEmail.set(emailKey(email), institution);
  }
  return { byName, byEmail };
}

/** The first earlier row with the same name, email or matched institution; records this row's keys for later rows. */
function findDuplicate(row: number, data: CsvRowData, target: InstitutionDoc | undefined, seen: Map<string, number>): ImportMessage | undefined {
  const keys: Array<[string, string | undefined]> = [
    ['name_zh', `n:${nameKey(data.name_zh)}`],
    ['contact_email', data.contact_email ? `e:${data.contact_email}` : undefined],
    ['name_zh', target ? `t:${target._id}` : undefined],
  ];
  let duplicate: ImportMessage | undefined;
  for (const [column, key] of keys) {
    if (!key) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, row);
    else duplicate ??= { column, key: 'institutions.import.duplicateRow', params: { row: first } };
  }
  return duplicate;
}

/** Check CSV text against the directory: which rows create, which update (by name_zh or primary email), which are wrong. */
export async function planImport(text: string): Promise<ImportPlan> {
  const sheet = parseCsv(text);
  const { byName, byEmail } = indexDirectory(sortByName(await listAllInstitutions()));
  const seen = new Map<string, number>();
  const rows = sheet.rows.map((csvRow): PlannedRow => {
    const planned: PlannedRow = { row: csvRow.row, values: csvRow.values, action: 'error', changes: [], errors: [...csvRow.errors] };
    const { data, errors } = readRow(csvRow.values);
    planned.errors.push(...errors);
    if (!data) return planned;
    const { target, error } = findTarget(data, byName, byEmail);
    if (error) planned.errors.push(error);
    const duplicate = findDuplicate(csvRow.row, data, target, seen);
    if (duplicate && !planned.errors.length) planned.errors.push(duplicate);
    if (planned.errors.length) return planned;
    const merged = institutionInputSchema.safeParse(mergeRow(target, data));
    if (!merged.success) {
      planned.errors.push(...merged.error.issues.map((issue) => ({ column: FIELD_COLUMNS[String(issue.path[0])] ?? '', key: issue.message })).slice(0, 1));
      return planned;
    }
    planned.input = merged.data;
    if (!target) return { ...planned, action: 'create' };
    const targetInfo = { id: String(target._id), name: target.nameZh, archived: Boolean(target.archivedAt) };
    return { ...planned, action: 'update', target: targetInfo, changes: changedColumns(target, merged.data) };
  });
  const count = (action: PlannedRow['action']) => rows.filter((row) => row.action === action).length;
  const counts = { create: count('create'), update: count('update'), error: count('error') };
  return { rows, fileErrors: sheet.errors, counts, ok: sheet.errors.length === 0 && counts.error === 0 && rows.length > 0 };
}

/** Re-check the CSV text and, only if every row is valid, write it; updates without changes are not written. */
export async function applyImport(text: string): Promise<{ plan: ImportPlan; created: number; updated: number; unchanged: number }> {
  const plan = await planImport(text);
  const result = { plan, created: 0, updated: 0, unchanged: 0 };
  if (!plan.ok) return result;
  for (const row of plan.rows) {
    if (row.action === 'create') {
      await createInstitution(row.input!);
      result.created++;
    } else if (row.changes.length === 0) {
      result.unchanged++;
    } else {
      await updateInstitution(row.target!.id, row.input!);
      result.updated++;
    }
  }
  return result;
}

/** The directory (with the list's filters) as a CSV file in the import format, one primary contact per row. */
export async function exportInstitutionsCsv(filter: InstitutionFilter): Promise<string> {
  const institutions = await listInstitutions(filter);
  return stringifyCsv(institutions.map((institution) => toValues(institution)));
}
