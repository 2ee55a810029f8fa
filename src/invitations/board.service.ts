import { toSpreadsheetCsv } from '../web/csv.js';
import { formatSpreadsheetDateTime } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import { headcountOf, storedDelegates, type StoredDelegate } from './answer.js';
import { RSVP_STATUSES, type InvitationDoc, type RsvpStatus } from './invitation.model.js';
import { listInvitationsOfEvent } from './invitation.store.js';
import type { BoardFilter } from './invitations.schemas.js';
import { findInstitutionsByIds, institutionNameOf } from './neighbours.js';

/** One invitee on the RSVP board (and in the API). */
export interface BoardRow {
  id: string;
  kind: string;
  /** The institution's type, or `department` / `guest`. */
  type: string;
  invitee: string;
  recipient: { name: string; title: string; email: string };
  status: RsvpStatus;
  delegates: StoredDelegate[];
  headcount: number;
  needs: { dietary: string; accessibility: string };
  comment: string;
  respondedAt?: Date;
  respondedBy?: { kind: string; name: string };
  lastRemindedAt?: Date;
  sentAt?: Date;
  hasLink: boolean;
  /** `bounced` (with the reason and failing address) once a bounce came back for its mail; else `sent` or `unsent`. */
  delivery: { status: 'unsent' | 'sent' | 'bounced'; reason: string; address: string };
  /** What the institution wrote back by mail, newest last; `unread` until an organiser opens the invitation. */
  notes: { kind: string; from: string; subject: string; text: string; at: Date; unread: boolean }[];
}

/** Totals by status, and how many people are coming. */
export interface BoardTotals {
  byStatus: Record<RsvpStatus, number>;
  invitations: number;
  attending: number;
  tentative: number;
  /** Invitations whose mail bounced and has not been sent to a corrected address yet. */
  bounced: number;
}

function toRow(inv: InvitationDoc, names: Map<string, { name: string; type: string }>): BoardRow {
  const institution = inv.institutionId ? names.get(String(inv.institutionId)) : undefined;
  return {
    id: String(inv._id),
    kind: inv.kind,
    type: institution?.type ?? inv.kind,
    invitee: institution?.name ?? (inv.recipient?.organisation || inv.recipient?.name || ''),
    recipient: { name: inv.recipient?.name ?? '', title: inv.recipient?.title ?? '', email: inv.recipient?.email ?? '' },
    status: inv.status,
    delegates: storedDelegates(inv),
    headcount: headcountOf(inv),
    needs: { dietary: inv.needs?.dietary ?? '', accessibility: inv.needs?.accessibility ?? '' },
    comment: inv.comment ?? '',
    respondedAt: inv.respondedAt ?? undefined,
    respondedBy: inv.respondedBy?.kind ? { kind: inv.respondedBy.kind, name: inv.respondedBy.name ?? '' } : undefined,
    lastRemindedAt: inv.lastRemindedAt ?? undefined,
    sentAt: inv.sentAt ?? undefined,
    hasLink: Boolean(inv.tokenHash),
    delivery: inv.delivery?.status === 'bounced'
      ? { status: 'bounced', reason: inv.delivery.reason ?? '', address: inv.delivery.address ?? '' }
      : { status: inv.sentAt ? 'sent' : 'unsent', reason: '', address: '' },
    notes: (inv.notes ?? []).map((n) => ({ kind: n.kind, from: n.from ?? '', subject: n.subject ?? '', text: n.text ?? '', at: n.at, unread: !n.read })),
  };
}

/** Every invitation of an event as board rows, institutions named in the reader's language, by name. */
export async function listBoardRows(eventId: string, locale: Locale): Promise<BoardRow[]> {
  const invitations = await listInvitationsOfEvent(eventId);
  const institutions = await findInstitutionsByIds(invitations.flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : [])));
  const names = new Map(institutions.map((i) => [String(i._id), { name: institutionNameOf(i, locale), type: i.type }]));
  return invitations.map((inv) => toRow(inv, names)).sort((a, b) => a.invitee.localeCompare(b.invitee, locale));
}

/** Totals by status over all rows. */
export function totalsOf(rows: readonly BoardRow[]): BoardTotals {
  const byStatus = Object.fromEntries(RSVP_STATUSES.map((s) => [s, 0])) as Record<RsvpStatus, number>;
  for (const row of rows) byStatus[row.status] += 1;
  const people = (status: RsvpStatus) => rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.headcount, 0);
  const bounced = rows.filter((r) => r.delivery.status === 'bounced').length;
  return { byStatus, invitations: rows.length, attending: people('accepted'), tentative: people('tentative'), bounced };
}

/** The rows a board filter keeps (status, type, and text in names, emails and delegates). */
export function filterRows(rows: readonly BoardRow[], filter: BoardFilter): BoardRow[] {
  const q = filter.q.toLocaleLowerCase();
  return rows.filter((row) => {
    if (filter.status && row.status !== filter.status) return false;
    if (filter.type && row.type !== filter.type) return false;
    if (filter.delivery && row.delivery.status !== filter.delivery) return false;
    if (!q) return true;
    const haystack = [row.invitee, row.recipient.name, row.recipient.email, ...row.delegates.map((d) => d.name)].join(' ').toLocaleLowerCase();
    return haystack.includes(q);
  });
}

/** Column headings of the roster CSV, as message keys. */
export const CSV_COLUMNS = [
  'invitations.csv.invitee', 'invitations.csv.type', 'invitations.csv.recipient', 'invitations.csv.email', 'invitations.csv.status',
  'invitations.csv.delegate', 'invitations.csv.delegateTitle', 'invitations.csv.role', 'invitations.csv.substituteFor', 'invitations.csv.checkInCode',
  'invitations.csv.dietary', 'invitations.csv.accessibility', 'invitations.csv.comment', 'invitations.csv.respondedAt',
] as const;

/** The roster as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese correctly): one line per delegate, or per invitee without one; times in the event's zone. */
export function rosterCsv(rows: readonly BoardRow[], headings: string[], label: (kind: 'status' | 'type' | 'role', value: string) => string, zone: string): string {
  const lines = rows.flatMap((row) => {
    const base = [row.invitee, label('type', row.type), row.recipient.name, row.recipient.email, label('status', row.status)];
    const tail = [row.needs.dietary, row.needs.accessibility, row.comment, formatSpreadsheetDateTime(row.respondedAt, zone)];
    if (row.delegates.length === 0) return [[...base, '', '', '', '', '', ...tail]];
    return row.delegates.map((d) => [...base, d.name, d.title, label('role', d.role), d.substituteFor, d.checkInCode, ...tail]);
  });
  return toSpreadsheetCsv([headings, ...lines]);
}
