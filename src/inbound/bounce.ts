import type { ParsedMail } from 'mailparser';

/** What a bounce says: whether delivery failed, to which address, why, and which message it was. */
export interface BounceReport {
  failed: boolean;
  address: string;
  reason: string;
  envelopeId: string;
  /** Message-IDs the bounce names (its original's headers, References, quoted text), to match to the outbox. */
  messageIds: string[];
}

const BOUNCE_SUBJECT = /undeliver|delivery status notification|delivery (has )?failed|mail delivery failed|returned mail|failure notice|non-?delivery|退信|投递失败|系统退信/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon)@/i;
const MESSAGE_ID = /<[^<>\s@]+@[^<>\s]+>/g;

function contentTypeParams(parsed: ParsedMail): { value: string; params: Record<string, string> } {
  const header = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return { value: (header?.value ?? '').toLowerCase(), params: header?.params ?? {} };
}

/** Whether a message is a delivery report: RFC 3464, or a mailer daemon's plain-text notice. */
export function isBounce(parsed: ParsedMail): boolean {
  const type = contentTypeParams(parsed);
  if (type.value === 'multipart/report' && (type.params['report-type'] ?? '').toLowerCase() === 'delivery-status') return true;
  const from = parsed.from?.value[0]?.address ?? '';
  return DAEMON.test(from) && BOUNCE_SUBJECT.test(parsed.subject ?? '');
}

/** The `Name: value` fields of a delivery-status body (per-message and per-recipient groups run together). */
function dsnFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), match[2]!.trim()]);
  }
  return fields;
}

const afterType = (value: string | undefined) => (value ?? '').replace(/^[a-z0-9-]+;\s*/i, '').trim();

/** The body of the `message/delivery-status` part (mailparser folds it into the text, so it is read from the raw message). */
function deliveryStatusOf(raw: string): string {
  return /content-type:\s*message\/(?:global-)?delivery-status[^\n]*\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n--/i.exec(raw)?.[1] ?? '';
}

/** Read a bounce: the delivery-status part where there is one, else what the notice's text says. */
export function readBounce(parsed: ParsedMail, raw: Buffer): BounceReport {
  const fields = dsnFields(deliveryStatusOf(raw.toString('utf8')));
  const actions = (fields.get('action') ?? []).map((a) => a.toLowerCase());
  const text = parsed.text ?? '';
  const address = afterType(fields.get('final-recipient')?.[0] ?? fields.get('original-recipient')?.[0]) || (/<?([^\s<>@]+@[^\s<>]+?)>?[:\s]/.exec(text)?.[1] ?? '');
  const reason = afterType(fields.get('diagnostic-code')?.[0]) || (fields.get('status')?.[0] ?? '') || text.trim().split(/\r?\n/).find(Boolean) || '';
  const own = parsed.messageId ? [parsed.messageId] : [];
  const messageIds = [...new Set(raw.toString('utf8').match(MESSAGE_ID) ?? [])].filter((id) => !own.includes(id));
  return {
    failed: actions.length ? actions.includes('failed') : true,
    address: address.toLowerCase(),
    reason: reason.slice(0, 500),
    envelopeId: fields.get('original-envelope-id')?.[0] ?? '',
    messageIds,
  };
}
