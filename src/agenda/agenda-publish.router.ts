import { z } from 'zod';
import { ACCESS } from '../web/access.js';
import { NotFoundError } from '../web/errors.js';
import { formatDateTime } from '../web/dates.js';
import { thawItem } from './agenda-changes.js';
import { actorOf, baseOf, defineAgendaRouter, eventOf, whileEditable } from './agenda-pages.js';
import { agendaDocumentRows, agendaRows, changeLines, documentRow, eventHeading } from './agenda-view.js';
import { sendAgendaUpdate } from './notify.service.js';
import { agendaOverview, changesOf, frozenOf, getAgendaVersion, publishAgenda } from './publish.service.js';

/** Publishing versions, the update email, the version pages and the printable agenda. */
export const agendaPublishRouter = defineAgendaRouter();

agendaPublishRouter.param('version', async (_req, res, value) => {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new NotFoundError();
  res.locals.version = await getAgendaVersion(String(eventOf(res)._id), Number(value));
});

const versionQuery = z.object({ version: z.string().regex(/^[1-9]\d{0,5}$/).optional().catch(undefined) });

agendaPublishRouter.post('/:eventId/agenda/publish', ACCESS.organiser, whileEditable, async (req, res) => {
  const outcome = await publishAgenda(String(eventOf(res)._id), actorOf(req));
  req.flash(outcome.created ? 'success' : 'info', outcome.created ? 'agenda.published' : 'agenda.publish.nothingChanged', { version: outcome.version });
  res.redirect(303, baseOf(res));
});

agendaPublishRouter.post('/:eventId/agenda/notify', ACCESS.organiser, async (req, res) => {
  const outcome = await sendAgendaUpdate(String(eventOf(res)._id), actorOf(req));
  if (outcome.queued) req.flash('success', outcome.calendar ? 'agenda.notify.queuedWithCalendar' : 'agenda.notify.queued', { count: outcome.queued, version: outcome.version });
  else req.flash('info', 'agenda.notify.nobody');
  res.redirect(303, baseOf(res));
});

agendaPublishRouter.get('/:eventId/agenda/versions/:version', 'staff', (req, res) => {
  const event = eventOf(res);
  const version = res.locals.version as Awaited<ReturnType<typeof getAgendaVersion>>;
  const frozen = frozenOf(version);
  res.render('agenda/views/version', {
    title: req.t('agenda.versions.label', { version: version.version }),
    event: eventHeading(event, req.locale),
    base: baseOf(res),
    version: {
      version: version.version,
      publishedAt: formatDateTime(version.publishedAt, event.timezone, req.locale),
      publishedBy: version.publishedBy?.email ?? '',
      changes: changeLines(changesOf(version), event, req.locale),
    },
    rows: agendaRows(event, frozen.items.map(thawItem), req.locale),
    agendaDocuments: frozen.documents.map((doc) => documentRow({ id: doc.documentId, filename: doc.filename, size: doc.size })),
    links: true,
  });
});

agendaPublishRouter.get('/:eventId/agenda/print', 'staff', async (req, res) => {
  const event = eventOf(res);
  const { version: wanted } = versionQuery.parse(req.query);
  const version = wanted ? await getAgendaVersion(String(event._id), Number(wanted)) : undefined;
  // Without ?version, the working copy: marked as a draft unless it is exactly the latest published version.
  const overview = version ? undefined : await agendaOverview(event);
  const items = version ? frozenOf(version).items.map(thawItem) : overview!.items;
  const documents = version
    ? frozenOf(version).documents.map((doc) => documentRow({ id: doc.documentId, filename: doc.filename, size: doc.size }))
    : agendaDocumentRows(overview!.state.documents);
  const shown = version?.version ?? (overview!.pending.length === 0 ? overview!.state.publishedVersion : 0);
  const venue = event.venue;
  res.render('agenda/views/print', {
    title: req.t('agenda.title'),
    event: eventHeading(event, req.locale),
    base: baseOf(res),
    venue: [[venue?.name, venue?.room].filter(Boolean).join(' · '), venue?.address ?? ''].filter(Boolean).join(', '),
    versionLabel: shown ? req.t('agenda.versions.label', { version: shown }) : '',
    draft: !shown,
    rows: agendaRows(event, items, req.locale),
    agendaDocuments: documents,
  });
});
