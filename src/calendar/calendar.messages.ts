import { defineMessages } from '../web/i18n.js';

/** The calendar subscription page. */
export const calendarMessages = defineMessages({
  en: {
    'calendar.title': 'Calendar subscription',
    'calendar.intro': 'Subscribe from Outlook, Google Calendar or Apple Calendar to see every scheduled event. The link is personal and secret: anyone who has it can read the feed.',
    'calendar.create': 'Create a subscription link',
    'calendar.replace': 'Replace the link',
    'calendar.replaceHint': 'A new link stops the old one from working.',
    'calendar.newUrl': 'Your subscription link (copy it now; it will not be shown again):',
    'calendar.hasLink': 'You have a subscription link.',
    'calendar.noLink': 'You have no subscription link yet.',
    'calendar.revoke': 'Stop the link',
    'calendar.revoked': 'The subscription link no longer works.',
  },
  zh: {
    'calendar.title': '日历订阅',
    'calendar.intro': '在 Outlook、Google 日历或苹果日历中订阅，即可看到所有已排定的会议。此链接为个人专用且需保密：持有链接的任何人都能读取。',
    'calendar.create': '生成订阅链接',
    'calendar.replace': '更换链接',
    'calendar.replaceHint': '生成新链接后，旧链接即失效。',
    'calendar.newUrl': '您的订阅链接（请立即复制，之后不会再显示）：',
    'calendar.hasLink': '您已有一个订阅链接。',
    'calendar.noLink': '您还没有订阅链接。',
    'calendar.revoke': '停用链接',
    'calendar.revoked': '订阅链接已停用。',
  },
});
