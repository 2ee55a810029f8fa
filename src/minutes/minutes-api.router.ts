import { listAgendaItems } from '../agenda/index.js';
import { getEvent } from '../events/index.js';
import { defineRouter } from '../web/routes.js';
import { attendanceOf } from './attendance.service.js';
import { departmentNames, listPublishedVersions } from './published.service.js';
import { listMinutesComments } from './review.service.js';
import { currentRevisions } from './revisions.service.js';
import { readMinutesState } from './state.service.js';

/** `GET /api/v1/events/:eventId/minutes`: the minutes as they stand, for scripts (bearer token). */
export const minutesApiRouter = defineRouter('/api/v1/events');

minutesApiRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

/** The minutes as JSON: state, version, each item's current text and revision, attendance, published versions. */
async function minutesJson(eventId: string) {
  const [status, agenda] = await Promise.all([readMinutesState(eventId), listAgendaItems(eventId)]);
  const [revisions, attendance, names, versions, comments] = await Promise.all([
    currentRevisions(eventId, agenda.map((item) => item.id)), attendanceOf(eventId), departmentNames(), listPublishedVersions(eventId, status.publishedVersion), listMinutesComments(eventId),
  ]);
  return {
    eventId, state: status.state, version: status.version, publishedVersion: status.publishedVersion,
    approved: status.approved ? { by: status.approved.by.name || status.approved.by.email, at: status.approved.at } : null,
    items: agenda.map((item) => {
      const rev = revisions.get(item.id)!;
      return {
        agendaItemId: item.id, order: item.order, title: item.title, startsAt: item.startsAt,
        revision: rev.revision, savedAt: rev.savedAt, savedBy: rev.savedBy?.name ?? null,
        notes: rev.notes, keyPoints: rev.keyPoints, decisions: rev.decisions,
        actions: rev.actions.map((a) => ({ text: a.text, departmentId: a.departmentId, departmentName: a.departmentId ? (names.get(a.departmentId) ?? null) : null, dueDate: a.dueDate })),
        comments: comments.filter((c) => c.itemId === item.id).length,
      };
    }),
    attendance,
    publishedVersions: versions,
  };
}

minutesApiRouter.get('/:eventId/minutes', 'staff', async (_req, res) => {
  res.json(await minutesJson(String(res.locals.event._id)));
});
