import { isDuplicateKeyError } from '../db/index.js';
import { randomUUID } from 'node:crypto';
import { getInstitution, type InstitutionDoc } from '../institutions/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.js';
import { holdsSent } from '../web/submission.js';
import { toRecord, type CheckInActor, type CheckInOutcome, type CheckInRecord } from './checkin-record.js';
import type { CheckInKind } from './checkin.model.js';
import type { WalkInInput, ZoneInput } from './checkin.schemas.js';
import { deleteCheckIn, findCheckIn, insertCheckIn, listCheckInsOfEvent, listCheckInsOfEvents, type NewCheckIn } from './checkin.store.js';
import { bilingualOf, findDepartment, loadPeople, openEvent, zoneCheckInId, type Person } from './expected.service.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export type { CheckInActor, CheckInOutcome, CheckInRecord };

/** The `_id` of a walk-in or of zone staff typed in: from the form's submission id when it has one, else random. */
function otherCheckInId(eventId: string, submission?: string): string {
  return `${eventId}:other:${submission ?? randomUUID()}`;
}

/**
 * Insert the check-in under its `_id` (derived from who the person is, or from the form's submission id).
 * If it is already there, answer with the stored one: two doors scanning the same code at once record it
 * once, and the second hears who came first; a walk-in form sent twice is one walk-in. A typed-in form
 * reopened and changed before it is sent again is another person, with a new id.
 */
async function insertOnce(entry: NewCheckIn, actor: CheckInActor): Promise<CheckInOutcome> {
  // An undo between our failed insert and the read leaves nothing to read: try again (rarely more than once).
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const created = await insertCheckIn(entry, new Date(), actor);
      logger.info({ by: actor.id, eventId: entry.eventId }, 'Checked in by %s: %s (%s)', actor.email, entry.name, entry._id);
      return { record: toRecord(created), alreadyCheckedIn: false };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await findCheckIn(entry._id);
    if (!existing) continue;
    // Who, and for whom: a typed-in form changed before it was sent again is someone else, under a new id.
    const { kind, name, title, institutionId, institutionName, departmentId, substituteForCode } = entry;
    if (entry._id.includes(':other:') && !holdsSent(existing, { kind, name, title, institutionId, institutionName, departmentId, substituteForCode })) {
      entry = { ...entry, _id: otherCheckInId(entry.eventId) };
      continue;
    }
    return { record: toRecord(existing), alreadyCheckedIn: true };
  }
  throw new ConflictError();
}

function fromPerson(eventId: string, person: Person, kind: CheckInKind): NewCheckIn {
  return {
    _id: person.checkInId,
    eventId,
    kind,
    name: person.name,
    title: person.title,
    checkInCode: person.code,
    participantId: person.participantId,
    invitationId: person.invitationId,
    institutionId: person.institutionId,
    institutionName: person.institutionName,
    departmentId: person.departmentId,
    departmentName: person.departmentName,
    substituteFor: person.substituteFor,
    substituteForCode: '',
  };
}

/** Check in the delegate with this check-in code (from the QR code, typed, or found by search); 404 for an unknown code. */
export async function checkInDelegate(eventId: string, code: string, actor: CheckInActor): Promise<CheckInOutcome> {
  const event = await openEvent(eventId);
  const person = (await loadPeople(event)).all.find((p) => p.source === 'delegate' && p.code === code);
  if (!person) throw new NotFoundError('checkin.unknownCode');
  return insertOnce(fromPerson(String(event._id), person, 'delegate'), actor);
}

/** Check in zone staff: one of the event's zone participants (once), or someone typed in with their department. */
export async function checkInZone(eventId: string, input: ZoneInput, actor: CheckInActor): Promise<CheckInOutcome> {
  const event = await openEvent(eventId);
  if ('participantId' in input) {
    const person = (await loadPeople(event)).all.find((p) => p.source === 'zone' && p.checkInId === zoneCheckInId(String(event._id), input.participantId));
    if (!person) throw new NotFoundError('checkin.unknownParticipant');
    return insertOnce(fromPerson(String(event._id), person, 'zone'), actor);
  }
  const department = await findDepartment(input.departmentId);
  if (!department) throw new ValidationError({ departmentId: 'checkin.unknownDepartment' });
  return insertOnce(
    {
      ...emptyEntry(String(event._id), 'zone', input.name, input.title, input.submission),
      departmentId: String(department._id),
      departmentName: bilingualOf(department),
    },
    actor,
  );
}

function emptyEntry(eventId: string, kind: CheckInKind, name: string, title: string, submission?: string): NewCheckIn {
  return {
    _id: otherCheckInId(eventId, submission), eventId, kind, name, title, checkInCode: '', participantId: '',
    invitationId: null, institutionId: null, institutionName: null, departmentId: null, departmentName: null, substituteFor: '', substituteForCode: '',
  };
}

async function directoryInstitution(id: string): Promise<InstitutionDoc> {
  try {
    return await getInstitution(id);
  } catch (error) {
    if (error instanceof NotFoundError) throw new ValidationError({ institutionId: 'checkin.unknownInstitution' });
    throw error;
  }
}

/** Check in someone who was not registered: from a directory institution or a typed one, perhaps in place of a registered delegate. */
export async function checkInWalkIn(eventId: string, input: WalkInInput, actor: CheckInActor): Promise<CheckInOutcome> {
  const event = await openEvent(eventId);
  const entry = emptyEntry(String(event._id), 'walk_in', input.name, input.title, input.submission);
  const people = await loadPeople(event);
  if (input.substituteFor) {
    const replaced = people.all.find((p) => p.source === 'delegate' && p.code === input.substituteFor);
    if (!replaced) throw new ValidationError({ substituteFor: 'checkin.unknownDelegate' });
    if (input.institutionId && input.institutionId !== replaced.institutionId) throw new ValidationError({ substituteFor: 'checkin.substituteOtherInstitution' });
    Object.assign(entry, {
      invitationId: replaced.invitationId, institutionId: replaced.institutionId, institutionName: replaced.institutionName,
      departmentId: replaced.departmentId, departmentName: replaced.departmentName, substituteFor: replaced.name, substituteForCode: replaced.code,
    });
  } else if (input.institutionId) {
    const institution = await directoryInstitution(input.institutionId);
    const invitationId = people.invitationOf.get(String(institution._id)) ?? null;
    Object.assign(entry, { institutionId: String(institution._id), institutionName: bilingualOf(institution), invitationId });
  } else {
    entry.institutionName = { zh: input.institutionName, en: input.institutionName };
  }
  return insertOnce(entry, actor);
}

/** Undo a check-in (someone was checked in by mistake); false when it was not (or no longer) there. */
export async function undoCheckIn(eventId: string, checkInId: string, actor: CheckInActor): Promise<CheckInRecord | null> {
  const event = await openEvent(eventId);
  if (!checkInId.startsWith(`${String(event._id)}:`)) return null;
  const doc = await findCheckIn(checkInId);
  if (!doc) return null;
  if (!(await deleteCheckIn(checkInId))) return null;
  logger.info({ by: actor.id, eventId: String(event._id) }, 'Check-in undone by %s: %s (%s, checked in by %s)', actor.email, doc.name, checkInId, doc.checkedInBy?.email ?? '');
  return toRecord(doc);
}

/** Everyone checked in at an event, in check-in order. */
export async function listCheckIns(eventId: string): Promise<readonly CheckInRecord[]> {
  if (!OBJECT_ID.test(eventId)) return [];
  return (await listCheckInsOfEvent(eventId)).map(toRecord);
}

/** Everyone checked in at any of these events (a series' editions), in one read. */
export async function listCheckInsOfSeries(eventIds: readonly string[]): Promise<readonly CheckInRecord[]> {
  const ids = eventIds.filter((id) => OBJECT_ID.test(id));
  return ids.length ? (await listCheckInsOfEvents(ids)).map(toRecord) : [];
}
