import type { Request, RequestHandler, Response } from 'express';
import { getEvent, isEditable, type EventRecord } from '../events/index.js';
import { listRoster } from '../invitations/index.js';
import { ACCESS, isAllowed } from '../web/access.js';
import { toLocalInputValue } from '../web/dates.js';
import { ConflictError, type FieldErrors } from '../web/errors.js';
import type { ConveneRouter } from '../web/routes.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf } from '../web/submission.js';
import { agendaDocumentRows, agendaRows, agendaWarnings, changeLines, documentRow, eventHeading, versionRows } from './agenda-view.js';
import { AGENDA_ITEM_TYPES, type Speaker, type StoredItem } from './agenda.store.js';
import type { ItemForm } from './agenda.schemas.js';
import type { AgendaItemInput } from './agenda.service.js';
import { agendaOverview } from './publish.service.js';

// Shared by the agenda's staff routers: the event loader, and the two pages forms re-render.

/** A router under /events whose `:eventId` loads the event (404 otherwise). */
export function defineAgendaRouter(): ConveneRouter {
  const router = defineRouter('/events');
  router.param('eventId', async (_req, res, id) => {
    res.locals.event = await getEvent(id);
  });
  return router;
}

/** The event the loader found. */
export const eventOf = (res: Response): EventRecord => res.locals.event as EventRecord;
/** Who is acting, for the services' log. */
export const actorOf = (req: Request) => ({ id: req.user!.id, email: req.user!.email });
/** The agenda pages' base URL. */
export const baseOf = (res: Response): string => `/events/${eventOf(res)._id}/agenda`;

/** Closed and cancelled events keep the agenda they had: changes are refused (409). */
export const whileEditable: RequestHandler = (_req, res, next) => next(isEditable(eventOf(res)) ? undefined : new ConflictError('agenda.eventClosed'));

/** Render the agenda page (with upload errors for the agenda's documents, if any). */
export async function renderAgendaPage(req: Request, res: Response, options: { errors?: FieldErrors; status?: number } = {}) {
  const event = eventOf(res);
  const { items, state, versions, pending } = await agendaOverview(event);
  const warnings = agendaWarnings(event, items);
  const latest = versions[0];
  res.status(options.status ?? 200).render('agenda/views/agenda', {
    title: req.t('agenda.title'),
    event: eventHeading(event, req.locale),
    base: baseOf(res),
    rows: agendaRows(event, items, req.locale, warnings),
    overrunMinutes: warnings.overrunMinutes,
    agendaDocuments: agendaDocumentRows(state.documents),
    publishedVersion: state.publishedVersion,
    pending: changeLines(pending, event, req.locale),
    unpublished: items.length > 0 && (state.publishedVersion === 0 || pending.length > 0),
    versions: versionRows(versions, event, req.locale),
    latest: latest ? versionRows([latest], event, req.locale)[0] : undefined,
    canManage: isAllowed(req.user, ACCESS.organiser),
    canNotify: event.status === 'scheduled',
    errors: options.errors ?? {},
  });
}

/** What the item form shows in its fields. */
export interface ItemFormValues {
  type: string;
  titleZh: string;
  titleEn: string;
  durationMinutes: string;
  startsAt: string;
  description: string;
  speakers: Speaker[];
  rosterPick: string[];
}

/** Room to type in more speakers. */
const BLANK_SPEAKER_ROWS = 3;
const withBlankRows = (speakers: Speaker[]) => [...speakers, ...Array.from({ length: BLANK_SPEAKER_ROWS }, () => ({ name: '', title: '', organisation: '' }))];

/** A stored item (or a new one) as form values. */
export function storedValues(event: EventRecord, item?: StoredItem): ItemFormValues {
  return {
    type: item?.type ?? 'address',
    titleZh: item?.titleZh ?? '',
    titleEn: item?.titleEn ?? '',
    durationMinutes: item ? String(item.durationMinutes) : '30',
    startsAt: toLocalInputValue(item?.startsAtOverride, event.timezone),
    description: item?.description ?? '',
    speakers: withBlankRows(item?.speakers ?? []),
    rosterPick: [],
  };
}

/** Typed-in (possibly malformed) form values made safe to show again. */
export function typedValues(body: unknown): ItemFormValues {
  const input = (body ?? {}) as Record<string, unknown>;
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const rows = input.speakers && typeof input.speakers === 'object' ? Object.values(input.speakers as object) : [];
  const pick = input.rosterPick;
  return {
    type: str(input.type), titleZh: str(input.titleZh), titleEn: str(input.titleEn), durationMinutes: str(input.durationMinutes),
    startsAt: str(input.startsAt), description: str(input.description),
    speakers: rows.map((row: Record<string, unknown> | undefined) => ({ name: str(row?.name), title: str(row?.title), organisation: str(row?.organisation) })),
    rosterPick: (Array.isArray(pick) ? pick : [pick]).filter((v): v is string => typeof v === 'string'),
  };
}

/** The participant roster as the form offers it: delegates who accepted, then zone participants. */
async function rosterChoices(event: EventRecord, req: Request) {
  return (await listRoster(event, req.locale)).map((row) => ({
    id: row.personId, name: row.name, title: row.title, organisation: row.organisation,
    about: [row.title, row.organisation].filter(Boolean).join(', '),
  }));
}

/** The form's data as a service input: typed-in speakers, then those picked from the roster (each name once). */
export async function itemInput(req: Request, event: EventRecord, form: ItemForm): Promise<AgendaItemInput> {
  const picked = form.rosterPick.length ? (await rosterChoices(event, req)).filter((person) => form.rosterPick.includes(person.id)) : [];
  const speakers: Speaker[] = [...form.speakers];
  for (const person of picked) {
    if (!speakers.some((s) => s.name === person.name)) speakers.push({ name: person.name, title: person.title, organisation: person.organisation });
  }
  return { type: form.type, titleZh: form.titleZh, titleEn: form.titleEn, durationMinutes: form.durationMinutes, startsAtOverride: form.startsAt, speakers, description: form.description };
}

/** Render the add or edit form of an item. */
export async function renderItemForm(req: Request, res: Response, options: { item?: StoredItem; values?: ItemFormValues; errors?: FieldErrors; uploadErrors?: FieldErrors; status?: number } = {}) {
  const event = eventOf(res);
  const { item } = options;
  const values = options.values ?? storedValues(event, item);
  res.status(options.status ?? 200).render('agenda/views/item-form', {
    title: req.t(item ? 'agenda.editItem' : 'agenda.addItem'),
    event: eventHeading(event, req.locale),
    base: baseOf(res),
    action: item ? `${baseOf(res)}/items/${item._id}` : `${baseOf(res)}/items`,
    types: AGENDA_ITEM_TYPES,
    roster: await rosterChoices(event, req),
    values,
    errors: options.errors ?? {},
    uploadErrors: options.uploadErrors ?? {},
    submission: item ? '' : submissionIdOf(req.body),
    item: item ? { id: String(item._id), documents: item.documents.map((doc) => documentRow({ id: String(doc._id), filename: doc.filename, size: doc.size })) } : undefined,
  });
}
