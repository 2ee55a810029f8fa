
import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';
import { getConfig } from '../config.js';
import { countOutbox, enqueueMessages, findBatchOrigin, listBatchFailures } from '../mail/index.js';
import { NotFoundError, ValidationError } from '../web/errors.js';
import { isLocale, type Locale } from '../web/i18n.js';
import { composeEmail, type EmailKind, type StencilCache } from './compose.service.js';
import type { FactChange } from './email-view.js';
import type { InvitationDoc } from './invitation.model.js';
import { findInvitationsByIds } from './invitation.store.js';
import { findInstitutionsByIds, institutionNameOf, type EventView } from './neighbours.js';
import { rsvpUrlFor } from './tokens.service.js';

/** Messages rendered and inserted at a time: bounds memory for large events, and marks progress as it goes. */
const CHUNK = 50;

const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Messages just queued together; `batchId` is null when there was nobody to send to. */
export interface QueuedBatch {
  batchId: string | null;
  queued: number;
}

/** The invitation's language. */
export function localeOf(invitation: Pick<InvitationDoc, 'locale'>): Locale {
  return isLocale(invitation.locale) ? invitation.locale : 'zh';
}

/** The invitations with these ids, all of this event; any other id is a 422 naming its position (`invitationIds.2`). */
export async function invitationsByIds(eventId: string, ids: readonly string[]): Promise<InvitationDoc[]> {
  const found = await findInvitationsByIds(ids);
  const byId = new Map(found.filter((inv) => String(inv.eventId) === eventId).map((inv) => [String(inv._id), inv]));
  const unknown = ids.flatMap((id, index) => (byId.has(id) ? [] : [[`invitationIds.${index}`, 'invitations.unknownInvitation']]));
  if (unknown.length) throw new ValidationError(Object.fromEntries(unknown));
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** Names invitees in a language: the institution's name from the directory, else the organisation or person invited. */
async function inviteeNamer(invitations: readonly InvitationDoc[]) {
  const ids = [...new Set(invitations.flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : [])))];
  const found = await findInstitutionsByIds(ids);
  const institutions = new Map(found.map((i) => [String(i._id), i]));
  return (invitation: InvitationDoc, locale: Locale): string => {
    const institution = invitation.institutionId ? institutions.get(String(invitation.institutionId)) : undefined;
    return institution ? institutionNameOf(institution, locale) : invitation.recipient?.organisation || invitation.recipient?.name || '';
  };
}

/** Options of a batch: what an update changed, and what to record once a chunk is queued (sentAt, lastRemindedAt). */
export interface BatchOptions {
  changes?: (locale: Locale) => FactChange[];
  onQueued?: (ids: mongoose.Types.ObjectId[]) => Promise<unknown>;
}

/** Compose one message of a kind per invitation, each in its language, and queue them in the outbox under one batch id. */
export async function queueBatch(kind: EmailKind, event: EventView, invitations: readonly InvitationDoc[], options: BatchOptions = {}): Promise<QueuedBatch> {
  if (invitations.length === 0) return { batchId: null, queued: 0 };
  const batchId = randomUUID();
  const nameOf = await inviteeNamer(invitations);
  const stencils: StencilCache = new Map();
  for (let start = 0; start < invitations.length; start += CHUNK) {
    const chunk = invitations.slice(start, start + CHUNK);
    const messages = [];
    for (const invitation of chunk) {
      const locale = localeOf(invitation);
      // A cancellation asks for nothing, so it carries no link (and makes none for invitations without one).
      const rsvpUrl = kind === 'cancellation' ? '' : await rsvpUrlFor(invitation);
      messages.push(await composeEmail({ kind, event, invitation, inviteeName: nameOf(invitation, locale), rsvpUrl, batchId, changes: options.changes?.(locale) }, stencils));
    }
    await enqueueMessages(messages, getConfig().mail.from);
    await options.onQueued?.(chunk.map((inv) => inv._id));
  }
  return { batchId, queued: invitations.length };
}

/** Where a batch stands: sent, failed (for good), remaining, and each failure's recipient and reason. */
export async function batchProgress(eventId: string, batchId: string) {
  const first = BATCH_ID.test(batchId) ? await findBatchOrigin(batchId) : null;
  if (!first || String(first.eventId) !== eventId) throw new NotFoundError();
  const counts = await countOutbox({ batchId });
  const failed = counts.failed ? await listBatchFailures(batchId) : [];
  const remaining = counts.queued + counts.sending;
  return {
    batchId,
    kind: first.kind,
    total: counts.total,
    sent: counts.sent,
    failed: counts.failed,
    remaining,
    done: remaining === 0,
    failures: failed.map((m) => ({ to: m.to.map((a) => a.email).join(', '), error: m.lastError ?? '' })),
  };
}

/** A batch's progress, as the progress page and its JSON show it. */
export type BatchProgress = Awaited<ReturnType<typeof batchProgress>>;
