import type { ConveneRouter } from '../web/routes.js';
import { agendaMessages } from './agenda.messages.js';

export { Agenda, AGENDA_ITEM_TYPES, type AgendaItemType } from './agenda.model.js';
export { listAgendaItems, saveAgendaItems, scheduleItems, type AgendaItemView, type AgendaItemInput, type Speaker } from './agenda.service.js';
export { agendaMessages };

/** This component's routers, mounted by app.ts. */
export const agendaRouters: ConveneRouter[] = [];
