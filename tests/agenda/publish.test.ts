import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getPublishedAgenda, listAgendaItems, publishAgenda, saveAgendaItems, type AgendaItemInput } from '../../src/agenda/index.js';
import { Agenda } from '../../src/agenda/agenda.model.js';
import { registerAllMessages } from '../../src/messages.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeEvent } from '../events/fixtures.js';
import { item, organiser, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);
registerAllMessages();

/** The working items as inputs that keep their ids (what an edit sends back). */
async function currentInputs(eventId: string): Promise<AgendaItemInput[]> {
  return (await listAgendaItems(eventId)).map((i) => ({
    id: i.id, type: i.type, titleZh: i.title.zh, titleEn: i.title.en, durationMinutes: i.durationMinutes,
    startsAtOverride: i.timeOverridden ? i.startsAt : null, speakers: i.speakers, description: i.description,
  }));
}

describe('publishing the agenda', () => {
  test('when the organiser publishes, then version 1 is frozen, and later edits of the working copy do not change it', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await saveAgendaItems(id, symposiumItems());
    assert.equal(await getPublishedAgenda(id), null, 'nothing published yet');
    const outcome = await publishAgenda(id, organiser);
    assert.deepEqual({ version: outcome.version, created: outcome.created }, { version: 1, created: true });
    const inputs = await currentInputs(id);
    inputs[0] = { ...inputs[0]!, titleZh: '改过的标题' };
    await saveAgendaItems(id, inputs);
    const published = await getPublishedAgenda(id);
    assert.equal(published?.version, 1);
    assert.equal(published?.items[0]?.title.zh, '主持人开场');
    assert.deepEqual(published?.changes, []);
    assert.equal((await Agenda.findById(id).lean())?.publishedVersion, 1);
  });

  test('when the agenda changes and is published again, then version 2 lists what was added, removed, moved, retimed, retitled and whose speakers changed', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await saveAgendaItems(id, symposiumItems());
    await publishAgenda(id, organiser);
    const [opening, exchange, address] = await currentInputs(id);
    const changed: AgendaItemInput[] = [
      opening!,
      { ...address!, speakers: [{ name: '文武', title: '副主任', organisation: '高新区管委会' }] },
      { ...exchange!, titleZh: '金融机构代表交流发言', titleEn: 'Views of the financial institutions' },
      item('提问与解答', { titleEn: 'Questions and answers', type: 'qa', durationMinutes: 15 }),
    ];
    await saveAgendaItems(id, changed);
    const outcome = await publishAgenda(id, organiser);
    assert.equal(outcome.version, 2);
    const v2 = (await getPublishedAgenda(id, undefined, 'en'))!;
    assert.equal(v2.version, 2);
    const kinds = v2.changeList.map((c) => `${c.kind}:${c.titleEn}`);
    assert.deepEqual(kinds.sort(), [
      'added:Questions and answers',
      'moved:Address by the director of the management committee',
      'removed:Closing',
      'retimed:Address by the director of the management committee',
      'retimed:Views of the financial institutions',
      'retitled:Views of the financial institutions',
      'speakers:Address by the director of the management committee',
    ].sort());
    assert.ok(v2.changes.includes('Removed: Closing'), v2.changes.join('\n'));
    assert.ok(v2.changes.includes('Added: Questions and answers (11:10–11:25)'), v2.changes.join('\n'));
    assert.ok(v2.changes.includes('New time for Address by the director of the management committee: 10:40–11:10 → 09:40–10:10'), v2.changes.join('\n'));
    assert.ok(v2.changes.includes('Speakers of Address by the director of the management committee: 尚立群 (管委会主任, 高新区管委会) → 文武 (副主任, 高新区管委会)'));
    const zh = (await getPublishedAgenda(id, 2, 'zh'))!;
    assert.ok(zh.changes.includes('标题修改：金融机构交流发言 → 金融机构代表交流发言'), zh.changes.join('\n'));
    assert.equal((await getPublishedAgenda(id, 1))!.items.length, 4, 'version 1 is still there, unchanged');
  });

  test('when nothing changed since the last version, then publishing makes no new version; an empty agenda cannot be published', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await assert.rejects(publishAgenda(id, organiser), { status: 409, message: 'agenda.emptyAgenda' });
    await saveAgendaItems(id, symposiumItems());
    await publishAgenda(id, organiser);
    assert.deepEqual(await publishAgenda(id, organiser), { version: 1, created: false, changes: [] });
  });

  test('when two organisers publish at once, then exactly one version 2 is made and the other is told', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await saveAgendaItems(id, symposiumItems());
    await publishAgenda(id, organiser);
    await saveAgendaItems(id, [...(await currentInputs(id)), item('补充发言')]);
    const results = await Promise.allSettled([publishAgenda(id, organiser), publishAgenda(id, organiser)]);
    const made = results.filter((r) => r.status === 'fulfilled' && r.value.created);
    assert.equal(made.length, 1);
    assert.equal((await Agenda.findById(id).lean())?.publishedVersion, 2);
  });
});
