import { insertAuditEntry, listAuditEntriesOfEvent } from './audit-entry.store.js';
import { listRecipientsOfEvent } from './invitation.store.js';

/** Who did something: a staff member, an RSVP link (first 8 hex chars of its hash) or the system. */
export type Actor = { kind: 'user'; userId: string; name: string } | { kind: 'token'; tokenRef: string } | { kind: 'system'; name: string } | { kind: 'mail'; name: string };

/** What the audit trail records about one change. */
export interface AuditInput {
  eventId: unknown;
  invitationId?: unknown;
  actor: Actor;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** The short reference of a token hash shown in the audit trail. */
export function tokenRefOf(tokenHash: string): string {
  return tokenHash.slice(0, 8);
}

/** Append one entry to the audit trail. */
export async function recordAudit(input: AuditInput): Promise<void> {
  await insertAuditEntry({ ...input, at: new Date() });
}

/** One audit entry as the audit page shows it. */
export interface AuditRow {
  at: Date;
  actor: { kind: string; name: string; tokenRef: string };
  action: string;
  invitee: string;
  changes: { field: string; before: string; after: string }[];
}

const AUDIT_PAGE = 1000;

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return Object.entries(value).filter(([, v]) => show(v) !== '').map(([k, v]) => `${k}: ${show(v)}`).join('; ');
  return String(value);
}

/** The fields that differ between two snapshots, as text. */
export function diffSnapshots(before: unknown, after: unknown): AuditRow['changes'] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, before: show(b[field]), after: show(a[field]) })).filter((change) => change.before !== change.after);
}

/** The event's audit trail, newest first, with each invitee's name. */
export async function listAudit(eventId: string): Promise<AuditRow[]> {
  const [entries, invitations] = await Promise.all([
    listAuditEntriesOfEvent(eventId, AUDIT_PAGE),
    listRecipientsOfEvent(eventId),
  ]);
  const names = new Map(invitations.map((inv) => [String(inv._id), inv.recipient?.organisation || inv.recipient?.name || '']));
  return entries.map((entry) => ({
    at: entry.at,
    actor: { kind: entry.actor?.kind ?? 'system', name: entry.actor?.name ?? '', tokenRef: entry.actor?.tokenRef ?? '' },
    action: entry.action,
    invitee: entry.invitationId ? (names.get(String(entry.invitationId)) ?? '') : '',
    changes: diffSnapshots(entry.before, entry.after),
  }));
}
