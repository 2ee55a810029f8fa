import { randomBytes } from 'node:crypto';
import { saveAgendaItems } from '../../src/agenda/index.js';
import { checkInDelegate, checkInZone } from '../../src/checkin/index.js';
import { Event } from '../../src/events/event.model.js';
import { createDepartment } from '../../src/institutions/index.js';
import { approveMinutes, publishMinutes, saveMinutesItem, submitMinutesForReview, type WorkflowUser } from '../../src/minutes/index.js';
import { assignSuggestion, createSuggestion } from '../../src/suggestions/index.js';
import { inviteInstitution, makeEvent, storedInvitation } from '../invitations/fixtures.js';
import { answer } from '../invitations/mail-fixtures.js';

/** The organiser of the service-level steps. */
export const organiserUser: WorkflowUser = { id: '000000000000000000000001', email: 'organiser@test.local', name: '组织者', role: 'organiser' };
const secretary = { kind: 'user' as const, id: '000000000000000000000002', email: 'secretary@test.local', name: '秘书甲' };

/** Notes of the exchange of views, with an attempt at script injection that must stay text. */
export const HOSTILE_NOTES = '与会机构围绕**信贷结构**交流。\n\n<script>alert("x")</script>\n\n[点此](javascript:alert(1)) <img src=x onerror=alert(2)>';

/**
 * The 2019 symposium day in small: a host and a chair; three agenda items with speakers; bank A (zh, two
 * delegates) and bank B (en) attend, bank C (ko) declined and is absent, a department's staff member is
 * checked in; three suggestions (two on credit structure); the minutes published unless `publish: false`.
 */
export async function symposiumDay(options: { publish?: boolean } = {}) {
  const suffix = randomBytes(3).toString('hex');
  const department = await createDepartment({ nameZh: `财政金融局${suffix}`, nameEn: `Finance Bureau ${suffix}` });
  const event = await makeEvent({
    zoneParticipants: [
      { name: '商立群', title: '工委副书记、管委主任', email: '', role: 'host' },
      { name: '文武', title: '管委副主任', email: '', role: 'chair' },
      { name: '刘科长', title: '科长', email: '', role: 'attendee', departmentId: department._id },
    ],
  });
  const eventId = String(event._id);
  const items = await saveAgendaItems(eventId, [
    { type: 'opening_address', titleZh: '开幕致辞', titleEn: 'Opening address', durationMinutes: 10, startsAtOverride: null, speakers: [{ name: '商立群', title: '管委主任', organisation: '高新区管委会' }], description: '' },
    { type: 'report', titleZh: '2018年金融工作情况通报', titleEn: 'Report on financial work in 2018', durationMinutes: 20, startsAtOverride: null, speakers: [{ name: '刘科长', title: '科长', organisation: `财政金融局${suffix}` }], description: '' },
    { type: 'exchange', titleZh: '金融机构交流发言', titleEn: 'Exchange of views', durationMinutes: 60, startsAtOverride: null, speakers: [{ name: '张行长', title: '行长', organisation: `青岛银行${suffix}` }], description: '' },
  ]);
  const a = await inviteInstitution(eventId, { nameZh: `青岛银行${suffix}高新区支行`, nameEn: `Bank of Qingdao ${suffix}`, preferredLocale: 'zh' });
  const b = await inviteInstitution(eventId, { nameZh: `汇丰银行${suffix}青岛分行`, nameEn: `HSBC ${suffix} Qingdao`, preferredLocale: 'en' });
  const c = await inviteInstitution(eventId, { nameZh: `韩亚银行${suffix}青岛分行`, nameEn: `Hana Bank ${suffix} Qingdao`, preferredLocale: 'ko' });
  await answer(a.invitationId, 'accepted', ['张行长', '李经理']);
  await answer(b.invitationId, 'accepted', ['Mary Smith']);
  await answer(c.invitationId, 'declined');
  for (const invitation of [a, b]) {
    for (const delegate of (await storedInvitation(invitation.invitationId)).delegates) await checkInDelegate(eventId, delegate.checkInCode, organiserUser);
  }
  const stored = (await Event.findById(eventId).lean())!;
  await checkInZone(eventId, { participantId: String(stored.zoneParticipants[2]!._id) }, organiserUser);
  const s1 = await createSuggestion({ eventId, text: '建议优化信贷结构，加大对科技企业的支持。', categoryKey: 'credit_structure', institutionId: String(a.institution._id), personName: '张行长' }, secretary);
  await createSuggestion({ eventId, text: 'More credit for SMEs at lower cost.', categoryKey: 'credit_structure', institutionId: String(b.institution._id), personName: 'Mary Smith' }, secretary);
  await createSuggestion({ eventId, text: '建议搭建银企信息对接平台。', categoryKey: 'sme_tech_financing', institutionId: String(a.institution._id), personName: '李经理' }, secretary);
  await assignSuggestion(s1.id, { departmentId: String(department._id) }, organiserUser);
  for (const item of items) {
    const exchange = item.type === 'exchange';
    await saveMinutesItem(eventId, item.id, {
      baseRevision: 0,
      content: {
        notes: exchange ? HOSTILE_NOTES : `${item.title.zh}。`,
        keyPoints: exchange ? ['科技企业融资难、融资贵'] : [],
        decisions: exchange ? ['建立银企对接机制'] : [],
        actions: exchange ? [{ text: '整理银企对接名单', departmentId: String(department._id), dueDate: new Date('2019-05-31T00:00:00Z') }] : [],
      },
    }, organiserUser);
  }
  if (options.publish !== false) await publishTheMinutes(eventId);
  return { event, eventId, items, department, a, b, c, suffix };
}

/** Submit, approve and publish an event's minutes as they stand. */
export async function publishTheMinutes(eventId: string) {
  await submitMinutesForReview(eventId, organiserUser);
  await approveMinutes(eventId, organiserUser);
  await publishMinutes(eventId, organiserUser);
}
