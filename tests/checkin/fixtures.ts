import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createDepartment } from '../../src/institutions/index.js';
import { Event } from '../../src/events/event.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { createInvitations } from '../../src/invitations/invitations.service.js';
import { inviteInstitution, makeEvent, organiser } from '../invitations/fixtures.js';

/** The desk's staff member in service-level tests. */
export const secretary = { id: '000000000000000000000002', email: 'secretary@test.local', name: '王秘书' };

/** A fresh check-in code of the invitations' alphabet (unique per test run). */
export function newCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}

/** Record an answer on an invitation, as the RSVP page would have stored it. */
export async function answer(invitationId: string, status: 'accepted' | 'tentative' | 'declined' | 'pending', delegates: { name: string; title?: string; substituteFor?: string }[] = []) {
  const stored = delegates.map((d) => ({ _id: new mongoose.Types.ObjectId(), name: d.name, title: d.title ?? '', substituteFor: d.substituteFor ?? '', role: 'attendee', checkInCode: newCode() }));
  await Invitation.updateOne({ _id: invitationId }, { $set: { status, delegates: stored, respondedAt: new Date() } });
  return stored;
}

/**
 * The model case in small: a scheduled symposium; bank A accepted with two delegates, bank B tentative
 * with one, bank C declined, bank D has not answered; a department invited (one delegate) and one zone participant.
 */
export async function makeSymposium(overrides: Record<string, unknown> = {}) {
  const suffix = randomBytes(3).toString('hex');
  const department = await createDepartment({ nameZh: `财政金融局${suffix}`, nameEn: `Finance Bureau ${suffix}`, email: `finance-${suffix}@zone.test` });
  const event = await makeEvent({
    zoneParticipants: [{ name: '刘主任', title: '管委会副主任', email: '', departmentId: department._id, role: 'host' }],
    ...overrides,
  });
  const eventId = String(event._id);
  const a = await inviteInstitution(eventId, { nameZh: `青岛银行${suffix}高新区支行`, nameEn: `Bank of Qingdao ${suffix}`, shortName: `青银${suffix}` });
  const b = await inviteInstitution(eventId, { nameZh: `农业银行${suffix}高新区支行`, nameEn: `Agricultural Bank ${suffix}` });
  const c = await inviteInstitution(eventId);
  const d = await inviteInstitution(eventId);
  const [zhang, li] = await answer(a.invitationId, 'accepted', [{ name: '张伟', title: '行长' }, { name: '李娜', title: '客户经理' }]);
  const [zhao] = await answer(b.invitationId, 'tentative', [{ name: '赵强', title: '副行长', substituteFor: '孙行长' }]);
  await answer(c.invitationId, 'declined');
  const invited = await createInvitations(eventId, { institutionIds: [], departmentIds: [String(department._id)], guests: [], ccAllContacts: false }, organiser, 'zh');
  const [wu] = await answer(invited.created[0]!.id, 'accepted', [{ name: '吴科长', title: '科长' }]);
  const stored = (await Event.findById(event._id).lean())!;
  return {
    event, eventId, department, a, b, c, d,
    delegates: { zhang: zhang!, li: li!, zhao: zhao!, wu: wu! },
    participantId: String(stored.zoneParticipants[0]!._id),
  };
}
