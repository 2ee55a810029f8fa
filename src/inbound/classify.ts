import type { Attachment, ParsedMail } from 'mailparser';
import { isBounce, readBounce, type BounceReport } from './bounce.js';
import { parseItip, type ItipMessage } from './itip.js';

/** What an inbound message is, with what its handler needs. */
export type Classified =
  | { kind: 'calendar-reply' | 'counter' | 'delegated'; itip: ItipMessage }
  | { kind: 'bounce'; bounce: BounceReport }
  | { kind: 'auto-reply' | 'reply'; references: string[] }
  | { kind: 'unknown'; reason: string };

const AUTO_SUBJECT = /^\s*(auto(matic)?[ -]?(reply|response)|out of (the )?office|abwesenheit|自动回复|自動回覆|不在办公室|자동\s*응답|自動応答|不在)/i;

const header = (parsed: ParsedMail, name: string) => String((parsed.headers.get(name) as string | { value?: string } | undefined) ?? '').toLowerCase();

/** Auto-Submitted (RFC 3834), the common X- headers, bulk precedence or an out-of-office subject. */
export function isAutoReply(parsed: ParsedMail): boolean {
  const submitted = header(parsed, 'auto-submitted');
  if (submitted && submitted !== 'no') return true;
  if (parsed.headers.has('x-autoreply') || parsed.headers.has('x-autorespond')) return true;
  if (/^(bulk|junk|list|auto_reply)$/.test(header(parsed, 'precedence'))) return true;
  return AUTO_SUBJECT.test(parsed.subject ?? '');
}

function isCalendarPart(attachment: Attachment): boolean {
  const type = attachment.contentType.toLowerCase();
  return type === 'text/calendar' || type === 'application/ics' || /\.ics$/i.test(attachment.filename ?? '');
}

/** The first calendar part that is an iTIP REPLY or COUNTER (Outlook's alternative, Gmail's invite.ics, Apple's whole body). */
function calendarReplyOf(parsed: ParsedMail): ItipMessage | undefined {
  for (const part of parsed.attachments.filter(isCalendarPart)) {
    const itip = parseItip(part.content.toString('utf8'));
    if (itip) return itip;
  }
  return undefined;
}

/** The Message-IDs a reply answers: In-Reply-To, then References. */
export function referencesOf(parsed: ParsedMail): string[] {
  const refs = Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [];
  return [...new Set([parsed.inReplyTo ?? '', ...refs].flatMap((value) => value.match(/<[^<>]+>/g) ?? []))];
}

/** Classify a parsed message; a calendar part that does not parse is a parse failure (thrown). */
export function classifyMessage(parsed: ParsedMail, raw: Buffer): Classified {
  if (isBounce(parsed)) return { kind: 'bounce', bounce: readBounce(parsed, raw) };
  const itip = calendarReplyOf(parsed);
  if (itip) {
    if (itip.method === 'COUNTER') return { kind: 'counter', itip };
    return { kind: itip.attendee.partstat === 'DELEGATED' ? 'delegated' : 'calendar-reply', itip };
  }
  const references = referencesOf(parsed);
  if (isAutoReply(parsed)) return { kind: 'auto-reply', references };
  if (references.length) return { kind: 'reply', references };
  return { kind: 'unknown', reason: 'inbound.reason.unmatched' };
}
