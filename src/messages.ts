import { agendaMessages } from './agenda/index.js';
import { authMessages } from './auth/index.js';
import { calendarMessages } from './calendar/index.js';
import { checkinMessages } from './checkin/index.js';
import { eventsMessages } from './events/index.js';
import { inboundMessages } from './inbound/index.js';
import { institutionsMessages } from './institutions/index.js';
import { invitationsMessages } from './invitations/index.js';
import { mailMessages } from './mail/index.js';
import { minutesMessages } from './minutes/index.js';
import { recordsMessages } from './records/index.js';
import { seatingMessages } from './seating/index.js';
import { suggestionsMessages } from './suggestions/index.js';
import { registerMessages } from './web/i18n.js';
import { webMessages } from './web/web.messages.js';

let registered = false;

/** Load every component's messages into the catalogue (idempotent). */
export function registerAllMessages(): void {
  if (registered) return;
  registered = true;
  for (const messages of [webMessages, authMessages, mailMessages, institutionsMessages, eventsMessages, invitationsMessages, calendarMessages, agendaMessages, checkinMessages, minutesMessages, suggestionsMessages, recordsMessages, seatingMessages, inboundMessages]) registerMessages(messages);
}
