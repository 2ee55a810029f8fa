import { DateTime } from 'luxon';
import { Types } from 'mongoose';
import { listAgendaItems, publishAgenda, saveAgendaItems } from '../agenda/index.js';
import { createUser, findUserIdByEmail } from '../auth/index.js';
import { findEventIdAfterEdition, findEventIdOfEdition, findSeriesIdByName, insertEvent, insertSeries } from '../events/index.js';
import { findDepartmentIdByName, findInstitutionIdByName, insertDepartment, insertInstitution } from '../institutions/index.js';
import { findInvitationIdByInviteeKey, insertInvitation } from '../invitations/index.js';
import {
  DEMO_2019, DEMO_AGENDA_2019, DEMO_DEPARTMENTS, DEMO_NEXT, DEMO_ORGANISER_CONTACT, DEMO_PASSWORD, DEMO_SERIES, DEMO_STAFF,
  DEMO_TIMEZONE, DEMO_VENUE, DEMO_ZONE_PARTICIPANTS, editionTitles, type DepartmentKey,
} from './demo-data.js';
import { DEMO_INSTITUTIONS } from './demo-institutions.js';
import { demoInvitation, demoInviteeKey } from './demo-invitations.js';
import { formatReport, type DemoTallies, type Tally } from './demo-report.js';

type WithId = { _id: Types.ObjectId };

/** Find a record by its stable key, or create it; counts which happened. */
async function ensure(tally: Tally, find: () => Promise<WithId | null>, create: () => Promise<WithId>): Promise<Types.ObjectId> {
  const found = await find();
  if (found) {
    tally.existing += 1;
    return found._id;
  }
  tally.created += 1;
  return (await create())._id;
}

const tally = (): Tally => ({ created: 0, existing: 0 });
const local = (iso: string) => DateTime.fromISO(iso, { zone: DEMO_TIMEZONE }).toJSDate();

async function ensureDepartments(t: Tally): Promise<Map<DepartmentKey, Types.ObjectId>> {
  const ids = new Map<DepartmentKey, Types.ObjectId>();
  for (const { key, ...fields } of DEMO_DEPARTMENTS) {
    const find = () => findDepartmentIdByName(fields.nameZh);
    ids.set(key, await ensure(t, find, () => insertDepartment(fields)));
  }
  return ids;
}

async function ensureInstitutions(t: Tally): Promise<Types.ObjectId[]> {
  const ids: Types.ObjectId[] = [];
  for (const { answer2019: _answer, contacts, ...fields } of DEMO_INSTITUTIONS) {
    const find = () => findInstitutionIdByName(fields.nameZh);
    const create = () => insertInstitution({ ...fields, notes: fields.notes ?? '', contacts: contacts.map((c, i) => ({ ...c, primary: i === 0 })) });
    ids.push(await ensure(t, find, create));
  }
  return ids;
}

async function ensureStaff(t: Tally, departments: Map<DepartmentKey, Types.ObjectId>): Promise<Types.ObjectId> {
  let organiserId: Types.ObjectId | undefined;
  for (const { department, ...fields } of DEMO_STAFF) {
    const find = async () => {
      const userId = await findUserIdByEmail(fields.email);
      return userId ? { _id: new Types.ObjectId(userId) } : null;
    };
    const departmentId = department ? String(departments.get(department)) : undefined;
    const create = async () => ({ _id: new Types.ObjectId((await createUser({ ...fields, password: DEMO_PASSWORD, departmentId })).id) });
    const id = await ensure(t, find, create);
    if (fields.role === 'organiser') organiserId = id;
  }
  return organiserId!;
}

function zoneParticipants(departments: Map<DepartmentKey, Types.ObjectId>) {
  return DEMO_ZONE_PARTICIPANTS.map(({ department, ...fields }) => ({ ...fields, departmentId: department ? departments.get(department) : undefined }));
}

/** The next edition a few weeks from now, on a weekday morning; replies close a week before. */
function nextEditionTimes(now: Date) {
  let start = DateTime.fromJSDate(now, { zone: DEMO_TIMEZONE }).plus({ weeks: DEMO_NEXT.weeksAhead });
  start = start.set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
  while (start.weekday > 5) start = start.plus({ days: 1 });
  const rsvpDeadline = start.minus({ days: 7 }).set({ hour: 17, minute: 0 });
  return { startsAt: start.toJSDate(), endsAt: start.plus({ hours: 2 }).toJSDate(), rsvpDeadline: rsvpDeadline.toJSDate() };
}

function edition2019() {
  const { edition, descriptionZh, descriptionEn } = DEMO_2019;
  const times = { startsAt: local(DEMO_2019.startsAt), endsAt: local(DEMO_2019.endsAt), rsvpDeadline: local(DEMO_2019.rsvpDeadline) };
  return { ...editionTitles(edition), edition, status: 'scheduled', ...times, descriptionZh, descriptionEn };
}

function nextEdition(now: Date) {
  const times = nextEditionTimes(now);
  const edition = DateTime.fromJSDate(times.startsAt, { zone: DEMO_TIMEZONE }).year;
  const { descriptionZh, descriptionEn } = DEMO_NEXT;
  return { ...editionTitles(edition), edition, status: 'draft', ...times, descriptionZh, descriptionEn };
}

async function ensureEvents(t: Tally, seriesId: Types.ObjectId, departments: Map<DepartmentKey, Types.ObjectId>, organiserId: Types.ObjectId, now: Date) {
  const shared = {
    kind: 'symposium', seriesId, timezone: DEMO_TIMEZONE, venue: DEMO_VENUE, organiserContact: DEMO_ORGANISER_CONTACT,
    maxDelegates: 2, zoneParticipants: zoneParticipants(departments), createdBy: organiserId,
  };
  const findFirst = () => findEventIdOfEdition(seriesId, DEMO_2019.edition);
  // Any later edition counts as "the next one", so loading again next year adds nothing.
  const findNext = () => findEventIdAfterEdition(seriesId, DEMO_2019.edition);
  const first = await ensure(t, findFirst, () => insertEvent({ ...shared, ...edition2019() }));
  const next = await ensure(t, findNext, () => insertEvent({ ...shared, ...nextEdition(now) }));
  return { first, next };
}

async function ensureInvitations(t: Tally, eventId: Types.ObjectId, institutionIds: Types.ObjectId[], organiserId: Types.ObjectId): Promise<void> {
  const organiser = { id: organiserId, name: DEMO_ORGANISER_CONTACT.name };
  const sentAt = local(DEMO_2019.invitationsSentAt);
  for (const [position, institution] of DEMO_INSTITUTIONS.entries()) {
    const institutionId = institutionIds[position]!;
    const find = async () => {
      const _id = await findInvitationIdByInviteeKey(eventId, demoInviteeKey(institutionId));
      return _id ? { _id } : null;
    };
    const create = async () => {
      const created = await insertInvitation(demoInvitation({ eventId, institutionId, institution, position, sentAt, organiser }));
      if (!created) throw new Error(`The invitation of ${institution.nameZh} was inserted meanwhile by another load`);
      return created;
    };
    await ensure(t, find, create);
  }
}

/** The 2019 agenda, published as it was on the day; left alone once the event has any agenda. */
async function ensureAgenda(t: Tally, eventId: Types.ObjectId, organiserId: Types.ObjectId): Promise<void> {
  if ((await listAgendaItems(String(eventId))).length) {
    t.existing += 1;
    return;
  }
  await saveAgendaItems(String(eventId), DEMO_AGENDA_2019.map((item) => ({ ...item, startsAtOverride: null })));
  await publishAgenda(String(eventId), { id: String(organiserId), email: DEMO_STAFF[0]!.email });
  t.created += 1;
}

/**
 * Load the model case: the zone's departments and staff, 26 institutions, the 2019 annual symposium on
 * financial work with its published agenda and everyone's answers, and a draft next edition a few weeks ahead. Records are found
 * by stable keys (names, emails, series + edition), so loading twice adds nothing. Returns a report to print.
 */
export async function loadDemo(now: Date = new Date()): Promise<string> {
  const tallies: DemoTallies = { departments: tally(), institutions: tally(), users: tally(), series: tally(), events: tally(), agendas: tally(), invitations: tally() };
  const departments = await ensureDepartments(tallies.departments);
  const institutionIds = await ensureInstitutions(tallies.institutions);
  const organiserId = await ensureStaff(tallies.users, departments);
  const seriesId = await ensure(tallies.series, () => findSeriesIdByName(DEMO_SERIES.nameZh), () => insertSeries(DEMO_SERIES));
  const events = await ensureEvents(tallies.events, seriesId, departments, organiserId, now);
  await ensureAgenda(tallies.agendas, events.first, organiserId);
  await ensureInvitations(tallies.invitations, events.first, institutionIds, organiserId);
  return formatReport(tallies, [events.first, events.next]);
}
