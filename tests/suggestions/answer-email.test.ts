import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { changeSuggestionStatus } from '../../src/suggestions/index.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { addressesOf, startMailbox, type Mailbox } from '../invitations/mail-fixtures.js';
import { eventWithInvitee, organiserActor, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('closing the loop: the answer goes back to the institution', () => {
  let testApp: TestApp;
  let mailbox: Mailbox;
  before(async () => {
    testApp = await createTestApp();
    mailbox = await startMailbox();
  });
  after(async () => {
    await mailbox.stop();
    await testApp.stop();
  });

  for (const locale of ['zh', 'en', 'ja'] as const) {
    test(`when a suggestion of an institution reading ${locale} is answered, then it gets an email in ${locale} with the answer and its link, and its page shows the answer`, async () => {
      const { eventId, invitee } = await eventWithInvitee(locale);
      const suggestion = await suggest(eventId, { institutionId: String(invitee.institution._id), text: `建议 ${locale}` });
      await changeSuggestionStatus(suggestion.id, { status: 'accepted' }, organiserActor);
      await changeSuggestionStatus(suggestion.id, { status: 'answered', answer: `答复：已落实 (${locale})` }, organiserActor);
      const [mail] = await mailbox.delivered(`suggestion-answered:${suggestion.id}`);
      assert.ok(mail);
      assert.deepEqual(addressesOf(mail.to), [invitee.institution.contacts[0]!.email], 'to the invitation’s addressee');
      const title = locale === 'zh' ? '2019年度金融工作座谈会' : '2019 Annual Symposium on Financial Work';
      assert.equal(mail.subject, translate(locale, 'suggestions.email.subject', { title }));
      // The text part is wrapped at 78 columns.
      const text = (mail.text ?? '').replace(/\s+/g, ' ');
      assert.ok(text.includes(`答复：已落实 (${locale})`), 'the answer is in the text part');
      assert.ok(text.includes(translate(locale, 'suggestions.email.seeAll')));
      assert.ok(String(mail.html).includes(`建议 ${locale}`));
      const link = /\/rsvp\/[A-Za-z0-9_-]{43}\/suggestions/.exec(mail.text ?? '')?.[0];
      assert.equal(link, `/rsvp/${invitee.token}/suggestions`, 'the link leads to the institution’s own page');
      const page = await supertest(testApp.app).get(link);
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`<html lang="${locale === 'zh' ? 'zh-Hans' : locale}">`));
      const answer = page.text.slice(page.text.indexOf('data-testid="own-answer"'));
      assert.ok(answer.includes(`答复：已落实 (${locale})`));
      assert.ok(page.text.includes(translate(locale, 'suggestions.status.answered')));
    });
  }

  test('when a suggestion from a person without an invitation is answered, then no email is sent and the answer is kept', async () => {
    const { eventId } = await eventWithInvitee();
    const suggestion = await suggest(eventId, { personName: '市民代表' });
    const answered = await changeSuggestionStatus(suggestion.id, { status: 'answered', answer: '感谢建议' }, organiserActor);
    assert.equal(answered.answer, '感谢建议');
    const { OutboxMessage } = await import('../../src/mail/outbox.model.js');
    assert.equal(await OutboxMessage.countDocuments({ batchId: `suggestion-answered:${suggestion.id}` }), 0);
  });
});
