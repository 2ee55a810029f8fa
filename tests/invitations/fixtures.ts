import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { Event } from '../../src/events/event.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { type InvitationDoc } from '../../src/invitations/index.js';
import { createInvitations } from '../../src/invitations/invitations.service.js';
import { wallClock } from '../helpers/clock.js';
import { visitorCsrf } from '../helpers/web.js';

/** A scheduled event on the 12th of next month, 09:30–12:30 Shanghai time, replies open until the 5th at 18:00, at most two delegates per invitation. */
export async function makeEvent(overrides: Record<string, unknown> = {}) {
  return Event.create({
    titleZh: '2019年度金融工作座谈会',
    titleEn: '2019 Annual Symposium on Financial Work',
    startsAt: wallClock({ monthsAhead: 1, day: 12, hour: 9, minute: 30 }),
    endsAt: wallClock({ monthsAhead: 1, day: 12, hour: 12, minute: 30 }),
    timezone: 'Asia/Shanghai',
    venue: { name: '高新区管委会', room: '第一会议室', address: '青岛市高新区智力岛路1号', mapUrl: 'https://map.example/hq' },
    organiserContact: { name: '王秘书', email: 'wang.mishu@zone.test', phone: '+86 532 8888 0000' },
    rsvpDeadline: wallClock({ monthsAhead: 1, day: 5, hour: 18 }),
    maxDelegates: 2,
    status: 'scheduled',
    ...overrides,
  });
}

/** A bank with a primary contact (the head) and one other contact. */
export async function makeInstitution(overrides: Record<string, unknown> = {}) {
  const suffix = randomBytes(3).toString('hex');
  return Institution.create({
    nameZh: `测试银行${suffix}青岛分行`,
    nameEn: `Test Bank ${suffix} Qingdao Branch`,
    type: 'bank',
    preferredLocale: 'zh',
    contacts: [
      { name: '张行长', title: '行长', email: `head-${suffix}@bank.test`, primary: true },
      { name: '李经理', title: '办公室主任', email: `office-${suffix}@bank.test` },
    ],
    ...overrides,
  });
}

/** The signed-in organiser of the tests, as services record them. */
export const organiser = { id: '000000000000000000000001', email: 'organiser@test.local', name: 'Test organiser' };

/** Invite one new institution to an event; returns the invitation and the token of its RSVP link. */
export async function inviteInstitution(eventId: string, overrides: Record<string, unknown> = {}) {
  const institution = await makeInstitution(overrides);
  const result = await createInvitations(eventId, { institutionIds: [String(institution._id)], departmentIds: [], guests: [], ccAllContacts: false }, organiser, 'zh');
  const created = result.created[0];
  if (!created) throw new Error(`invitation not created: ${JSON.stringify(result)}`);
  return { institution, invitationId: created.id, token: created.url.split('/rsvp/')[1]!, url: created.url };
}

/** The invitation as stored now. */
export async function storedInvitation(id: string): Promise<InvitationDoc> {
  return (await Invitation.findById(id).lean<InvitationDoc>())!;
}

/** A cookie-less visitor's CSRF token from the RSVP page (bound to the link; the page sets no cookie). */
export function anonymousCsrf(target: Parameters<typeof supertest>[0], token: string) {
  return visitorCsrf(target, `/rsvp/${token}`);
}

/** An answer as the RSVP form posts it. */
export function answerForm(csrf: string, answer: { status: string; delegates?: { name: string; title?: string; substitute?: boolean }[]; dietary?: string; comment?: string }) {
  const form: Record<string, string> = { _csrf: csrf, status: answer.status, 'needs[dietary]': answer.dietary ?? '', 'needs[accessibility]': '', comment: answer.comment ?? '' };
  (answer.delegates ?? []).forEach((d, i) => {
    form[`delegates[${i}][name]`] = d.name;
    form[`delegates[${i}][title]`] = d.title ?? '';
    if (d.substitute) form[`delegates[${i}][substitute]`] = '1';
  });
  return form;
}
