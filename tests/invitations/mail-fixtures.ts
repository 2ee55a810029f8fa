import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import ICAL from 'ical.js';
import { getConfig } from '../../src/config.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { newCheckInCode } from '../../src/invitations/answer.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/mail/index.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import type { Locale } from '../../src/web/i18n.js';
import { assertWellFormedIcs, parseIcs } from '../helpers/ics.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { inviteInstitution } from './fixtures.js';

/** A real SMTP sink on loopback and an outbox worker sending to it, as the app runs them. */
export interface Mailbox {
  sink: SmtpSink;
  worker: OutboxWorker;
  /** The messages of a batch as received (in queue order), once every one has arrived. */
  delivered(batchId: string | null, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

/** Start a sink and a worker for this test file (call in `before`, stop in `after`). */
export async function startMailbox(options: Parameters<typeof startSmtpSink>[0] = {}): Promise<Mailbox> {
  const sink = await startSmtpSink(options);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });
  const worker = startOutboxWorker({ transport, from: getConfig().mail.from, pollMs: 20, backoffMs: 20, maxBackoffMs: 100, maxAttempts: 3 });
  return {
    sink,
    worker,
    async delivered(batchId, timeoutMs = 30_000) {
      assert.ok(batchId, 'a batch was queued');
      const ids = (await OutboxMessage.find({ batchId }).sort({ _id: 1 }).lean()).map((m) => m.messageId);
      assert.ok(ids.length > 0, 'the batch has messages');
      worker.kick();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = ids.map((id) => sink.messages.find((m) => m.messageId === id));
        if (found.every(Boolean)) return found as ParsedMail[];
        if (Date.now() > deadline) {
          const states = (await OutboxMessage.find({ batchId }).lean()).map((m) => `${m.status} ${m.lastError ?? ''}`);
          throw new Error(`only ${found.filter(Boolean).length} of ${ids.length} messages of batch ${batchId} arrived: ${states.join('; ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      await worker.stop();
      transport.close();
      await sink.stop();
    },
  };
}

/** The one text/calendar part of a message (asserting there is exactly one), its `method=` parameter and text. */
export function calendarPart(mail: ParsedMail): { method: string; text: string } {
  const parts = mail.attachments.filter((a) => a.contentType.toLowerCase() === 'text/calendar');
  assert.equal(parts.length, 1, 'exactly one text/calendar part');
  const header = parts[0]!.headers.get('content-type') as { params?: Record<string, string> };
  return { method: header.params?.method ?? '', text: parts[0]!.content.toString('utf8') };
}

/** An attendee or organizer property's parameters and address. */
function person(property: ICAL.Property | null) {
  assert.ok(property, 'property present');
  const param = (name: string) => String(property.getParameter(name) ?? '');
  return { address: String(property.getFirstValue()).replace(/^mailto:/i, 'mailto:'), cn: param('cn'), role: param('role'), partstat: param('partstat'), rsvp: param('rsvp') };
}

/** The calendar of a message, checked for the rules every one must follow, with its event's properties read out. */
export function readCalendar(mail: ParsedMail) {
  const part = calendarPart(mail);
  assertWellFormedIcs(part.text);
  const parsed = parseIcs(part.text);
  assert.equal(part.method, parsed.method, 'the part’s method= equals the calendar’s METHOD');
  assert.equal(parsed.events.length, 1);
  const event = parsed.events[0]!;
  const vevent = event.component;
  const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
  return {
    method: parsed.method,
    text: part.text,
    event,
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    summary: event.summary,
    location: event.location,
    start: event.startDate.toJSDate(),
    startZone: String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? ''),
    stampIsUtc: stamp.zone === ICAL.Timezone.utcTimezone,
    organizer: person(vevent.getFirstProperty('organizer')),
    attendees: vevent.getAllProperties('attendee').map(person),
    alarms: vevent.getAllSubcomponents('valarm').length,
  };
}

/** The RSVP link's path in a message's text part (`/rsvp/<token>`), to follow through the app. */
export function rsvpPathIn(mail: ParsedMail): string {
  const match = /\/rsvp\/[A-Za-z0-9_-]{43}\b/.exec(mail.text ?? '');
  assert.ok(match, 'the text part carries the RSVP link');
  return match[0];
}

/** The addresses a header names. */
export function addressesOf(field: ParsedMail['to'] | ParsedMail['cc']): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/** Set an answer without the RSVP page (for tests about the messages that follow). */
export async function answer(invitationId: string, status: 'accepted' | 'tentative' | 'declined', names: string[] = ['李四']) {
  const delegates = status === 'declined' ? [] : names.map((name) => ({ name, title: '', checkInCode: newCheckInCode() }));
  await Invitation.updateOne({ _id: invitationId }, { $set: { status, delegates, respondedAt: new Date() } });
}

/** One new institution invited per answer given (in the language given, Chinese by default), each answered so. */
export async function inviteWithAnswers(eventId: string, answers: { status: 'pending' | 'accepted' | 'tentative' | 'declined'; locale?: Locale }[]) {
  const invited = [];
  for (const { status, locale } of answers) {
    const invitation = await inviteInstitution(eventId, { preferredLocale: locale ?? 'zh' });
    if (status !== 'pending') await answer(invitation.invitationId, status);
    invited.push({ ...invitation, status, email: invitation.institution.contacts[0]!.email });
  }
  return invited;
}
