import { ACCESS } from '../web/access.js';
import { ValidationError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { z } from 'zod';
import { countsOf, loadAttendance } from './attendance.service.js';
import { apiCheckInSchema, zoneSchemaFor } from './checkin.schemas.js';
import { checkInDelegate, checkInWalkIn, checkInZone, type CheckInOutcome, type CheckInRecord } from './checkin.service.js';
import { actorOf, loadEventParam, loadedEvent } from './checkin-view.js';
import { seatOf } from './seat-provider.js';

/** JSON API: `GET` (any staff token) and `POST` (organiser or secretary) `/api/v1/events/:id/checkins`. */
export const checkinApiRouter = defineRouter('/api/v1');

checkinApiRouter.router.use('/events/:eventId/checkins', (_req, res, next) => {
  res.set('Cache-Control', 'private, no-store');
  next();
});

checkinApiRouter.param('eventId', loadEventParam);

/** A check-in as the API shows it (dates as ISO strings). */
export function toApiCheckIn(record: CheckInRecord) {
  return { ...record, checkedInAt: record.checkedInAt.toISOString() };
}

checkinApiRouter.get('/events/:eventId/checkins', 'staff', async (_req, res) => {
  const attendance = await loadAttendance(loadedEvent(res));
  res.json({ checkIns: attendance.checkIns.map(toApiCheckIn), counts: countsOf(attendance) });
});

checkinApiRouter.post('/events/:eventId/checkins', ACCESS.secretary, async (req, res) => {
  const body = parseInput(apiCheckInSchema, req.body ?? {});
  const eventId = String(loadedEvent(res)._id);
  let outcome: CheckInOutcome;
  if (body.code !== undefined) outcome = await checkInDelegate(eventId, body.code, actorOf(req));
  else if (body.walkIn !== undefined) outcome = await checkInWalkIn(eventId, body.walkIn, actorOf(req)).catch(prefixFields('walkIn'));
  else {
    // Parsed here rather than in the schema, so field errors name the typed fields (zone.name), not a union.
    const { zone } = parseInput(z.object({ zone: zoneSchemaFor(body.zone) }), { zone: body.zone });
    outcome = await checkInZone(eventId, zone, actorOf(req)).catch(prefixFields('zone'));
  }
  const seat = await seatOf(loadedEvent(res), outcome.record);
  res.status(outcome.alreadyCheckedIn ? 200 : 201).json({ checkIn: toApiCheckIn(outcome.record), alreadyCheckedIn: outcome.alreadyCheckedIn, seat });
});

/** The services name fields as the forms do; in the API they sit under `walkIn.` or `zone.`. */
function prefixFields(prefix: string) {
  return (error: unknown): never => {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(Object.fromEntries(Object.entries(error.fields).map(([name, message]) => [`${prefix}.${name}`, message])));
  };
}
