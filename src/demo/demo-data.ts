// The model case, everything but the institutions (see demo-institutions.ts): a fictional zone,
// "蓝湾高新区", its departments, leaders and staff, and its annual symposium on financial work.
// Every name, address, email and phone number here is invented.
import type { ParticipantRole } from '../events/index.js';
import type { Role } from '../web/access.js';

/** The password of every demo staff user: for demonstrations only, never on a real installation. */
export const DEMO_PASSWORD = 'convene-demo-2019';

/** The zone's time zone; the demo events are held there. */
export const DEMO_TIMEZONE = 'Asia/Shanghai';

/** The recurring event; its Chinese name is the stable key of the demo. */
export const DEMO_SERIES = { nameZh: '年度金融工作座谈会', nameEn: 'Annual symposium on financial work' };

/** Keys tying departments to their staff and leaders inside the fixture. */
export type DepartmentKey = 'finance' | 'tech' | 'invest' | 'service' | 'office';

/** A zone department of the fixture. */
export interface DemoDepartment {
  key: DepartmentKey;
  nameZh: string;
  nameEn: string;
  shortName: string;
  email: string;
  head: { name: string; title: string; email: string };
}

/** The zone's departments. */
export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    key: 'finance', nameZh: '财政金融局', nameEn: 'Finance Bureau', shortName: '财金局', email: 'finance@zone.example',
    head: { name: '刘静', title: '局长', email: 'liu.jing@zone.example' },
  },
  {
    key: 'tech', nameZh: '科技创新局', nameEn: 'Science and Technology Innovation Bureau', shortName: '科创局', email: 'tech@zone.example',
    head: { name: '郑海涛', title: '局长', email: 'zheng.haitao@zone.example' },
  },
  {
    key: 'invest', nameZh: '招商局', nameEn: 'Investment Promotion Bureau', shortName: '招商局', email: 'invest@zone.example',
    head: { name: '马晓峰', title: '局长', email: 'ma.xiaofeng@zone.example' },
  },
  {
    key: 'service', nameZh: '企业服务中心', nameEn: 'Enterprise Service Centre', shortName: '企服中心', email: 'service@zone.example',
    head: { name: '林雪', title: '主任', email: 'lin.xue@zone.example' },
  },
  {
    key: 'office', nameZh: '管委办公室', nameEn: 'Office of the Management Committee', shortName: '管委办', email: 'office@zone.example',
    head: { name: '何建国', title: '主任', email: 'he.jianguo@zone.example' },
  },
];

/** A staff user of the fixture; all share DEMO_PASSWORD. */
export interface DemoStaffUser {
  email: string;
  name: string;
  role: Role;
  department?: DepartmentKey;
}

/** Staff who sign in: the organiser, the secretary and one user per department. */
export const DEMO_STAFF: DemoStaffUser[] = [
  { email: 'organiser@zone.example', name: '赵敏', role: 'organiser' },
  { email: 'secretary@zone.example', name: '王晓雯', role: 'secretary' },
  { email: 'finance.staff@zone.example', name: '陈晨', role: 'department', department: 'finance' },
  { email: 'tech.staff@zone.example', name: '吴昊', role: 'department', department: 'tech' },
  { email: 'invest.staff@zone.example', name: '黄蕾', role: 'department', department: 'invest' },
  { email: 'service.staff@zone.example', name: '周航', role: 'department', department: 'service' },
  { email: 'office.staff@zone.example', name: '许宁', role: 'department', department: 'office' },
];

/** A zone leader or staff member taking part in an event. */
export interface DemoZoneParticipant {
  name: string;
  title: string;
  email: string;
  role: ParticipantRole;
  department?: DepartmentKey;
}

/** The zone's side of the symposium: the director hosts, the deputy director chairs. */
export const DEMO_ZONE_PARTICIPANTS: DemoZoneParticipant[] = [
  { name: '韩振东', title: '工委副书记、管委会主任', email: 'han.zhendong@zone.example', role: 'host' },
  { name: '孙立文', title: '管委会副主任', email: 'sun.liwen@zone.example', role: 'chair' },
  { name: '刘静', title: '财政金融局局长', email: 'liu.jing@zone.example', role: 'speaker', department: 'finance' },
  { name: '郑海涛', title: '科技创新局局长', email: 'zheng.haitao@zone.example', role: 'attendee', department: 'tech' },
  { name: '马晓峰', title: '招商局局长', email: 'ma.xiaofeng@zone.example', role: 'attendee', department: 'invest' },
  { name: '林雪', title: '企业服务中心主任', email: 'lin.xue@zone.example', role: 'attendee', department: 'service' },
  { name: '何建国', title: '管委办公室主任', email: 'he.jianguo@zone.example', role: 'attendee', department: 'office' },
  { name: '王晓雯', title: '财政金融局科员', email: 'secretary@zone.example', role: 'secretary', department: 'finance' },
];

/** Where both editions take place. */
export const DEMO_VENUE = {
  name: '蓝湾高新区管理委员会大楼',
  address: '蓝湾高新区汇智路 1 号',
  room: '三楼 301 会议室',
  mapUrl: 'https://map.zone.example/management-committee',
};

/** Whom institutions call with questions. */
export const DEMO_ORGANISER_CONTACT = { name: '赵敏', email: 'finance@zone.example', phone: '0532-8890-1001' };

/** The 2019 edition, as reported: local times in DEMO_TIMEZONE. */
export const DEMO_2019 = {
  edition: 2019,
  startsAt: '2019-04-12T09:30',
  endsAt: '2019-04-12T11:30',
  rsvpDeadline: '2019-04-08T17:00',
  invitationsSentAt: '2019-03-29T10:00',
  descriptionZh:
    '蓝湾高新区召开二〇一九年度金融工作座谈会。区内 26 家金融机构负责人和有关部门参加，围绕金融服务实体经济、推动新旧动能转换交流意见，并就优化金融发展环境、提升金融服务质量提出建议。',
  descriptionEn:
    'The zone meets the heads of its 26 financial institutions to discuss how finance can serve the real economy and the shift to new drivers of growth, and to hear their suggestions on the financial environment and the quality of financial services.',
};

/** The next edition's texts; its date is set at load time, a few weeks ahead. */
export const DEMO_NEXT = {
  weeksAhead: 3,
  descriptionZh: '总结本年度金融服务实体经济情况，听取金融机构对破解科技型中小企业融资难、融资贵问题的意见和建议。',
  descriptionEn:
    "A review of the year's financing of the real economy, and the institutions' suggestions on making credit easier and cheaper for small technology enterprises.",
};

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** A year in Chinese numerals, as official titles write it: 2019 → 二〇一九. */
export function chineseYear(year: number): string {
  return [...String(year)].map((digit) => CHINESE_DIGITS[Number(digit)]).join('');
}

/** An edition's titles: "二〇一九年度金融工作座谈会" / "2019 Annual Symposium on Financial Work". */
export function editionTitles(year: number): { titleZh: string; titleEn: string } {
  return { titleZh: `${chineseYear(year)}${DEMO_SERIES.nameZh}`, titleEn: `${year} Annual Symposium on Financial Work` };
}

/** One item of the 2019 agenda: minutes from the start, speakers by name as the roster has them. */
export interface DemoAgendaItem {
  type: 'opening_address' | 'address' | 'report' | 'exchange' | 'qa' | 'closing';
  titleZh: string;
  titleEn: string;
  durationMinutes: number;
  speakers: { name: string; title: string; organisation: string }[];
  description: string;
}

const ZONE = '蓝湾高新区管委会';

/** The 2019 symposium's two hours, as the news report tells them: the deputy director chairs, the director closes. */
export const DEMO_AGENDA_2019: DemoAgendaItem[] = [
  { type: 'opening_address', titleZh: '主持人开场，介绍与会人员', titleEn: 'Opening by the chair; introduction of participants', durationMinutes: 10, speakers: [{ name: '孙立文', title: '管委会副主任', organisation: ZONE }], description: '' },
  { type: 'report', titleZh: '2018 年全区金融工作情况通报', titleEn: 'Report on the financial work of the zone in 2018', durationMinutes: 15, speakers: [{ name: '刘静', title: '财政金融局局长', organisation: ZONE }], description: '全年引进金融类项目 31 个；全省首家政策性小额贷款公司、全市第二家科技支行落户。' },
  { type: 'exchange', titleZh: '金融机构负责人交流发言', titleEn: 'Exchange of views: heads of the financial institutions', durationMinutes: 60, speakers: [], description: '围绕金融服务实体经济、推动新旧动能转换交流意见，就优化金融发展环境、提升金融服务质量提出建议。' },
  { type: 'address', titleZh: '管委会主任讲话', titleEn: 'Address by the director of the management committee', durationMinutes: 25, speakers: [{ name: '韩振东', title: '工委副书记、管委会主任', organisation: ZONE }], description: '' },
  { type: 'closing', titleZh: '会议总结', titleEn: 'Closing', durationMinutes: 10, speakers: [{ name: '孙立文', title: '管委会副主任', organisation: ZONE }], description: '' },
];
