import { listCheckIns, type CheckInRecord } from '../checkin/index.js';
import type { Attendance } from './published.types.js';

/** How a person appears in the attendance list: name, then title. */
function personOf(record: Pick<CheckInRecord, 'name' | 'title'>): string {
  return record.title ? `${record.name} ${record.title}` : record.name;
}

/** Group check-ins (in check-in order) into institutions, departments and others. */
export function groupAttendance(records: readonly CheckInRecord[]): Attendance {
  const institutions = new Map<string, Attendance['institutions'][number]>();
  const departments = new Map<string, Attendance['departments'][number]>();
  const others: string[] = [];
  for (const record of records) {
    if (record.institutionId || record.institutionName?.zh || record.institutionName?.en) {
      // A walk-in may name an institution that is not in the directory: grouped by that name, without an id.
      const key = record.institutionId ?? `name:${record.institutionName!.zh || record.institutionName!.en}`;
      const group = institutions.get(key) ?? { id: record.institutionId ?? '', name: record.institutionName ?? { zh: '', en: '' }, people: [] };
      group.people.push(personOf(record));
      institutions.set(key, group);
    } else if (record.departmentId) {
      const group = departments.get(record.departmentId) ?? { id: record.departmentId, name: record.departmentName ?? { zh: '', en: '' }, people: [] };
      group.people.push(personOf(record));
      departments.set(record.departmentId, group);
    } else {
      others.push(personOf(record));
    }
  }
  return { institutions: [...institutions.values()], departments: [...departments.values()], others };
}

/** Who is present at the event now, from check-in. */
export async function attendanceOf(eventId: string): Promise<Attendance> {
  return groupAttendance(await listCheckIns(eventId));
}

/** The invitations of institutions with someone checked in (delegates, and walk-ins for an invited institution). */
export async function attendingInvitationIds(eventId: string): Promise<string[]> {
  const records = await listCheckIns(eventId);
  return [...new Set(records.filter((r) => r.institutionId && r.invitationId).map((r) => r.invitationId!))];
}
