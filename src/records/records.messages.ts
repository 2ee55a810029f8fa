import { defineMessages } from '../web/i18n.js';
import { exportMessages } from './export.messages.js';
import { followUpMessages } from './followup.messages.js';
import { newsMessages } from './news.messages.js';
import { reportsMessages } from './reports.messages.js';

/** What stays of an event: exported minutes, the follow-up, the news summary, reports across the series. */
export const recordsMessages = defineMessages({
  en: { ...exportMessages.en, ...followUpMessages.en, ...newsMessages.en, ...reportsMessages.en },
  zh: { ...exportMessages.zh, ...followUpMessages.zh, ...newsMessages.zh, ...reportsMessages.zh },
  ko: { ...exportMessages.ko, ...followUpMessages.ko, ...newsMessages.ko },
  ja: { ...exportMessages.ja, ...followUpMessages.ja, ...newsMessages.ja },
});
