import type { CheckInDoc, CheckInKind } from './checkin.model.js';
import type { Bilingual } from './expected.service.js';

/** One person present at an event (the contract with minutes and records). */
export interface CheckInRecord {
  id: string;
  eventId: string;
  name: string;
  title: string;
  kind: CheckInKind;
  invitationId: string | null;
  institutionId: string | null;
  institutionName: Bilingual | null;
  departmentId: string | null;
  departmentName: Bilingual | null;
  substituteFor: string;
  checkedInAt: Date;
  /** The name of the staff member who checked them in. */
  checkedInBy: string;
  /** The delegate's check-in code ('' for walk-ins and zone staff). */
  checkInCode: string;
  /** The event's zone participant (null for others). */
  participantId: string | null;
}

/** Who checks people in, as services record them. */
export interface CheckInActor {
  id: string;
  email: string;
  name: string;
}

/** A check-in's outcome: the record, and whether that person had already been checked in (by anyone). */
export interface CheckInOutcome {
  record: CheckInRecord;
  alreadyCheckedIn: boolean;
}

const idOrNull = (value: unknown) => (value ? String(value) : null);
const bilingualOrNull = (value: { zh?: string | null; en?: string | null } | null | undefined): Bilingual | null =>
  value ? { zh: value.zh ?? '', en: value.en ?? '' } : null;

/** A stored check-in as plain data. */
export function toRecord(doc: CheckInDoc): CheckInRecord {
  return {
    id: doc._id,
    eventId: String(doc.eventId),
    name: doc.name,
    title: doc.title ?? '',
    kind: doc.kind as CheckInKind,
    invitationId: idOrNull(doc.invitationId),
    institutionId: idOrNull(doc.institutionId),
    institutionName: bilingualOrNull(doc.institutionName),
    departmentId: idOrNull(doc.departmentId),
    departmentName: bilingualOrNull(doc.departmentName),
    substituteFor: doc.substituteFor ?? '',
    checkedInAt: doc.checkedInAt,
    checkedInBy: doc.checkedInBy?.name || doc.checkedInBy?.email || '',
    checkInCode: doc.checkInCode ?? '',
    participantId: doc.participantId || null,
  };
}
