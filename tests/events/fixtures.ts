import { createEvent, createSeries, type Actor, type EventInput } from '../../src/events/index.js';

/** Who the service-level tests act as. */
export const organiser: Actor = { id: '000000000000000000000001', email: 'organiser@test.local' };

/** The model case's times: Friday 12 April 2019, 09:30–11:30 in Qingdao (UTC+8). */
export const SYMPOSIUM_2019 = {
  startsAt: new Date('2019-04-12T01:30:00.000Z'),
  endsAt: new Date('2019-04-12T03:30:00.000Z'),
  rsvpDeadline: new Date('2019-04-08T09:00:00.000Z'),
};

/** A draft event of the model case, with any facts overridden. */
export function makeEvent(overrides: Partial<EventInput> = {}) {
  return createEvent(
    {
      titleZh: '2019年度金融工作座谈会',
      titleEn: 'Annual symposium on financial work 2019',
      timezone: 'Asia/Shanghai',
      venue: { name: '高新区管委会', room: '第一会议室', address: '青岛市高新区', mapUrl: 'https://map.example.com/qnhidz' },
      descriptionZh: '交流金融服务实体经济的意见建议。',
      ...SYMPOSIUM_2019,
      ...overrides,
    },
    organiser,
  );
}

/** A new series with a unique name. */
export function makeSeries(nameZh = `年度金融工作座谈会 ${Math.random().toString(36).slice(2, 8)}`) {
  return createSeries({ nameZh, nameEn: 'Annual symposium on financial work' }, organiser);
}
