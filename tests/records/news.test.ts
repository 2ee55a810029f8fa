import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { draftNewsEn, draftNewsZh, themesOf, type NewsFacts } from '../../src/records/news-draft.js';
import { getNews } from '../../src/records/news.service.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { symposiumDay } from './scenario.js';

useTestDatabase(import.meta.url);

const FACTS: NewsFacts = {
  title: { zh: '2019年度金融工作座谈会', en: '2019 Annual Symposium on Financial Work' },
  startsAt: new Date('2019-04-12T01:30:00Z'),
  timezone: 'Asia/Shanghai',
  venue: '高新区管委会第一会议室',
  hosts: [{ name: '商立群', title: '工委副书记、管委主任' }],
  chairs: [{ name: '文武', title: '管委副主任' }],
  speakers: [{ name: '张行长', title: '行长', organisation: '青岛银行' }],
  guests: [],
  institutionCount: 26,
  departments: [{ zh: '财政金融局', en: 'Finance Bureau' }, { zh: '科技局', en: 'Science Bureau' }],
  themes: themesOf([
    { key: 'sme', name: { zh: '中小企业融资', en: 'SME financing' } },
    { key: 'credit', name: { zh: '信贷结构', en: 'Credit structure' } },
    { key: 'credit', name: { zh: '信贷结构', en: 'Credit structure' } },
  ]),
  suggestionCount: 3,
  figures: ['2018年全年共引进金融类项目31个。', '新增上市企业10家'],
};

describe('the news summary', () => {
  let testApp: TestApp;
  let organiser: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    organiser = await signIn(testApp.app, 'organiser');
  });
  after(() => testApp.stop());

  /** The revision a page's form was loaded at (its hidden field). */
  const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '';
  /** Post as a browser would after loading the news page: with the revision the page shows. */
  const post = async (path: string, form: Record<string, string>) => {
    const page = await organiser.agent.get(path.replace(/\/news\/.*$/, '/news'));
    return organiser.agent.post(`${path}?lang=zh`).type('form').send({ revision: revisionIn(page.text), ...form, _csrf: organiser.csrf });
  };

  test('the Chinese draft follows the zone’s news: who addressed and chaired, how many institutions, which departments, themes, figures', () => {
    const draft = draftNewsZh(FACTS);
    assert.equal(draft.title, '2019年度金融工作座谈会召开');
    const [opening, attendance, speakers, themes, figures] = draft.body.split('\n\n');
    assert.equal(opening, '2019年4月12日，2019年度金融工作座谈会在高新区管委会第一会议室召开。工委副书记、管委主任商立群出席会议并讲话。管委副主任文武主持会议。');
    assert.equal(attendance, '财政金融局、科技局等部门负责同志和26家金融机构负责人参加会议。');
    assert.equal(speakers, '会上，青岛银行张行长先后作交流发言。');
    assert.equal(themes, '与会人员围绕金融服务实体经济交流了意见，共提出意见建议3条，主要涉及信贷结构（2条）、中小企业融资（1条）等方面。');
    assert.equal(figures, '据了解，2018年全年共引进金融类项目31个；新增上市企业10家。');
  });

  test('the English draft says the same', () => {
    const draft = draftNewsEn(FACTS);
    assert.equal(draft.title, '2019 Annual Symposium on Financial Work convened');
    assert.match(draft.body, /商立群, 工委副书记、管委主任 attended and addressed the meeting\. The meeting was chaired by 文武, 管委副主任\./);
    assert.match(draft.body, /Heads of relevant departments \(Finance Bureau and Science Bureau\) and of 26 financial institutions attended the meeting\./);
    assert.match(draft.body, /put forward 3 suggestions, mainly on Credit structure \(2\) and SME financing \(1\)\./);
  });

  test('when an organiser opens the page, then a draft from the facts names the chair, counts institutions and departments, and lists themes', async () => {
    const { eventId, department, suffix } = await symposiumDay();
    const page = await organiser.agent.get(`/events/${eventId}/news?lang=zh`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="news-drafted"/);
    const body = /<textarea id="f-bodyZh"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)?.[1] ?? '';
    assert.ok(body.includes('管委副主任文武主持会议'), body);
    assert.ok(body.includes('工委副书记、管委主任商立群出席会议并讲话'));
    assert.ok(body.includes(`${department.nameZh}等部门负责同志和2家金融机构负责人参加会议`));
    assert.ok(body.includes('共提出意见建议3条，主要涉及信贷结构（2条）、中小企业和科技型企业融资（1条）'));
    assert.ok(body.includes(`会上，${department.nameZh}刘科长、青岛银行${suffix}张行长先后作交流发言。`), 'agenda speakers who are not leaders');
  });

  test('when figures are given and the draft is made again, then they are in it, and nothing is saved until saved', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const res = await post(`/events/${eventId}/news/draft`, { figures: '2018年全年共引进金融类项目31个\n\n近200只创投基金落户' });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes('据了解，2018年全年共引进金融类项目31个；近200只创投基金落户。'));
    assert.ok(res.text.includes('It is reported that 2018年全年共引进金融类项目31个; 近200只创投基金落户.'));
    assert.ok(res.text.includes(translate('zh', 'records.news.statusNone')));
  });

  test('when published, then the public page is reachable without signing in, escapes what was typed, and edits update the same URL', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const publicPath = `/news/${eventId}`;
    const anonymous = supertest(testApp.app);
    const form = { titleZh: '座谈会召开 <b>要闻</b>', bodyZh: '第一段 **重点**。\n\n<script>alert(1)</script>\n\n[链接](javascript:alert(2))', titleEn: '', bodyEn: '', figures: '' };
    assert.equal((await post(`/events/${eventId}/news`, form)).status, 303);
    assert.equal((await anonymous.get(publicPath)).status, 404, 'a saved draft is not public');
    const published = await post(`/events/${eventId}/news/publish`, form);
    assert.equal(published.status, 303);
    const page = await anonymous.get(publicPath);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('座谈会召开 &lt;b&gt;要闻&lt;/b&gt;'), 'the title is escaped');
    assert.ok(page.text.includes('<strong>重点</strong>'));
    assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(page.text, /<script>alert/);
    assert.doesNotMatch(page.text, /href="javascript:/i);
    assert.doesNotMatch(page.text, /name="_csrf"/, 'a plain public page');
    await post(`/events/${eventId}/news/publish`, { ...form, titleZh: '座谈会召开（更新）', titleEn: 'Symposium held', bodyEn: 'In English.' });
    const updated = await anonymous.get(publicPath);
    assert.ok(updated.text.includes('座谈会召开（更新）'));
    const english = await anonymous.get(`${publicPath}?lang=ko`);
    assert.ok(english.text.includes('Symposium held'), 'Korean readers get the English text when there is one');
    assert.ok(english.text.includes('게시일'));
    const list = await anonymous.get('/news');
    assert.equal(list.status, 200, 'the list of news is public');
    assert.ok(list.text.includes(`href="/news/${eventId}" lang="zh-Hans">座谈会召开（更新）</a>`), 'it links each published summary by its published title');
    assert.ok((await anonymous.get('/news?lang=en')).text.includes(`href="/news/${eventId}" lang="en">Symposium held</a>`));
    const unpublished = await post(`/events/${eventId}/news/unpublish`, {});
    assert.equal(unpublished.status, 303);
    assert.equal((await anonymous.get(publicPath)).status, 404);
    assert.ok(!(await anonymous.get('/news')).text.includes(`href="/news/${eventId}"`), 'taken down, it leaves the list');
    assert.equal((await anonymous.get('/news/not-an-id')).status, 404);
  });

  test('when a published summary is edited and only saved, then the public page keeps the published text until published again', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const anonymous = supertest(testApp.app);
    const form = { titleZh: '座谈会召开', bodyZh: '已发布的正文。', titleEn: '', bodyEn: '', figures: '' };
    assert.equal((await post(`/events/${eventId}/news/publish`, form)).status, 303);
    assert.equal((await post(`/events/${eventId}/news`, { ...form, titleZh: '未定稿标题', bodyZh: '尚未审定的修改。' })).status, 303);
    const page = await anonymous.get(`/news/${eventId}?lang=zh`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('已发布的正文。'), 'the published text stays');
    assert.doesNotMatch(page.text, /未定稿标题|尚未审定的修改/, 'an unpublished edit is not public');
    const staff = await organiser.agent.get(`/events/${eventId}/news?lang=zh`);
    assert.ok(staff.text.includes('尚未审定的修改。'), 'the organiser keeps working on the saved edit');
    await post(`/events/${eventId}/news/publish`, { ...form, titleZh: '未定稿标题', bodyZh: '尚未审定的修改。' });
    assert.ok((await anonymous.get(`/news/${eventId}?lang=zh`)).text.includes('尚未审定的修改。'));
  });

  test('when the Chinese title is missing, then the form comes back with 422 and what was typed', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const res = await post(`/events/${eventId}/news`, { titleZh: '', bodyZh: '正文保留', titleEn: 'Only a title', bodyEn: '', figures: '' });
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('正文保留'));
    assert.ok(res.text.includes(translate('zh', 'records.news.englishWhole')));
  });

  test('when two organisers edit the same summary, then the later save is refused with 409, keeps its text, and shows the other one; once merged it saves', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const other = await signIn(testApp.app, 'organiser');
    const path = `/events/${eventId}/news`;
    const form = { titleEn: '', bodyEn: '', figures: '' };
    const mine = revisionIn((await organiser.agent.get(path)).text);
    const theirs = revisionIn((await other.agent.get(path)).text);
    assert.equal(mine, '0');
    const first = await other.agent.post(path).type('form').send({ ...form, titleZh: '对方的标题', bodyZh: '对方先保存的正文。', revision: theirs, _csrf: other.csrf });
    assert.equal(first.status, 303);
    const late = await organiser.agent.post(`${path}?lang=zh`).type('form').send({ ...form, titleZh: '我的标题', bodyZh: '我后保存的正文。', revision: mine, _csrf: organiser.csrf });
    assert.equal(late.status, 409);
    assert.ok(late.text.includes('data-testid="news-conflict"'));
    assert.ok(late.text.includes(other.user.email), 'names who saved meanwhile');
    assert.ok(late.text.includes('我后保存的正文。'), 'what was typed stays in the form');
    assert.match(late.text, /data-testid="news-preview">[\s\S]*对方的标题/, 'the other version is in the preview');
    assert.equal((await getNews(eventId))?.bodyZh, '对方先保存的正文。', 'nothing overwritten');

    const redrafted = await organiser.agent.post(`${path}/draft`).type('form').send({ figures: '', revision: mine, _csrf: organiser.csrf });
    assert.equal(revisionIn(redrafted.text), mine, 'drafting again keeps the revision the form was loaded at');
    const merged = await organiser.agent.post(path).type('form').send({ ...form, titleZh: '合并后的标题', bodyZh: '对方先保存的正文。我后保存的正文。', revision: revisionIn(late.text), _csrf: organiser.csrf });
    assert.equal(merged.status, 303);
    assert.equal((await getNews(eventId))?.titleZh, '合并后的标题');
  });

  test('when two saves from the same revision arrive at once, then exactly one is stored and the other is refused', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const path = `/events/${eventId}/news`;
    const revision = revisionIn((await organiser.agent.get(path)).text);
    const send = (n: number) =>
      organiser.agent.post(path).type('form').send({ titleZh: `同时保存${n}`, bodyZh: `正文${n}`, titleEn: '', bodyEn: '', figures: '', revision, _csrf: organiser.csrf });
    const results = await Promise.all([1, 2, 3, 4].map(send));
    assert.deepEqual(results.map((r) => r.status).sort(), [303, 409, 409, 409]);
    const stored = await getNews(eventId);
    const winner = results.findIndex((r) => r.status === 303) + 1;
    assert.equal(stored?.titleZh, `同时保存${winner}`);
    assert.equal(stored?.revision, 1);
  });

  test('when a save claimed a revision and never wrote it, then after a minute the next save takes the revision over', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const claims = mongoose.connection.collection<{ _id: string; at: Date; by: string }>('claims');
    const form = { titleZh: '接管后的标题', bodyZh: '正文。', titleEn: '', bodyEn: '', figures: '' };
    // A save that stopped between its claim and its write, just now: the summary is busy.
    await claims.insertOne({ _id: `news-save:${eventId}:1`, at: new Date(), by: 'stopped@test.local' });
    assert.equal((await post(`/events/${eventId}/news`, form)).status, 409);
    // The same, a minute ago: it will never write, so the claim is taken over.
    await claims.updateOne({ _id: `news-save:${eventId}:1` }, { $set: { at: new Date(Date.now() - 61_000) } });
    assert.equal((await post(`/events/${eventId}/news`, form)).status, 303);
    assert.equal((await getNews(eventId))?.titleZh, '接管后的标题');
    assert.equal((await claims.findOne({ _id: `news-save:${eventId}:1` }))?.by, organiser.user.email);
  });

  test('when a viewer opens the page, then they read it but cannot change it', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const viewer = await signIn(testApp.app, 'viewer');
    const page = await viewer.agent.get(`/events/${eventId}/news?lang=zh`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /name="titleZh"/);
    const res = await viewer.agent.post(`/events/${eventId}/news`).type('form').send({ _csrf: viewer.csrf, titleZh: 'x', bodyZh: 'y' });
    assert.equal(res.status, 403);
  });
});
