import { onEventCloned } from '../events/index.js';
import { provideAgenda } from '../invitations/index.js';
import type { ConveneRouter } from '../web/routes.js';
import { agendaApiRouter } from './agenda-api.router.js';
import { agendaDocumentsRouter, agendaRsvpRouter } from './agenda-documents.router.js';
import { agendaMessages } from './agenda.messages.js';
import { agendaPublishRouter } from './agenda-publish.router.js';
import { agendaRouter } from './agenda.router.js';
import { copyAgenda } from './agenda.service.js';
import { inviteeAgenda } from './invitee-agenda.js';

export { AGENDA_ITEM_TYPES, type AgendaItemType } from './agenda.store.js';
export {
  listAgendaItems, saveAgendaItems, scheduleItems, addAgendaItem, updateAgendaItem, removeAgendaItem, moveAgendaItem, reorderAgendaItems, replaceAgendaItems, copyAgenda,
  type AgendaItemView, type AgendaItemInput, type Speaker,
} from './agenda.service.js';
export { getPublishedAgenda, publishAgenda, listAgendaVersions, type PublishedAgenda, type PublishOutcome } from './publish.service.js';
export { attachAgendaDocument, addItemDocument, removeAgendaDocument, detectDocumentType, MAX_DOCUMENT_BYTES, type DocumentFile } from './documents.service.js';
export { sendAgendaUpdate, type AgendaUpdateOutcome } from './notify.service.js';
export { describeChange, type AgendaChange } from './agenda-changes.js';
export { agendaMessages };

/** This component's routers, mounted by app.ts. */
export const agendaRouters: ConveneRouter[] = [agendaRouter, agendaDocumentsRouter, agendaPublishRouter, agendaApiRouter, agendaRsvpRouter];

// The RSVP page and the invitation email show the published agenda (invitations cannot import this component).
provideAgenda(inviteeAgenda);

// The next edition starts with this edition's items as its working agenda: unpublished, times following its own start.
onEventCloned(async (fromId, toId) => {
  await copyAgenda(fromId, toId);
});
