import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { listAgendaItems } from '../../src/agenda/index.js';
import { User } from '../../src/auth/user.model.js';
import { listCheckIns } from '../../src/checkin/index.js';
import { DEMO_DEPARTMENTS, type DepartmentKey } from '../../src/demo/demo-data.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/demo/index.js';
import { Event } from '../../src/events/event.model.js';
import { eventTitle } from '../../src/events/index.js';
import { Department } from '../../src/institutions/department.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { rsvpUrlFor } from '../../src/invitations/index.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/mail/index.js';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { getPublishedMinutes } from '../../src/minutes/index.js';
import { listSuggestionSummaries } from '../../src/suggestions/index.js';
import { isLocale, translate, type Locale } from '../../src/web/i18n.js';
import { skipWithoutChromium, startBrowserApp, type BrowserApp } from '../helpers/browser.js';
import { localIsoDate } from '../helpers/clock.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase(import.meta.url);

const zh = (key: string, params?: Record<string, string | number>) => translate('zh', key, params);

/** What the secretary writes for each of the five agenda items of 2019, in order. */
const MINUTES: { notes: string; keyPoint: string; decision: string; action?: { text: string; department: DepartmentKey; inDays: number } }[] = [
  {
    notes: '孙立文副主任主持会议，介绍出席会议的金融机构负责人和区有关部门负责人。',
    keyPoint: '区内金融机构负责人和有关部门负责人出席',
    decision: '会议按通知议程进行',
  },
  {
    notes: '刘静局长通报 2018 年全区金融工作情况：\n\n- 全年引进金融类项目 **31 个**；\n- 全省首家政策性小额贷款公司、全市第二家科技支行落户。',
    keyPoint: '金融类项目引进数量创历年新高',
    decision: '2019 年继续将金融招商列为重点工作',
    action: { text: '将 2018 年全区金融工作情况通报送各金融机构', department: 'finance', inDays: 14 },
  },
  {
    notes: '各金融机构负责人围绕金融服务实体经济、推动新旧动能转换交流发言，就优化金融发展环境、提升金融服务质量提出建议。',
    keyPoint: '科技型中小企业融资难、融资贵仍是突出问题',
    decision: '建立银企对接常态化机制，每季度召开一次对接会',
    action: { text: '筹办第二季度银企对接会', department: 'service', inDays: 60 },
  },
  {
    notes: '韩振东主任讲话，感谢各金融机构对高新区发展的支持，要求各部门认真研究金融机构提出的意见建议。',
    keyPoint: '优化金融发展环境，提升金融服务质量',
    decision: '会上收集的意见建议逐条交办，限期答复',
    action: { text: '将意见建议逐条交办有关部门并跟踪答复', department: 'office', inDays: 30 },
  },
  {
    notes: '孙立文副主任作会议总结。',
    keyPoint: '会议达到了沟通情况、凝聚共识的目的',
    decision: '会议纪要经审定后发送各参会机构',
    action: { text: '起草并印发会议纪要', department: 'finance', inDays: 7 },
  },
];

/** The six suggestions heard during the exchange of views, and the department each is given to. The first is the one answered. */
const SUGGESTIONS: { category: string; text: string; department: DepartmentKey }[] = [
  { category: 'bank_enterprise_info', text: '建议搭建高新区企业信用信息共享平台，向金融机构开放企业纳税、社保等数据，便于开展信用贷款。', department: 'finance' },
  { category: 'sme_tech_financing', text: '建议设立科技型中小企业贷款风险补偿资金池，分担银行首贷风险。', department: 'tech' },
  { category: 'financial_products', text: '建议推动知识产权质押融资产品落地，由区里补贴评估费用。', department: 'finance' },
  { category: 'credit_structure', text: '建议定期推送重点企业融资需求清单，引导信贷投向先进制造业。', department: 'service' },
  { category: 'financial_environment', text: '建议建立政银企联席会议制度，及时协调金融机构在区内经营中遇到的问题。', department: 'office' },
  { category: 'other', text: '建议招商引资项目签约时同步引入合作银行，提前介入项目融资。', department: 'invest' },
];

const ANSWER = '财政金融局已会同区大数据中心启动企业信用信息共享平台建设，计划年内向区内金融机构开放纳税、社保数据查询。';
const SUBSTITUTE = { name: '陈立新', title: '副行长' };

/** A delegate of an accepted 2019 invitation, as the demo loader made them. */
interface Delegate {
  name: string;
  code: string;
  invitationId: string;
  institutionId: string;
  institutionShortName: string;
  locale: Locale;
}

/** What the story carries from one step to the next. */
interface Day {
  eventId: string;
  checkedIn: Delegate[];
  substituted: Delegate;
  /** The institutions present, by id: their invitations get the follow-up. */
  presentInstitutions: Set<string>;
  /** The institution (a delegate of it) each suggestion came from, in SUGGESTIONS order. */
  speakers: Delegate[];
}

describe('the 2019 symposium day, from the door to the answer, in a real browser', { skip: skipWithoutChromium }, () => {
  let b: BrowserApp;
  let worker: OutboxWorker;
  let day: Day;

  before(async () => {
    b = await startBrowserApp();
    worker = startOutboxWorker({ transport: b.app.mail.transport, from: 'Convene <convene@test.local>', pollMs: 50 });
    // The demo gives the 2019 symposium its published agenda, 26 invitations with their answers, departments and staff.
    await loadDemo();
    day = await planDay();
  });
  after(async () => {
    await worker?.stop();
    await b?.stop();
  });

  test('the secretary checks in 20 people at the door: by code, by search, and one walk-in substitute, and the desk counts 20 present', async () => {
    const page = await signIn(b, 'secretary@zone.example');
    const desk = `${b.base}/events/${day.eventId}/checkin`;
    // A second tablet on the desk, never reloaded: its counts follow the check-ins live.
    const screen = await signIn(b, 'secretary@zone.example');
    await screen.goto(desk);
    assert.equal(await screen.locator('[data-count="present"]').textContent(), '0');
    await page.goto(desk);

    const [byCode, byName, byInstitution] = [day.checkedIn.slice(0, 14), day.checkedIn.slice(14, 18), day.checkedIn[18]!];
    for (const delegate of byCode) await checkInByCode(page, delegate);
    for (const delegate of byName) await checkInBySearch(page, delegate.name, delegate);
    await checkInBySearch(page, byInstitution.institutionShortName, byInstitution);
    await checkInSubstitute(page, day.substituted);

    await screen.locator('[data-count="present"]', { hasText: /^20$/ }).waitFor({ timeout: 15_000 });
    assert.equal(await screen.locator('[data-count="walkIns"]').textContent(), '1');
    assert.equal(await screen.locator('[data-count="represented"]').textContent(), String(day.presentInstitutions.size));

    const records = await listCheckIns(day.eventId);
    assert.equal(records.length, 20);
    const walkIns = records.filter((r) => r.kind === 'walk_in');
    assert.deepEqual(
      walkIns.map((r) => ({ name: r.name, substituteFor: r.substituteFor, institutionId: r.institutionId, invitationId: r.invitationId })),
      [{ name: SUBSTITUTE.name, substituteFor: day.substituted.name, institutionId: day.substituted.institutionId, invitationId: day.substituted.invitationId }],
    );
    assert.deepEqual(new Set(records.map((r) => r.institutionId)), day.presentInstitutions);
    await page.context().close();
    await screen.context().close();
  });

  test('the secretary records the minutes of every agenda item, with an owner department for each action, and submits them for review', async () => {
    const items = await listAgendaItems(day.eventId);
    assert.equal(items.length, MINUTES.length, 'the published 2019 agenda has five items');
    const departments = await departmentIds();
    const page = await signIn(b, 'secretary@zone.example');
    const minutesUrl = `${b.base}/events/${day.eventId}/minutes`;
    for (const [i, item] of items.entries()) {
      await page.goto(minutesUrl);
      await page.locator(`#item-${item.id} a[href$="/minutes/items/${item.id}"]`).click();
      await page.waitForURL(`${minutesUrl}/items/${item.id}`);
      await writeMinutes(page, MINUTES[i]!, departments);
    }

    await page.goto(minutesUrl);
    const sections = page.locator('[data-testid="minutes-item"]');
    assert.equal(await sections.count(), MINUTES.length);
    for (const [i, entry] of MINUTES.entries()) assert.ok((await sections.nth(i).textContent())?.includes(entry.decision), `item ${i + 1} shows its decision`);
    await page.getByRole('button', { name: zh('minutes.action.submit') }).click();
    await flash(page, zh('minutes.submitted'));
    assert.equal((await page.locator('[data-testid="minutes-state"]').textContent())?.trim(), zh('minutes.state.in_review'));
    await page.context().close();
  });

  test('the secretary records six suggestions from six institutions with the quick-capture form', async () => {
    const items = await listAgendaItems(day.eventId);
    const exchange = items.find((item) => item.type === 'exchange')!;
    const page = await signIn(b, 'secretary@zone.example');
    await page.goto(`${b.base}/events/${day.eventId}/suggestions/capture`);
    for (const [i, suggestion] of SUGGESTIONS.entries()) {
      const speaker = day.speakers[i]!;
      await page.selectOption('#f-institutionId', speaker.institutionId);
      await page.fill('#f-personName', speaker.name);
      await page.selectOption('#f-agendaItemId', exchange.id);
      await page.locator('label.tile', { has: page.locator(`input[name="categoryKey"][value="${suggestion.category}"]`) }).click();
      await page.fill('#f-text', suggestion.text);
      await page.getByRole('button', { name: zh('suggestions.capture.save') }).click();
      await page.waitForURL(new RegExp(`capture\\?institutionId=${speaker.institutionId}`));
      await flash(page, zh('suggestions.capture.saved'));
    }

    const stored = await listSuggestionSummaries({ eventIds: [day.eventId] });
    assert.deepEqual(
      stored.map((s) => [s.text, s.source, s.institutionId, s.agendaItemId, s.category.key, s.status]),
      SUGGESTIONS.map((s, i) => [s.text, 'on_the_day', day.speakers[i]!.institutionId, exchange.id, s.category, 'open']),
    );
    assert.equal(new Set(stored.map((s) => s.institutionId)).size, 6, 'six different institutions');
    await page.context().close();
  });

  test('the organiser assigns the six suggestions, approves and publishes the minutes, and sends the follow-up to the attending institutions', async () => {
    const departments = await departmentIds();
    const owners = await departmentOwners();
    const page = await signIn(b, 'organiser@zone.example');
    const listUrl = `${b.base}/events/${day.eventId}/suggestions`;
    for (const suggestion of SUGGESTIONS) {
      await page.goto(listUrl);
      await page.locator('[data-testid="suggestion-row"]', { hasText: suggestion.text }).getByRole('link', { name: suggestion.text }).click();
      await page.waitForURL(/\/suggestions\/[0-9a-f]{24}$/);
      await page.selectOption('#f-departmentId', departments.get(suggestion.department)!);
      await page.selectOption('#f-ownerId', owners.get(suggestion.department)!.id);
      await page.fill('#f-dueDate', localIsoDate(30));
      await page.getByRole('button', { name: zh('suggestions.saveAssignment') }).click();
      await flash(page, zh('suggestions.assigned'));
      const shown = (await page.locator('[data-testid="suggestion-department"]').textContent()) ?? '';
      assert.ok(shown.includes(departmentNameZh(suggestion.department)) && shown.includes(owners.get(suggestion.department)!.name), shown);
    }
    const assigned = await listSuggestionSummaries({ eventIds: [day.eventId] });
    assert.deepEqual(assigned.map((s) => s.departmentId), SUGGESTIONS.map((s) => departments.get(s.department)));
    assert.ok(assigned.every((s) => s.dueDate && s.ownerName), 'each has an owner and a due date');

    await page.goto(`${b.base}/events/${day.eventId}/minutes`);
    await page.getByRole('button', { name: zh('minutes.action.approve') }).click();
    await page.locator('[data-testid="confirm-button"]').click();
    await flash(page, zh('minutes.approvedFlash'));
    await page.getByRole('button', { name: zh('minutes.action.publish') }).click();
    await page.locator('[data-testid="confirm-button"]').click();
    await flash(page, zh('minutes.publishedFlash'));
    assert.equal((await page.locator('[data-testid="minutes-state"]').textContent())?.trim(), zh('minutes.state.published'));
    await assertPublishedMinutes(day, departments);

    await page.goto(`${b.base}/events/${day.eventId}/followup`);
    assert.equal(await page.locator('[data-testid="followup-attending"] tbody tr').count(), day.presentInstitutions.size);
    await page.getByRole('button', { name: zh('records.followup.send') }).click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="send-report"]').waitFor({ timeout: 60_000 });
    const batchId = new URL(page.url()).pathname.split('/').pop()!;
    await assertFollowUpMails(b.browser, b.base, day, await deliveredMail({ batchId }));
    await page.context().close();
  });

  test('a finance bureau user answers a suggestion from the queue, the institution is emailed, and its token page shows the answer', async () => {
    const page = await signIn(b, 'finance.staff@zone.example');
    await page.goto(`${b.base}/suggestions`);
    await page.waitForURL(`${b.base}/suggestions/queue`);
    const queue = page.locator('[data-testid="suggestion-row"]');
    const financeTexts = SUGGESTIONS.filter((s) => s.department === 'finance').map((s) => s.text);
    assert.deepEqual((await queue.locator('.suggestion-text a').allTextContents()).map((t) => t.trim()).sort(), [...financeTexts].sort(), 'only the finance bureau’s suggestions');

    const first = SUGGESTIONS[0]!;
    await queue.filter({ hasText: first.text }).getByRole('link', { name: first.text }).click();
    await page.waitForURL(/\/suggestions\/[0-9a-f]{24}$/);
    const suggestionId = new URL(page.url()).pathname.split('/').pop()!;
    await page.check('input[name="status"][value="answered"]');
    await page.fill('#f-answer', ANSWER);
    await page.getByRole('button', { name: zh('suggestions.saveStatus') }).click();
    await flash(page, zh('suggestions.answeredSaved'));
    assert.equal((await page.locator('[data-testid="suggestion-status"]').textContent())?.trim(), zh('suggestions.status.answered'));
    await page.context().close();

    // The institution that made it: its answer email, and the link in it to its own token page.
    const speaker = day.speakers[0]!;
    const invitation = (await Invitation.findById(speaker.invitationId).lean())!;
    const [mail] = await deliveredMail({ batchId: `suggestion-answered:${suggestionId}` });
    assert.ok(mail);
    assert.deepEqual(addressesOf(mail.to), [invitation.recipient!.email]);
    assert.deepEqual(addressesOf(mail.cc).sort(), [...(invitation.cc ?? [])].sort());
    const event = (await Event.findById(day.eventId).lean())!;
    assert.equal(mail.subject, translate(speaker.locale, 'suggestions.email.subject', { title: eventTitle(event, speaker.locale) }));
    assert.ok(compact(mail.text).includes(compact(first.text)) && compact(mail.text).includes(compact(ANSWER)), 'the suggestion and its answer');
    const link = /https?:\/\/[^\s\]>]+\/rsvp\/[A-Za-z0-9_-]{43}\/suggestions/.exec(mail.text ?? '')?.[0];
    assert.ok(link, 'the email links to the institution’s suggestions page');
    assert.equal(link, `${await rsvpUrlFor(invitation)}/suggestions`, 'under the invitation’s live token');

    const visitor = await (await b.browser.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto(link.replace(/^https?:\/\/[^/]+/, b.base));
    const own = visitor.locator('[data-testid="own-suggestion"]', { hasText: first.text });
    assert.equal(await own.count(), 1);
    assert.ok(compact(await own.locator('[data-testid="own-answer"]').textContent()).includes(compact(ANSWER)));
    await visitor.context().close();
  });
});

/** Who comes to the door: 19 delegates of accepted invitations, and a walk-in in place of one more (a lone delegate). */
async function planDay(): Promise<Day> {
  const event = (await Event.findOne({ edition: 2019 }).lean())!;
  const invitations = await Invitation.find({ eventId: event._id, status: 'accepted', kind: 'institution' }).sort({ _id: 1 }).lean();
  const institutions = new Map((await Institution.find({ _id: { $in: invitations.map((i) => i.institutionId) } }).lean()).map((i) => [String(i._id), i]));
  const delegates: Delegate[] = invitations.flatMap((inv) =>
    inv.delegates.map((d) => ({
      name: d.name,
      code: d.checkInCode!,
      invitationId: String(inv._id),
      institutionId: String(inv.institutionId),
      institutionShortName: institutions.get(String(inv.institutionId))!.shortName,
      locale: isLocale(inv.locale) ? inv.locale : 'zh',
    })),
  );
  // Searches must find one person: names that occur once, and one institution with a single delegate left to check in.
  const unique = (d: Delegate) => delegates.filter((other) => other.name === d.name).length === 1;
  const lone = (d: Delegate) => delegates.filter((other) => other.invitationId === d.invitationId).length === 1;
  const substituted = delegates.find((d) => lone(d) && unique(d))!;
  const byInstitution = delegates.find((d) => d !== substituted && lone(d) && d.institutionShortName)!;
  const others = delegates.filter((d) => d !== substituted && d !== byInstitution);
  const searched = others.filter(unique).slice(-4);
  const typed = others.filter((d) => !searched.includes(d)).slice(0, 14);
  const checkedIn = [...typed, ...searched, byInstitution];
  assert.equal(checkedIn.length, 19, 'enough accepted delegates in the demo');
  const presentInstitutions = new Set([...checkedIn, substituted].map((d) => d.institutionId));
  // One speaker per institution, the first in Chinese (their answer email is read in zh).
  const speakers = [...new Map(checkedIn.map((d) => [d.institutionId, d])).values()].sort((a, c) => Number(c.locale === 'zh') - Number(a.locale === 'zh')).slice(0, 6);
  assert.equal(speakers.length, 6);
  return { eventId: String(event._id), checkedIn, substituted, presentInstitutions, speakers };
}

/** Sign in through the login form in a new Chinese-language browser context. */
async function signIn(b: BrowserApp, email: string): Promise<Page> {
  const page = await (await b.browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 900 } })).newPage();
  await page.goto(`${b.base}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Wait for the success flash that says this (after a post/redirect/get). */
async function flash(page: Page, text: string): Promise<void> {
  await page.locator('.flash--success', { hasText: text }).waitFor({ timeout: 15_000 });
}

async function checkInByCode(page: Page, delegate: Delegate): Promise<void> {
  await page.fill('#f-code', delegate.code.toLowerCase());
  await page.press('#f-code', 'Enter');
  await flash(page, zh('checkin.checkedIn', { name: delegate.name }));
}

async function checkInBySearch(page: Page, query: string, delegate: Delegate): Promise<void> {
  await page.fill('#f-q', query);
  await page.press('#f-q', 'Enter');
  const row = page.locator('[data-testid="checkin-results"] [data-testid="checkin-person"]', { hasText: delegate.name });
  await row.getByRole('button', { name: zh('checkin.checkInPerson', { name: delegate.name }) }).click();
  await flash(page, zh('checkin.checkedIn', { name: delegate.name }));
}

/** The registered delegate did not come: someone else is checked in as a walk-in in their place. */
async function checkInSubstitute(page: Page, absent: Delegate): Promise<void> {
  await page.fill('#f-q', absent.name);
  await page.press('#f-q', 'Enter');
  const row = page.locator('[data-testid="checkin-results"] [data-testid="checkin-person"]', { hasText: absent.name });
  await row.getByRole('link', { name: zh('checkin.someoneElse') }).click();
  await page.waitForURL(/\/checkin\/walk-in\?substituteFor=/);
  assert.equal(await page.locator('#f-substituteFor').inputValue(), absent.code);
  assert.equal(await page.locator('#f-institutionId').inputValue(), absent.institutionId);
  await page.fill('#f-name', SUBSTITUTE.name);
  await page.fill('#f-title', SUBSTITUTE.title);
  await page.getByRole('button', { name: zh('checkin.walkIn.submit') }).click();
  await flash(page, zh('checkin.checkedIn', { name: SUBSTITUTE.name }));
}

/** Fill one item's minutes and press Save (the autosave may have saved part of it already; Save waits for it). */
async function writeMinutes(page: Page, entry: (typeof MINUTES)[number], departments: Map<DepartmentKey, string>): Promise<void> {
  await page.fill('#f-notes', entry.notes);
  await page.fill('#f-keyPoints', entry.keyPoint);
  await page.fill('#f-decisions', entry.decision);
  if (entry.action) {
    await page.fill('input[name="actions[0][text]"]', entry.action.text);
    await page.selectOption('select[name="actions[0][departmentId]"]', departments.get(entry.action.department)!);
    await page.fill('input[name="actions[0][dueDate]"]', localIsoDate(entry.action.inDays));
  }
  await page.getByRole('button', { name: zh('common.save'), exact: true }).click();
  await flash(page, zh('minutes.saved'));
}

/** The published version: every item as written, the action owners, and the attendance taken from the check-in. */
async function assertPublishedMinutes(day: Day, departments: Map<DepartmentKey, string>): Promise<void> {
  const minutes = await getPublishedMinutes(day.eventId);
  assert.ok(minutes, 'version 1 is published');
  assert.equal(minutes.version, 1);
  assert.deepEqual(
    minutes.items.map((item) => ({ keyPoints: item.keyPoints, decisions: item.decisions, actions: item.actions.map((a) => [a.text, a.departmentId]) })),
    MINUTES.map((m) => ({ keyPoints: [m.keyPoint], decisions: [m.decision], actions: m.action ? [[m.action.text, departments.get(m.action.department)]] : [] })),
  );
  assert.deepEqual(minutes.items.map((item) => item.notes), MINUTES.map((m) => m.notes));
  assert.deepEqual(new Set(minutes.attendance.institutions.map((i) => i.id)), day.presentInstitutions);
  const substitutes = minutes.attendance.institutions.find((i) => i.id === day.substituted.institutionId)!;
  assert.ok(substitutes.people.some((person) => person.includes(SUBSTITUTE.name)), 'the walk-in substitute is in the attendance');
}

/** One follow-up per attending institution, none to the absent, each in its language, listing the six suggestions; its minutes link works. */
async function assertFollowUpMails(browser: Browser, base: string, day: Day, mails: ParsedMail[]): Promise<void> {
  const invitations = await Invitation.find({ institutionId: { $in: [...day.presentInstitutions] }, eventId: day.eventId }).lean();
  assert.equal(invitations.length, day.presentInstitutions.size);
  assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), invitations.map((i) => i.recipient!.email).sort(), 'the attending institutions, and no absent one');
  const event = (await Event.findById(day.eventId).lean())!;
  for (const invitation of invitations) {
    const locale: Locale = isLocale(invitation.locale) ? invitation.locale : 'zh';
    const mail = mails.find((m) => addressesOf(m.to).includes(invitation.recipient!.email))!;
    const title = eventTitle(event, locale);
    assert.equal(mail.subject, translate(locale, 'records.followup.email.subject', { title }));
    const text = compact(mail.text);
    assert.ok(text.includes(compact(translate(locale, 'records.followup.email.thanks', { title }))), `thanks for coming (${locale})`);
    for (const s of SUGGESTIONS) assert.ok(text.includes(compact(s.text)), `lists “${s.text.slice(0, 12)}…” (${locale})`);
    if (locale === 'zh') for (const s of SUGGESTIONS) assert.ok(text.includes(departmentNameZh(s.department)), 'with its department');
  }
  // The institution follows its link to the published minutes.
  const mail = mails.find((m) => addressesOf(m.to).includes(invitations[0]!.recipient!.email))!;
  const docx = /https?:\/\/[^\s\]>]+\/rsvp\/[A-Za-z0-9_-]{43}\/minutes\.docx/.exec(mail.text ?? '')?.[0];
  assert.ok(docx, 'the follow-up links to the minutes (DOCX)');
  const visitor = await browser.newContext();
  const res = await visitor.request.get(docx.replace(/^https?:\/\/[^/]+/, base));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /wordprocessingml/);
  assert.equal((await res.body()).subarray(0, 2).toString(), 'PK', 'a DOCX is a zip');
  await visitor.close();
}

/** Every message queued under this filter, once the embedded SMTP server has caught them all, parsed. */
async function deliveredMail(filter: { batchId: string }, timeoutMs = 30_000): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = (await OutboxMessage.find(filter).lean()).map((m) => m.messageId);
    const caught = ids.length ? await CapturedMail.find({ messageId: { $in: ids } }) : [];
    if (ids.length && caught.length === ids.length) return Promise.all(caught.map((c) => simpleParser(c.raw)));
    if (Date.now() > deadline) throw new Error(`${caught.length} of ${ids.length} messages of ${filter.batchId} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function departmentIds(): Promise<Map<DepartmentKey, string>> {
  const docs = await Department.find({ nameZh: { $in: DEMO_DEPARTMENTS.map((d) => d.nameZh) } }).lean();
  return new Map(DEMO_DEPARTMENTS.map((d) => [d.key, String(docs.find((doc) => doc.nameZh === d.nameZh)!._id)]));
}

/** Each department's demo staff user (`<key>.staff@zone.example`), who owns what is given to it. */
async function departmentOwners(): Promise<Map<DepartmentKey, { id: string; name: string }>> {
  const users = await User.find({ email: { $in: DEMO_DEPARTMENTS.map((d) => `${d.key}.staff@zone.example`) } }).lean();
  return new Map(DEMO_DEPARTMENTS.map((d) => {
    const user = users.find((u) => u.email === `${d.key}.staff@zone.example`)!;
    return [d.key, { id: String(user._id), name: user.name }];
  }));
}

const departmentNameZh = (key: DepartmentKey) => DEMO_DEPARTMENTS.find((d) => d.key === key)!.nameZh;

/** A day `days` from now as a date field takes it. */

/** Text without whitespace: the text part of a message is wrapped, and Chinese has no spaces to wrap at. */
const compact = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');

/** The addresses a header names. */
function addressesOf(field: ParsedMail['to'] | ParsedMail['cc']): string[] {
  if (!field) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? ''));
}
