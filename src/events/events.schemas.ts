import { z } from 'zod';
import { parseLocalDateTime } from '../web/dates.js';
import { EVENT_KINDS, EVENT_STATUSES, PARTICIPANT_ROLES } from './event.model.js';
import { canonicalTimeZone, eventTimeErrors, isHttpUrl } from './event-rules.js';

const blankToNull = (value: unknown) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value);
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Trimmed text of at most `max` characters (empty allowed). */
export const text = (max: number) => z.string('validation.invalid').trim().max(max, 'events.tooLong');
/** Trimmed, non-empty text of at most `max` characters. */
export const requiredText = (max: number) => text(max).min(1, 'validation.required');
/** An email address, or empty. */
export const optionalEmail = text(200)
  .toLowerCase()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'validation.email');
/** A map link: http(s) only, or empty. */
export const mapUrl = text(2000).refine((v) => v === '' || isHttpUrl(v), 'events.mapUrlInvalid');
/** A MongoDB ObjectId as 24 hex digits. */
export const objectId = z.string('validation.invalid').regex(/^[0-9a-f]{24}$/i, 'validation.invalid');
/** A whole number in a range, all failures under one message; `coerce` for form fields. */
export const wholeNumber = (min: number, max: number, message: string, coerce = false) =>
  (coerce ? z.coerce.number(message) : z.number(message)).int(message).min(min, message).max(max, message);
/** An edition number within a series (a year such as 2019, or 1, 2, 3…). */
const editionNumber = wholeNumber(1, 9999, 'events.editionInvalid', true);
/** Delegates an institution may send. */
const maxDelegates = wholeNumber(1, 20, 'events.maxDelegatesRange', true);
/** Days before the RSVP deadline to remind those who have not answered (0: no reminder). */
const reminderDays = wholeNumber(0, 60, 'events.reminderDaysRange', true);
/** The calendar alarms an organiser may choose, in minutes before the start (blank: none). */
export const CALENDAR_ALARM_CHOICES = [15, 30, 60, 120, 1440] as const;
const calendarAlarm = z.coerce.number('events.calendarAlarmInvalid').refine((n) => (CALENDAR_ALARM_CHOICES as readonly number[]).includes(n), 'events.calendarAlarmInvalid');
/** A checkbox posted after a hidden "0" (so unticking is seen): the last value wins; absent leaves the setting alone. */
const tickedAfterHidden = z.preprocess((v) => {
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return last === undefined ? undefined : last === '1' || last === 'on' || last === true;
}, z.boolean().optional());
/** A plain checkbox (or a JSON boolean): ticked or not. */
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true', z.boolean());

/** An IANA time zone name, normalised to its canonical spelling. */
export const timezoneSchema = z
  .string('validation.invalid')
  .trim()
  .min(1, 'validation.required')
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (!zone) ctx.addIssue({ code: 'custom', message: 'events.timezoneInvalid', input: value });
    return zone ?? z.NEVER;
  });

// What a datetime-local input sends (seconds optional); a space instead of the T is accepted for old browsers.
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const localDateTime = z
  .string('validation.invalid')
  .trim()
  .min(1, 'validation.required')
  .transform((v) => v.replace(' ', 'T'))
  .pipe(z.string().regex(LOCAL_DATE_TIME, 'events.dateTimeInvalid'));

/** Times typed as wall-clock values in the event's zone, before they become instants. */
const whenFields = {
  timezone: timezoneSchema,
  startsAt: localDateTime,
  endsAt: localDateTime,
  rsvpDeadline: z.preprocess(blankToNull, localDateTime.nullable()),
};

type WhenForm = { timezone: string; startsAt: string; endsAt: string; rsvpDeadline: string | null };
type When = { timezone: string; startsAt: Date; endsAt: Date; rsvpDeadline: Date | null };

/** Turn typed wall-clock times into instants in the typed zone (never the server's), then check their order. */
function toInstants(form: WhenForm, ctx: z.RefinementCtx): When | undefined {
  const at = (field: 'startsAt' | 'endsAt' | 'rsvpDeadline', value: string | null): Date | null => {
    if (value === null) return null;
    const date = parseLocalDateTime(value, form.timezone);
    if (!date) ctx.addIssue({ code: 'custom', path: [field], message: 'events.dateTimeInvalid', input: value });
    return date ?? null;
  };
  const startsAt = at('startsAt', form.startsAt);
  const endsAt = at('endsAt', form.endsAt);
  const rsvpDeadline = at('rsvpDeadline', form.rsvpDeadline);
  if (!startsAt || !endsAt || (form.rsvpDeadline && !rsvpDeadline)) return undefined;
  const errors = eventTimeErrors({ startsAt, endsAt, rsvpDeadline });
  for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [field], message, input: form[field as keyof WhenForm] });
  if (Object.keys(errors).length) return undefined;
  return { timezone: form.timezone, startsAt, endsAt, rsvpDeadline };
}

/** The event form (new and edit): flat fields as the page posts them, out as the service's input. */
export const eventFormSchema = z
  .object({
    titleZh: requiredText(200),
    titleEn: text(200).default(''),
    kind: z.enum(EVENT_KINDS, 'validation.invalid'),
    seriesId: z.preprocess(blankToNull, objectId.nullable()),
    edition: z.preprocess(blankToNull, editionNumber.nullable()),
    ...whenFields,
    venueName: text(200).default(''),
    venueAddress: text(500).default(''),
    venueRoom: text(200).default(''),
    venueMapUrl: mapUrl.default(''),
    descriptionZh: text(10_000).default(''),
    descriptionEn: text(10_000).default(''),
    contactName: text(100).default(''),
    contactEmail: optionalEmail.default(''),
    contactPhone: text(50).default(''),
    maxDelegates: z.preprocess(blankToUndefined, maxDelegates.default(2)),
    reminderDays: z.preprocess(blankToUndefined, reminderDays.optional()),
    reminderDayBefore: tickedAfterHidden,
    calendarAlarm: z.preprocess(blankToUndefined, calendarAlarm.optional()),
  })
  .transform((form, ctx) => {
    const when = toInstants(form, ctx);
    if (!when) return z.NEVER;
    return {
      titleZh: form.titleZh,
      titleEn: form.titleEn,
      kind: form.kind,
      seriesId: form.seriesId,
      edition: form.seriesId ? form.edition : null,
      ...when,
      venue: { name: form.venueName, address: form.venueAddress, room: form.venueRoom, mapUrl: form.venueMapUrl },
      descriptionZh: form.descriptionZh,
      descriptionEn: form.descriptionEn,
      organiserContact: { name: form.contactName, email: form.contactEmail, phone: form.contactPhone },
      maxDelegates: form.maxDelegates,
      reminders: { pendingDaysBeforeDeadline: form.reminderDays, dayBefore: form.reminderDayBefore, calendarAlarmMinutes: form.calendarAlarm ?? null },
    };
  });

/** The clone form: the next edition's times, typed in its zone. */
export const cloneFormSchema = z.object(whenFields).transform((form, ctx) => toInstants(form, ctx) ?? z.NEVER);

/** One zone participant (zone leader, department staff…). */
export const zoneParticipantSchema = z.object({
  name: requiredText(100),
  title: text(100).default(''),
  email: optionalEmail.default(''),
  departmentId: z.preprocess(blankToNull, objectId.nullable()),
  role: z.enum(PARTICIPANT_ROLES, 'validation.invalid'),
});

/** A lifecycle action's target status; `notify` asks for the invitees to be told (a cancellation). */
export const transitionSchema = z.object({ to: z.enum(EVENT_STATUSES, 'events.statusInvalid'), notify: checkbox });

/** A new series. */
export const seriesSchema = z.object({ nameZh: requiredText(200), nameEn: text(200).default('') });

/** The event list's filters; anything odd is ignored rather than an error. */
export const eventListQuerySchema = z.object({
  status: z.enum(EVENT_STATUSES).optional().catch(undefined),
  seriesId: objectId.optional().catch(undefined),
  when: z.enum(['upcoming', 'past']).optional().catch(undefined),
});

/** Output of the event form. */
export type EventFormData = z.output<typeof eventFormSchema>;
/** Output of the clone form. */
export type CloneFormData = z.output<typeof cloneFormSchema>;
/** Output of the zone participant form. */
export type ZoneParticipantFormData = z.output<typeof zoneParticipantSchema>;
