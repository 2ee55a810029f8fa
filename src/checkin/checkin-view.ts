import type { Request, Response } from 'express';
import { ACCESS, isAllowed } from '../web/access.js';
import { eventTitle, getEvent, type EventRecord } from '../events/index.js';
import { listDepartments, listInstitutions } from '../institutions/index.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { countsOf, loadAttendance, nameIn, searchRows, type Attendance, type AttendanceRow } from './attendance.service.js';
import type { CheckInActor, CheckInOutcome } from './checkin.service.js';
import { isCheckInOpen } from './expected.service.js';
import { seatOf } from './seat-provider.js';
import { clockTime, kindKey } from './sheet.js';

// Page models of the check-in pages: plain data, names already in the page's language.

/** Param loader: the event (404 for unknown ids) and what the page header needs. */
export async function loadEventParam(req: Request, res: Response, id: string): Promise<void> {
  const event = await getEvent(id);
  res.locals.event = event;
  res.locals.eventTitle = eventTitle(event, req.locale);
  res.locals.checkInOpen = isCheckInOpen(event);
  res.locals.base = `/events/${String(event._id)}/checkin`;
  res.locals.canCheckIn = isAllowed(req.user, ACCESS.secretary);
}

/** The event loaded by `loadEventParam`. */
export function loadedEvent(res: Response): EventRecord {
  return res.locals.event as EventRecord;
}

/** The signed-in staff member, as check-ins record them. */
export function actorOf(req: Request): CheckInActor {
  const { id, email, name } = req.user!;
  return { id, email, name };
}

/** A row as the templates show it. */
export interface RowView {
  checkInId: string;
  source: AttendanceRow['source'];
  code: string;
  participantId: string;
  name: string;
  title: string;
  organisation: string;
  isInstitutionDelegate: boolean;
  kindKey: string;
  substituteFor: string;
  /** Whether the invitation's answer was only "tentative": the desk may not see this person. */
  tentative: boolean;
  checkedIn: { time: string; by: string } | null;
}

/** A row in the page's language, with the time in the event's zone. */
export function rowView(row: AttendanceRow, locale: Locale, timezone: string): RowView {
  return {
    checkInId: row.checkInId, source: row.source, code: row.code, participantId: row.participantId,
    name: row.name, title: row.title, organisation: nameIn(row.organisation, locale),
    isInstitutionDelegate: row.source === 'delegate' && Boolean(row.institutionId), kindKey: kindKey(row), substituteFor: row.substituteFor,
    tentative: row.source === 'delegate' && row.status === 'tentative',
    checkedIn: row.checkIn ? { time: clockTime(row.checkIn.checkedInAt, timezone), by: row.checkIn.checkedInBy } : null,
  };
}

/** The flash that tells the desk what happened: checked in (and the seat, when the plan gives one), or already checked in (when and by whom). */
export function flashOutcome(req: Request, outcome: CheckInOutcome, timezone: string, seat: number | null = null): void {
  const { record, alreadyCheckedIn } = outcome;
  if (!alreadyCheckedIn) return seat ? req.flash('success', 'checkin.checkedInSeat', { name: record.name, seat }) : req.flash('success', 'checkin.checkedIn', { name: record.name });
  req.flash('info', 'checkin.alreadyCheckedIn', { name: record.name, time: clockTime(record.checkedInAt, timezone), by: record.checkedInBy });
}

/** What the typed code field shows again after a refusal. */
export interface CodeField {
  value: string;
  errors: FieldErrors;
}

/** The check-in desk: counts, search results, the latest check-ins and the code field. */
export async function deskModel(req: Request, res: Response, q: string, code: CodeField = { value: '', errors: {} }) {
  const event = loadedEvent(res);
  const attendance = await loadAttendance(event);
  const view = (row: AttendanceRow) => rowView(row, req.locale, event.timezone);
  const recent = [...attendance.checkIns].reverse().slice(0, 15).map((c) => ({ ...c, time: clockTime(c.checkedInAt, event.timezone), organisation: nameIn(c.institutionName ?? c.departmentName, req.locale) }));
  return {
    title: req.t('checkin.title'),
    counts: countsOf(attendance),
    q,
    results: q ? searchRows(attendance, q).map(view) : null,
    recent,
    code,
  };
}

/** The walk-in form: directory institutions, and the registered delegates one may stand in for, by institution. */
export async function walkInChoices(attendance: Attendance, locale: Locale) {
  const institutions = await listInstitutions();
  const delegates = new Map<string, { name: string; options: { code: string; label: string; institutionId: string }[] }>();
  for (const person of attendance.people.expected) {
    if (person.source !== 'delegate' || !person.institutionId) continue;
    const group = delegates.get(person.institutionId) ?? { name: nameIn(person.institutionName, locale), options: [] };
    group.options.push({ code: person.code, label: person.title ? `${person.name} (${person.title})` : person.name, institutionId: person.institutionId });
    delegates.set(person.institutionId, group);
  }
  return {
    institutions: institutions.map((i) => ({ id: String(i._id), name: locale === 'zh' ? i.nameZh : i.nameEn || i.nameZh })),
    substitutable: [...delegates.values()].sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}

/** Departments to choose from for typed zone staff. */
export async function departmentChoices(locale: Locale) {
  return (await listDepartments()).map((d) => ({ id: String(d._id), name: locale === 'zh' ? d.nameZh : d.nameEn || d.nameZh }));
}

const deskPath = (res: Response) => `/events/${String(loadedEvent(res)._id)}/checkin`;
/** Forms posted from the zone staff page go back there; everything else to the desk. */
export const backPath = (req: Request, res: Response) => ((req.body as { from?: unknown })?.from === 'zone' ? `${deskPath(res)}/zone` : deskPath(res));

/**
 * Run a check-in, then back to the page it came from with what happened. A closed event is a flash, not an
 * error page; refusals that belong to a field (bad walk-in, unknown code) go to `refused` for a 4xx re-render.
 */
export async function checkInAndReturn(req: Request, res: Response, run: () => Promise<CheckInOutcome>, refused: (fields: FieldErrors, status: number) => Promise<void>, notFoundField = '_') {
  let outcome: CheckInOutcome;
  try {
    outcome = await run();
  } catch (error) {
    if (error instanceof ConflictError && error.message === 'checkin.notOpen') {
      req.flash('error', 'checkin.notOpen');
      return res.redirect(303, backPath(req, res));
    }
    if (error instanceof ValidationError) return refused(error.fields, 422);
    if (error instanceof NotFoundError && error.message !== 'errors.notFound') return refused({ [notFoundField]: error.message }, 404);
    throw error;
  }
  flashOutcome(req, outcome, loadedEvent(res).timezone, await seatOf(loadedEvent(res), outcome.record));
  res.redirect(303, backPath(req, res));
}

