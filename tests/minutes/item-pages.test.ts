import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDepartment } from '../../src/institutions/index.js';
import { approveMinutes, currentRevision, getPublishedMinutes, listRevisions, publishMinutes, saveMinutesItem, submitMinutesForReview } from '../../src/minutes/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { content, makeEventWithAgenda, organiser, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;

/** The value of the notes textarea and the hidden base revision of the item form in a page. */
function formOf(html: string) {
  const notes = /<textarea id="f-notes" name="notes"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
  const base = /name="baseRevision" value="(\d+)"/.exec(html)?.[1];
  return { notes, baseRevision: base === undefined ? undefined : Number(base) };
}

describe('the minutes item pages', () => {
  let t: TestApp;
  let alice: SignedIn;
  let bob: SignedIn;
  before(async () => {
    t = await createTestApp();
    alice = await signIn(t.app, 'secretary');
    bob = await signIn(t.app, 'secretary');
  });
  after(() => t.stop());

  const itemUrl = (eventId: string, itemId: string) => `/events/${eventId}/minutes/items/${itemId}`;
  const save = (who: SignedIn, url: string, form: Record<string, string>) => who.agent.post(url).type('form').send({ _csrf: who.csrf, ...form });

  test('when the secretary saves an item, then the minutes page shows the notes rendered, the lists and the action with its department', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const department = await createDepartment({ nameZh: '科技创新局', nameEn: 'Science and Technology Bureau' });
    const url = itemUrl(eventId, items[0]!.id);
    const form = await alice.agent.get(url);
    assert.equal(form.status, 200);
    assert.equal(formOf(form.text).baseRevision, 0);
    const res = await save(alice, url, {
      baseRevision: '0', notes: '会议由**王主任**主持。', keyPoints: '支持科技型企业融资\n\n优化金融环境', decisions: '建立银企对接机制',
      'actions[0][text]': '组织银企对接会', 'actions[0][departmentId]': String(department._id), 'actions[0][dueDate]': '2019-06-30', 'actions[1][text]': '',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, url);
    const stored = await currentRevision(eventId, items[0]!.id);
    assert.deepEqual(stored.keyPoints, ['支持科技型企业融资', '优化金融环境']);
    assert.deepEqual(stored.actions, [{ text: '组织银企对接会', departmentId: String(department._id), dueDate: new Date('2019-06-30T00:00:00Z') }]);
    const page = await alice.agent.get(`/events/${eventId}/minutes`);
    assert.match(page.text, /<strong>王主任<\/strong>/);
    assert.match(page.text, /<li>优化金融环境<\/li>/);
    assert.match(page.text, /<td>组织银企对接会<\/td><td>科技创新局<\/td><td>2019-06-30<\/td>/);
  });

  test('when two secretaries save the same revision, then the second gets a 409 page with both versions and her text kept in the form, and her merged save succeeds', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const url = itemUrl(eventId, items[1]!.id);
    const [a, b] = [await alice.agent.get(url), await bob.agent.get(url)];
    assert.equal(formOf(a.text).baseRevision, 0);
    assert.equal(formOf(b.text).baseRevision, 0);
    assert.equal((await save(alice, url, { baseRevision: '0', notes: '甲记录：会议通报了2018年金融工作。' })).status, 303);
    const conflict = await save(bob, url, { baseRevision: '0', notes: '乙记录：与会机构踊跃发言。' });
    assert.equal(conflict.status, 409);
    assert.match(conflict.text, /data-testid="conflict"/);
    const theirs = /data-testid="conflict-theirs">([\s\S]*?)<\/section>/.exec(conflict.text)?.[1] ?? '';
    assert.match(theirs, /甲记录：会议通报了2018年金融工作。/);
    assert.deepEqual(formOf(conflict.text), { notes: '乙记录：与会机构踊跃发言。', baseRevision: 1 }, 'your text stays in the form, now on top of their revision');
    assert.match(conflict.text, /<del>甲<\/del><ins>乙<\/ins>[\s\S]*<ins>与会机构踊跃发言<\/ins>/, 'the difference is shown');
    assert.equal((await currentRevision(eventId, items[1]!.id)).notes, '甲记录：会议通报了2018年金融工作。', 'nothing was overwritten');

    const merged = await save(bob, url, { baseRevision: '1', notes: '甲记录：会议通报了2018年金融工作。\n乙记录：与会机构踊跃发言。' });
    assert.equal(merged.status, 303);
    const stored = await currentRevision(eventId, items[1]!.id);
    assert.equal(stored.revision, 2);
    assert.match(stored.notes, /甲记录[\s\S]*乙记录/);
  });

  test('when the autosave posts JSON with the CSRF header, then it saves, answers with the revision, and a stale base answers 409 with theirs', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const url = itemUrl(eventId, items[2]!.id);
    const json = (who: SignedIn, body: object, csrf = who.csrf) => who.agent.post(url).set('X-CSRF-Token', csrf).set('Accept', 'application/json').send(body);
    const saved = await json(alice, { baseRevision: 0, notes: '自动保存 *一*', keyPoints: '要点一\n要点二', decisions: '', actions: [{ text: '跟进', departmentId: '', dueDate: '' }] });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.revision, 1);
    assert.match(saved.body.notesHtml, /<em>一<\/em>/);
    assert.deepEqual((await currentRevision(eventId, items[2]!.id)).keyPoints, ['要点一', '要点二']);
    const stale = await json(bob, { baseRevision: 0, notes: '乙的自动保存' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.theirs.revision, 1);
    assert.equal((await currentRevision(eventId, items[2]!.id)).notes, '自动保存 *一*');
    const forged = await json(alice, { baseRevision: 1, notes: '没有令牌' }, 'not-a-token');
    assert.equal(forged.status, 403);
    const invalid = await json(alice, { baseRevision: 1, notes: 'x', actions: [{ text: '', departmentId: '', dueDate: '2019-13-45' }] });
    assert.equal(invalid.status, 422);
    assert.ok(invalid.body.error.fields['actions.0.dueDate']);
  });

  test('when the form has a bad due date, then it is re-rendered with 422, the error, and everything that was typed', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const url = itemUrl(eventId, items[0]!.id);
    const res = await save(alice, url, { baseRevision: '0', notes: '不能丢的文字', keyPoints: '要点', 'actions[0][text]': '任务', 'actions[0][dueDate]': '明天' });
    assert.equal(res.status, 422);
    assert.equal(formOf(res.text).notes, '不能丢的文字');
    assert.match(res.text, /name="actions\[0\]\[text\]" value="任务"/);
    assert.match(res.text, /name="actions\[0\]\[dueDate\]" value="明天"/);
    assert.ok(res.text.includes('YYYY-MM-DD') || res.text.includes('年-月-日'));
    assert.equal((await currentRevision(eventId, items[0]!.id)).revision, 0);
  });

  test('when notes carry script, an onerror image or a javascript: link, then no page renders them as markup', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const evil = '<script>alert("notes")</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=) <a href="javascript:alert(3)">a</a>';
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: { notes: evil, keyPoints: ['<script>alert("point")</script>'], decisions: ['<img src=x onerror=alert(4)>'], actions: [{ text: '<script>x</script>', departmentId: null, dueDate: null }] } }, secretary);
    const url = itemUrl(eventId, items[0]!.id);
    const preview = await save(alice, url, { baseRevision: '1', notes: evil, intent: 'preview' });
    assert.equal(preview.status, 200);
    const pages = [await alice.agent.get(`/events/${eventId}/minutes`), await alice.agent.get(url), preview];
    for (const page of pages) {
      assert.equal(page.status, 200);
      const html = page.text.replace(/<script src="\/public\/js\/[\w-]+\.js" defer><\/script>/g, '');
      assert.doesNotMatch(html, /<script/i, 'no script element');
      assert.doesNotMatch(html, /<img[^>]*onerror/i, 'no image with a handler');
      assert.doesNotMatch(html, /href="(javascript|data):/i, 'no script links');
      assert.match(html, /&lt;script&gt;alert\(&#34;notes&#34;\)&lt;\/script&gt;|&lt;script&gt;alert\(&quot;notes&quot;\)&lt;\/script&gt;/, 'the text is shown as text');
    }
    const json = await alice.agent.post(url).set('X-CSRF-Token', alice.csrf).send({ baseRevision: 1, notes: `${evil}\nmore` });
    assert.equal(json.status, 200);
    assert.doesNotMatch(json.body.notesHtml, /<script|<img|href="javascript:/i);
  });

  test('when revisions are listed, compared and one restored through the pages, then the restore is a new revision', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const itemId = items[0]!.id;
    await saveMinutesItem(eventId, itemId, { baseRevision: 0, content: content('第一稿 <b>粗</b>') }, secretary);
    await saveMinutesItem(eventId, itemId, { baseRevision: 1, content: content('第二稿') }, secretary);
    const url = itemUrl(eventId, itemId);
    const list = await alice.agent.get(`${url}/revisions`);
    assert.equal(list.status, 200);
    assert.deepEqual([...list.text.matchAll(/data-revision="(\d+)"/g)].map((m) => m[1]), ['2', '1']);
    const compare = await alice.agent.get(`${url}/compare?a=1&b=2`);
    assert.equal(compare.status, 200);
    assert.match(compare.text, /<del>[^<]*&lt;b&gt;/, 'removed text is shown escaped');
    assert.match(compare.text, /<ins>第二<\/ins>/);
    assert.equal((await alice.agent.get(`${url}/compare?a=1&b=9`)).status, 404);
    const restore = await save(alice, `${url}/revisions/1/restore`, { baseRevision: '2' });
    assert.equal(restore.status, 303);
    assert.equal(restore.headers.location, url);
    assert.deepEqual((await listRevisions(eventId, itemId)).map((r) => [r.revision, r.restoredFrom]), [[3, 1], [2, null], [1, null]]);
    const stale = await save(alice, `${url}/revisions/2/restore`, { baseRevision: '2' });
    assert.equal(stale.headers.location, `${url}/revisions`);
    assert.equal((await currentRevision(eventId, itemId)).revision, 3);
  });

  test('when the minutes are published, then the item form is gone, a save is refused with 409 keeping the text, and the snapshot is unchanged', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('定稿') }, secretary);
    await submitMinutesForReview(eventId, secretary);
    await approveMinutes(eventId, organiser);
    await publishMinutes(eventId, organiser);
    const before = await getPublishedMinutes(eventId);
    const url = itemUrl(eventId, items[0]!.id);
    const page = await alice.agent.get(url);
    assert.doesNotMatch(page.text, /data-testid="minutes-item-form"/);
    const refused = await save(alice, url, { baseRevision: '1', notes: '偷偷修改' });
    assert.equal(refused.status, 409);
    assert.match(refused.text, /data-testid="item-error"/);
    assert.equal(formOf(refused.text).notes, '偷偷修改');
    assert.deepEqual(await getPublishedMinutes(eventId), before);
    assert.equal((await currentRevision(eventId, items[0]!.id)).revision, 1);
    const overview = await alice.agent.get(`/events/${eventId}/minutes`);
    for (const path of ['export.docx', 'export.pdf', 'print']) assert.ok(overview.text.includes(`/events/${eventId}/minutes/${path}`), path);
  });
});
