import type { Request, Response } from 'express';
import { getEvent, isEditable, type EventRecord } from '../events/index.js';
import { ACCESS } from '../web/access.js';
import { ConflictError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { agendaWarnings, changeLines } from './agenda-view.js';
import { agendaPutQuerySchema, agendaPutSchema } from './agenda.schemas.js';
import { replaceAgendaItems } from './agenda.service.js';
import { agendaOverview, changesOf, publishAgenda } from './publish.service.js';

/** `/api/v1/events/:id/agenda`: the working agenda and its published versions as JSON (bearer token). */
export const agendaApiRouter = defineRouter('/api/v1/events');

agendaApiRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

const eventOf = (res: Response): EventRecord => res.locals.event as EventRecord;

/** The agenda as the API shows it: the working copy (items can be sent back as they are), then what is published. */
async function agendaJson(req: Request, event: EventRecord) {
  const { state, items, versions, pending } = await agendaOverview(event);
  const latest = versions[0];
  const documentJson = (doc: { _id: unknown; filename: string; contentType: string; size: number }) => ({ id: String(doc._id), filename: doc.filename, contentType: doc.contentType, size: doc.size });
  return {
    eventId: String(event._id),
    revision: state.revision,
    items: items.map((item, index) => ({
      id: item.id, order: item.order, type: item.type, titleZh: item.title.zh, titleEn: item.title.en,
      durationMinutes: item.durationMinutes, startsAtOverride: state.items[index]!.startsAtOverride?.toISOString() ?? null,
      startsAt: item.startsAt.toISOString(), endsAt: item.endsAt.toISOString(),
      speakers: item.speakers, description: item.description, documents: item.documents,
    })),
    documents: state.documents.map(documentJson),
    overrunMinutes: Math.max(0, agendaWarnings(event, items).overrunMinutes),
    publishedVersion: state.publishedVersion,
    unpublishedChanges: changeLines(pending, event, req.locale),
    published: latest
      ? { version: latest.version, publishedAt: latest.publishedAt.toISOString(), changes: changeLines(changesOf(latest), event, req.locale), notifiedAt: latest.notifiedAt?.toISOString() ?? null }
      : null,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), changeCount: (v.changes ?? []).length })),
  };
}

agendaApiRouter.get('/:eventId/agenda', 'staff', async (req, res) => {
  res.json(await agendaJson(req, eventOf(res)));
});

agendaApiRouter.put('/:eventId/agenda', ACCESS.organiser, async (req, res) => {
  const event = eventOf(res);
  const { items, publish, revision } = parseInput(agendaPutSchema, req.body);
  const query = parseInput(agendaPutQuerySchema, req.query);
  if (!isEditable(event)) throw new ConflictError('agenda.eventClosed');
  const actor = { id: req.user!.id, email: req.user!.email };
  await replaceAgendaItems(String(event._id), items, actor, revision);
  const outcome = (publish ?? ['true', '1'].includes(query.publish ?? '')) ? await publishAgenda(String(event._id), actor) : undefined;
  res.json({ ...(await agendaJson(req, event)), publishedNow: outcome ? { version: outcome.version, created: outcome.created } : null });
});
