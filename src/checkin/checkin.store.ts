import type { CheckInActor } from './checkin-record.js';
import { CheckIn, type CheckInDoc, type CheckInKind } from './checkin.model.js';
import type { Bilingual } from './expected.service.js';

// The only file that reads or writes check-ins.

/** A check-in about to be recorded (ids as strings; the model casts them). */
export interface NewCheckIn {
  _id: string;
  eventId: string;
  kind: CheckInKind;
  name: string;
  title: string;
  checkInCode: string;
  participantId: string;
  invitationId: string | null;
  institutionId: string | null;
  institutionName: Bilingual | null;
  departmentId: string | null;
  departmentName: Bilingual | null;
  substituteFor: string;
  substituteForCode: string;
}

/** Insert a check-in under its `_id`; one already there throws the duplicate-key error. */
export async function insertCheckIn(entry: NewCheckIn, at: Date, by: CheckInActor): Promise<CheckInDoc> {
  const created = await CheckIn.create({ ...entry, checkedInAt: at, checkedInBy: { id: by.id, name: by.name, email: by.email } });
  return created.toObject() as CheckInDoc;
}

/** The check-in with this `_id`, or null. */
export async function findCheckIn(id: string): Promise<CheckInDoc | null> {
  return CheckIn.findById(id).lean<CheckInDoc>();
}

/** Delete a check-in; false when it was not (or no longer) there. */
export async function deleteCheckIn(id: string): Promise<boolean> {
  const { deletedCount } = await CheckIn.deleteOne({ _id: id });
  return deletedCount > 0;
}

/** An event's check-ins in check-in order. */
export async function listCheckInsOfEvent(eventId: string): Promise<CheckInDoc[]> {
  return CheckIn.find({ eventId }).sort({ checkedInAt: 1, _id: 1 }).lean<CheckInDoc[]>();
}

/** The check-ins of several events in one read (a series' editions), in check-in order. */
export async function listCheckInsOfEvents(eventIds: readonly string[]): Promise<CheckInDoc[]> {
  return CheckIn.find({ eventId: { $in: eventIds } }).sort({ checkedInAt: 1, _id: 1 }).lean<CheckInDoc[]>();
}
