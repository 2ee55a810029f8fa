import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, formatDeadline, formatRange, formatSpreadsheetDateTime, formatTime, readerZone, zoneLabel } from '../../src/web/dates.js';
import type { Locale } from '../../src/web/i18n.js';

// Monday 28 December 2026, 09:30–11:30 in Shanghai; the reader is in Shanghai (DEFAULT_TIMEZONE).
const start = new Date('2026-12-28T01:30:00Z');
const end = new Date('2026-12-28T03:30:00Z');
const nextDay = new Date('2026-12-29T03:30:00Z');
const deadline = new Date('2026-12-20T10:00:00Z');
const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

type Kind = 'date' | 'time' | 'range within a day' | 'range over days' | 'deadline' | 'another zone' | 'another zone over days';

const format: Record<Kind, (locale: Locale) => string> = {
  date: (l) => formatDate(start, SHANGHAI, l),
  time: (l) => formatTime(start, SHANGHAI, l),
  'range within a day': (l) => formatRange(start, end, SHANGHAI, l),
  'range over days': (l) => formatRange(start, nextDay, SHANGHAI, l),
  deadline: (l) => formatDeadline(deadline, SHANGHAI, l),
  'another zone': (l) => formatDateTime(start, NEW_YORK, l),
  'another zone over days': (l) => formatRange(start, nextDay, NEW_YORK, l),
};

const expected: Record<Locale, Record<Kind, string>> = {
  zh: {
    date: '2026年12月28日（星期一）',
    time: '09:30',
    'range within a day': '2026年12月28日（星期一）09:30–11:30',
    'range over days': '2026年12月28日（星期一）09:30 至 2026年12月29日（星期二）11:30',
    deadline: '2026年12月20日（星期日）18:00',
    'another zone': '2026年12月27日（星期日）20:30（北美东部时间）',
    'another zone over days': '2026年12月27日（星期日）20:30 至 2026年12月28日（星期一）22:30（北美东部时间）',
  },
  en: {
    date: 'Monday 28 December 2026',
    time: '09:30',
    'range within a day': 'Monday 28 December 2026, 09:30–11:30',
    'range over days': 'Monday 28 December 2026, 09:30 – Tuesday 29 December 2026, 11:30',
    deadline: 'Sunday 20 December 2026, 18:00',
    'another zone': 'Sunday 27 December 2026, 20:30 (Eastern Time)',
    'another zone over days': 'Sunday 27 December 2026, 20:30 – Monday 28 December 2026, 22:30 (Eastern Time)',
  },
  ko: {
    date: '2026년 12월 28일 (월)',
    time: '09:30',
    'range within a day': '2026년 12월 28일 (월) 09:30~11:30',
    'range over days': '2026년 12월 28일 (월) 09:30 ~ 2026년 12월 29일 (화) 11:30',
    deadline: '2026년 12월 20일 (일) 18:00',
    'another zone': '2026년 12월 27일 (일) 20:30 (미 동부 시간)',
    'another zone over days': '2026년 12월 27일 (일) 20:30 ~ 2026년 12월 28일 (월) 22:30 (미 동부 시간)',
  },
  ja: {
    date: '2026年12月28日（月）',
    time: '9:30',
    'range within a day': '2026年12月28日（月）9:30～11:30',
    'range over days': '2026年12月28日（月）9:30～2026年12月29日（火）11:30',
    deadline: '2026年12月20日（日）18:00',
    'another zone': '2026年12月27日（日）20:30（米国東部時間）',
    'another zone over days': '2026年12月27日（日）20:30～2026年12月28日（月）22:30（米国東部時間）',
  },
};

describe('dates, times and ranges for people', () => {
  test('when the reader is in the office’s zone, then it is Shanghai, as the tests configure it', () => {
    assert.equal(readerZone(), SHANGHAI);
  });

  for (const locale of Object.keys(expected) as Locale[]) {
    for (const kind of Object.keys(format) as Kind[]) {
      test(`when a ${kind} is written in ${locale}, then it reads “${expected[locale][kind]}”`, () => {
        assert.equal(format[kind](locale), expected[locale][kind]);
      });
    }
  }

  test('when a time is written, then the zone is named once, never inside a range, and 星期 and 周 are never mixed', () => {
    for (const locale of Object.keys(expected) as Locale[]) {
      for (const text of Object.values(expected[locale])) {
        assert.doesNotMatch(text, /GMT|UTC[+-]/, text);
        assert.ok(!(text.includes('星期') && /周[一二三四五六日]/.test(text)), text);
      }
    }
  });

  test('when an event is in Beijing time and the reader is elsewhere, then it says 北京时间 (not “China Standard Time”)', () => {
    assert.deepEqual((['zh', 'en', 'ko', 'ja'] as const).map((l) => zoneLabel(SHANGHAI, l, start, 'Asia/Tokyo')), ['北京时间', 'Beijing time', '베이징 시간', '北京時間']);
    assert.equal(zoneLabel(SHANGHAI, 'zh', start, SHANGHAI), '', 'the reader’s own zone is not named');
    assert.equal(formatDateTime(start, 'Asia/Tokyo', 'zh'), '2026年12月28日（星期一）10:30（日本标准时间）');
    assert.equal(formatDateTime(start, 'Asia/Chongqing', 'zh'), '2026年12月28日（星期一）09:30', 'a link of Asia/Shanghai is the reader’s zone');
  });

  test('when an instant goes into a spreadsheet, then it is the event’s local time with its offset, not bare UTC', () => {
    assert.equal(formatSpreadsheetDateTime(start, SHANGHAI), '2026-12-28 09:30 +08:00');
    assert.equal(formatSpreadsheetDateTime(start, NEW_YORK), '2026-12-27 20:30 -05:00');
    assert.equal(formatSpreadsheetDateTime(null, SHANGHAI), '');
  });
});
