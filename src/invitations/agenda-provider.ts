import type { Locale } from '../web/i18n.js';
import type { EventView } from './neighbours.js';

// The agenda component publishes agendas and imports this one (to send mail), so it cannot be imported
// here: it registers a provider instead, and the RSVP page and the invitation email ask the provider.

/** A document invitees may download, under their RSVP link (`<link>/agenda/documents/<id>`). */
export interface InviteeAgendaDocument {
  id: string;
  filename: string;
}

/** The published agenda as an invitee reads it, in their language. */
export interface InviteeAgenda {
  version: number;
  items: { time: string; title: string; speakers: string; documents: InviteeAgendaDocument[] }[];
  /** Documents of the agenda as a whole. */
  documents: InviteeAgendaDocument[];
}

/** Supplies an event's published agenda (null when none); runs on every RSVP page view, so it must read by `_id` only. */
export type AgendaProvider = (event: EventView, locale: Locale) => Promise<InviteeAgenda | null>;

let provider: AgendaProvider | undefined;

/** Register the provider of published agendas (the agenda component does, once). */
export function provideAgenda(fn: AgendaProvider): void {
  provider = fn;
}

/** The published agenda of an event for an invitee, or null when none is published (or no provider is registered). */
export async function inviteeAgendaOf(event: EventView, locale: Locale): Promise<InviteeAgenda | null> {
  return provider ? provider(event, locale) : null;
}
