import { randomInt } from 'node:crypto';
import type { Types } from 'mongoose';
import type { DemoAnswer, DemoDelegate, DemoInstitution } from './demo-institutions.js';

// The same shape as the codes the invitations component issues (8 characters, no 0/O, 1/I/L), which
// it does not export: they are read aloud and typed at the entrance when a QR code will not scan.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

function newCheckInCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** The invitation model's per-event key for an institution, which keeps it from being invited twice. */
export function demoInviteeKey(institutionId: Types.ObjectId): string {
  return `institution:${String(institutionId)}`;
}

/** Who recorded answers given by phone. */
export interface DemoOrganiser {
  id: Types.ObjectId;
  name: string;
}

function toDelegate(delegate: DemoDelegate, institution: DemoInstitution) {
  const contact = institution.contacts.find((c) => c.name === delegate.name);
  return {
    name: delegate.name,
    title: delegate.title,
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    substituteFor: delegate.substituteFor ?? '',
    role: 'attendee' as const,
    checkInCode: newCheckInCode(),
  };
}

function answerFields(answer: Exclude<DemoAnswer, { status: 'pending' }>, institution: DemoInstitution, respondedAt: Date, organiser: DemoOrganiser) {
  const accepting = answer.status !== 'declined';
  return {
    status: answer.status,
    delegates: accepting ? answer.delegates.map((d) => toDelegate(d, institution)) : [],
    needs: { dietary: accepting ? (answer.dietary ?? '') : '', accessibility: accepting ? (answer.accessibility ?? '') : '' },
    comment: answer.comment ?? '',
    respondedAt,
    respondedBy: answer.byPhone ? { kind: 'organiser', userId: organiser.id, name: organiser.name } : { kind: 'token' },
    revision: 1,
  };
}

/**
 * The 2019 invitation of one institution, with its answer. Answers arrive over the days after the
 * invitations went out (spread by the institution's position, so the board shows a realistic order).
 */
export function demoInvitation(input: {
  eventId: Types.ObjectId;
  institutionId: Types.ObjectId;
  institution: DemoInstitution;
  position: number;
  sentAt: Date;
  organiser: DemoOrganiser;
}) {
  const { institution, sentAt } = input;
  const primary = institution.contacts[0]!;
  const base = {
    eventId: input.eventId,
    kind: 'institution' as const,
    inviteeKey: demoInviteeKey(input.institutionId),
    institutionId: input.institutionId,
    recipient: {
      name: primary.name,
      title: primary.title,
      email: primary.email,
      organisation: institution.preferredLocale === 'zh' ? institution.nameZh : institution.nameEn,
    },
    cc: institution.contacts.slice(1).map((c) => c.email),
    locale: institution.preferredLocale,
    sentAt,
  };
  const answer = institution.answer2019;
  if (answer.status === 'pending') return base;
  const respondedAt = new Date(sentAt.getTime() + (1 + (input.position % 8)) * DAY_MS + input.position * 17 * 60 * 1000);
  return { ...base, ...answerFields(answer, institution, respondedAt, input.organiser) };
}
