import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { listAgendaItems, publishAgenda, saveAgendaItems, type AgendaItemInput } from '../../src/agenda/index.js';
import { getEvent } from '../../src/events/index.js';
import { remindAttending, remindPending, sendInvitations } from '../../src/invitations/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent } from '../invitations/fixtures.js';
import { inviteWithAnswers, startMailbox, type Mailbox } from '../invitations/mail-fixtures.js';
import { item, organiser, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

/** The agenda section of an RSVP page. */
const agendaSection = (html: string) => /data-testid="rsvp-agenda">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';

/** Edit the working copy after publishing: a new title for the first item, and one more item. */
async function editWorkingCopy(eventId: string) {
  const inputs: AgendaItemInput[] = (await listAgendaItems(eventId)).map((i) => ({
    id: i.id, type: i.type, titleZh: i.title.zh, titleEn: i.title.en, durationMinutes: i.durationMinutes, startsAtOverride: null, speakers: i.speakers, description: i.description,
  }));
  inputs[0] = { ...inputs[0]!, titleZh: '尚未发布的标题', titleEn: 'Unpublished title' };
  await saveAgendaItems(eventId, [...inputs, item('尚未发布的议程项', { titleEn: 'Unpublished item' })]);
}

describe('what invitees see of the agenda', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  before(async () => {
    t = await createTestApp();
    mailbox = await startMailbox();
  });
  after(async () => {
    await mailbox.stop();
    await t.stop();
  });

  test('when an agenda is published and then edited, then the RSVP page shows the published version, in Chinese and in English', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const { token } = await inviteInstitution(id);
    await saveAgendaItems(id, symposiumItems());
    assert.equal(agendaSection((await supertest(t.app).get(`/rsvp/${token}`)).text), '', 'nothing before it is published');
    await publishAgenda(id, organiser);
    await editWorkingCopy(id);
    const zh = agendaSection((await supertest(t.app).get(`/rsvp/${token}?lang=zh`)).text);
    assert.match(zh, /主持人开场/);
    assert.match(zh, /管委会主任讲话[\s\S]*尚立群 \(管委会主任, 高新区管委会\)/);
    assert.doesNotMatch(zh, /尚未发布/);
    const [first] = await listAgendaItems(id);
    const time = (d: Date) => d.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    assert.ok(zh.includes(`${time(first!.startsAt)}–${time(first!.endsAt)}`), 'times in the event’s zone');
    const en = agendaSection((await supertest(t.app).get(`/rsvp/${token}?lang=en`)).text);
    assert.match(en, /Opening by the chair/);
    assert.match(en, /Address by the director of the management committee/);
    assert.doesNotMatch(en, /Unpublished|主持人开场/);
  });

  test('when the invitation email goes out after publishing, then it lists the published agenda in the invitee’s language (English titles for Korean readers)', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const zhInvite = await inviteInstitution(id, { preferredLocale: 'zh' });
    const koInvite = await inviteInstitution(id, { preferredLocale: 'ko' });
    await saveAgendaItems(id, [...symposiumItems(), item('合影', { durationMinutes: 5 })]);
    await publishAgenda(id, organiser);
    await editWorkingCopy(id);
    const batch = await sendInvitations(await getEvent(id), [zhInvite.invitationId, koInvite.invitationId], { ...organiser, name: 'Test organiser' });
    const mails = await mailbox.delivered(batch.batchId);
    const zh = mails.find((m) => m.html && m.html.includes('lang="zh-Hans"'))!;
    const ko = mails.find((m) => m.html && m.html.includes('lang="ko"'))!;
    assert.match(zh.text ?? '', /主持人开场[\s\S]*金融机构交流发言[\s\S]*管委会主任讲话[\s\S]*会议总结[\s\S]*合影/);
    assert.doesNotMatch(zh.text ?? '', /尚未发布/);
    assert.match(ko.text ?? '', /Opening by the chair[\s\S]*Closing[\s\S]*合影/, 'English titles, Chinese where there is no English one');
    assert.doesNotMatch(ko.text ?? '', /Unpublished/);
  });

  test('when reminders go out after publishing, then the reminder and the day-before email list the published agenda too', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'accepted', locale: 'en' }]);
    await saveAgendaItems(id, symposiumItems());
    await publishAgenda(id, organiser);
    await editWorkingCopy(id);
    const [reminder] = await mailbox.delivered((await remindPending(await getEvent(id), undefined, { ...organiser, name: 'Test organiser' })).batchId);
    const [dayBefore] = await mailbox.delivered((await remindAttending(await getEvent(id))).batchId);
    assert.match(reminder!.text ?? '', /主持人开场[\s\S]*会议总结/);
    assert.match(dayBefore!.text ?? '', /Opening by the chair[\s\S]*Closing/);
    for (const mail of [reminder!, dayBefore!]) assert.doesNotMatch(mail.text ?? '', /尚未发布|Unpublished/, 'only the published version');
  });
});
