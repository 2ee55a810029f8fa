import { randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import type { DelegateRole, InvitationDoc, RsvpStatus } from './invitation.model.js';
import { keepFilledRows, type DelegateRow } from './invitations.schemas.js';

// What an answer is, however it arrives (the RSVP link or an organiser after a phone call).

/** No 0/O, 1/I/L: codes are read aloud and typed at the entrance. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** A random check-in code. */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A delegate as stored on an invitation. */
export interface StoredDelegate {
  _id: mongoose.Types.ObjectId;
  name: string;
  title: string;
  email: string;
  phone: string;
  substituteFor: string;
  role: DelegateRole;
  checkInCode: string;
}

/** The answer fields of an invitation, written together in one update. */
export interface AnswerFields {
  status: RsvpStatus;
  delegates: StoredDelegate[];
  needs: { dietary: string; accessibility: string };
  comment: string;
  respondedAt: Date;
  respondedBy: { kind: 'token' | 'organiser' | 'calendar'; userId?: mongoose.Types.ObjectId; name: string };
}

const sameName = (name: string) => name.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/**
 * Delegates from form rows. A delegate resubmitted under the same name keeps its identity, check-in code
 * and role, so a QR code already printed stays valid and roster roles survive a changed answer.
 */
export function toDelegates(rows: DelegateRow[], existing: readonly StoredDelegate[], headName: string): StoredDelegate[] {
  const byName = new Map(existing.map((d) => [sameName(d.name), d]));
  return keepFilledRows(rows).map((row) => {
    const known = byName.get(sameName(row.name));
    byName.delete(sameName(row.name));
    return {
      _id: known?._id ?? new mongoose.Types.ObjectId(),
      name: row.name,
      title: row.title,
      email: known?.email ?? '',
      phone: known?.phone ?? '',
      substituteFor: row.substitute ? headName : '',
      role: known?.role ?? 'attendee',
      checkInCode: known?.checkInCode ?? newCheckInCode(),
    };
  });
}

/** The delegates stored on an invitation, typed. */
export function storedDelegates(invitation: Pick<InvitationDoc, 'delegates'>): StoredDelegate[] {
  return (invitation.delegates ?? []) as unknown as StoredDelegate[];
}

/** How many people come: delegates of accepted and tentative answers. */
export function headcountOf(invitation: { status: RsvpStatus; delegates?: readonly unknown[] | null }): number {
  return invitation.status === 'accepted' || invitation.status === 'tentative' ? (invitation.delegates?.length ?? 0) : 0;
}

/** The part of an invitation the audit trail compares: status, delegates, needs, comment. */
export function answerSnapshot(invitation: {
  status: RsvpStatus;
  delegates?: readonly { name: string; title?: string | null; substituteFor?: string | null }[] | null;
  needs?: { dietary?: string | null; accessibility?: string | null } | null;
  comment?: string | null;
}) {
  return {
    status: invitation.status,
    delegates: (invitation.delegates ?? []).map((d) => [d.name, d.title ? `(${d.title})` : '', d.substituteFor ? `⇄ ${d.substituteFor}` : ''].filter(Boolean).join(' ')),
    dietary: invitation.needs?.dietary ?? '',
    accessibility: invitation.needs?.accessibility ?? '',
    comment: invitation.comment ?? '',
  };
}
