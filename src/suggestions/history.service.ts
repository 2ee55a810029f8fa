import type { Locale, Translate } from '../web/i18n.js';
import { departmentName, findDepartments } from './neighbours.js';
import { listHistoryRecords } from './suggestion.store.js';
import { formatDay } from './view.js';

/** One recorded change as the suggestion page shows it: who, when, and each field old → new in words. */
export interface HistoryEntry {
  revision: number;
  action: string;
  at: Date;
  by: string;
  changes: { field: string; from: string; to: string }[];
}

/** A suggestion's history up to its current revision, oldest first. */
export async function listHistory(suggestionId: string, revision: number, zone: string, locale: Locale, t: Translate): Promise<HistoryEntry[]> {
  const [records, departments] = await Promise.all([listHistoryRecords(suggestionId, revision), findDepartments()]);
  const words = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'status') return t(`suggestions.status.${String(value)}`);
    if (field === 'departmentId') {
      const department = departments.get(String(value));
      return department ? departmentName(department, locale) : String(value);
    }
    if (field === 'dueDate') return formatDay(new Date(value as string | Date), zone, locale);
    return String(value);
  };
  return records
    .map((record) => ({
      revision: record.revision,
      action: record.action,
      at: record.at,
      by: record.by?.name || record.by?.email || '',
      changes: record.changes.map((change) => ({ field: change.field, from: words(change.field, change.from), to: words(change.field, change.to) })),
    }));
}
