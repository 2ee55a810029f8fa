// Ten years of a busy zone, written straight into the collections through the models (so defaults and
// validation apply): BENCH_EVENTS events in 10 series, and per event its share of invitations, check-ins,
// suggestions and outbox messages. The last event is today's, with accepted invitations whose codes the
// desk can scan and whose RSVP links the bench opens.
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { Event } from '../../src/events/event.model.js';
import { Series } from '../../src/events/series.model.js';
import { Department } from '../../src/institutions/department.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { RsvpToken } from '../../src/invitations/rsvp-token.model.js';
import { deriveRsvpToken } from '../../src/invitations/tokens.service.js';
import { newCheckInCode } from '../../src/invitations/answer.js';
import { CheckIn } from '../../src/checkin/checkin.model.js';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { OutboxBody, OutboxMessage } from '../../src/mail/outbox.model.js';

/** How much history to write. */
export interface HistorySize {
  events: number;
  invitations: number;
  checkIns: number;
  suggestions: number;
  outbox: number;
}

/** What the bench needs to reach afterwards. */
export interface SeededHistory {
  todayId: string;
  seriesIds: string[];
  /** RSVP links (the token in the email) of today's event. */
  links: string[];
  /** Check-in codes of today's delegates, none scanned yet. */
  codes: string[];
}

const DAY = 86_400_000;
const SERIES = 10;
const INSTITUTIONS = 200;
const DEPARTMENTS = 12;

/** Insert in slices of 1,000, as an import would. */
async function insertAll(model: mongoose.Model<never>, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) await model.insertMany(docs.slice(i, i + 1000) as never[]);
}

/** Write the history; `now` is the instant today's event starts. */
export async function seedHistory(size: HistorySize, now = new Date()): Promise<SeededHistory> {
  const series = await Series.insertMany(Array.from({ length: SERIES }, (_, i) => ({ nameZh: `系列${i + 1}：金融工作座谈会`, nameEn: `Series ${i + 1}` })));
  const departments = await Department.insertMany(Array.from({ length: DEPARTMENTS }, (_, i) => ({ nameZh: `部门${i + 1}`, nameEn: `Department ${i + 1}` })));
  const institutions = await Institution.insertMany(
    Array.from({ length: INSTITUTIONS }, (_, i) => ({
      nameZh: `测试银行第${i}支行`, nameEn: `Test Bank Branch ${i}`, type: 'bank',
      contacts: [{ name: `联系人${i}`, email: `contact${i}@bank${i}.example`, primary: true }],
    })),
  );
  // Events every ~12 days back over ten years, the last one now.
  const events = Array.from({ length: size.events }, (_, e) => {
    const startsAt = new Date(now.getTime() - (size.events - 1 - e) * 12 * DAY);
    const today = e === size.events - 1;
    return {
      _id: new mongoose.Types.ObjectId(), seriesId: series[e % SERIES]!._id, titleZh: `金融工作座谈会 第${e + 1}期`, titleEn: `Symposium no. ${e + 1}`,
      startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), timezone: 'Asia/Shanghai', status: today ? 'scheduled' : 'closed',
      rsvpDeadline: new Date(startsAt.getTime() + (today ? 7 * DAY : -7 * DAY)), venue: { name: '管委会大楼', room: '301', address: '高新区汇智路 1 号' },
    };
  });
  await insertAll(Event as never, events);

  const perEvent = Math.ceil(size.invitations / size.events);
  const invitations: object[] = [];
  const tokens: object[] = [];
  const today = { todayId: String(events.at(-1)!._id), seriesIds: series.map((s) => String(s._id)), links: [] as string[], codes: [] as string[] };
  const pastCodes: Array<{ eventId: mongoose.Types.ObjectId; code: string; invitationId: mongoose.Types.ObjectId }> = [];
  for (let i = 0; i < size.invitations; i += 1) {
    const event = events[Math.min(events.length - 1, Math.floor(i / perEvent))]!;
    const institution = institutions[i % perEvent % INSTITUTIONS]!;
    const _id = new mongoose.Types.ObjectId();
    const link = deriveRsvpToken(String(_id), 0);
    const status = (['accepted', 'accepted', 'declined', 'tentative', 'pending'] as const)[i % 5];
    const delegates = status === 'accepted' || status === 'tentative' ? ['行长', '副行长'].map((title, d) => ({ name: `${title}${i}-${d}`, title, checkInCode: newCheckInCode() })) : [];
    invitations.push({
      _id, eventId: event._id, kind: 'institution', institutionId: institution._id, inviteeKey: `institution:${institution._id}`, tokenHash: link.hash,
      recipient: { name: `联系人${i}`, email: `contact${i}@bank.example`, organisation: institution.nameZh }, locale: 'zh', status,
      respondedAt: status === 'pending' ? undefined : event.startsAt, delegates,
    });
    tokens.push({ _id: link.hash, invitationId: _id, eventId: event._id, institutionId: institution._id });
    if (event === events.at(-1)) {
      today.links.push(link.token);
      today.codes.push(...delegates.map((d) => d.checkInCode));
    } else for (const d of delegates) pastCodes.push({ eventId: event._id, code: d.checkInCode, invitationId: _id });
  }
  await insertAll(Invitation as never, invitations);
  await insertAll(RsvpToken as never, tokens);

  const actor = { id: new mongoose.Types.ObjectId().toHexString(), name: '王秘书', email: 'wang@zone.example' };
  await insertAll(
    CheckIn as never,
    // Spread over every past event, as years of check-ins are.
    pastCodes.filter((_, i) => i % Math.max(1, Math.floor(pastCodes.length / size.checkIns)) === 0).slice(0, size.checkIns).map(({ eventId, code, invitationId }) => ({
      _id: `${eventId}:code:${code}`, eventId, kind: 'delegate', name: code, checkInCode: code, invitationId, checkedInAt: new Date(), checkedInBy: actor,
    })),
  );
  await insertAll(
    Suggestion as never,
    Array.from({ length: size.suggestions }, (_, i) => ({
      eventId: events[i % events.length]!._id, source: 'on_the_day', institutionId: institutions[i % INSTITUTIONS]!._id, categoryKey: 'credit_structure',
      text: `建议${i}：加大对科技型中小企业的信贷支持力度，完善风险补偿机制。`, departmentId: departments[i % DEPARTMENTS]!._id,
      status: (['open', 'accepted', 'in_progress', 'answered', 'declined'] as const)[i % 5], dueDate: new Date(now.getTime() + ((i % 60) - 30) * DAY),
      createdBy: { kind: 'user', id: actor.id, name: actor.name },
    })),
  );
  const messages = Array.from({ length: size.outbox }, (_, i) => ({
    _id: new mongoose.Types.ObjectId(), eventId: events[i % events.length]!._id, kind: 'invitation', template: 'invitation', locale: 'zh',
    to: [{ name: `联系人${i}`, email: `contact${i}@bank.example` }], subject: `邀请函 ${i}`, messageId: `<bench-${i}-${randomBytes(4).toString('hex')}@zone.example>`,
    status: 'sent', sentAt: new Date(now.getTime() - (i % 3650) * DAY),
  }));
  await insertAll(OutboxMessage as never, messages);
  await insertAll(OutboxBody as never, messages.map((m) => ({ _id: m._id, text: '尊敬的…'.repeat(40), html: `<p>${'尊敬的…'.repeat(80)}</p>` })));
  return today;
}
