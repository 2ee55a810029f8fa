import type { ConveneRouter } from '../web/routes.js';
import { cloneRouter } from './clone.router.js';
import { eventsApiRouter } from './events-api.router.js';
import { eventsRouter } from './events.router.js';
import { seriesRouter } from './series.router.js';
import { zoneParticipantsRouter } from './zone-participants.router.js';

export { EVENT_KINDS, EVENT_STATUSES, PARTICIPANT_ROLES, type EventDoc, type EventStatus, type ParticipantRole } from './event.model.js';
export type { SeriesDoc } from './series.model.js';
export { findEvent, findEventByCalendarUid, findEventIdAfterEdition, findEventIdOfEdition, insertEvent, type NewEvent } from './event.store.js';
export { findSeriesIdByName, insertSeries, type NewSeries } from './series.store.js';
export { eventsMessages } from './events.messages.js';
export type { Actor, EventChange, EventFacts, EventInput, EventKind, EventPatch, EventRecord, OrganiserContact, Reminders, Venue, ZoneParticipant } from './event-facts.js';
export { CALENDAR_FACTS, EVENT_TRANSITIONS, allowedTransitions, eventDescription, eventTitle, isEditable, isRsvpOpen, seriesName } from './event-rules.js';
export { getEvent, listEvents, listEventsByIds, createEvent, updateEvent, type EventFilter, type ChangeOptions } from './events.service.js';
export { onEventChanged, type EventChangedListener } from './event-hooks.js';
export { transitionEvent } from './lifecycle.service.js';
export { cloneEvent, onEventCloned, previousEdition, type CloneInput, type EventClonedListener } from './clone.service.js';
export { createSeries, getSeries, listSeries, type SeriesRecord } from './series.service.js';
export { addZoneParticipant, removeZoneParticipant, updateZoneParticipant, type ZoneParticipantInput } from './zone-participants.service.js';
export { toApiEvent } from './events-api.schemas.js';

/** This component's routers, mounted by app.ts; /events/series comes before /events/:eventId. */
export const eventsRouters: ConveneRouter[] = [seriesRouter, eventsRouter, cloneRouter, zoneParticipantsRouter, eventsApiRouter];
