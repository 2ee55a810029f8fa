import { toSpreadsheetCsv } from '../web/csv.js';
import { formatSpreadsheetDateTime } from '../web/dates.js';
import { DateTime } from 'luxon';
import type { Locale, Translate } from '../web/i18n.js';
import { nameIn, type AttendanceRow, type SheetGroup } from './attendance.service.js';

/** A time of day in the event's zone ("09:12"), for the desk and the sheet. */
export function clockTime(date: Date | null | undefined, zone: string): string {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat('HH:mm') : '';
}

/** The message key naming how someone is on the list: registered delegate, walk-in or zone staff. */
export function kindKey(row: Pick<AttendanceRow, 'source' | 'checkIn'>): string {
  if (row.checkIn?.kind === 'walk_in') return 'checkin.kind.walk_in';
  return row.source === 'zone' || row.checkIn?.kind === 'zone' ? 'checkin.kind.zone' : 'checkin.kind.delegate';
}

const CSV_HEADERS = ['checkin.organisation', 'checkin.name', 'checkin.personTitle', 'checkin.kind', 'checkin.substituteFor', 'checkin.present', 'checkin.time', 'checkin.checkedInBy', 'checkin.signature'];

/** The sign-in sheet as CSV: UTF-8 with a BOM (so Excel reads the Chinese names), one line per person, formula-like cells defused. */
export function sheetCsv(groups: SheetGroup[], options: { t: Translate; locale: Locale; timezone: string }): string {
  const { t, locale, timezone } = options;
  const lines = groups.flatMap((group) =>
    group.rows.map((row) => [
      nameIn(group.name, locale) || t('checkin.others'),
      row.name,
      row.title,
      t(kindKey(row)),
      row.substituteFor,
      row.checkIn ? t('checkin.presentYes') : t('checkin.presentNo'),
      formatSpreadsheetDateTime(row.checkIn?.checkedInAt, timezone),
      row.checkIn?.checkedInBy ?? '',
      '',
    ]),
  );
  return toSpreadsheetCsv([CSV_HEADERS.map((key) => t(key)), ...lines]);
}
