export { buildCalendar, senderAddress, type CalendarAttendee, type CalendarEvent, type CalendarMethod, type PartStat } from './calendar.service.js';
export { calendarMessages } from './calendar.messages.js';
export { fixQuotedParameters } from './ics-text.js';
export { feedRouter } from './feed.router.js';
