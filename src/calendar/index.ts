export { buildCalendar, senderAddress, type CalendarAttendee, type CalendarEvent, type CalendarMethod, type PartStat } from './calendar.service.js';
