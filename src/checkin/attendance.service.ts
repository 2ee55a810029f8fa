import type { Locale } from '../web/i18n.js';
import { listCheckIns, type CheckInRecord } from './checkin.service.js';
import { loadPeople, type Bilingual, type People, type Person } from './expected.service.js';
import type { EventRecord } from '../events/index.js';

// What the check-in desk shows: the live counts, search results and the sign-in sheet, from people and check-ins.

/** The live counts of the check-in page. */
export interface CheckInCounts {
  /** Everyone checked in (walk-ins included). */
  present: number;
  /** Delegates of accepted and tentative answers, and the zone participants. */
  expected: number;
  /** How many of the expected are present. */
  expectedPresent: number;
  walkIns: number;
  /** Directory institutions with someone present, out of those accepted and those invited. */
  institutions: { represented: number; accepted: number; invited: number };
}

/** People and check-ins of an event, read together. */
export interface Attendance {
  people: People;
  checkIns: readonly CheckInRecord[];
}

/** Everything the check-in pages need about an event. */
export async function loadAttendance(event: EventRecord): Promise<Attendance> {
  const [people, checkIns] = await Promise.all([loadPeople(event), listCheckIns(String(event._id))]);
  return { people, checkIns };
}

/** A bilingual name in a language (English falls back to Chinese). */
export function nameIn(name: Bilingual | null, locale: Locale): string {
  if (!name) return '';
  return locale === 'zh' ? name.zh || name.en : name.en || name.zh;
}

/** Present, expected and institutions represented. */
export function countsOf({ people, checkIns }: Attendance): CheckInCounts {
  const present = new Set(checkIns.map((c) => c.id));
  return {
    present: checkIns.length,
    expected: people.expected.length,
    expectedPresent: people.expected.filter((p) => present.has(p.checkInId)).length,
    walkIns: checkIns.filter((c) => c.kind === 'walk_in').length,
    institutions: {
      represented: new Set(checkIns.flatMap((c) => (c.institutionId ? [c.institutionId] : []))).size,
      accepted: people.institutions.accepted,
      invited: people.institutions.invited,
    },
  };
}

/** One line of search results or of the sign-in sheet: a known person (present or not), or someone checked in. */
export interface AttendanceRow {
  checkInId: string;
  source: 'delegate' | 'zone' | 'other';
  code: string;
  participantId: string;
  name: string;
  title: string;
  organisation: Bilingual | null;
  institutionId: string | null;
  status: string;
  substituteFor: string;
  checkIn: CheckInRecord | null;
}

function rowOfPerson(person: Person, checkIn: CheckInRecord | undefined): AttendanceRow {
  return {
    checkInId: person.checkInId, source: person.source, code: person.code, participantId: person.participantId,
    name: person.name, title: person.title, organisation: person.institutionName ?? person.departmentName,
    institutionId: person.institutionId, status: person.status, substituteFor: person.substituteFor, checkIn: checkIn ?? null,
  };
}

function rowOfCheckIn(checkIn: CheckInRecord): AttendanceRow {
  return {
    checkInId: checkIn.id, source: 'other', code: checkIn.checkInCode, participantId: checkIn.participantId ?? '',
    name: checkIn.name, title: checkIn.title, organisation: checkIn.institutionName ?? checkIn.departmentName,
    institutionId: checkIn.institutionId, status: checkIn.kind, substituteFor: checkIn.substituteFor, checkIn,
  };
}

/** The expected people, then everyone else checked in (walk-ins, typed zone staff), each with their check-in. */
export function attendanceRows({ people, checkIns }: Attendance): AttendanceRow[] {
  const byId = new Map(checkIns.map((c) => [c.id, c]));
  const rows = people.expected.map((p) => rowOfPerson(p, byId.get(p.checkInId)));
  const known = new Set(rows.map((r) => r.checkInId));
  return [...rows, ...checkIns.filter((c) => !known.has(c.id)).map(rowOfCheckIn)];
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Rows whose name, title, organisation (either language, short name) or code contain the query, or whom they
 * stand in for: a head's name finds the colleague sent in their place, who may be the one at the desk.
 */
export function searchRows(attendance: Attendance, query: string): AttendanceRow[] {
  const q = fold(query);
  if (!q) return [];
  const extra = new Map(attendance.people.all.map((p) => [p.checkInId, p.searchText]));
  return attendanceRows(attendance).filter((row) =>
    [row.name, row.title, row.organisation?.zh ?? '', row.organisation?.en ?? '', row.code, row.substituteFor, extra.get(row.checkInId) ?? ''].some((field) => fold(field).includes(q)),
  );
}

/** One institution (or department, or "others") of the sign-in sheet with its people. */
export interface SheetGroup {
  key: string;
  kind: 'institution' | 'department' | 'other';
  name: Bilingual | null;
  rows: AttendanceRow[];
}

function groupOf(row: AttendanceRow, person: Person | undefined): Omit<SheetGroup, 'rows'> {
  const institutionId = person?.institutionId ?? row.checkIn?.institutionId;
  const departmentId = person?.departmentId ?? row.checkIn?.departmentId;
  if (institutionId) return { key: `i:${institutionId}`, kind: 'institution', name: row.organisation };
  if (departmentId) return { key: `d:${departmentId}`, kind: 'department', name: row.organisation };
  // Typed organisations (guests, walk-ins from outside the directory) group by their name.
  if (row.organisation?.zh) return { key: `t:${fold(row.organisation.zh)}`, kind: 'institution', name: row.organisation };
  return { key: 'other', kind: 'other', name: null };
}

const GROUP_ORDER = { institution: 0, department: 1, other: 2 } as const;

/** The sign-in sheet: institutions by name, then departments, then others; expected people first in each. */
export function sheetGroups(attendance: Attendance, locale: Locale): SheetGroup[] {
  const persons = new Map(attendance.people.all.map((p) => [p.checkInId, p]));
  const groups = new Map<string, SheetGroup>();
  for (const row of attendanceRows(attendance)) {
    const group = groupOf(row, persons.get(row.checkInId));
    const entry = groups.get(group.key) ?? { ...group, rows: [] };
    entry.rows.push(row);
    groups.set(group.key, entry);
  }
  const collator = new Intl.Collator(locale === 'zh' ? 'zh-Hans-u-co-pinyin' : 'en');
  return [...groups.values()].sort((a, b) => GROUP_ORDER[a.kind] - GROUP_ORDER[b.kind] || collator.compare(nameIn(a.name, locale), nameIn(b.name, locale)));
}
