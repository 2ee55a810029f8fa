import { DateTime } from 'luxon';
import type { Bilingual } from './neighbours.js';

// A first draft of the news summary, worded from facts in the database in the shape of the zone's own
// news items (see docs/records.md): who convened and addressed, who attended, what was raised, the
// figures, then who else attended. The organiser always edits it before publishing.

/** A zone leader, speaker or guest, named with their title (and organisation for speakers). */
export interface NewsPerson {
  name: string;
  title: string;
  organisation?: string;
}

/** What the draft is written from. */
export interface NewsFacts {
  title: Bilingual;
  startsAt: Date;
  timezone: string;
  venue: string;
  /** Zone participants who host the event and address it. */
  hosts: NewsPerson[];
  /** Zone participants who chair it. */
  chairs: NewsPerson[];
  /** Agenda speakers who are neither hosts nor chairs. */
  speakers: NewsPerson[];
  /** Zone participants attending as guests of honour. */
  guests: NewsPerson[];
  /** Institutions present (from check-in). */
  institutionCount: number;
  /** Departments present (from check-in). */
  departments: Bilingual[];
  /** Suggestion categories with how many suggestions each, most first. */
  themes: { name: Bilingual; count: number }[];
  suggestionCount: number;
  /** Lines the organiser typed, e.g. "2018年全年共引进金融类项目31个". */
  figures: string[];
}

/** A draft in one language: a headline and a Markdown body of short paragraphs. */
export interface NewsDraft {
  title: string;
  body: string;
}

const zhName = (p: NewsPerson) => `${p.title}${p.name}`;
const enName = (p: NewsPerson) => (p.title ? `${p.name}, ${p.title}` : p.name);
const zhList = (items: string[]) => items.join('、');
const stripEnd = (line: string) => line.trim().replace(/[。．.；;，,]+$/u, '');

function enList(items: string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The draft in Chinese. */
export function draftNewsZh(facts: NewsFacts): NewsDraft {
  const date = DateTime.fromJSDate(facts.startsAt, { zone: facts.timezone }).toFormat('yyyy年M月d日');
  const title = facts.title.zh;
  const opening = [`${date}，${title}${facts.venue ? `在${facts.venue}` : ''}召开。`];
  if (facts.hosts.length) opening.push(`${zhList(facts.hosts.map(zhName))}出席会议并讲话。`);
  if (facts.chairs.length) opening.push(`${zhList(facts.chairs.map(zhName))}主持会议。`);
  const departments = facts.departments.length ? `${zhList(facts.departments.map((d) => d.zh))}等部门负责同志和` : '区有关部门负责同志和';
  const paragraphs = [opening.join(''), `${departments}${facts.institutionCount}家金融机构负责人参加会议。`];
  if (facts.speakers.length) paragraphs.push(`会上，${zhList(facts.speakers.map((s) => `${s.organisation ?? ''}${s.name}`))}先后作交流发言。`);
  if (facts.suggestionCount) {
    const themes = facts.themes.map((t) => `${t.name.zh}（${t.count}条）`);
    paragraphs.push(`与会人员围绕金融服务实体经济交流了意见，共提出意见建议${facts.suggestionCount}条，主要涉及${zhList(themes)}等方面。`);
  }
  if (facts.figures.length) paragraphs.push(`据了解，${facts.figures.map(stripEnd).join('；')}。`);
  if (facts.guests.length) paragraphs.push(`${zhList(facts.guests.map((g) => g.name))}出席会议。`);
  return { title: `${title}召开`, body: paragraphs.join('\n\n') };
}

/** The draft in English. */
export function draftNewsEn(facts: NewsFacts): NewsDraft {
  const date = DateTime.fromJSDate(facts.startsAt, { zone: facts.timezone }).setLocale('en-GB').toFormat('d MMMM yyyy');
  const title = facts.title.en || facts.title.zh;
  const opening = [`The ${title} was held${facts.venue ? ` at ${facts.venue}` : ''} on ${date}.`];
  if (facts.hosts.length) opening.push(`${enList(facts.hosts.map(enName))} attended and addressed the meeting.`);
  if (facts.chairs.length) opening.push(`The meeting was chaired by ${enList(facts.chairs.map(enName))}.`);
  const departments = facts.departments.length ? `relevant departments (${enList(facts.departments.map((d) => d.en || d.zh))})` : 'relevant departments';
  const paragraphs = [opening.join(' '), `Heads of ${departments} and of ${facts.institutionCount} financial institutions attended the meeting.`];
  if (facts.speakers.length) paragraphs.push(`${enList(facts.speakers.map((s) => (s.organisation ? `${s.name} (${s.organisation})` : s.name)))} spoke at the meeting.`);
  if (facts.suggestionCount) {
    const themes = facts.themes.map((t) => `${t.name.en || t.name.zh} (${t.count})`);
    paragraphs.push(`Participants exchanged views on how finance can serve the real economy and put forward ${facts.suggestionCount} suggestions, mainly on ${enList(themes)}.`);
  }
  if (facts.figures.length) paragraphs.push(`It is reported that ${facts.figures.map(stripEnd).join('; ')}.`);
  if (facts.guests.length) paragraphs.push(`${enList(facts.guests.map((g) => g.name))} attended the meeting.`);
  return { title: `${title} convened`, body: paragraphs.join('\n\n') };
}

/** Suggestion categories with their counts, most frequent first (ties by Chinese name). */
export function themesOf(categories: readonly { key: string; name: Bilingual }[]): { name: Bilingual; count: number }[] {
  const counts = new Map<string, { name: Bilingual; count: number }>();
  for (const category of categories) {
    const entry = counts.get(category.key) ?? { name: category.name, count: 0 };
    entry.count += 1;
    counts.set(category.key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.zh.localeCompare(b.name.zh, 'zh'));
}
