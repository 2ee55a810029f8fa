import type { EventRecord, PublishedMinutes } from '../../src/records/neighbours.js';

/** The 2019 symposium as a plain event record (no database needed for pure tests). */
export function symposiumEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    _id: '5c9a1f0000000000000000aa',
    titleZh: '2019年度金融工作座谈会',
    titleEn: '2019 Annual Symposium on Financial Work',
    startsAt: new Date('2019-04-12T01:30:00.000Z'),
    endsAt: new Date('2019-04-12T03:30:00.000Z'),
    timezone: 'Asia/Shanghai',
    venue: { name: '高新区管委会', room: '第一会议室', address: '', mapUrl: '' },
    zoneParticipants: [
      { _id: 'p1', name: '商立群', title: '工委副书记、管委主任', email: '', role: 'host' },
      { _id: 'p2', name: '文武', title: '管委副主任', email: '', role: 'chair' },
    ],
    ...overrides,
  } as unknown as EventRecord;
}

/** Published minutes of two items, the first with Markdown notes, key points, a decision and an action. */
export function publishedMinutes(overrides: Partial<PublishedMinutes> = {}): PublishedMinutes {
  return {
    eventId: '5c9a1f0000000000000000aa',
    version: 2,
    publishedAt: new Date('2019-04-15T02:00:00.000Z'),
    approvedBy: '文武',
    attendance: {
      institutions: [
        { id: 'i1', name: { zh: '中国银行青岛高新区支行', en: 'Bank of China, High-tech Zone Sub-branch' }, people: ['张三', '李四'] },
        { id: 'i2', name: { zh: '青岛银行科技支行', en: 'Bank of Qingdao Technology Branch' }, people: ['王五'] },
      ],
      departments: [{ id: 'd1', name: { zh: '财政金融局', en: 'Finance Bureau' }, people: ['赵六'] }],
      others: ['记者 孙七'],
    },
    items: [
      {
        agendaItemId: 'a2',
        order: 2,
        title: { zh: '金融机构交流发言', en: 'Exchange of views by the institutions' },
        startsAt: new Date('2019-04-12T01:45:00.000Z'),
        speakers: ['张三', '王五'],
        notes: '与会机构围绕**信贷结构**交流。\n\n- 科技企业融资难\n- 信息不对称',
        keyPoints: ['优化信贷结构'],
        decisions: ['建立银企对接机制'],
        actions: [{ text: '整理银企对接名单', departmentId: 'd1', departmentName: { zh: '财政金融局', en: 'Finance Bureau' }, dueDate: new Date('2019-05-31T00:00:00.000Z') }],
      },
      {
        agendaItemId: 'a1',
        order: 1,
        title: { zh: '开幕致辞', en: 'Opening address' },
        startsAt: new Date('2019-04-12T01:30:00.000Z'),
        speakers: ['商立群'],
        notes: '',
        keyPoints: [],
        decisions: [],
        actions: [],
      },
    ],
    ...overrides,
  };
}
